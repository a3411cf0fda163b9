// What the reviewed line says without --verbose: answers from the cache and escalations left for CI.
import { expect, test } from 'vitest';
import { renderTerminal } from '../../../src/report/terminal.js';
import type { HunkOutcome } from '../../../src/types.js';
import { sampleResult } from '../../helpers/result.js';

const plain = { color: false, verbose: false };
const reviewedLine = (text: string) => text.split('\n').find((line) => line.includes('reviewed: '));

test('a plain run says only how many were reviewed, by which model', () => {
  expect(reviewedLine(renderTerminal(sampleResult(), plain))).toMatch(/reviewed: 2 of 3 hunks \([^;]*\)$/);
});

test('answers from the cache and escalations reviewed locally are counted on the same line', () => {
  const result = sampleResult();
  const [small, risky, docs] = result.outcomes as [HunkOutcome, HunkOutcome, HunkOutcome];
  result.outcomes = [
    { ...small, notes: [{ code: 'from-cache' }] },
    {
      ...risky,
      by: ['rule', 'local'],
      notes: [{ code: 'escalation-left-for-ci' }, { code: 'from-cache' }],
    } as HunkOutcome,
    docs,
  ];
  expect(reviewedLine(renderTerminal(result, plain))).toMatch(
    /reviewed: 2 of 3 hunks \(.*\); 2 from cache; 1 escalated, reviewed locally, Claude’s review left for CI$/,
  );
});
