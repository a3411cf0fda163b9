// Claude cost from reported usage and the prices in config. An unknown model is said to be unpriced, never $0.
import type { Config } from '../config/schema.js';

export type ModelPrice = Config['claude']['prices'][string];

/** Token counts as the Messages API bills them (`input` excludes cache reads and writes). */
export interface BilledTokens {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

export type CostResult =
  | { priced: true; costUsd: number; readOn: string; priceKey: string }
  | { priced: false; costUsd: null; model: string };

/** Dated ids (`claude-haiku-4-5-20251001`) share the price of their undated alias. */
const DATE_SUFFIX = /-\d{8}$/;

export function priceFor(
  model: string,
  prices: Config['claude']['prices'],
): { key: string; price: ModelPrice } | null {
  for (const key of [model, model.replace(DATE_SUFFIX, '')]) {
    const price = prices[key];
    if (price) return { key, price };
  }
  return null;
}

const PER_MILLION = 1_000_000;

/**
 * USD for one set of billed tokens. Cache writes are priced at the 5-minute rate, the TTL hunkwise asks for.
 * @see https://platform.claude.com/docs/en/about-claude/pricing
 */
export function costOf(model: string, tokens: BilledTokens, prices: Config['claude']['prices']): CostResult {
  const found = priceFor(model, prices);
  if (!found) return { priced: false, costUsd: null, model };
  const { price } = found;
  const costUsd =
    (tokens.input * price.input +
      tokens.output * price.output +
      tokens.cacheWrite * price.cache_write +
      tokens.cacheRead * price.cache_read) /
    PER_MILLION;
  return { priced: true, costUsd, readOn: price.read_on, priceKey: found.key };
}

/** Billed tokens from the API's `usage` object (fields may be null or absent). */
export function billedTokensOf(usage: {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}): BilledTokens {
  return {
    input: usage.input_tokens ?? 0,
    output: usage.output_tokens ?? 0,
    cacheWrite: usage.cache_creation_input_tokens ?? 0,
    cacheRead: usage.cache_read_input_tokens ?? 0,
  };
}
