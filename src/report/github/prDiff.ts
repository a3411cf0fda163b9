// Which lines GitHub accepts a review comment on: those inside a hunk of the file's pull-request diff,
// read from the `patch` of `GET /pulls/{n}/files` (the same diff GitHub validates against).
// @see https://docs.github.com/rest/pulls/pulls#list-pull-requests-files
import type { FileDiff } from '../../types.js';

export interface PullRequestFile {
  filename: string;
  status: string;
  previous_filename?: string;
  /** Absent for binary files and diffs GitHub considers too large. */
  patch?: string;
}

/** New-side (RIGHT) line numbers of one hunk: context and added lines. */
interface RightHunk {
  start: number;
  end: number;
  lines: Set<number>;
}

export interface PullRequestDiff {
  /** Every file the pull request touches, by its current name. */
  paths: Set<string>;
  /** Renamed files' old names → new names, so findings keep up with the rename. */
  renamedFrom: Map<string, string>;
  hunks: Map<string, RightHunk[]>;
}

const HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** Parses a hunk-only patch (no file headers) into the RIGHT-side lines of each hunk. */
export function rightHunksOf(patch: string): RightHunk[] {
  const hunks: RightHunk[] = [];
  let current: RightHunk | null = null;
  let next = 0;
  for (const line of patch.split('\n')) {
    const header = HEADER.exec(line);
    if (header) {
      next = Number(header[1]);
      current = { start: next, end: next - 1, lines: new Set() };
      hunks.push(current);
    } else if (current && (line[0] === '+' || line[0] === ' ')) {
      current.lines.add(next);
      current.end = next;
      next += 1;
    }
    // '-' lines exist only on the LEFT side; '\\ No newline at end of file' is not a line.
  }
  return hunks;
}

export function indexPullRequestFiles(files: readonly PullRequestFile[]): PullRequestDiff {
  const diff: PullRequestDiff = { paths: new Set(), renamedFrom: new Map(), hunks: new Map() };
  for (const file of files) {
    diff.paths.add(file.filename);
    if (file.previous_filename) diff.renamedFrom.set(file.previous_filename, file.filename);
    diff.hunks.set(file.filename, file.patch ? rightHunksOf(stripFinalNewline(file.patch)) : []);
  }
  return diff;
}

function stripFinalNewline(patch: string): string {
  return patch.endsWith('\n') ? patch.slice(0, -1) : patch;
}

/**
 * True when GitHub will accept a RIGHT-side comment on `start..end`: both ends in the same hunk
 * (a multi-line comment may not span hunks). Mirrors GitHub's "must be part of the diff" check.
 */
export function canComment(diff: PullRequestDiff, path: string, start: number, end: number): boolean {
  if (start > end) return false;
  return (diff.hunks.get(path) ?? []).some((hunk) => hunk.lines.has(start) && hunk.lines.has(end));
}

/** The same index from locally parsed FileDiffs, when the pull request's files cannot be read from GitHub. */
export function indexFileDiffs(files: readonly FileDiff[]): PullRequestDiff {
  const diff: PullRequestDiff = { paths: new Set(), renamedFrom: new Map(), hunks: new Map() };
  for (const file of files) {
    diff.paths.add(file.path);
    if (file.oldPath && file.newPath && file.oldPath !== file.newPath)
      diff.renamedFrom.set(file.oldPath, file.newPath);
    diff.hunks.set(
      file.path,
      file.hunks.map((hunk) => {
        const lines = new Set<number>();
        for (const line of hunk.lines) if (line.kind !== 'del') lines.add(line.newLine);
        return { start: hunk.newStart, end: hunk.newStart + Math.max(hunk.newLines, 1) - 1, lines };
      }),
    );
  }
  return diff;
}
