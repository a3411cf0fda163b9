import { expect, test } from 'vitest';
import { buildDiffIndex, indexHunks } from '../../../src/diff/diffIndex.js';
import { parseUnifiedDiff } from '../../../src/diff/parse.js';

const files = parseUnifiedDiff(
  [
    'diff --git a/a.ts b/a.ts',
    '--- a/a.ts',
    '+++ b/a.ts',
    '@@ -1,3 +1,4 @@',
    ' one',
    '+two',
    ' three',
    ' four',
    '@@ -20,4 +21,3 @@',
    ' x',
    '-y',
    ' z',
    ' w',
    '@@ -40,2 +40,0 @@',
    '-gone',
    '-gone too',
    '',
  ].join('\n'),
);
const index = buildDiffIndex(files);

test('line kinds and hunks on the new side', () => {
  expect(index.lineKind('a.ts', 2)).toBe('add');
  expect(index.lineKind('a.ts', 1)).toBe('ctx');
  expect(index.lineKind('a.ts', 10)).toBeNull();
  expect(index.lineKind('other.ts', 2)).toBeNull();
  expect(index.lineAt('a.ts', 22)).toEqual({ kind: 'ctx', text: 'z', oldLine: 22, newLine: 22 });
  expect(index.hunkAt('a.ts', 4)?.newStart).toBe(1);
  expect(index.hunkAt('a.ts', 5)).toBeNull();
  expect(index.hunkAt('a.ts', 23)?.newStart).toBe(21);
  expect(index.inHunk('a.ts', 21)).toBe(true);
  expect(index.inHunk('a.ts', 24)).toBe(false);
  expect(index.file('a.ts')?.hunks).toHaveLength(3);
});

test('sameHunk tells whether a range may be one multi-line comment', () => {
  expect(index.sameHunk('a.ts', 1, 4)).toBe(true);
  expect(index.sameHunk('a.ts', 4, 21)).toBe(false);
  expect(index.sameHunk('a.ts', 30, 30)).toBe(false);
});

test('a deletion-only hunk is found from its old lines', () => {
  expect(index.hunkAtOld('a.ts', 41)?.oldStart).toBe(40);
  expect(index.hunkAtOld('a.ts', 21)?.oldStart).toBe(20);
  expect(index.hunkAtOld('a.ts', 30)).toBeNull();
});

test('old side: which old lines the change touches, and where untouched ones moved', () => {
  // Old ranges, context included: hunk 1 covers old 1-3 (+1 line), hunk 2 old 20-23 (-1), hunk 3 old 40-41 (-2).
  expect(index.touchesOld('a.ts', 3, 5)).toBe(true);
  expect(index.touchesOld('a.ts', 5, 10)).toBe(false);
  expect(index.touchesOld('a.ts', 21, 21)).toBe(true);
  expect(index.touchesOld('a.ts', 30, 35)).toBe(false);
  expect(index.newLineOf('a.ts', 10)).toBe(11); // after one insertion
  expect(index.newLineOf('a.ts', 30)).toBe(30); // +1 then -1
  expect(index.newLineOf('a.ts', 50)).toBe(48); // and two more deleted
});

test('keyed by old path, a renamed file is found under the name earlier findings use', () => {
  const renamed = files.map((f) => ({ ...f, oldPath: 'old.ts', path: 'a.ts' }));
  const byOld = buildDiffIndex(renamed, (f) => f.oldPath ?? f.path);
  expect(byOld.file('old.ts')?.path).toBe('a.ts');
  expect(byOld.hasFile('a.ts')).toBe(false);
});

test('an index over loose hunks (one request) answers the same questions, and knows a file with no hunks', () => {
  const loose = indexHunks(files[0]!.hunks);
  expect(loose.sameHunk('a.ts', 1, 4)).toBe(true);
  expect(loose.hasFile('a.ts')).toBe(true);
  expect(loose.file('a.ts')).toBeUndefined();
  expect(loose.hunksOf('other.ts')).toEqual([]);
  const skipped = buildDiffIndex([{ ...files[0]!, path: 'bin.dat', hunks: [] }]);
  expect(skipped.hasFile('bin.dat')).toBe(true);
  expect(skipped.inHunk('bin.dat', 1)).toBe(false);
});
