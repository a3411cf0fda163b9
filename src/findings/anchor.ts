// Turns model candidates into Findings tied to the hunks the model was shown. Small models are bad at line
// arithmetic, so the quoted code decides the line first and the model's number second.
import { type DiffIndex, indexHunks } from '../diff/diffIndex.js';
import { escapeName } from '../text/controls.js';
import type { DiffLine, Finding, Hunk } from '../types.js';
import type { ModelCategory, RoleName, Severity } from '../vocabulary.js';
import { fingerprintOf } from './fingerprint.js';

/** One finding as a model proposes it, already shape-checked (review/findingSchema.ts); its place is not. */
export interface FindingCandidate {
  file: string;
  line: number;
  end_line?: number | undefined;
  severity: Severity;
  category: ModelCategory;
  message: string;
  quote?: string | undefined;
  suggestion?: string | undefined;
}

export interface AnchorOptions {
  /** The role's name as finding sources spell it. */
  source: RoleName;
  /** Model id, recorded as the finding's origin. */
  origin: string;
}

/** What anchoring had to correct or give up on. */
export interface AnchorRepairs {
  /** Findings whose line was corrected by anchoring on their quote. */
  reanchored: number;
  /** Findings kept at file level because neither quote nor line matched a hunk. */
  fileLevel: number;
  /** Findings dropped: about a file that was not in the request. */
  dropped: number;
}

export interface AnchorResult {
  findings: Finding[];
  repairs: AnchorRepairs;
}

type Range = { start: number; end: number };

/** A hunk's new-side lines joined as text, with where each line starts, for substring search. */
interface SearchText {
  text: string;
  lineStarts: number[];
  lineNumbers: number[];
}

function searchTextOf(hunk: Hunk): SearchText {
  const lineStarts: number[] = [];
  const lineNumbers: number[] = [];
  const texts: string[] = [];
  let offset = 0;
  for (const line of hunk.lines) {
    if (line.kind === 'del') continue;
    lineStarts.push(offset);
    lineNumbers.push(line.newLine);
    texts.push(line.text);
    offset += line.text.length + 1;
  }
  return { text: texts.join('\n'), lineStarts, lineNumbers };
}

type Mode = 'exact' | 'collapsed' | 'stripped';

/** Normalises `text` for a search mode and keeps, for every output char, its index in the input. */
function normalise(text: string, mode: Mode): { text: string; map: number[] } {
  if (mode === 'exact') return { text, map: Array.from(text, (_, i) => i) };
  let out = '';
  const map: number[] = [];
  let pendingSpace = -1;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (mode === 'collapsed' && pendingSpace < 0 && out.length > 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0) {
      out += ' ';
      map.push(pendingSpace);
      pendingSpace = -1;
    }
    out += ch;
    map.push(i);
  }
  return { text: out, map };
}

function lineIndexAt(search: SearchText, offset: number): number {
  let index = 0;
  while (index + 1 < search.lineStarts.length && search.lineStarts[index + 1]! <= offset) index += 1;
  return index;
}

/** Every place `quote` occurs in the hunk's new side under `mode`, as new-side line ranges. */
function matchesIn(search: SearchText, quote: string, mode: Mode): Range[] {
  const haystack = normalise(search.text, mode);
  const needle = normalise(quote, mode).text;
  if (needle.length === 0) return [];
  const ranges: Range[] = [];
  for (let at = haystack.text.indexOf(needle); at >= 0; at = haystack.text.indexOf(needle, at + 1)) {
    const first = lineIndexAt(search, haystack.map[at]!);
    const last = lineIndexAt(search, haystack.map[at + needle.length - 1]!);
    ranges.push({ start: search.lineNumbers[first]!, end: search.lineNumbers[last]! });
  }
  return ranges;
}

/** Models sometimes copy the prompt's gutter (`  12 + code`) into the quote; strip it when every line has one. */
function stripGutter(quote: string): string {
  const lines = quote.split('\n');
  const gutter = /^\s*\d*\s[+ -] /;
  if (!lines.every((line) => line.trim() === '' || gutter.test(line))) return quote;
  return lines.map((line) => line.replace(gutter, '')).join('\n');
}

/** Quotes shorter than this (after removing whitespace) match too much to say anything, e.g. `}`. */
const MIN_QUOTE_CHARS = 3;

function distance(range: Range, line: number): number {
  if (line < range.start) return range.start - line;
  if (line > range.end) return line - range.end;
  return 0;
}

function rangeByQuote(hunks: readonly Hunk[], quote: string, line: number): Range | null {
  const clean = stripGutter(quote).replace(/^\n+|\n+$/g, '');
  if (normalise(clean, 'stripped').text.length < MIN_QUOTE_CHARS) return null;
  const searches = hunks.map(searchTextOf);
  for (const mode of ['exact', 'collapsed', 'stripped'] as const) {
    const needle = mode === 'exact' ? clean : clean.trim();
    const ranges = searches.flatMap((search) => matchesIn(search, needle, mode));
    if (ranges.length > 0)
      return ranges.reduce((best, r) => (distance(r, line) < distance(best, line) ? r : best));
  }
  return null;
}

