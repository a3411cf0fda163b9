// What the run cost in Claude tokens against the all-Claude baseline: the product's promise, measured.
import type { Config } from '../config/schema.js';
import type { Notice } from '../reasons.js';
import { costOf, priceFor } from '../review/pricing.js';
import type { CostSummary, ModelUsage, RouteDecision } from '../types.js';
import type { RoleName } from '../vocabulary.js';

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

/**
 * Estimated tokens per model for the hunks each lane actually took, and the baseline of sending every
 * reviewable hunk to Claude. Both sides use the same estimator so the saving compares like with like.
 */
export function summariseCost(
  decisions: readonly RouteDecision[],
  lanes: ReadonlyMap<string, RoleName | null>,
  config: Config,
): CostSummary {
  let localTokens = 0;
  let claudeTokens = 0;
  let allClaudeTokens = 0;
  for (const decision of decisions) {
    if (decision.route === 'skip') continue;
    allClaudeTokens += decision.estimatedTokens;
    const lane = lanes.get(decision.hunk.hash);
    if (lane === 'local') localTokens += decision.estimatedTokens;
    if (lane === 'claude') claudeTokens += decision.estimatedTokens;
  }
  const claudeCostUsd = estimateClaudeCost(claudeTokens, config) ?? 0;
  const allClaudeCostUsd = estimateClaudeCost(allClaudeTokens, config) ?? 0;
  const savingPercent =
    allClaudeTokens === 0 ? 0 : Math.round((1 - claudeTokens / allClaudeTokens) * 1000) / 10;
  return { localTokens, claudeTokens, allClaudeTokens, claudeCostUsd, allClaudeCostUsd, savingPercent };
}

/**
 * Once Claude was really used, its billed cost replaces the estimate, and the baseline is extrapolated at the
 * same real price per estimated token, so the two stay comparable (prompt prefix and context included).
 */
export function withActualClaudeSpend(cost: CostSummary, usage: readonly ModelUsage[]): CostSummary {
  const actual = usage.filter((u) => u.role === 'escalation').reduce((sum, u) => sum + u.costUsd, 0);
  if (actual <= 0 || cost.claudeTokens <= 0) return cost;
  return {
    ...cost,
    claudeCostUsd: actual,
    allClaudeCostUsd: (actual * cost.allClaudeTokens) / cost.claudeTokens,
  };
}
