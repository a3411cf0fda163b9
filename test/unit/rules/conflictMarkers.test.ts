import { expect, test } from 'vitest';
import { findConflictMarkers } from '../../../src/rules/conflictMarkers.js';
import { fileWith } from '../route/diffBuilders.js';

test('a committed conflict block is one major finding spanning the block', () => {
  const file = fileWith('src/a.js', [
    ' keep',
    '+<<<<<<< HEAD',
    '+const a = 1;',
    '+=======',
    '+const a = 2;',
    '+>>>>>>> feature',
    ' end',
  ]);
  const findings = findConflictMarkers([file]);
  expect(findings).toHaveLength(1);
  expect(findings[0]).toMatchObject({
    severity: 'major',
    category: 'conflict',
    origin: 'conflict-markers',
    range: { start: 2, end: 6 },
  });
});

test('stray markers are reported one by one', () => {
  const file = fileWith('src/a.js', ['+>>>>>>> theirs', '+=======']);
  expect(findConflictMarkers([file]).map((f) => f.range?.start)).toEqual([1, 2]);
});

test.for([
  ['a Markdown heading underline', 'README.md', ['+Title', '+=======']],
  ['a marker in a deleted line', 'src/a.js', ['-<<<<<<< HEAD']],
  ['a longer run of =', 'src/a.js', ['+========']],
  ['a marker not at line start', 'src/a.js', ['+  <<<<<<< HEAD']],
  ['eight angle brackets', 'src/a.js', ['+<<<<<<<< x']],
] as const)('no finding for %s', ([, path, lines]) => {
  expect(findConflictMarkers([fileWith(path, [...lines])])).toEqual([]);
});
