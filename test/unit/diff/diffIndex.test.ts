import { expect, test } from 'vitest';
import { buildDiffIndex } from '../../../src/diff/diffIndex.js';
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
