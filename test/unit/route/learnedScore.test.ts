// The learned security score: what it reads (hunkFeatures), how it explains itself, and where the hand-written
// weights still decide (signals about where code runs, signals training never saw).
import { describe, expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { FEATURE_VERSION, hunkFeatures, wordsOf } from '../../../src/route/hunkFeatures.js';
import { HAND_THRESHOLD, learnedScore, type RouterModel } from '../../../src/route/learnedScore.js';
import { ROUTER_MODEL } from '../../../src/route/routerModel.js';
import { assessSecurity } from '../../../src/route/securityScore.js';
import { makeHunk } from './diffBuilders.js';

const model = (over: Partial<RouterModel> = {}): RouterModel => ({
  featureVersion: FEATURE_VERSION,
  threshold: 0.5,
  signalsSeen: [],
  bias: -2,
  weights: {},
  ...over,
});

const scoreOf = (path: string, lines: string[], m?: RouterModel) => {
  const hunk = makeHunk(path, lines);
  return learnedScore(hunk, assessSecurity(hunk), m);
};

describe('the committed model', () => {
  test('was trained on the features the router computes (retrain: node scripts/train-router.mjs)', () => {
    expect(ROUTER_MODEL.featureVersion).toBe(FEATURE_VERSION);
  });

  test('its threshold is routing.security_threshold’s default', () => {
    expect(defaultConfig().routing.security_threshold).toBe(ROUTER_MODEL.threshold);
  });

  test('a guard against prototype pollution scores above the threshold, a rename below', () => {
    const guard = scoreOf('lib/merge.js', [
      '   for (const key of Object.keys(source)) {',
      "+    if (key === '__proto__' || key === 'constructor') continue;",
      '     target[key] = source[key];',
    ]);
    expect(guard.score).toBeGreaterThanOrEqual(ROUTER_MODEL.threshold);
    expect(guard.signals.map((h) => h.signal)).toContain('prototype-pollution');
    const rename = scoreOf('lib/list.js', ['-const total = items.length;', '+const count = items.length;']);
    expect(rename.score).toBeLessThan(ROUTER_MODEL.threshold);
  });
});

describe('learnedScore', () => {
  test('is the logistic of the bias and the weights of the features present', () => {
    const m = model({ bias: -1, weights: { 'a:escape': 2, 'd:escape': 5 } });
    expect(scoreOf('lib/a.js', ['+return escape(value);'], m).score).toBeCloseTo(1 / (1 + Math.exp(-1)), 3);
  });

  test('explains itself with the words that raised it, where they were read', () => {
    const m = model({ weights: { 'a:escape': 2, 'c:render': 1, 'a:value': -1 } });
    const scored = scoreOf('lib/a.js', [' render(', '+return escape(value);'], m);
    expect(scored.words).toEqual([
      { word: 'escape', place: 'added' },
      { word: 'render', place: 'around' },
    ]);
  });

  test('a CI workflow escalates on its hand-written score whatever the model learned about fixes', () => {
    const m = model({ signalsSeen: ['s:path-ci'], weights: { 's:path-ci': -3 } });
    const scored = scoreOf('.github/workflows/release.yml', ['+      - run: npm publish'], m);
    expect(scored.score).toBeGreaterThanOrEqual(HAND_THRESHOLD);
    expect(scored.signals[0]?.signal).toBe('path-ci');
  });

  test('a signal training never saw keeps its hand-written weight; once seen, the model decides', () => {
    const lines = ["+  if (key === '__proto__') continue;"];
    expect(scoreOf('lib/merge.js', lines, model()).score).toBeGreaterThanOrEqual(HAND_THRESHOLD);
    const seen = model({ signalsSeen: ['s:prototype-pollution'], weights: {} });
    expect(scoreOf('lib/merge.js', lines, seen).score).toBeCloseTo(1 / (1 + Math.exp(2)), 3);
  });
});

describe('hunkFeatures', () => {
  test('words are the lower-cased parts of identifiers; __proto__ stays whole', () => {
    expect([...wordsOf('isPrototypeOf(obj.__proto__, HTTPServer)')].sort()).toEqual(
      ['__proto__', 'http', 'is', 'obj', 'of', 'prototype', 'server'].sort(),
    );
  });

  test('added, removed, surrounding and path words are told apart; a small hunk’s added words twice', () => {
    const hunk = makeHunk('src/auth/token.ts', [' verify(', '-decode(raw)', '+decodeStrict(raw)']);
    const features = hunkFeatures(hunk, assessSecurity(hunk));
    expect(features.get('a:strict')).toBe(1);
    expect(features.get('S:strict')).toBe(1);
    expect(features.get('d:decode')).toBe(1);
    expect(features.get('c:verify')).toBe(1);
    expect(features.get('f:auth')).toBe(1);
    // The extension is not a word: the corpus is published JavaScript, repositories are often TypeScript.
    expect(features.has('f:ts')).toBe(false);
    expect(features.get('cls:code')).toBe(1);
  });
});
