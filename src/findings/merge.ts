// Findings from rules, the local model and Claude become one ordered list: duplicates collapse, order is stable.
import type { Finding, FindingSource, PlacedFinding, Severity } from '../types.js';
import { SEVERITIES } from '../vocabulary.js';

const SOURCE_RANK: Record<FindingSource, number> = { rule: 3, claude: 2, local: 1 };

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

function overlaps(a: Finding, b: Finding): boolean {
  if (!a.range || !b.range) return a.range === b.range;
  return a.range.start <= b.range.end && b.range.start <= a.range.end;
}

function isDuplicate(a: Finding, b: Finding): boolean {
  if (a.file !== b.file) return false;
  if (a.fingerprint === b.fingerprint) return true;
  return a.category === b.category && overlaps(a, b);
}

/** > 0 when `b` is the better judgement of the two: more severe, then from the more trustworthy source. */
function compareJudgement(a: Finding, b: Finding): number {
  return severityRank(b.severity) - severityRank(a.severity) || SOURCE_RANK[b.source] - SOURCE_RANK[a.source];
}

/**
 * The one to keep of two duplicates: the better judgement, on a line whenever either has one. A file-level
 * twin of a finding on a line never takes its place; when it is the better judgement, it takes the line.
 */
function preferred(a: PlacedFinding, b: PlacedFinding): PlacedFinding {
  const byJudgement = compareJudgement(a.finding, b.finding);
  if (byJudgement === 0) return a.finding.range || !b.finding.range ? a : b;
  const [best, other] = byJudgement > 0 ? [b, a] : [a, b];
  if (best.finding.range || !other.finding.range) return best;
  const { snappedFrom } = other;
  return {
    finding: { ...best.finding, range: other.finding.range },
    placement: other.placement,
    ...(snappedFrom ? { snappedFrom } : {}),
  };
}

export function compareFindings(a: PlacedFinding, b: PlacedFinding): number {
  const fa = a.finding;
  const fb = b.finding;
  return (
    severityRank(fb.severity) - severityRank(fa.severity) ||
    (fa.file < fb.file ? -1 : fa.file > fb.file ? 1 : 0) ||
    (fa.range?.start ?? 0) - (fb.range?.start ?? 0) ||
    (fa.range?.end ?? 0) - (fb.range?.end ?? 0) ||
    fa.category.localeCompare(fb.category) ||
    fa.message.localeCompare(fb.message)
  );
}

/** Collapses duplicates on the same lines and sorts by severity, then file and line. */
export function mergeFindings(findings: readonly PlacedFinding[]): PlacedFinding[] {
  const kept: PlacedFinding[] = [];
  for (const candidate of findings) {
    const twin = kept.findIndex((k) => isDuplicate(k.finding, candidate.finding));
    if (twin === -1) kept.push(candidate);
    else kept[twin] = preferred(kept[twin]!, candidate);
  }
  return kept.sort(compareFindings);
}
