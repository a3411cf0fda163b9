import { describe, expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { estimateClaudeCost, summariseCost, unpricedNotice } from '../../../src/pipeline/cost.js';
import type { HunkOutcome, ModelUsage, RouteDecision } from '../../../src/types.js';
import { decisionOf, hunkOf } from '../../helpers/build.js';

const config = defaultConfig();
const a = decisionOf(hunkOf('a.ts', 1, 1, ['+a']), 'local', { estimatedTokens: 300 });
const b = decisionOf(hunkOf('b.ts', 1, 1, ['+b']), 'claude', { estimatedTokens: 100 });
const c = decisionOf(hunkOf('c.ts', 1, 1, ['+c']), 'skip', { estimatedTokens: 5000 });
const decisions = [a, b, c];

const reviewedBy = (d: RouteDecision, by: 'local' | 'claude'): HunkOutcome => ({
  hunk: d.hunk,
  route: d.route,
  status: 'reviewed',
  by: ['rule', by],
  notes: [],
});
const skipped = (d: RouteDecision): HunkOutcome => ({
  hunk: d.hunk,
  route: 'skip',
  status: 'skipped',
  reason: { code: 'routing-skip', detail: 'docs' },
  notes: [],
});
const dryRun = (d: RouteDecision): HunkOutcome =>
  d.route === 'skip'
    ? skipped(d)
    : { hunk: d.hunk, route: d.route, status: 'notReviewed', reason: { code: 'dry-run' }, notes: [] };
const claudeUsage = (costUsd: number): ModelUsage => ({
  model: config.claude.model,
  role: 'escalation',
  provider: 'anthropic',
  requests: 1,
  inputTokens: 2400,
  outputTokens: 50,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  cacheHits: 0,
  costUsd,
});

describe('summariseCost', () => {
  const real = summariseCost(
    {
      decisions,
      outcomes: [reviewedBy(a, 'local'), reviewedBy(b, 'claude'), skipped(c)],
      usage: [claudeUsage(0.0082)],
      dryRun: false,
    },
    config,
  );
  const dry = summariseCost({ decisions, outcomes: decisions.map(dryRun), usage: [], dryRun: true }, config);

  test('the all-Claude baseline is one number: the dry run and the real run of a diff agree', () => {
    const price = config.claude.prices[config.claude.model]!;
    const expected = (400 * price.input + 400 * 0.15 * price.output) / 1e6;
    expect(dry.allClaudeTokens).toBe(400); // the skipped hunk is no one's job
    expect(real.allClaudeTokens).toBe(400);
    expect(dry.allClaudeCostUsd).toBeCloseTo(expected, 12);
    expect(real.allClaudeCostUsd).toBe(dry.allClaudeCostUsd);
  });

  test("real spend replaces only Claude's cost; a dry run estimates it from the plan", () => {
    expect(real.claudeCostUsd).toBe(0.0082);
    expect(dry.claudeCostUsd).toBeCloseTo(estimateClaudeCost(100, config)!, 12);
  });

  test('the saving is over the hunks a model reviewed, with what became of every hunk', () => {
    expect(real).toMatchObject({
      localTokens: 300,
      claudeTokens: 100,
      reviewedTokens: 400,
      savingPercent: 75,
      hunks: { reviewed: 2, leftForCi: 0, notReviewed: 0, skipped: 1 },
    });
  });

  test('a dry run plans, but claims no saving: no model was called', () => {
    expect(dry).toMatchObject({
      localTokens: 300,
      claudeTokens: 100,
      reviewedTokens: 0,
      savingPercent: null,
      hunks: { reviewed: 0, leftForCi: 0, notReviewed: 2, skipped: 1 },
    });
  });

  test('a hook run that left most hunks for CI claims a saving only over the one reviewed', () => {
    const escalated = Array.from({ length: 31 }, (_, i) =>
      decisionOf(hunkOf(`s${i}.ts`, 1, 1, [`+s${i}`]), 'claude', { estimatedTokens: 200 }),
    );
    const cost = summariseCost(
      {
        decisions: [a, ...escalated],
        outcomes: [
          reviewedBy(a, 'local'),
          ...escalated.map(
            (d): HunkOutcome => ({
              hunk: d.hunk,
              route: 'claude',
              status: 'notReviewed',
              reason: { code: 'left-for-ci' },
              notes: [],
            }),
          ),
        ],
        usage: [],
        dryRun: false,
      },
      config,
    );
    expect(cost).toMatchObject({
      allClaudeTokens: 300 + 31 * 200,
      reviewedTokens: 300,
      claudeTokens: 0,
      savingPercent: 100,
      hunks: { reviewed: 1, leftForCi: 31, notReviewed: 0, skipped: 0 },
    });
  });

  test('an escalated hunk the local model reviewed after Claude failed counts as local', () => {
    const cost = summariseCost(
      { decisions: [b], outcomes: [reviewedBy(b, 'local')], usage: [], dryRun: false },
      config,
    );
    expect(cost).toMatchObject({ localTokens: 100, claudeTokens: 0, claudeCostUsd: 0, savingPercent: 100 });
  });

  test('nothing reviewed (services down): the baseline stands, no saving is claimed', () => {
    const down: HunkOutcome[] = [a, b].map((d) => ({
      hunk: d.hunk,
      route: d.route,
      status: 'notReviewed',
      reason: { code: 'unavailable', reviewers: [] },
      notes: [],
    }));
    const cost = summariseCost({ decisions: [a, b], outcomes: down, usage: [], dryRun: false }, config);
    expect(cost).toMatchObject({
      allClaudeTokens: 400,
      reviewedTokens: 0,
      savingPercent: null,
      hunks: { reviewed: 0, leftForCi: 0, notReviewed: 2, skipped: 0 },
    });
  });

  test('nothing reviewable saves nothing and costs nothing', () => {
    expect(summariseCost({ decisions: [], outcomes: [], usage: [], dryRun: false }, config)).toMatchObject({
      allClaudeTokens: 0,
      allClaudeCostUsd: 0,
      savingPercent: null,
    });
  });
});

test('a model without a price is said to be unpriced, not silently free', () => {
  const unpriced = defaultConfig();
  unpriced.claude.model = 'claude-future-9';
  expect(unpricedNotice(unpriced)).toEqual({ code: 'unpriced', model: 'claude-future-9' });
  expect(unpricedNotice(defaultConfig())).toBeNull();
  expect(estimateClaudeCost(1000, unpriced)).toBeNull();
});
