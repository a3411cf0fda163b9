import { expect, test } from 'vitest';
import { hasRegex, isRegexLikeString, redosShape, regexBodies } from '../../../src/route/regexShape.js';

test.for([
  ['const re = /^a+$/', ['^a+$']],
  ["x.replace(/ +$/, '')", [' +$']],
  ['if (/[/]\\d/.test(s)) {}', ['[/]\\d']],
  ["new RegExp('^(a|b)+$', 'g')", ['^(a|b)+$']],
  ['const half = a / b / c', []],
  ["const url = 'http://x/y' // a/b/", []],
] as const)('regexBodies(%j) → %j', ([line, bodies]) => {
  expect(regexBodies(line)).toEqual(bodies);
});

test.for([
  ['(a+)+', 'nested quantifier'],
  ['^data:(.*?),(.*?)$', 'several unbounded quantifiers that can overlap'],
  ['^\\s*(\\d*\\.?\\d+)%$', 'several unbounded quantifiers that can overlap'],
  [' +$', 'unanchored quantifier before $'],
] as const)('redosShape(%j) names %j', ([body, why]) => {
  expect(redosShape(body)).toBe(why);
});

test.for(['^[a-z0-9-]+$', '^v\\d+\\.\\d+$', 'foo|bar', '.[\\r\\n"]'])('redosShape(%j) is null', (body) => {
  expect(redosShape(body)).toBeNull();
});

test('hasRegex sees run-time construction', () => {
  expect(hasRegex('const r = new RegExp(source)')).toBe(true);
  expect(hasRegex('const r = source.length / 2')).toBe(false);
});

test('pattern sources kept in strings count as regexes', () => {
  expect(isRegexLikeString('(?:(?:[a-zA-Z\\\\d]*(?:;[-a-z]*)*)?')).toBe(true);
  expect(isRegexLikeString('Hello (world)!')).toBe(false);
  expect(regexBodies("  '[\\\\u001B](?:(?:[a-z\\\\d]*)*)?',")).toHaveLength(1);
  expect(redosShape(regexBodies("'(?:(?:[a-z\\\\d]*(?:;[-a-z]*)*)?\\\\u0007)'")[0]!)).toBe(
    'nested quantifier',
  );
});
