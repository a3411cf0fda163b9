import { expect, test } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import { describeReason } from '../../../src/messages/outcomes.js';
import { budgetTokensOf, selectWithinBudget } from '../../../src/review/budget.js';
import type { RouteDecision } from '../../../src/types.js';
import { decisionOf, hunkOf } from '../../helpers/build.js';

function escalated(file: string, tokens: number, securityScore: number, code = 'large-hunk'): RouteDecision {
  return decisionOf(hunkOf(file, 1, 1, [`+${file}`]), 'claude', {
    estimatedTokens: tokens,
    securityScore,
    reasons: [{ code, detail: code }],
  });
}

test('everything fits: all sent, nothing left over', () => {
  const decisions = [escalated('a.js', 100, 0), escalated('b.js', 200, 0.9)];
  const { send, leftOver, tokens } = selectWithinBudget(decisions, 1000);
  expect(send.map((d) => d.hunk.file)).toEqual(['b.js', 'a.js']);
  expect(leftOver).toEqual([]);
  expect(tokens).toBe(300);
});

test('over budget: most security-relevant first, then security reasons, then larger hunks; leftovers say why', () => {
  const decisions = [
    escalated('big.js', 600, 0),
    escalated('auth.js', 500, 0.9),
    escalated('crypto.js', 300, 0.4),
    escalated('path.js', 300, 0.4, 'security-path'),
    escalated('small.js', 100, 0),
  ];
  const { send, leftOver, tokens } = selectWithinBudget(decisions, 1000);
  // auth (0.9) 500, then path (security reason) 300, crypto (300) does not fit in 200, big does not, small does.
  expect(send.map((d) => d.hunk.file)).toEqual(['auth.js', 'path.js', 'small.js']);
  expect(tokens).toBe(900);
  expect(leftOver.map((l) => [l.decision.hunk.file, describeReason(l.reason)])).toEqual([
    ['crypto.js', 'needs ~300 tokens but only 200 of claude.budget_tokens were left'],
    ['big.js', 'needs ~600 tokens but only 200 of claude.budget_tokens were left'],
  ]);
});

test('a zero budget sends nothing; the order does not depend on input order', () => {
  const decisions = [escalated('b.js', 10, 0.5), escalated('a.js', 10, 0.5)];
  expect(selectWithinBudget(decisions, 0).send).toEqual([]);
  const forward = selectWithinBudget(decisions, 10).send.map((d) => d.hunk.file);
  const backward = selectWithinBudget([...decisions].reverse(), 10).send.map((d) => d.hunk.file);
  expect(forward).toEqual(['a.js']);
  expect(backward).toEqual(forward);
});

test('counting the context each hunk travels with makes the cap honest', () => {
  const config = configSchema.parse({ claude: { context_tokens: 400 } });
  const decisions = [escalated('a.js', 100, 0.9), escalated('b.js', 100, 0.5)];
  expect(selectWithinBudget(decisions, 900).send).toHaveLength(2);
  const honest = selectWithinBudget(decisions, 900, (d) => budgetTokensOf(d, config));
  expect(honest.send.map((d) => d.hunk.file)).toEqual(['a.js']);
  expect(honest.tokens).toBe(500);
  expect(honest.leftOver[0]!.reason).toEqual({ code: 'over-budget', tokens: 500, left: 400 });
  expect(describeReason(honest.leftOver[0]!.reason)).toBe(
    'needs ~500 tokens but only 400 of claude.budget_tokens were left',
  );
});
