// `--format rdjson`: reviewdog's Diagnostic Format, for `reviewdog -f=rdjson` users who post through reviewdog.
// @see https://github.com/reviewdog/reviewdog/tree/master/proto/rdf
import type { Finding, ReviewResult, Severity } from '../types.js';
import { type CoverageGap, coverageGaps } from './coverageGaps.js';
import type { OutputFormat } from './outputFormat.js';

export type RdSeverity = 'ERROR' | 'WARNING' | 'INFO';

export const RD_SEVERITY: Record<Severity, RdSeverity> = {
  critical: 'ERROR',
  major: 'ERROR',
  minor: 'WARNING',
  info: 'INFO',
};

const URL = 'https://github.com/hunkwise/hunkwise';

/** A path with its lines; a file-level location has no range (reviewdog reads it as the whole file). */
function locationOf(path: string, lines: { start: number; end: number } | null) {
  if (!lines) return { path };
  return { path, range: { start: { line: lines.start }, end: { line: Math.max(lines.start, lines.end) } } };
}

/** A hunk (or file) no model reviewed: an INFO diagnostic, so coverage shows where findings are listed. */
function gapDiagnostic(gap: CoverageGap) {
  return {
    message: gap.message,
    location: locationOf(gap.file, gap.lines),
    severity: 'INFO' as const,
    source: { name: 'hunkwise', url: URL },
    code: { value: `hunkwise/${gap.id}` },
  };
}

/**
 * A model's suggestion is replacement code for the quoted lines: offered as a reviewdog suggestion
 * replacing the whole lines of the range. Rule suggestions are advice, so they stay in the message.
 */
function suggestionsOf(finding: Finding) {
  if (finding.source === 'rule' || !finding.range || !finding.suggestion?.trim()) return undefined;
  const text = finding.suggestion.endsWith('\n') ? finding.suggestion : `${finding.suggestion}\n`;
  return [
    {
      range: {
        start: { line: finding.range.start, column: 1 },
        end: { line: Math.max(finding.range.start, finding.range.end) + 1, column: 1 },
      },
      text,
    },
  ];
}

function findingDiagnostic(finding: Finding) {
  const suggestions = suggestionsOf(finding);
  const advice =
    finding.source === 'rule' && finding.suggestion?.trim() ? `\n${finding.suggestion.trim()}` : '';
  return {
    message: `${finding.message}${advice}`,
    location: locationOf(finding.file, finding.range),
    severity: RD_SEVERITY[finding.severity],
    source: { name: finding.source === 'rule' ? 'hunkwise' : `hunkwise/${finding.origin}`, url: URL },
    code: { value: finding.source === 'rule' ? finding.origin : finding.category },
    ...(suggestions ? { suggestions } : {}),
  };
}

/** Findings first, then what no model reviewed. */
export function toRdjson(result: ReviewResult): object {
  return {
    source: { name: 'hunkwise', url: URL },
    severity: 'WARNING',
    diagnostics: [
      ...result.findings.map(({ finding }) => findingDiagnostic(finding)),
      ...coverageGaps(result).map(gapDiagnostic),
    ],
  };
}

export const rdjsonFormat = {
  render: (result) => `${JSON.stringify(toRdjson(result), null, 2)}\n`,
} satisfies OutputFormat;
