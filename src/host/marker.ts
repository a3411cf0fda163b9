// Hidden HTML markers that let a re-run recognise hunkwise's own reviews and comments.
// Values are restricted to [A-Za-z0-9_-] so untrusted text can neither forge nor break them.
import type { DismissRecord } from '../memory/record.js';
import type { Category, FindingSource, Severity } from '../types.js';
import { FINDING_SOURCES, SEVERITIES } from '../vocabulary.js';

export type MarkerKind = 'finding' | 'review' | 'summary';

export interface Marker {
  kind: MarkerKind;
  fields: Record<string, string>;
}

const MARKER = /<!-- hunkwise:(finding|review|summary)((?: [a-z]+=[A-Za-z0-9_-]+)*) -->/;
const VALUE = /^[A-Za-z0-9_-]+$/;

export function formatMarker(kind: MarkerKind, fields: Record<string, string | undefined>): string {
  const parts = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => {
      if (!VALUE.test(value)) throw new Error(`marker value for ${key} has characters outside [A-Za-z0-9_-]`);
      return ` ${key}=${value}`;
    });
  return `<!-- hunkwise:${kind}${parts.join('')} -->`;
}

/** The last marker in the body: hunkwise appends its own, so text quoted above it cannot override it. */
/** A comment's text without the hunkwise marker that ends it. */
export function withoutMarker(body: string): string {
  return body.replace(/\n*<!-- hunkwise:[^>]*-->\s*$/, '');
}

export function parseMarker(body: string | null | undefined): Marker | null {
  const match = body ? [...body.matchAll(new RegExp(MARKER.source, 'g'))].at(-1) : undefined;
  if (!match) return null;
  const fields: Record<string, string> = {};
  for (const pair of (match[2] ?? '').trim().split(' ')) {
    const eq = pair.indexOf('=');
    if (eq > 0) fields[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return { kind: match[1] as MarkerKind, fields };
}

/** A finding as the summary remembers it: enough to list it again and to tell whether it is gone. */
export interface TrackedFinding {
  fingerprint: string;
  file: string;
  /** New-side lines at the reviewed head; null for a file-level finding. */
  start: number | null;
  end: number | null;
  severity: Severity;
  category: Category;
  source: FindingSource;
  origin: string;
  message: string;
}

/** What the sticky summary carries between runs: the last reviewed head and what was outstanding there. */
export interface SummaryState {
  head: string;
  findings: TrackedFinding[];
  /** Findings left out of the state to respect the size budget. */
  dropped: number;
  /**
   * Findings people dismissed in this pull request's conversation: they stay dismissed for the rest of it.
   * File-scoped records, ready for the memory file.
   */
  dismissed?: DismissRecord[];
}

type DismissedRow = [string, string, string, string, string, string | null, string, string | null];

function dismissedRow(r: DismissRecord): DismissedRow {
  return [
    r.fingerprint,
    r.file ?? '',
    r.category ?? '',
    r.message,
    r.who,
    r.reason ?? null,
    r.when,
    r.quote ?? null,
  ];
}

function dismissedOf(row: unknown): DismissRecord | null {
  if (!Array.isArray(row) || row.length !== 8) return null;
  const [fp, file, category, message, who, reason, when, quote] = row;
  const str = (v: unknown) => typeof v === 'string';
  const opt = (v: unknown) => v === null || str(v);
  if (!str(fp) || !/^[0-9a-f]{8,64}$/.test(fp) || !str(file) || !file || !str(category) || !str(message))
    return null;
  if (!str(who) || !opt(reason) || !str(when) || !opt(quote)) return null;
  return {
    kind: 'dismiss',
    fingerprint: fp,
    file,
    ...(category ? { category: category as Category } : {}),
    message,
    ...(quote !== null ? { quote } : {}),
    ...(reason !== null ? { reason } : {}),
    who,
    when,
  };
}

const KNOWN_SEVERITIES: ReadonlySet<string> = new Set(SEVERITIES);
const KNOWN_SOURCES: ReadonlySet<string> = new Set(FINDING_SOURCES);

export function encodeState(state: SummaryState): string {
  const compact = {
    v: 1,
    h: state.head,
    d: state.dropped,
    f: state.findings.map((f) => [
      f.fingerprint,
      f.file,
      f.start,
      f.end,
      f.severity,
      f.category,
      f.source,
      f.origin,
      f.message,
    ]),
    ...(state.dismissed?.length ? { x: state.dismissed.map(dismissedRow) } : {}),
  };
  return Buffer.from(JSON.stringify(compact), 'utf8').toString('base64url');
}

function isTracked(
  row: unknown,
): row is [string, string, number | null, number | null, Severity, Category, FindingSource, string, string] {
  if (!Array.isArray(row) || row.length !== 9) return false;
  const [fp, file, start, end, severity, category, source, origin, message] = row;
  const line = (v: unknown) => v === null || (Number.isSafeInteger(v) && (v as number) > 0);
  return (
    typeof fp === 'string' &&
    typeof file === 'string' &&
    line(start) &&
    line(end) &&
    KNOWN_SEVERITIES.has(severity) &&
    typeof category === 'string' &&
    KNOWN_SOURCES.has(source) &&
    typeof origin === 'string' &&
    typeof message === 'string'
  );
}

/** Null when the state is missing or malformed: the caller then reviews the whole pull request. */
export function decodeState(encoded: string | undefined): SummaryState | null {
  if (!encoded) return null;
  try {
    const raw = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as {
      v?: unknown;
      h?: unknown;
      d?: unknown;
      f?: unknown;
      x?: unknown;
    };
    if (raw.v !== 1 || typeof raw.h !== 'string' || !/^[0-9a-f]{40,64}$/.test(raw.h) || !Array.isArray(raw.f))
      return null;
    if (!raw.f.every(isTracked)) return null;
    const findings = raw.f.map(
      ([fingerprint, file, start, end, severity, category, source, origin, message]) => ({
        fingerprint,
        file,
        start,
        end,
        severity,
        category,
        source,
        origin,
        message,
      }),
    );
    // A dismissal that does not read back is lost, not the whole state: the finding would only be raised again.
    const dismissed = Array.isArray(raw.x) ? raw.x.map(dismissedOf).filter((r) => r !== null) : [];
    return {
      head: raw.h,
      findings,
      dropped: Number.isSafeInteger(raw.d) ? (raw.d as number) : 0,
      ...(dismissed.length ? { dismissed } : {}),
    };
  } catch {
    return null;
  }
}
