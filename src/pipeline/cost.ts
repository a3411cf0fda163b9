// What the run cost in Claude tokens against the all-Claude baseline: the product's promise, measured.
import type { Config } from '../config/schema.js';
import type { CostSummary, RouteDecision } from '../types.js';

/** Reviews answer much shorter than they read; used only for the estimate, real usage comes from the API. */
const OUTPUT_PER_INPUT = 0.15;

export function estimateClaudeCost(inputTokens: number, config: Config): number {
  const price = config.claude.prices[config.claude.model];
  if (!price) return 0;
  return (inputTokens * price.input + inputTokens * OUTPUT_PER_INPUT * price.output) / 1_000_000;
}

/**
 * Estimated tokens per model for the hunks each lane actually took, and the baseline of sending every
 * reviewable hunk to Claude. Both sides use the same estimator so the saving compares like with like.
 */
export function summariseCost(
  decisions: readonly RouteDecision[],
  lanes: ReadonlyMap<string, 'local' | 'claude' | null>,
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
  const claudeCostUsd = estimateClaudeCost(claudeTokens, config);
  const allClaudeCostUsd = estimateClaudeCost(allClaudeTokens, config);
  const savingPercent =
    allClaudeTokens === 0 ? 0 : Math.round((1 - claudeTokens / allClaudeTokens) * 1000) / 10;
  return { localTokens, claudeTokens, allClaudeTokens, claudeCostUsd, allClaudeCostUsd, savingPercent };
}
