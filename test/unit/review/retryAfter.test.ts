import { expect, test } from 'vitest';
import { retryAfterSeconds } from '../../../src/review/providers/retryAfter.js';

const now = Date.parse('2026-11-26T10:00:00Z');

test.for([
  [{ 'retry-after-ms': '1500' }, 1.5],
  [{ 'retry-after': '30' }, 30],
  [{ 'retry-after-ms': '200', 'retry-after': '30' }, 0.2],
  [{ 'retry-after': 'Thu, 26 Nov 2026 10:01:00 GMT' }, 60],
  [{ 'retry-after': 'soon' }, null],
  [{}, null],
] as const)('%j → %s s', ([headers, seconds]) => {
  expect(retryAfterSeconds(new Headers(headers), now)).toBe(seconds);
});
