// Exact bytes of a file on either side of a diff, straight from git (not through src/).
import { execFileSync } from 'node:child_process';
import type { FileDiff } from '../../../src/types.js';
import { GIT_ENV } from '../../helpers/gitRepo.js';
import { applyHunks } from './applyHunks.js';

function gitBytes(dir: string, args: string[]): Buffer {
  return execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV }, maxBuffer: 1 << 30 });
}

/** Bytes of `path` at `rev` (`:0` for the index), or null when absent. */
export function blobAt(dir: string, rev: string, path: string): Buffer | null {
  try {
    gitBytes(dir, ['cat-file', '-e', `${rev}:${path}`]);
  } catch {
    return null;
  }
  return gitBytes(dir, ['cat-file', 'blob', `${rev}:${path}`]);
}

/**
 * For every text file with hunks (or an empty add/delete), rebuild the new side from the old side
 * plus the hunks and compare byte for byte. Returns the paths checked.
 */
export function expectRebuildsExactly(dir: string, base: string, head: string, files: FileDiff[]): string[] {
  const checked: string[] = [];
  for (const file of files) {
    if (file.skipped || file.kind === 'binary' || file.kind === 'submodule') continue;
    const before = file.oldPath === null ? null : blobAt(dir, base, file.oldPath);
    const after = file.newPath === null ? Buffer.alloc(0) : blobAt(dir, head, file.newPath);
    const rebuilt = applyHunks(before, file);
    if (!after || !rebuilt.equals(after)) {
      throw new Error(
        `rebuilt ${JSON.stringify(file.path)} differs from the real new side (${rebuilt.length} vs ${after?.length} bytes)`,
      );
    }
    checked.push(file.path);
  }
  return checked;
}
