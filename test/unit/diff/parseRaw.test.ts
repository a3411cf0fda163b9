import { expect, test } from 'vitest';
import { parseRawOutput, sectionsFor, splitPatchSections } from '../../../src/diff/parseRaw.js';

const Z = '\0';
const ID0 = '0'.repeat(40);
const ID1 = '1'.repeat(40);
const ID2 = '2'.repeat(40);

test('reads raw records, then numstat records, with exact paths', () => {
  const raw = [
    `:100644 100644 ${ID1} ${ID2} M${Z}sp ace.txt${Z}`,
    `:100644 100644 ${ID1} ${ID2} R078${Z}old\nname${Z}new "name"${Z}`,
    `:000000 100644 ${ID0} ${ID2} A${Z}bin.dat${Z}`,
    `3\t1\tsp ace.txt${Z}`,
    `5\t5\t${Z}old\nname${Z}new "name"${Z}`,
    `-\t-\tbin.dat${Z}`,
  ].join('');
  const out = parseRawOutput(Buffer.from(raw));
  expect(out.records).toEqual([
    {
      status: 'M',
      score: null,
      oldMode: '100644',
      newMode: '100644',
      oldId: ID1,
      newId: ID2,
      oldPath: 'sp ace.txt',
      newPath: 'sp ace.txt',
    },
    {
      status: 'R',
      score: 78,
      oldMode: '100644',
      newMode: '100644',
      oldId: ID1,
      newId: ID2,
      oldPath: 'old\nname',
      newPath: 'new "name"',
    },
    {
      status: 'A',
      score: null,
      oldMode: '000000',
      newMode: '100644',
      oldId: ID0,
      newId: ID2,
      oldPath: 'bin.dat',
      newPath: 'bin.dat',
    },
  ]);
  expect(out.numstats).toEqual([
    { added: 3, deleted: 1 },
    { added: 5, deleted: 5 },
    { added: null, deleted: null },
  ]);
  expect(out.patchStart).toBe(Buffer.byteLength(raw));
});

test('finds the patch after the extra NUL and splits it into sections', () => {
  const patch =
    'diff --git a/a b/a\n@@ -1 +1 @@\n-diff --git x\n+y\ndiff --git a/b b/b\nold mode 100644\nnew mode 100755\n';
  const buf = Buffer.from(
    `:100644 100644 ${ID1} ${ID2} M${Z}a${Z}:100644 100755 ${ID1} ${ID1} M${Z}b${Z}${Z}${patch}`,
  );
  const out = parseRawOutput(buf);
  expect(out.records.map((r) => r.newPath)).toEqual(['a', 'b']);
  const sections = splitPatchSections(buf, out.patchStart).map((s) => buf.toString('utf8', s.start, s.end));
  expect(sections).toEqual([
    'diff --git a/a b/a\n@@ -1 +1 @@\n-diff --git x\n+y\n',
    'diff --git a/b b/b\nold mode 100644\nnew mode 100755\n',
  ]);
  expect(parseRawOutput(Buffer.alloc(0))).toEqual({ records: [], numstats: [], patchStart: 0 });
});

test('a type change prints two sections, everything else one', () => {
  const record = (oldMode: string, newMode: string, status: 'M' | 'T' | 'A') =>
    ({ status, score: null, oldMode, newMode, oldId: ID1, newId: ID2, oldPath: 'p', newPath: 'p' }) as const;
  expect(sectionsFor(record('100644', '120000', 'T'))).toBe(2);
  expect(sectionsFor(record('160000', '100644', 'T'))).toBe(2);
  expect(sectionsFor(record('100644', '100755', 'M'))).toBe(1);
  expect(sectionsFor(record('000000', '120000', 'A'))).toBe(1);
});
