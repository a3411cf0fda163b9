// Which lines a host accepts a line comment on: those inside a hunk of the file's diff in the change
// request, read from the per-file patches the host serves (the same diff it validates comments against).
import { buildDiffIndex, type DiffIndex, indexHunks } from '../diff/diffIndex.js';
import { parseHunks } from '../diff/parse.js';
import type { FileDiff, Hunk } from '../types.js';

/** One file of the change request with its hunk-only patch (no file headers), as the host serves it. */
export interface ChangedFile {
  path: string;
  /** The name before a rename; null otherwise. */
  previousPath: string | null;
  /** Null for binary files and diffs the host considers too large. */
  patch: string | null;
}

export interface ChangeRequestDiff {
  /** Every file the change request touches, by its current name. */
  paths: Set<string>;
  /** Renamed files' old names → new names, so findings keep up with the rename. */
  renamedFrom: Map<string, string>;
  /** The hunks the host validates comments against, by current name. */
  index: DiffIndex;
}

/** The hunks of a hunk-only patch (no file headers), read by the diff parser; named after `path`. */
export function hunksOfPatch(path: string, patch: string): Hunk[] {
  const lines = patch.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return parseHunks(lines, 0, path);
}

export function indexChangedFiles(files: readonly ChangedFile[]): ChangeRequestDiff {
  const diff = { paths: new Set<string>(), renamedFrom: new Map<string, string>() };
  const hunks: Hunk[] = [];
  for (const file of files) {
    diff.paths.add(file.path);
    if (file.previousPath) diff.renamedFrom.set(file.previousPath, file.path);
    if (file.patch) hunks.push(...hunksOfPatch(file.path, file.patch));
  }
  return { ...diff, index: indexHunks(hunks) };
}

/**
 * True when the host will accept a new-side comment on `start..end`: both ends in the same hunk (a
 * multi-line comment may not span hunks). Mirrors GitHub's "must be part of the diff" check.
 */
export function canComment(diff: ChangeRequestDiff, path: string, start: number, end: number): boolean {
  return start <= end && diff.index.sameHunk(path, start, end);
}

/** The same index from locally parsed FileDiffs, when the change request's files cannot be read from the host. */
export function indexFileDiffs(files: readonly FileDiff[]): ChangeRequestDiff {
  const diff = { paths: new Set<string>(), renamedFrom: new Map<string, string>() };
  for (const file of files) {
    diff.paths.add(file.path);
    if (file.oldPath && file.newPath && file.oldPath !== file.newPath)
      diff.renamedFrom.set(file.oldPath, file.newPath);
  }
  return { ...diff, index: buildDiffIndex(files) };
}
