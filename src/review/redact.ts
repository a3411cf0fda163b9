// What may leave the machine: every secret the rules' detector finds (either tier, any line kind) replaced by a
// placeholder, never_send paths held back. The detector is the rules' own, so what is flagged is redacted.
import type { Config } from '../config/schema.js';
import { anyGlob, type GlobTest } from '../rules/compileGlob.js';
import { detectSecrets } from '../rules/detectSecrets.js';
import type { DiffLine, Hunk } from '../types.js';
import type { ReviewItem } from './reviewer.js';

/** Values this short are too common to replace wherever they appear. */
const MIN_REMEMBERED = 12;

/**
 * Numbers secrets consistently: the same value gets the same placeholder in a hunk, its context and later
 * hunks, so the model can still tell "the same key is used twice" without ever seeing it. It also remembers
 * every value it replaced and replaces it again wherever it reappears, even where the detector cannot see it
 * (a key cut in half by a context excerpt, a token reused without its label).
 */
export class Redactor {
  readonly #numbers = new Map<string, number>();
  readonly #counts = new Map<string, number>();
  /** Value → placeholder, longest values first when replaced. */
  readonly #known = new Map<string, string>();
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
      number = (this.#counts.get(slug) ?? 0) + 1;
      this.#counts.set(slug, number);
      this.#numbers.set(key, number);
    }
    const placeholder = `[REDACTED:${slug}#${number}]`;
    for (const part of value.split('\n')) {
      const trimmed = part.trim();
      // A PEM armour line (`-----BEGIN … KEY-----`) names a format; code that parses keys quotes it too.
      if (trimmed.length >= MIN_REMEMBERED && !trimmed.startsWith('-----'))
        this.#known.set(trimmed, placeholder);
    }
    return placeholder;
  }

  /** Values replaced before, longest first (so a value never hides inside a shorter one's placeholder). */
  known(): Array<[string, string]> {
    return [...this.#known].sort((a, b) => b[0].length - a[0].length);
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

/** Replaces the parts of `text` in [start, end) spans (sorted, disjoint), line by line so line breaks stay. */
function applySpans(text: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start);
    out += text
      .slice(span.start, span.end)
      .split('\n')
      .map((part) => (part.length > 0 ? span.placeholder : part))
      .join('\n');
    at = span.end;
  }
  return out + text.slice(at);
}

function replaceKnown(text: string, redactor: Redactor): { text: string; count: number } {
  let out = text;
  let count = 0;
  for (const [value, placeholder] of redactor.known()) {
    if (!out.includes(value)) continue;
    const parts = out.split(value);
    count += parts.length - 1;
    out = parts.join(placeholder);
  }
  return { text: out, count };
}

/**
 * Text with every detected secret replaced by `[REDACTED:<kind>#<n>]`. A secret spanning lines (a PEM block)
 * is replaced line by line, so line numbering survives. `path` is the file the text comes from: it decides
 * file-specific rules (unquoted values in `.env` and YAML, `.npmrc` tokens).
 */
export async function redactText(
  text: string,
  redactor = new Redactor(),
  path = '',
): Promise<{ text: string; count: number }> {
  const spans = (await detectSecrets(text, path)).map((match) => ({
    start: match.index,
    end: match.index + match.length,
    placeholder: redactor.placeholder(match.kind, text.slice(match.index, match.index + match.length)),
  }));
  const again = replaceKnown(spans.length === 0 ? text : applySpans(text, spans), redactor);
  const count = spans.length + again.count;
  redactor.replaced += count;
  return { text: count === 0 ? text : again.text, count };
}

/** The hunk with secrets replaced in its lines (context and deleted ones too) and section header. */
export async function redactHunk(
  hunk: Hunk,
  redactor = new Redactor(),
): Promise<{ hunk: Hunk; count: number }> {
  // Detect over the joined lines, as the rules do, so a multi-line secret (a private key block) is found as one.
  const joined = await redactText(hunk.lines.map((line) => line.text).join('\n'), redactor, hunk.file);
  const section = await redactText(hunk.section, redactor, hunk.file);
  const count = joined.count + section.count;
  if (count === 0) return { hunk, count: 0 };
  const texts = joined.text.split('\n');
  const lines = hunk.lines.map((line, i): DiffLine => ({ ...line, text: texts[i] ?? '' }));
  return { hunk: { ...hunk, lines, section: section.text }, count };
}

/** Items with hunk, context and escalation reasons redacted; `count` is the number of replacements. */
export async function redactItems(
  items: readonly ReviewItem[],
  redactor = new Redactor(),
): Promise<Redacted<ReviewItem[]>> {
  const before = redactor.replaced;
  const value: ReviewItem[] = [];
  for (const item of items) {
    const file = item.hunk.file;
    const hunk = (await redactHunk(item.hunk, redactor)).hunk;
    const context = (await redactText(item.context, redactor, file)).text;
    const reasons = [];
    for (const reason of item.decision.reasons)
      reasons.push({ ...reason, detail: (await redactText(reason.detail, redactor, file)).text });
    // decision.hunk is the original: replace it too, so nothing downstream can serialise the raw lines.
    value.push({ ...item, hunk, context, decision: { ...item.decision, hunk, reasons } });
  }
  return { value, count: redactor.replaced - before };
}

const neverSendTests = new WeakMap<readonly string[], GlobTest>();

/** True when `path` matches a `never_send` glob, ignoring case: such files never go to Claude. */
export function isNeverSend(path: string, config: Pick<Config, 'never_send'>): boolean {
  const globs = config.never_send;
  if (globs.length === 0) return false;
  let test = neverSendTests.get(globs);
  if (!test) {
    test = anyGlob(globs, { nocase: true });
    neverSendTests.set(globs, test);
  }
  return test(path);
}
