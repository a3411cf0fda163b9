import { expect, test } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import { billedTokensOf, costOf, priceFor } from '../../../src/review/pricing.js';

const prices = configSchema.parse({}).claude.prices;

test('cost of every billed kind at the configured per-million prices', () => {
  const tokens = { input: 1_000_000, output: 100_000, cacheWrite: 200_000, cacheRead: 2_000_000 };
  // Sonnet 5.5: input 2, output 10, cache write 2.5, cache read 0.1 per million.
  expect(costOf('claude-sonnet-5-5', tokens, prices)).toEqual({
    priced: true,
    costUsd: 2 + 1 + 0.5 + 0.2,
    readOn: '2026-11-25',
    priceKey: 'claude-sonnet-5-5',
  });
});

test('a dated model id uses its alias price; an unknown model is unpriced, not $0', () => {
  expect(priceFor('claude-haiku-4-5-20251001', prices)?.key).toBe('claude-haiku-4-5');
  expect(costOf('claude-mystery-1', { input: 5, output: 5, cacheWrite: 0, cacheRead: 0 }, prices)).toEqual({
    priced: false,
    costUsd: null,
    model: 'claude-mystery-1',
  });
});

test('usage fields may be null or missing', () => {
  expect(billedTokensOf({ input_tokens: 10, output_tokens: 3, cache_creation_input_tokens: null })).toEqual({
    input: 10,
    output: 3,
    cacheWrite: 0,
    cacheRead: 0,
  });
});
