// What may leave the machine: secrets replaced by placeholders, never_send paths held back. Pure.
import picomatch from 'picomatch';
import type { Config } from '../config/schema.js';
import { detectSecrets } from '../rules/secrets.js';
import type { DiffLine, Hunk } from '../types.js';
import type { ReviewItem } from './reviewer.js';

/**
 * Numbers secrets consistently: the same value gets the same placeholder in a hunk, its context and later
 * hunks, so the model can still tell "the same key is used twice" without ever seeing it.
 */
export class Redactor {
  readonly #numbers = new Map<string, number>();
  /** Replacements made through this redactor, all calls together. */
  replaced = 0;

  placeholder(kind: string, value: string): string {
    const slug =
      kind
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'secret';
    const key = `${slug}\0${value}`;
    let number = this.#numbers.get(key);
    if (number === undefined) {
      number = [...this.#numbers.keys()].filter((k) => k.startsWith(`${slug}\0`)).length + 1;
      this.#numbers.set(key, number);
    }
    return `[REDACTED:${slug}#${number}]`;
  }
}

export interface Redacted<T> {
  value: T;
  /** How many secret values were replaced. */
  count: number;
}

interface Span {
  start: number;
  end: number;
  placeholder: string;
}

function spansOf(text: string, redactor: Redactor): Span[] {
  return detectSecrets(text).map((match) => ({
    start: match.index,
    end: match.index + match.length,
    placeholder: redactor.placeholder(match.kind, text.slice(match.index, match.index + match.length)),
  }));
}

/** Replaces the parts of `text` in [start, end) spans (sorted, disjoint); `keepNewlines` leaves line breaks. */
function applySpans(text: string, spans: readonly Span[], keepNewlines: boolean): string {
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start);
    const covered = text.slice(span.start, span.end);
    out += keepNewlines
      ? covered
          .split('\n')
          .map((part) => (part.length > 0 ? span.placeholder : part))
          .join('\n')
      : span.placeholder;
    at = span.end;
  }
  return out + text.slice(at);
}

/**
 * Text with every detected secret replaced by `[REDACTED:<kind>#<n>]`. A secret spanning lines (a PEM block)
 * is replaced line by line, so line numbering survives.
 */
export function redactText(text: string, redactor = new Redactor()): { text: string; count: number } {
  const spans = spansOf(text, redactor);
  redactor.replaced += spans.length;
  return { text: spans.length === 0 ? text : applySpans(text, spans, true), count: spans.length };
}

/** The hunk with secrets replaced in its lines and section header; line numbers and kinds unchanged. */
export function redactHunk(hunk: Hunk, redactor = new Redactor()): { hunk: Hunk; count: number } {
  // Detect over the joined lines so a multi-line secret (a private key block) is found as one.
  const joined = redactText(hunk.lines.map((line) => line.text).join('\n'), redactor);
  const section = redactText(hunk.section, redactor);
  const count = joined.count + section.count;
  if (count === 0) return { hunk, count: 0 };
  const texts = joined.text.split('\n');
  const lines = hunk.lines.map((line, i): DiffLine => ({ ...line, text: texts[i] ?? '' }));
  return { hunk: { ...hunk, lines, section: section.text }, count };
}

/** Items with hunk, context and escalation reasons redacted; `count` is the number of replacements. */
export function redactItems(items: readonly ReviewItem[], redactor = new Redactor()): Redacted<ReviewItem[]> {
  const before = redactor.replaced;
  const value = items.map((item): ReviewItem => {
    const hunk = redactHunk(item.hunk, redactor).hunk;
    const context = redactText(item.context, redactor).text;
    const reasons = item.decision.reasons.map((reason) => ({
      ...reason,
      detail: redactText(reason.detail, redactor).text,
    }));
    // decision.hunk is the original: replace it too, so nothing downstream can serialise the raw lines.
    return { ...item, hunk, context, decision: { ...item.decision, hunk, reasons } };
  });
  return { value, count: redactor.replaced - before };
}

const matchers = new WeakMap<readonly string[], picomatch.Matcher>();

/** True when `path` matches a `never_send` glob: such files never go to Claude. */
export function isNeverSend(path: string, config: Pick<Config, 'never_send'>): boolean {
  const globs = config.never_send;
  if (globs.length === 0) return false;
  let matcher = matchers.get(globs);
  if (!matcher) {
    matcher = picomatch(globs, { dot: true });
    matchers.set(globs, matcher);
  }
  return matcher(path);
}
