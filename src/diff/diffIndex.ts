// Lookups from (path, new-side line) into the diff, built once per review. Pure.
// Anchoring and the GitHub reporter ask "is this line in the diff, and in which hunk?" (reviewdog filter).
import type { DiffLine, FileDiff, Hunk } from '../types.js';

export interface DiffIndex {
  file(path: string): FileDiff | undefined;
  /** 'add' or 'ctx' for a new-side line shown in the diff; null when the diff does not show it. */
  lineKind(path: string, newLine: number): 'add' | 'ctx' | null;
  /** The line itself, when the diff shows it. */
  lineAt(path: string, newLine: number): DiffLine | null;
  /** The hunk whose new-side range holds `newLine`. */
  hunkAt(path: string, newLine: number): Hunk | null;
  /** The hunk whose old-side range holds `oldLine` (for findings about deleted lines). */
  hunkAtOld(path: string, oldLine: number): Hunk | null;
  inHunk(path: string, newLine: number): boolean;
  /** Both new-side lines fall in one hunk: a multi-line comment may span them. */
  sameHunk(path: string, a: number, b: number): boolean;
}

interface FileEntry {
  file: FileDiff;
  byNew: Hunk[];
  byOld: Hunk[];
  lines: Map<number, DiffLine>;
}

export function buildDiffIndex(files: FileDiff[]): DiffIndex {
  const entries = new Map<string, FileEntry>();
  for (const file of files) entries.set(file.path, entryOf(file));
  const hunkAt = (path: string, line: number) => {
    const entry = entries.get(path);
    return entry ? findHunk(entry.byNew, line, (h) => [h.newStart, h.newLines]) : null;
  };
  return {
    file: (path) => entries.get(path)?.file,
    lineAt: (path, line) => entries.get(path)?.lines.get(line) ?? null,
    lineKind: (path, line) => {
      const kind = entries.get(path)?.lines.get(line)?.kind;
      return kind === 'add' || kind === 'ctx' ? kind : null;
    },
    hunkAt,
    hunkAtOld: (path, line) => {
      const entry = entries.get(path);
      return entry ? findHunk(entry.byOld, line, (h) => [h.oldStart, h.oldLines]) : null;
    },
    inHunk: (path, line) => hunkAt(path, line) !== null,
    sameHunk: (path, a, b) => {
      const hunk = hunkAt(path, a);
      return hunk !== null && hunk === hunkAt(path, b);
    },
  };
}

function entryOf(file: FileDiff): FileEntry {
  const lines = new Map<number, DiffLine>();
  for (const hunk of file.hunks)
    for (const line of hunk.lines) if (line.kind !== 'del') lines.set(line.newLine, line);
  const byNew = file.hunks.filter((h) => h.newLines > 0).sort((a, b) => a.newStart - b.newStart);
  const byOld = file.hunks.filter((h) => h.oldLines > 0).sort((a, b) => a.oldStart - b.oldStart);
  return { file, byNew, byOld, lines };
}

/** Binary search over hunks sorted by start; ranges of one side never overlap. */
function findHunk(hunks: Hunk[], line: number, range: (h: Hunk) => [number, number]): Hunk | null {
  let lo = 0;
  let hi = hunks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const hunk = hunks[mid]!;
    const [start, count] = range(hunk);
    if (line < start) hi = mid - 1;
    else if (line >= start + count) lo = mid + 1;
    else return hunk;
  }
  return null;
}
