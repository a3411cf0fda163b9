// Hunks that repeat a change made in another file of the same diff: the built, bundled, transpiled or
// vendored copies a package ships next to its source (lib/x.js and dist/cjs/x.js, dist/esm/x.js,
// browser/x.js…). The change is reviewed once, in its most source-like file; its copies need no model.
// Pure and linear in the size of the diff.
import type { FileDiff, Hunk } from '../types.js';

/** A hunk needs at least this many substantive changed lines to count as a copy (a one-liner can coincide). */
export const COPY_MIN_LINES = 3;
/** Share of the hunk's substantive changed lines that must appear in a more source-like file. */
export const COPY_MIN_SHARE = 0.9;
/** A copy may add at most this many changed lines of its own: more is new code, routed on its merits. */
export const COPY_MAX_OWN_LINES = 10;
/** Shorter normalised lines (`}`, `});`, `return;`) are everywhere and prove nothing. */
const MIN_LINE_CHARS = 8;
const MAX_LINE_CHARS = 1000;

export interface CopyOf {
  /** The most source-like file holding most of the hunk's changed lines. */
  path: string;
  /** Substantive changed lines of the hunk, and how many of them the other files hold. */
  lines: number;
  covered: number;
}

/** Folder names that are build output on their own: bundles, transpiled module flavours, minified and vendored copies. */
const BUILD_FOLDER =
  /^(?:dist|build|builds|bundles?|out|browser|browser_build|umd|amd|cjs|commonjs|esm\d*|es|es\d{1,4}|fesm\d*|min|cdn|packed|vendor|lib-cov)$/i;
/** Words that make a compound folder name build output: `client-dist`, `dist.es2015`, `lib.esm`, `build_cjs`. */
const BUILD_WORD = /^(?:dist|build|builds|bundles?|umd|amd|cjs|commonjs|esm\d*|es\d{1,4}|fesm\d*)$/i;

/** Whether a folder name (one path segment) names build output, alone or as a word of a compound name. */
export function isBuildFolder(name: string): boolean {
  return BUILD_FOLDER.test(name) || name.split(/[-_.]+/).some((word) => BUILD_WORD.test(word));
}

/** Whether any folder on the path (not the file name) holds build output. */
function inBuildFolder(path: string): boolean {
  const folders = path.split('/').slice(0, -1);
  return folders.some(isBuildFolder);
}

const BROWSER_FLAVOUR =
  /(?:^|[/._-])(?:browser|amd|umd|esm|es|es\d{1,4}|module|mjs|slim|web|bundle)(?:[/._-]|$)/i;
const NODE_FLAVOUR = /(?:^|[/._-])(?:cjs|commonjs|node)(?:[/._-]|$)/i;
const MINIFIED_NAME = /[.-]min\.[cm]?js$/i;

/**
 * How far a path looks from hand-written source: 0 for source, 1–3 for build output, where the CommonJS/Node
 * build (what `require` loads) ranks before browser, AMD, UMD and ESM flavours; minified names rank last.
 */
export function buildRank(path: string): number {
  let rank = 0;
  if (inBuildFolder(path)) {
    rank = 2;
    if (BROWSER_FLAVOUR.test(path)) rank += 1;
    if (NODE_FLAVOUR.test(path)) rank -= 1;
  }
  if (MINIFIED_NAME.test(path)) rank += 3;
  return rank;
}

/** The identity of a changed line across copies: its side and its text without any whitespace. */
function lineKey(kind: 'add' | 'del', text: string): string | null {
  const key = text.slice(0, MAX_LINE_CHARS).replace(/\s+/g, '');
  return key.length >= MIN_LINE_CHARS ? `${kind === 'add' ? '+' : '-'}${key}` : null;
}

function keysOf(hunk: Hunk): string[] {
  const keys: string[] = [];
  for (const line of hunk.lines) {
    if (line.kind === 'ctx') continue;
    const key = lineKey(line.kind, line.text);
    if (key) keys.push(key);
  }
  return keys;
}

/** Files from most to least source-like: build rank, then the file with more changes (the aggregate), then path. */
function sourceOrder(files: readonly FileDiff[]): FileDiff[] {
  return [...files].sort(
    (a, b) =>
      buildRank(a.path) - buildRank(b.path) ||
      b.added + b.deleted - (a.added + a.deleted) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}

/**
 * Every hunk whose substantive changed lines (at least COPY_MIN_LINES, COPY_MIN_SHARE of them, with at most
 * COPY_MAX_OWN_LINES of its own) already appear among the changed lines of a more source-like file.
 * `files` are the files whose hunks will be reviewed; a copy points at one of them.
 */
export function findCopies(files: readonly FileDiff[]): Map<Hunk, CopyOf> {
  const copies = new Map<Hunk, CopyOf>();
  const ordered = sourceOrder(files);
  const ranks = ordered.map((f) => buildRank(f.path));
  // A copy needs a more source-like original: with every file at one rank there is none to look for.
  if (ranks.length < 2 || ranks[0] === ranks[ranks.length - 1]) return copies;
  const keys = new Map<Hunk, string[]>();
  /** Each changed line → the position (in source order) of the first file that changes it. */
  const firstFile = new Map<string, number>();
  const maxRank = ranks[ranks.length - 1]!;
  ordered.forEach((file, index) => {
    for (const hunk of file.hunks) {
      const hunkKeys = keysOf(hunk);
      keys.set(hunk, hunkKeys);
      if (ranks[index] === maxRank) continue; // nothing ranks after it: it is never anyone's original
      for (const key of hunkKeys) if (!firstFile.has(key)) firstFile.set(key, index);
    }
  });
  ordered.forEach((file, index) => {
    const rank = ranks[index]!;
    if (rank === ranks[0]) return;
    for (const hunk of file.hunks) {
      const hunkKeys = keys.get(hunk)!;
      if (hunkKeys.length < COPY_MIN_LINES) continue;
      // Only a file that ranks as more source-like can be the original: between equals both are reviewed.
      const sources: number[] = [];
      for (const key of hunkKeys) {
        const at = firstFile.get(key);
        if (at !== undefined && ranks[at]! < rank) sources.push(at);
      }
      const own = hunkKeys.length - sources.length;
      if (sources.length / hunkKeys.length < COPY_MIN_SHARE || own > COPY_MAX_OWN_LINES) continue;
      copies.set(hunk, {
        path: ordered[mostCommon(sources)]!.path,
        lines: hunkKeys.length,
        covered: sources.length,
      });
    }
  });
  return copies;
}

function mostCommon(values: readonly number[]): number {
  const counts = new Map<number, number>();
  let best = values[0]!;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > counts.get(best)! || (n === counts.get(best)! && v < best)) best = v;
  }
  return best;
}
