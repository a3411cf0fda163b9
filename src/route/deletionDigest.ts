// A file deleted whole is sent as a digest, not as its text: what a reviewer needs of a deletion is what
// the file was (path, size, its first lines and declarations), what depended on it (references elsewhere
// in the change) and what protection left with it (removed lines the security signals flag). Pure.
import { routeMessages } from '../messages/route.js';
import type { LinearRegex } from '../rules/linearRegex.js';
import type { DiffLine, FileDiff, Hunk } from '../types.js';
import { CONTENT_FACTOR, classifyFile } from './pathSignals.js';
import { CONTENT_SIGNALS, type HunkView } from './securitySignals.js';
import { estimateTokens } from './tokens.js';

/** A deleted file costs at most this many estimated tokens, however long it was. */
export const DELETION_MAX_TOKENS = 1000;
/** Characters each sent line gains in the prompt (line-number gutter): kept within the cap too. */
const GUTTER_CHARS = 8;
const HEAD_LINES = 8;
const MAX_LINE_CHARS = 240;
const MAX_REFERENCES = 6;

/** Top-level declarations and exports: the file's surface that other code may have used. */
const SURFACE =
  /^(?:export\b|module\.exports\b|exports\.[\w$]+\s*=|(?:async\s+)?function\b|class\b|def\b|func\b|(?:pub\s+)?fn\b|interface\b|type\s+\w+|#{1,3}\s)/;

type DeletedLine = Extract<DiffLine, { kind: 'del' }>;

export interface DigestOptions {
  /** Every file of the change, to find what refers to the deleted one. */
  files: readonly FileDiff[];
  /** routing.security_patterns: a removed line matching one is always kept. */
  patterns: readonly LinearRegex[];
  /** The route's estimate of a hunk, so that the digest is measured the way it is planned and sent. */
  measure: (hunk: Hunk) => number;
}

/** The whole content of a deleted text file, in one hunk. */
export function isWholeDeletion(file: FileDiff, hunk: Hunk): boolean {
  return file.status === 'deleted' && file.kind === 'text' && hunk.newLines === 0 && hunk.oldStart <= 1;
}

/**
 * The hunk to send for a whole-file deletion: itself when it fits DELETION_MAX_TOKENS, else the same hunk
 * (same hash and ranges) holding only the lines worth reading, with a one-line summary as its section.
 */
export function digestDeletion(file: FileDiff, hunk: Hunk, options: DigestOptions): Hunk {
  if (!isWholeDeletion(file, hunk) || fits(hunk, options.measure)) return hunk;
  const deleted = hunk.lines.filter((l): l is DeletedLine => l.kind === 'del');
  const references = referencesTo(file.path, options.files);
  const wanted = [...securityLines(file.path, deleted, options.patterns), ...deleted.slice(0, HEAD_LINES)];
  wanted.push(...deleted.filter((l) => SURFACE.test(l.text)));
  const kept = new Set<DeletedLine>();
  let digest = withLines(hunk, deleted, kept, references);
  for (const line of wanted) {
    if (kept.has(line)) continue;
    kept.add(line);
    const next = withLines(hunk, deleted, kept, references);
    if (!fits(next, options.measure)) {
      kept.delete(line);
      break;
    }
    digest = next;
  }
  return digest;
}

function fits(hunk: Hunk, measure: (hunk: Hunk) => number): boolean {
  const gutter = estimateTokens(' '.repeat(hunk.lines.length * GUTTER_CHARS));
  return measure(hunk) + gutter <= DELETION_MAX_TOKENS;
}

function withLines(hunk: Hunk, deleted: DeletedLine[], kept: Set<DeletedLine>, references: string[]): Hunk {
  const lines = deleted.filter((l) => kept.has(l)).map(shorten);
  const bytes = deleted.reduce((n, l) => n + Buffer.byteLength(l.text) + 1, 0);
  const section = routeMessages.deletionDigest(deleted.length, bytes, lines.length, references);
  return { ...hunk, section, lines };
}

function shorten(line: DeletedLine): DeletedLine {
  return line.text.length <= MAX_LINE_CHARS
    ? line
    : { ...line, text: `${line.text.slice(0, MAX_LINE_CHARS)}…` };
}

/** Removed lines a security signal (or the user's security_patterns) fires on, as the router judges files. */
function securityLines(
  path: string,
  deleted: DeletedLine[],
  patterns: readonly LinearRegex[],
): DeletedLine[] {
  const signals = CONTENT_FACTOR[classifyFile(path)] > 0 ? CONTENT_SIGNALS : [];
  return deleted.filter((line) => {
    const view: HunkView = { file: path, added: [], deleted: [line.text], context: [] };
    return patterns.some((p) => p.test(line.text)) || signals.some((signal) => signal(view) !== null);
  });
}

/** Quoted strings and markdown link targets: where imports, requires and manifests name files. */
const TARGET = /(["'`])([^"'`\s]{1,300})\1|\]\(([^()\s]{1,300})\)/g;

/** Lines elsewhere in the change that name the deleted file (`./history`, `"History.md"`, `](lib/x.js)`). */
export function referencesTo(path: string, files: readonly FileDiff[]): string[] {
  const name = path.split('/').at(-1) ?? path;
  const stem = name.replace(/\.[^.]+$/, '');
  const names = (target: string) => {
    const last = target.split(/[/\\]/).at(-1) ?? '';
    return last === name || (last === stem && stem !== '' && /[/\\]/.test(target));
  };
  const found: string[] = [];
  for (const file of files) {
    if (file.path === path) continue;
    for (const line of file.hunks.flatMap((h) => h.lines)) {
      const targets = [...line.text.matchAll(TARGET)].map((m) => m[2] ?? m[3] ?? '');
      if (!targets.some(names)) continue;
      const where = line.kind === 'del' ? line.oldLine : line.newLine;
      found.push(
        routeMessages.deletionReference(file.path, where, line.kind, line.text.trim().slice(0, 100)),
      );
      if (found.length === MAX_REFERENCES) return found;
    }
  }
  return found;
}
