// `--format sarif`: SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`) and other viewers.
// @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
// @see https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
import type { Finding, ReviewResult, Severity } from '../types.js';
import { TOOL_VERSION } from '../version.js';
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

export function toSarif(result: ReviewResult): object {
  const findings = result.findings.map((p) => p.finding);
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
        results: findings.map((finding) => {
          const id = ruleIdOf(finding);
          // Code scanning needs a line; a file-level finding is shown on line 1.
          const region = finding.range
            ? { startLine: finding.range.start, endLine: Math.max(finding.range.start, finding.range.end) }
            : { startLine: 1 };
          return {
            ruleId: id,
            ruleIndex: index.get(id),
            level: SARIF_LEVEL[finding.severity],
            message: { text: messageOf(finding) },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: pathToUri(finding.file), uriBaseId: '%SRCROOT%' },
                  region,
                },
              },
            ],
            partialFingerprints: { 'hunkwise/v1': finding.fingerprint },
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
