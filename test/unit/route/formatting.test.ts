import { expect, test } from 'vitest';
import { isFormattingOnly } from '../../../src/route/formatting.js';
import { makeHunk } from './diffBuilders.js';

const hunk = (...lines: string[]) => makeHunk('src/x.js', lines);

test.for([
  ['re-indentation', ['-    return a;', '+  return a;']],
  ['quote style', ['-const a = "x";', "+const a = 'x';"]],
  ['a trailing comma', ['-  f(a, b)', '+  f(a, b,)']],
  ['a statement-ending semicolon', ['-  x = 1', '+  x = 1;']],
  ['parentheses around a lone arrow parameter', ['-  list.map(x => x * 2)', '+  list.map((x) => x * 2)']],
  [
    're-wrapped arguments',
    ['-  call(first, second, third)', '+  call(', '+    first,', '+    second,', '+    third,', '+  )'],
  ],
] as const)('%s is formatting only', ([, lines]) => {
  expect(isFormattingOnly(hunk(...lines))).toBe(true);
});

test.for([
  ['joined identifiers', ['-  f(a, b)', '+  f(ab)']],
  ['a changed operator', ['-  if (a || b) run()', '+  if (a && b) run()']],
  [
    'a semicolon before a line that continues the statement',
    ['-  x = y;', '-  (f)()', '+  x = y', '+  (f)()'],
  ],
  ['a changed string', ['-  const a = "x";', "+  const a = 'y';"]],
  ['an added line', ['+  x = 1;']],
] as const)('%s is a change', ([, lines]) => {
  expect(isFormattingOnly(hunk(...lines))).toBe(false);
});
