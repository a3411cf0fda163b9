// The labelled set behind bench/memory.mjs stays usable: enough pairs, both labels, every field filled.
import { expect, test } from 'vitest';
import { readPairs } from '../../../bench/memory.js';

test('bench/memory.pairs.tsv has at least 60 labelled pairs of both kinds', () => {
  const pairs = readPairs(new URL('../../../bench/memory.pairs.tsv', import.meta.url).pathname);
  expect(pairs.length).toBeGreaterThanOrEqual(60);
  expect(new Set(pairs.map((p) => p.id)).size).toBe(pairs.length);
  const same = pairs.filter((p) => p.same).length;
  expect(same).toBeGreaterThanOrEqual(30);
  expect(pairs.length - same).toBeGreaterThanOrEqual(30);
  for (const p of pairs)
    for (const text of [p.a.message, p.a.quote, p.b.message, p.b.quote]) expect(text.trim()).not.toBe('');
});
