import { expect, test } from 'vitest';
import { splitFirstParentSteps, splitRange } from '../../../src/git/resolveSpec.js';

test.for([
  ['A..B', { left: 'A', right: 'B', symmetric: false }],
  ['A...B', { left: 'A', right: 'B', symmetric: true }],
  ['main', { left: 'main', right: 'HEAD', symmetric: false }],
  ['..B', { left: 'HEAD', right: 'B', symmetric: false }],
  ['A...', { left: 'A', right: 'HEAD', symmetric: true }],
] as const)('splitRange(%s)', ([range, expected]) => {
  expect(splitRange(range)).toEqual(expected);
});

test.for([
  ['HEAD~1', { base: 'HEAD', steps: 1 }],
  ['HEAD~', { base: 'HEAD', steps: 1 }],
  ['main~2^', { base: 'main', steps: 3 }],
  ['abc^^', { base: 'abc', steps: 2 }],
  ['HEAD^1', { base: 'HEAD', steps: 1 }],
  ['HEAD^2', { base: 'HEAD^2', steps: 0 }],
  ['v1.0^{commit}', { base: 'v1.0^{commit}', steps: 0 }],
  ['main', { base: 'main', steps: 0 }],
] as const)('splitFirstParentSteps(%s)', ([rev, expected]) => {
  expect(splitFirstParentSteps(rev)).toEqual(expected);
});
