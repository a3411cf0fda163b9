// Which lines GitHub accepts a review comment on: those inside a hunk of the file's pull-request diff,
// read from the `patch` of `GET /pulls/{n}/files` (the same diff GitHub validates against).
// @see https://docs.github.com/rest/pulls/pulls#list-pull-requests-files
import { buildDiffIndex, type DiffIndex, indexHunks } from '../../diff/diffIndex.js';
import { parseHunks } from '../../diff/parse.js';
import type { FileDiff, Hunk } from '../../types.js';

export interface PullRequestFile {
  filename: string;
  status: string;
  previous_filename?: string;
  /** Absent for binary files and diffs GitHub considers too large. */
  patch?: string;
}

export interface PullRequestDiff {
  /** Every file the pull request touches, by its current name. */
  paths: Set<string>;
  /** Renamed files' old names → new names, so findings keep up with the rename. */
  renamedFrom: Map<string, string>;
  /** The hunks GitHub validates comments against, by current name. */
  index: DiffIndex;
}

/** The hunks of a hunk-only patch (no file headers), read by the diff parser; named after `path`. */
export function hunksOfPatch(path: string, patch: string): Hunk[] {
  const lines = patch.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return parseHunks(lines, 0, path);
}

export function indexPullRequestFiles(files: readonly PullRequestFile[]): PullRequestDiff {
  const diff = { paths: new Set<string>(), renamedFrom: new Map<string, string>() };
  const hunks: Hunk[] = [];
  for (const file of files) {
    diff.paths.add(file.filename);
    if (file.previous_filename) diff.renamedFrom.set(file.previous_filename, file.filename);
    if (file.patch) hunks.push(...hunksOfPatch(file.filename, file.patch));
  }
  return { ...diff, index: indexHunks(hunks) };
}

/**
 * True when GitHub will accept a RIGHT-side comment on `start..end`: both ends in the same hunk
 * (a multi-line comment may not span hunks). Mirrors GitHub's "must be part of the diff" check.
 */
export function canComment(diff: PullRequestDiff, path: string, start: number, end: number): boolean {
  return start <= end && diff.index.sameHunk(path, start, end);
}

/** The same index from locally parsed FileDiffs, when the pull request's files cannot be read from GitHub. */
export function indexFileDiffs(files: readonly FileDiff[]): PullRequestDiff {
  const diff = { paths: new Set<string>(), renamedFrom: new Map<string, string>() };
  for (const file of files) {
    diff.paths.add(file.path);
    if (file.oldPath && file.newPath && file.oldPath !== file.newPath)
      diff.renamedFrom.set(file.oldPath, file.newPath);
  }
  return { ...diff, index: buildDiffIndex(files) };
}
