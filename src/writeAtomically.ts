// hunkwise's own state files (caches, memos, marks, the last run) are written whole or not at all.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes `text` to `path` through a temp file and a rename, so a concurrent reader never sees half a file.
 * Best effort: returns false when the folder or the file cannot be written (the caller only loses its speed-up).
 */
export function writeAtomically(path: string, text: string): boolean {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, text);
    renameSync(temp, path);
    return true;
  } catch {
    return false;
  }
}
