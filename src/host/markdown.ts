// Untrusted text (model output, file paths, rule messages, config strings) → Markdown that renders as the
// text it is: no image (a beacon every viewer's browser would fetch), no raw HTML, no link whose target
// hides behind its text (javascript:, data:, anywhere), no fenced block (a mermaid diagram, say), no
// hunkwise marker, no @mention or #reference that notifies someone. Code spans stay code spans.
// Bare http(s) URLs are still autolinked by GitHub: their target is the visible text and nothing is fetched
// until someone clicks. Markup characters become entities rather than backslash escapes, which a backslash
// in the text itself could cancel.
// @see https://spec.commonmark.org/0.31.2/#entity-and-numeric-character-references
// @see https://github.github.com/gfm/#autolinks-extension-
import { escapeControls, escapeName } from '../text/controls.js';
import type { Finding } from '../types.js';
import { SEVERITIES, type Severity } from '../vocabulary.js';
import type { TrackedFinding } from './marker.js';

/** Characters that open or close markup in running text: links, images, HTML, code, tables, escapes. */
const MARKUP = /[&<>[\]\\`|]/g;
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '[': '&#91;',
  ']': '&#93;',
  '\\': '&#92;',
  '`': '&#96;',
  '|': '&#124;',
};

/** People, teams and issues: a zero-width space after `@` / `#` / `GH-` keeps the text and drops the ping. */
function noNotifications(text: string): string {
  return text
    .replace(/(^|\W)@(?=[A-Za-z0-9])/g, '$1@\u200b')
    .replace(/#(?=\d)/g, '#\u200b')
    .replace(/\bGH-(?=\d)/gi, (m) => `${m.slice(0, 2)}\u200b-`);
}

/** Running text with every markup character as an entity; a `~~~` fence opener loses its meaning too. */
function inertText(text: string, lineStart: boolean): string {
  const escaped = noNotifications(text).replace(MARKUP, (c) => ENTITY[c] ?? c);
  return lineStart ? escaped.replace(/^( {0,3})~/, '$1&#126;') : escaped;
}

/** A code span's content may hold anything but a look-alike of hunkwise's markers. */
export function inertCode(code: string): string {
  return code.replace(/<!--/g, '<!\u200b--');
}

/** The length of the run of `ch` starting at `i`. */
function runAt(line: string, i: number, ch: string): number {
  let j = i;
  while (line[j] === ch) j += 1;
  return j - i;
}

/**
 * One line: code spans (a backtick run closed by the next run of the same length on the same line) are
 * kept, everything else is inert text. Spans never cross lines, so cutting between lines cannot leave
 * one open; three or more backticks at the start of a line would open a fenced block and are text.
 */
function inertLine(line: string): string {
  let out = '';
  let text = '';
  let i = 0;
  const flush = () => {
    out += inertText(text, out === '');
    text = '';
  };
  while (i < line.length) {
    if (line[i] !== '`') {
      text += line[i];
      i += 1;
      continue;
    }
    const n = runAt(line, i, '`');
    const fence = n >= 3 && /^ {0,3}$/.test(line.slice(0, i));
    let close = -1;
    for (let j = i + n; !fence && j < line.length; ) {
      const m = line[j] === '`' ? runAt(line, j, '`') : 0;
      if (m === n) {
        close = j;
        break;
      }
      j += Math.max(m, 1);
    }
    if (close < 0) {
      text += line.slice(i, i + n);
      i += n;
      continue;
    }
    flush();
    out += inertCode(line.slice(i, close + n));
    i = close + n;
  }
  flush();
  return out;
}

/** Untrusted text → inert Markdown (see the file comment); line breaks stay. */
export function sanitize(text: string): string {
  return escapeControls(text).split('\n').map(inertLine).join('\n');
}

/** Untrusted text cut to `max` characters first (so no entity or span is cut in half), then made inert. */
/** At most `max` characters, the last one an ellipsis when something was cut. */
export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function sanitizeCut(text: string, max: number): string {
  return sanitize(cut(text, max));
}

/** One line, for lists and table cells. */
export function oneLine(text: string, max = 400): string {
  return sanitizeCut(escapeControls(text).replace(/\s+/g, ' ').trim(), max);
}

/**
 * Inline code for untrusted names (paths, model ids): shown escaped on one line, in a span whose backtick
 * run is longer than any inside it, so nothing in the name can end the span early.
 */
export function codeSpan(text: string): string {
  const name = inertCode(escapeName(text));
  const fence = '`'.repeat(Math.max(0, ...[...name.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const pad = /^[` ]|[` ]$/.test(name) ? ' ' : '';
  return `${fence}${pad}${name}${pad}${fence}`;
}

/** The longest prefix of `markdown` within `max` characters that ends at a line break: no span is cut open. */
export function cutAtLine(markdown: string, max: number): string {
  if (markdown.length <= max) return markdown;
  const end = markdown.lastIndexOf('\n', max - 2);
  return `${markdown.slice(0, Math.max(end, 0))}\n…`;
}

/** 0 for the most severe: the order every report lists findings in. */
export const SEVERITY_ORDER = Object.fromEntries(
  SEVERITIES.map((severity, rank) => [severity, SEVERITIES.length - 1 - rank]),
) as Record<Severity, number>;

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: '🔴 critical',
  major: '🟠 major',
  minor: '🟡 minor',
  info: '🔵 info',
};

export function location(f: Pick<TrackedFinding, 'file' | 'start' | 'end'>): string {
  if (f.start === null) return f.file;
  return f.end !== null && f.end !== f.start ? `${f.file}:${f.start}-${f.end}` : `${f.file}:${f.start}`;
}

export function track(finding: Finding): TrackedFinding {
  return {
    fingerprint: finding.fingerprint,
    file: finding.file,
    start: finding.range?.start ?? null,
    end: finding.range?.end ?? null,
    severity: finding.severity,
    category: finding.category,
    source: finding.source,
    origin: finding.origin,
    message: finding.message,
  };
}

/** Severity first, then path and line: the order every report uses. */
export function compareTracked(a: TrackedFinding, b: TrackedFinding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.file.localeCompare(b.file) ||
    (a.start ?? 0) - (b.start ?? 0) ||
    a.fingerprint.localeCompare(b.fingerprint)
  );
}

/** Who produced a finding, for the per-model counts: `rules` or the model id. */
export function producer(f: Pick<TrackedFinding, 'source' | 'origin'>): string {
  return f.source === 'rule' ? 'rules' : f.origin;
}
