import { expect, test } from 'vitest';
import { groupThousands } from '../../../src/messages/plural.js';

test.for([0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 1_234_567_890, -1, -1234, 1234.4, 1234.5, 0.5])(
  'groupThousands(%d) prints what toLocaleString("en-US") prints for the rounded integer',
  (n) => {
    expect(groupThousands(n)).toBe(Math.round(n).toLocaleString('en-US'));
  },
);

test('a negative number that rounds to zero prints 0, not -0', () => {
  expect(groupThousands(-0.2)).toBe('0');
});
