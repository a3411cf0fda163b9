// The exit code follows what stands on the pull request after this run, not only what this run found:
// an incremental review must not let an earlier, unresolved finding pass the gate.
import type { Config } from '../config/schema.js';
import { countOutcomes } from '../coverage.js';
import { decideExit } from '../policy/exitCode.js';
import type { CostSummary, PlacedFinding, ReviewResult } from '../types.js';
import type { ListedFinding } from './summary.js';

const EMPTY_COST: CostSummary = {
  localTokens: 0,
  claudeTokens: 0,
  allClaudeTokens: 0,
  claudeCostUsd: 0,
  allClaudeCostUsd: 0,
  savingPercent: null,
  reviewedTokens: 0,
  hunks: countOutcomes([]),
};

export function outstandingResult(
  result: ReviewResult | null,
  outstanding: readonly ListedFinding[],
): ReviewResult {
  const base: ReviewResult = result ?? {
    source: 'pull request',
    files: [],
    decisions: [],
    outcomes: [],
    findings: [],
    suppressed: [],
    memory: null,
    usage: [],
    cost: EMPTY_COST,
    notices: [],
    dryRun: false,
    durationMs: 0,
  };
  if (outstanding.length === 0) return base;
  const findings: PlacedFinding[] = outstanding.map(({ finding: f, where }) => ({
    placement: where === 'summary' ? 'summary' : 'inline',
    finding: {
      file: f.file,
      range: f.start === null ? null : { start: f.start, end: f.end ?? f.start },
      severity: f.severity,
      category: f.category,
      message: f.message,
      source: f.source,
      origin: f.origin,
      fingerprint: f.fingerprint,
    },
  }));
  return { ...base, findings };
}

/** fail_on.ci over what stands on the pull request; the one line saying why goes to the log. */
export function pullRequestExit(
  result: ReviewResult | null,
  outstanding: readonly ListedFinding[],
  config: Config,
) {
  return decideExit(outstandingResult(result, outstanding), config, 'ci');
}
