// What the run cost in Claude tokens against the all-Claude baseline: the product's promise, measured honestly.
// One estimator for every number that compares (the router's estimate per hunk, the configured price), so a
// dry run and a real run of the same diff give the same baseline; a saving is claimed only over hunks a model
// actually reviewed.
import type { Config } from '../config/schema.js';
import { countOutcomes, coverageOf } from '../coverage.js';
import type { Notice } from '../reasons.js';
import { costOf, priceFor } from '../review/pricing.js';
import type { CostSummary, Hunk, ReviewResult } from '../types.js';

/** Reviews answer much shorter than they read; used only for the estimate, real usage comes from the API. */
const OUTPUT_PER_INPUT = 0.15;

/** Estimated USD for sending `inputTokens` to the configured model; null when config has no price for it. */
export function estimateClaudeCost(inputTokens: number, config: Config): number | null {
  const tokens = {
    input: inputTokens,
    output: Math.round(inputTokens * OUTPUT_PER_INPUT),
    cacheWrite: 0,
    cacheRead: 0,
  };
  return costOf(config.claude.model, tokens, config.claude.prices).costUsd;
}

/** Said once per run when costs cannot be computed, instead of a silent $0. */
export function unpricedNotice(config: Config): Notice | null {
  return priceFor(config.claude.model, config.claude.prices)
    ? null
    : { code: 'unpriced', model: config.claude.model };
}

const percent = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;

/** Estimated tokens per role: of the hunks each model reviewed, or in a dry run, of the plan. */
function tokensByRole(run: Pick<ReviewResult, 'decisions' | 'outcomes' | 'dryRun'>) {
  const tokens = { local: 0, claude: 0 };
  if (run.dryRun) {
    for (const d of run.decisions) if (d.route !== 'skip') tokens[d.route] += d.estimatedTokens;
    return tokens;
  }
  const estimate = new Map<Hunk, number>(run.decisions.map((d) => [d.hunk, d.estimatedTokens]));
  for (const outcome of coverageOf(run.outcomes).reviewed) {
    tokens[outcome.by.includes('claude') ? 'claude' : 'local'] += estimate.get(outcome.hunk) ?? 0;
  }
  return tokens;
}

/**
 * The baseline covers every hunk routed to a model, reviewed or not: it is a property of the diff. Claude's cost
 * is what was billed (the prompt, context and verification included) once this was a real run.
 */
export function summariseCost(
  run: Pick<ReviewResult, 'decisions' | 'outcomes' | 'usage' | 'dryRun'>,
  config: Config,
): CostSummary {
  const allClaudeTokens = run.decisions
    .filter((d) => d.route !== 'skip')
    .reduce((sum, d) => sum + d.estimatedTokens, 0);
  const { local, claude } = tokensByRole(run);
  const reviewedTokens = run.dryRun ? 0 : local + claude;
  const billed = run.usage.filter((u) => u.role === 'escalation').reduce((sum, u) => sum + u.costUsd, 0);
  return {
    localTokens: local,
    claudeTokens: claude,
    reviewedTokens,
    allClaudeTokens,
    claudeCostUsd: run.dryRun ? (estimateClaudeCost(claude, config) ?? 0) : billed,
    allClaudeCostUsd: estimateClaudeCost(allClaudeTokens, config) ?? 0,
    savingPercent: reviewedTokens === 0 ? null : percent(reviewedTokens - claude, reviewedTokens),
    hunks: countOutcomes(run.outcomes),
  };
}
