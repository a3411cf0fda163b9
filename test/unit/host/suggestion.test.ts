import { expect, test } from 'vitest';
import { indexFileDiffs } from '../../../src/host/commentableLines.js';
import { suggestionFor } from '../../../src/host/suggestion.js';
import { fileDiff, finding } from '../policy/buildResult.js';
import { makeHunk } from '../review/reviewItems.js';

// new side: 10 `function f(a) {`, 11 `  if (a == null) return;`, 12 `  return a.b;`, 13 `}`; old line 11 deleted.
const hunk = makeHunk('src/f.ts', { old: 10, new: 10 }, [
  ' function f(a) {',
  '-  if (!a) return;',
  '+  if (a == null) return;',
  '+  return a.b;',
  ' }',
]);
const files = [fileDiff('src/f.ts', [hunk])];
const diff = indexFileDiffs(files);
const at = (start: number, end: number, over: Parameters<typeof finding>[3]) =>
  finding('src/f.ts', start, 'minor', { range: { start, end }, ...over });

test('a suggestion replacing exactly the anchored whole lines fits, re-indented like them', () => {
  const one = at(11, 11, {
    quote: 'if (a == null) return;',
    suggestion: 'if (a === null || a === undefined) return;',
  });
  expect(suggestionFor(one, files, diff)).toEqual({
    start: 11,
    end: 11,
    code: '  if (a === null || a === undefined) return;',
  });
  const two = at(11, 12, {
    quote: '  if (a == null) return;\n  return a.b;\n',
    suggestion: '  return a?.b;\n',
  });
  expect(suggestionFor(two, files, diff)).toEqual({ start: 11, end: 12, code: '  return a?.b;' });
});

test.for([
  ['part of a line', at(11, 11, { quote: 'a == null', suggestion: 'a === null' })],
  ['fewer lines quoted than anchored', at(11, 12, { quote: 'return a.b;', suggestion: 'return a?.b;' })],
  ['a remark about the deleted line', at(11, 11, { quote: 'if (!a) return;', suggestion: 'if (a) return;' })],
  ['lines outside the hunk', at(20, 21, { quote: 'x\ny', suggestion: 'z' })],
  [
    'a rule finding (advice, not code)',
    at(11, 11, { source: 'rule', quote: 'if (a == null) return;', suggestion: 'use ===' }),
  ],
  ['no quote', at(11, 11, { suggestion: 'x' })],
  ['the same code again', at(12, 12, { quote: 'return a.b;', suggestion: 'return a.b;' })],
] as const)('%s stays a plain code block', ([, f]) => {
  expect(suggestionFor(f, files, diff)).toBeNull();
});

test('a range GitHub would reject (not in its pull-request diff) never becomes a suggestion', () => {
  const f = at(11, 11, { quote: 'if (a == null) return;', suggestion: 'if (a === null) return;' });
  expect(suggestionFor(f, files, indexFileDiffs([fileDiff('src/f.ts', [])]))).toBeNull();
});
