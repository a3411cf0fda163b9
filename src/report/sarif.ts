// `--format sarif`: SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`) and other viewers.
// @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
// @see https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
import type { SuppressedFinding } from '../memory/record.js';
import type { Finding, ReviewResult, Severity } from '../types.js';
import { TOOL_VERSION } from '../version.js';
import { type CoverageGap, coverageGaps } from './coverageGaps.js';
import type { OutputFormat } from './outputFormat.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/hunkwise/hunkwise';

export type SarifLevel = 'error' | 'warning' | 'note';

export const SARIF_LEVEL: Record<Severity, SarifLevel> = {
  critical: 'error',
  major: 'error',
  minor: 'warning',
  info: 'note',
};

/** Rule findings keep their rule id; model findings are grouped by category. */
export function ruleIdOf(finding: Finding): string {
  return finding.source === 'rule' ? finding.origin : `model/${finding.category}`;
}

/** A repository-relative path as a relative URI reference: each segment percent-encoded. */
export function pathToUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}

function rulesOf(findings: readonly Finding[]): SarifRule[] {
  const rules = new Map<string, SarifRule>();
  for (const finding of findings) {
    const id = ruleIdOf(finding);
    const known = rules.get(id);
    const level = SARIF_LEVEL[finding.severity];
    if (known) {
      // The rule's default level is the most severe level any of its results has.
      if (level === 'error' || (level === 'warning' && known.defaultConfiguration.level === 'note'))
        known.defaultConfiguration.level = level;
      continue;
    }
    const text =
      finding.source === 'rule'
        ? `hunkwise rule ${finding.origin}`
        : `${finding.category} found by a model review`;
    rules.set(id, {
      id,
      name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')),
      shortDescription: { text },
      defaultConfiguration: { level },
      properties: { tags: [finding.category] },
    });
  }
  return [...rules.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function messageOf(finding: Finding): string {
  const suggestion = finding.suggestion?.trim() ? `\n\nSuggestion: ${finding.suggestion.trim()}` : '';
  return `${finding.message}${suggestion}`;
}

/** SARIF's own way to keep a result that was judged not to apply: code scanning shows it as dismissed. */
function suppressionOf(s: SuppressedFinding) {
  const who = s.record.who;
  const why = s.record.reason ? `: ${s.record.reason}` : '';
  return [{ kind: 'external', status: 'accepted', justification: `dismissed by ${who}${why} (team memory)` }];
}

/** A file, or lines of it, as a SARIF location; without lines it names the file alone (no made-up line 1). */
function locationOf(file: string, lines: { start: number; end: number } | null) {
  const artifactLocation = { uri: pathToUri(file), uriBaseId: '%SRCROOT%' };
  if (!lines) return { physicalLocation: { artifactLocation } };
  const region = { startLine: lines.start, endLine: Math.max(lines.start, lines.end) };
  return { physicalLocation: { artifactLocation, region } };
}

/**
 * Hunks no model reviewed, as tool execution notifications: code scanning shows them on the tool's status
 * page, so a clean result is not mistaken for a reviewed one.
 */
function notificationOf(gap: CoverageGap) {
  return {
    descriptor: { id: `hunkwise/${gap.id}` },
    level: gap.failure ? 'warning' : 'note',
    message: { text: gap.message },
    locations: [locationOf(gap.file, gap.lines)],
  };
}

export function toSarif(result: ReviewResult): object {
  const suppressionFor = new Map(result.suppressed.map((s) => [s.finding.finding, suppressionOf(s)]));
  const findings = [...result.findings, ...result.suppressed.map((s) => s.finding)].map((p) => p.finding);
  const rules = rulesOf(findings);
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'hunkwise', version: TOOL_VERSION, informationUri: INFORMATION_URI, rules } },
        // No automationDetails: a per-commit id would make code scanning see a new category on every run;
        // upload-sarif's `category` input names it instead.
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: coverageGaps(result).map(notificationOf),
          },
        ],
        results: findings.map((finding) => {
          const id = ruleIdOf(finding);
          return {
            ruleId: id,
            ruleIndex: index.get(id),
            level: SARIF_LEVEL[finding.severity],
            message: { text: messageOf(finding) },
            locations: [locationOf(finding.file, finding.range)],
            partialFingerprints: { 'hunkwise/v1': finding.fingerprint },
            ...(suppressionFor.has(finding) ? { suppressions: suppressionFor.get(finding) } : {}),
            properties: {
              severity: finding.severity,
              category: finding.category,
              source: finding.source,
              origin: finding.origin,
            },
          };
        }),
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
}

export const sarifFormat = {
  render: (result) => `${JSON.stringify(toSarif(result), null, 2)}\n`,
} satisfies OutputFormat;
