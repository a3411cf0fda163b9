// Untrusted text (model output, file paths) → Markdown that can neither hide markers nor ping people.
import type { Finding } from '../types.js';
import { SEVERITIES, type Severity } from '../vocabulary.js';
import type { TrackedFinding } from './marker.js';

/** Breaks HTML comments (so no fake hunkwise marker) and @mentions (so no notification spam). */
export function sanitize(text: string): string {
  return text
    .replace(/<!--/g, '&lt;!--')
    .replace(/-->/g, '--&gt;')
    .replace(/(^|[^\w`])@(?=[A-Za-z0-9])/g, '$1@\u200b');
}

/** One line, for lists and table cells. */
export function oneLine(text: string, max = 400): string {
  const flat = sanitize(text).replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Inline code for untrusted names (paths, model ids): backticks and line breaks cannot end the span early. */
export function codeSpan(text: string): string {
  return `\`${text.replace(/[\r\n]/g, ' ').replace(/`/g, "'")}\``;
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
