// Each hunk's secret findings, remembered from the last run: a run over the same staged hunks (a commit retried
// after a block, an amend, a second `review --staged`) reports them without loading secretlint and compiling its
// rules, most of a cached hook run's rule time (bench/hook.mjs). Keyed by the build, which fixes the detector,
// its rules and their sentences, and by the hunk's path, place and lines. A run that scanned something writes
// its hunks first and keeps earlier ones up to MEMO_MAX_HUNKS, so a run over other hunks in between (a range
// review, a run with every file ignored) does not cost the next commit its memo.
// A remembered secret is the same finding: it blocks and is reported as before. Redaction never reads this file:
// review/redact.ts scans whatever text is about to be sent.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretMemo } from '../rules/secretFindings.js';
import type { Finding, Hunk } from '../types.js';
import { BUILD_ID } from '../version.js';
import { writeAtomically } from '../writeAtomically.js';

const MEMO_VERSION = 1;
/** Hunks the file keeps: a few commits' worth, read in well under a millisecond. */
export const MEMO_MAX_HUNKS = 500;
export const SECRET_MEMO_FILE = 'secret-scan.json';

interface StoredMemo {
  v: number;
  build: string;
  hunks: Record<string, Finding[]>;
}

function isFinding(value: unknown): value is Finding {
  const f = value as Partial<Finding> | null;
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.file === 'string' &&
    typeof f.message === 'string' &&
    typeof f.fingerprint === 'string' &&
    typeof f.severity === 'string' &&
    f.source === 'rule' &&
    (f.range === null || (typeof f.range?.start === 'number' && typeof f.range.end === 'number'))
  );
}

function hunkKey(hunk: Hunk): string {
  return createHash('sha256')
    .update(`${hunk.file}\0${hunk.newStart}\0${hunk.hash}`)
    .digest('hex')
    .slice(0, 32);
}

/** The entries of a stored memo made by this build; anything else (another build, a broken file) is empty. */
function readEntries(path: string, build: string): Map<string, Finding[]> {
  const entries = new Map<string, Finding[]>();
  let stored: Partial<StoredMemo>;
  try {
    stored = JSON.parse(readFileSync(path, 'utf8')) as Partial<StoredMemo>;
  } catch {
    return entries;
  }
  if (stored?.v !== MEMO_VERSION || stored.build !== build || typeof stored.hunks !== 'object')
    return entries;
  for (const [key, findings] of Object.entries(stored.hunks ?? {}))
    if (Array.isArray(findings) && findings.every(isFinding)) entries.set(key, findings);
  return entries;
}

export interface SavedSecretMemo extends SecretMemo {
  /** Writes what this run scanned; best effort: a memo that cannot be written costs the next run its speed. */
  save(): void;
}

/**
 * The memo in `<git dir>/hunkwise/secret-scan.json`, or null: only a built hunkwise (tests running from source
 * have no build id) remembers, and only where the caller gives the git directory (the review cache on).
 */
export function openSecretMemo(
  commonDir: string | undefined,
  buildId: string | null = BUILD_ID,
): SavedSecretMemo | null {
  if (!buildId || !commonDir) return null;
  const build = buildId;
  const path = join(commonDir, 'hunkwise', SECRET_MEMO_FILE);
  const known = readEntries(path, build);
  const scanned = new Map<string, Finding[]>();
  return {
    get: (hunk) => known.get(hunkKey(hunk)),
    set(hunk, findings) {
      scanned.set(hunkKey(hunk), [...findings]);
    },
    save() {
      if (scanned.size === 0) return;
      const earlier = [...known].filter(([key]) => !scanned.has(key));
      const kept = [...scanned, ...earlier].slice(0, MEMO_MAX_HUNKS);
      const stored: StoredMemo = { v: MEMO_VERSION, build, hunks: Object.fromEntries(kept) };
      writeAtomically(path, JSON.stringify(stored));
    },
  };
}