/** The nearest new-side line to a removed line the quote names: where a finding about deleted code goes. */
function rangeByDeletedQuote(hunks: readonly Hunk[], quote: string): Range | null {
  const needle = normalise(stripGutter(quote).trim(), 'stripped').text;
  if (needle.length < MIN_QUOTE_CHARS || needle.includes('\n')) return null;
  for (const hunk of hunks) {
    const index = hunk.lines.findIndex(
      (l) => l.kind === 'del' && normalise(l.text, 'stripped').text.includes(needle),
    );
    if (index < 0) continue;
    const newSide = (l: DiffLine): l is Exclude<DiffLine, { kind: 'del' }> => l.kind !== 'del';
    const target = hunk.lines.slice(index).find(newSide) ?? hunk.lines.slice(0, index).findLast(newSide);
    if (target) return { start: target.newLine, end: target.newLine };
  }
  return null;
}

/** The model's own line numbers, if they name new-side lines of one given hunk. */
function rangeByLine(
  index: DiffIndex,
  file: string,
  line: number,
  endLine: number | undefined,
): Range | null {
  if (!index.inHunk(file, line)) return null;
  const end =
    endLine !== undefined && endLine >= line && index.sameHunk(file, line, endLine) ? endLine : line;
  return { start: line, end };
}

/** A JSON string literal's value (a model copying a quoted name with its quotes); null for anything else. */
function unquoted(file: string): string | null {
  if (!/^".*"$/s.test(file)) return null;
  try {
    const value: unknown = JSON.parse(file);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/**
 * `./src/a.ts`, `b/src/a.ts` and `a/src/a.ts` all mean `src/a.ts` when that is a requested file. A name the
 * prompt showed escaped (a line break in it, say) is also understood as the model may copy it: escaped.
 */
function resolveFile(file: string, index: DiffIndex, escaped: ReadonlyMap<string, string>): string | null {
  const names = [file, unquoted(file)].filter((n): n is string => n !== null);
  const candidates = names.flatMap((n) => [
    n,
    n.replace(/^\.\//, ''),
    n.replace(/^[ab]\//, ''),
    n.replace(/^\/+/, ''),
  ]);
  for (const c of candidates) {
    if (index.hasFile(c)) return c;
    const real = escaped.get(c);
    if (real !== undefined) return real;
  }
  return null;
}

function toFinding(
  candidate: FindingCandidate,
  file: string,
  range: Range | null,
  options: AnchorOptions,
): Finding {
  const quote = candidate.quote?.trim() ? candidate.quote : undefined;
  return {
    file,
    range,
    severity: candidate.severity,
    category: candidate.category,
    message: candidate.message,
    ...(quote !== undefined ? { quote } : {}),
    ...(candidate.suggestion !== undefined ? { suggestion: candidate.suggestion } : {}),
    source: options.source,
    origin: options.origin,
    fingerprint: fingerprintOf({ file, category: candidate.category, quote, message: candidate.message }),
  };
}

/** Places one candidate: quote first, then line number, else file level. Null: about a file not asked about. */
function placeCandidate(
  candidate: FindingCandidate,
  index: DiffIndex,
  escaped: ReadonlyMap<string, string>,
): { file: string; range: Range | null; reanchored: boolean } | null {
  const file = resolveFile(candidate.file, index, escaped);
  if (file === null) return null;
  const ofFile = index.hunksOf(file);
  const given: Range = {
    start: candidate.line,
    end: Math.max(candidate.line, candidate.end_line ?? candidate.line),
  };
  const byQuote = candidate.quote
    ? (rangeByQuote(ofFile, candidate.quote, candidate.line) ?? rangeByDeletedQuote(ofFile, candidate.quote))
    : null;
  if (byQuote) return { file, range: byQuote, reanchored: byQuote.start !== given.start };
  const byLine = rangeByLine(index, file, candidate.line, candidate.end_line);
  return { file, range: byLine, reanchored: false };
}

export function anchorFindings(
  candidates: readonly FindingCandidate[],
  hunks: readonly Hunk[],
  options: AnchorOptions,
): AnchorResult {
  const index = indexHunks(hunks);
  const escaped = new Map(
    hunks.filter((h) => escapeName(h.file) !== h.file).map((h) => [escapeName(h.file), h.file]),
  );
  const repairs: AnchorRepairs = { reanchored: 0, fileLevel: 0, dropped: 0 };
  const findings: Finding[] = [];
  for (const candidate of candidates) {
    const placed = placeCandidate(candidate, index, escaped);
    if (!placed) {
      repairs.dropped += 1;
      continue;
    }
    if (placed.reanchored) repairs.reanchored += 1;
    if (!placed.range) repairs.fileLevel += 1;
    findings.push(toFinding(candidate, placed.file, placed.range, options));
  }
  return { findings, repairs };
}
