// Validated configs, remembered by the exact text they came from: a commit whose config.yml did not change
// skips the YAML parser and the zod schema, the largest part of the hook's start-up.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_ID } from '../version.js';
import { writeAtomically } from '../writeAtomically.js';
import type { Config } from './schema.js';

interface Validated {
  config: Config;
  warnings: string[];
}

/** `<root>/.git/hunkwise/config`, only for a plain .git directory and a built hunkwise (tests run from source). */
function cacheDir(root: string): string | null {
  if (!BUILD_ID) return null;
  try {
    return statSync(join(root, '.git')).isDirectory() ? join(root, '.git', 'hunkwise', 'config') : null;
  } catch {
    return null;
  }
}

function entryPath(root: string, label: string, text: string | null): string | null {
  const dir = cacheDir(root);
  if (!dir) return null;
  const key = createHash('sha256')
    .update(`${BUILD_ID}\0${label}\0${text ?? '\0defaults'}`)
    .digest('hex');
  return join(dir, `${key.slice(0, 32)}.json`);
}

/** A previous validation of this very text by this very build, or null; unreadable entries are ignored. */
export function readValidated(root: string, label: string, text: string | null): Validated | null {
  const path = entryPath(root, label, text);
  if (!path) return null;
  try {
    const entry = JSON.parse(readFileSync(path, 'utf8')) as Partial<Validated>;
    return entry && typeof entry.config === 'object' && Array.isArray(entry.warnings)
      ? (entry as Validated)
      : null;
  } catch {
    return null;
  }
}

/** Best effort: a cache that cannot be written only costs the next run the validation. */
export function writeValidated(root: string, label: string, text: string | null, value: Validated): void {
  const path = entryPath(root, label, text);
  if (path) writeAtomically(path, JSON.stringify(value));
}
