import { expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { summariseCost, unpricedNotice, withActualClaudeSpend } from '../../../src/pipeline/cost.js';
import { decisionOf, hunkOf } from '../../helpers/build.js';

test('the saving compares the Claude share with sending every reviewable hunk to Claude', () => {
  const config = defaultConfig();
  const a = decisionOf(hunkOf('a.ts', 1, 1, ['+a']), 'local', { estimatedTokens: 300 });
  const b = decisionOf(hunkOf('b.ts', 1, 1, ['+b']), 'claude', { estimatedTokens: 100 });
  const c = decisionOf(hunkOf('c.ts', 1, 1, ['+c']), 'skip', { estimatedTokens: 5000 });
  const lanes = new Map([
    [a.hunk.hash, 'local' as const],
    [b.hunk.hash, 'claude' as const],
  ]);
  const cost = summariseCost([a, b, c], lanes, config);
  expect(cost).toMatchObject({
    localTokens: 300,
    claudeTokens: 100,
    allClaudeTokens: 400,
    savingPercent: 75,
  });
  const price = config.claude.prices[config.claude.model]!;
  expect(cost.allClaudeCostUsd).toBeCloseTo((400 * price.input + 400 * 0.15 * price.output) / 1e6, 10);
  expect(cost.claudeCostUsd * 4).toBeCloseTo(cost.allClaudeCostUsd, 10);
});

test('nothing reviewable saves nothing and costs nothing', () => {
  expect(summariseCost([], new Map(), defaultConfig())).toMatchObject({
    allClaudeTokens: 0,
    savingPercent: 0,
  });
});

test('real Claude spend replaces the estimate and the baseline is extrapolated at the same price', () => {
  const estimate = {
    localTokens: 300,
    claudeTokens: 100,
    allClaudeTokens: 400,
    claudeCostUsd: 0.001,
    allClaudeCostUsd: 0.004,
    savingPercent: 75,
  };
  const usage = [
    {
      model: 'c',
      role: 'escalation' as const,
      provider: 'anthropic' as const,
      requests: 1,
      inputTokens: 900,
      outputTokens: 50,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      cacheHits: 0,
      costUsd: 0.01,
    },
  ];
  expect(withActualClaudeSpend(estimate, usage)).toEqual({
    ...estimate,
    claudeCostUsd: 0.01,
    allClaudeCostUsd: 0.04,
  });
  expect(withActualClaudeSpend(estimate, [])).toBe(estimate);
});

test('a model without a price is said to be unpriced, not silently free', () => {
  const config = defaultConfig();
  config.claude.model = 'claude-future-9';
  expect(unpricedNotice(config)).toEqual({ code: 'unpriced', model: 'claude-future-9' });
  expect(unpricedNotice(defaultConfig())).toBeNull();
});
