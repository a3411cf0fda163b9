import { afterEach, expect, test } from 'vitest';
import { readDiff } from '../../../src/git/readDiff.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

const LIMITS = { ignore: [], maxFileChangedLines: 100_000, maxTotalChangedLines: 1_000_000 };

// Settings a user may have that change what `git diff` prints; none may change what hunkwise reads.
const HOSTILE_CONFIG: Array<[string, string]> = [
  ['diff.noprefix', 'true'],
  ['diff.mnemonicPrefix', 'true'],
  ['diff.suppressBlankEmpty', 'true'],
  ['diff.relative', 'true'],
  ['diff.renames', 'false'],
  ['diff.context', '0'],
  ['diff.interHunkContext', '10'],
  ['diff.algorithm', 'patience'],
  ['diff.submodule', 'log'],
  ['diff.external', 'false'],
  ['diff.orderFile', '/dev/null'],
  ['color.ui', 'always'],
  ['color.diff', 'always'],
  ['core.quotepath', 'true'],
  ['core.pager', 'cat'],
];

test('the user’s diff and color settings do not change the result', async () => {
  const r = createRepo();
  repos.push(r);
  const body = Array.from({ length: 40 }, (_, i) => (i % 5 === 0 ? '' : `line ${i}`)).join('\n');
  const base = r.commit('base', { 'dir/a.txt': `${body}\n`, 'old name.txt': `${body}\nend\n` });
  r.git('mv', 'old name.txt', 'new name ü.txt');
  r.write({ 'dir/a.txt': `${body.replace('line 12', 'line twelve').replace('line 33', 'thirty-three')}\n` });
  r.write({ 'new name ü.txt': `${body}\nEND\n` });
  const head = r.commit('change');
  const spec = { kind: 'range' as const, range: `${base}..${head}` };

  const clean = await readDiff(spec, { cwd: r.dir, ...LIMITS });
  for (const [key, value] of HOSTILE_CONFIG) r.git('config', key, value);
  const hostile = await readDiff(spec, { cwd: `${r.dir}/dir`, ...LIMITS });

  expect(hostile).toEqual(clean);
  expect(clean.files.map((f) => [f.path, f.status, f.hunks.length])).toEqual([
    ['dir/a.txt', 'modified', 2],
    ['new name ü.txt', 'renamed', 1],
  ]);
  // Blank context lines keep their meaning with diff.suppressBlankEmpty set.
  expect(hostile.files[0]?.hunks[0]?.lines.some((l) => l.kind === 'ctx' && l.text === '')).toBe(true);
});
