// The one answer to "where is this line in the diff?": lookups from (path, line) into the hunks, built once
// per set of hunks. Anchoring, placement, caching per hunk, verification and the pull-request carry-over all
// ask it (reviewdog's filter does the same). Pure.
import type { DiffLine, FileDiff, Hunk } from '../types.js';

export interface DiffIndex {
  /** Whether the index has the file at all (a skipped file with no hunks counts). */
  hasFile(path: string): boolean;
  /** The FileDiff, when the index was built from files. */
  file(path: string): FileDiff | undefined;
  /** The file's hunks, in diff order. */
  hunksOf(path: string): readonly Hunk[];
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
  /** Does the change rewrite any old-side line start..end, or insert lines between them? */
  touchesOld(path: string, start: number, end: number): boolean;
  /** Where an old-side line the change did not touch sits on the new side: shifted by every hunk before it. */
  newLineOf(path: string, oldLine: number): number;
}

interface FileEntry {
  file: FileDiff | undefined;
  hunks: Hunk[];
  byNew: Hunk[];
  byOld: Hunk[];
  lines: Map<number, DiffLine>;
}

/**
 * Indexes files by `keyOf` (their reporting path by default; the pull-request carry-over keys them by
 * their old path, since earlier findings name the file as it was).
 */
export function buildDiffIndex(
  files: readonly FileDiff[],
  keyOf: (file: FileDiff) => string = (file) => file.path,
): DiffIndex {
  return indexOf(new Map(files.map((file) => [keyOf(file), entryOf(file.hunks, file)])));
}

/** An index over loose hunks (those of one request), keyed by `Hunk.file`. */
export function indexHunks(hunks: readonly Hunk[]): DiffIndex {
  const byFile = new Map<string, Hunk[]>();
  for (const hunk of hunks) byFile.set(hunk.file, [...(byFile.get(hunk.file) ?? []), hunk]);
  return indexOf(new Map([...byFile].map(([path, of]) => [path, entryOf(of, undefined)])));
}

function indexOf(entries: Map<string, FileEntry>): DiffIndex {
  const hunkAt = (path: string, line: number) => {
    const entry = entries.get(path);
    return entry ? findHunk(entry.byNew, line, (h) => [h.newStart, h.newLines]) : null;
  };
  return {
    hasFile: (path) => entries.has(path),
    file: (path) => entries.get(path)?.file,
    hunksOf: (path) => entries.get(path)?.hunks ?? [],
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
    touchesOld: (path, start, end) => (entries.get(path)?.hunks ?? []).some((h) => touches(h, start, end)),
    newLineOf: (path, line) => shiftLine(line, entries.get(path)?.hunks ?? []),
  };
}

function entryOf(hunks: readonly Hunk[], file: FileDiff | undefined): FileEntry {
  const lines = new Map<number, DiffLine>();
  for (const hunk of hunks)
    for (const line of hunk.lines) if (line.kind !== 'del') lines.set(line.newLine, line);
  const byNew = hunks.filter((h) => h.newLines > 0).sort((a, b) => a.newStart - b.newStart);
  const byOld = hunks.filter((h) => h.oldLines > 0).sort((a, b) => a.oldStart - b.oldStart);
  return { file, hunks: [...hunks], byNew, byOld, lines };
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

/** A pure insertion (`-n,0`) sits after old line n: it touches start..end when it lands inside it. */
function touches(hunk: Hunk, start: number, end: number): boolean {
  if (hunk.oldLines === 0) return hunk.oldStart >= start && hunk.oldStart < end;
  const last = hunk.oldStart + hunk.oldLines - 1;
  return hunk.oldStart <= end && last >= start;
}

function shiftLine(line: number, hunks: readonly Hunk[]): number {
  let delta = 0;
  for (const hunk of hunks) {
    const before = hunk.oldLines === 0 ? hunk.oldStart < line : hunk.oldStart + hunk.oldLines - 1 < line;
    if (before) delta += hunk.newLines - hunk.oldLines;
  }
  return line + delta;
}
