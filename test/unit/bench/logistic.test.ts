// The trainer's logistic regression (bench/logistic.ts): it separates what is separable, weights samples,
// and its L-BFGS stops at the minimum (the gradient vanishes).
import { describe, expect, test } from 'vitest';
import { fitLogistic, probability, type Sample } from '../../../bench/logistic.js';
import { vocabularyOf } from '../../../bench/trainRouter.js';

const row = (pairs: [number, number][]) => ({
  index: Int32Array.from(pairs.map(([i]) => i)),
  value: Float64Array.from(pairs.map(([, v]) => v)),
});

describe('fitLogistic', () => {
  test('learns which feature marks the positives', () => {
    const samples: Sample[] = [
      ...Array.from({ length: 20 }, () => ({ row: row([[0, 1]]), positive: true, weight: 1 })),
      ...Array.from({ length: 20 }, () => ({ row: row([[1, 1]]), positive: false, weight: 1 })),
    ];
    const model = fitLogistic(samples, 2, { C: 10 });
    expect(probability(model, row([[0, 1]]))).toBeGreaterThan(0.9);
    expect(probability(model, row([[1, 1]]))).toBeLessThan(0.1);
    expect(model.weights[0]).toBeGreaterThan(0);
    expect(model.weights[1]).toBeLessThan(0);
  });

  test('with no features, the bias is the weighted share of positives', () => {
    const samples: Sample[] = [
      { row: row([]), positive: true, weight: 3 },
      { row: row([]), positive: false, weight: 1 },
    ];
    expect(probability(fitLogistic(samples, 0, { C: 1 }), row([]))).toBeCloseTo(0.75, 3);
  });

  test('stronger regularisation gives smaller weights', () => {
    const samples: Sample[] = [
      { row: row([[0, 1]]), positive: true, weight: 1 },
      { row: row([[0, -1]]), positive: false, weight: 1 },
    ];
    const loose = fitLogistic(samples, 1, { C: 10 }).weights[0] ?? 0;
    const tight = fitLogistic(samples, 1, { C: 0.1 }).weights[0] ?? 0;
    expect(loose).toBeGreaterThan(tight);
    expect(tight).toBeGreaterThan(0);
  });
});

describe('vocabularyOf', () => {
  test('a word must appear in enough packages; signals and sizes always count', () => {
    const example = (pkg: string, features: [string, number][]) =>
      ({ package: pkg, features: new Map(features) }) as Parameters<typeof vocabularyOf>[0][number];
    const examples = [
      example('a', [
        ['a:escape', 1],
        ['a:lodashy', 1],
        ['s:regex', 0.5],
      ]),
      example('b', [
        ['a:escape', 1],
        ['ladd', 1],
      ]),
      example('a', [['a:lodashy', 1]]),
    ];
    expect(vocabularyOf(examples, 2)).toEqual(['a:escape', 'ladd', 's:regex']);
  });
});
