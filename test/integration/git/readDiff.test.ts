import { readFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { GitError } from '../../../src/errors.js';
import type { DiffSpec } from '../../../src/git/diffSpec.js';
import { readDiff, readNewSideFile } from '../../../src/git/readDiff.js';
import type { FileDiff } from '../../../src/types.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';
import { expectRebuildsExactly } from './repoBytes.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

function repo(files: Record<string, string | Buffer> = {}): TempRepo {
  const r = createRepo(files);
  repos.push(r);
  return r;
}

const LIMITS = { ignore: [] as string[], maxFileChangedLines: 1_000_000, maxTotalChangedLines: 10_000_000 };
const read = (r: TempRepo, spec: DiffSpec, limits: Partial<typeof LIMITS> = {}) =>
  readDiff(spec, { cwd: r.dir, ...LIMITS, ...limits });
const byPath = (files: FileDiff[]) => Object.fromEntries(files.map((f) => [f.path, f]));
const lines = (n: number, prefix = 'line') =>
  Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}\n`).join('');

describe('staged', () => {
  test('takes the index content, not the working tree, of a partially staged file', async () => {
    const r = repo();
    r.commit('base', { 'a.txt': 'one\ntwo\nthree\n' });
    r.write({ 'a.txt': 'one\nTWO\nthree\n' });
    r.git('add', 'a.txt');
    r.write({ 'a.txt': 'one\nTWO\nthree\nunstaged\n' });
    const diff = await read(r, { kind: 'staged' });
    expect(diff.label).toBe('staged');
    expect(diff.head).toBe('index');
    const [file] = diff.files;
    expect(file?.hunks[0]?.lines).toEqual([
      { kind: 'ctx', text: 'one', oldLine: 1, newLine: 1 },
      { kind: 'del', text: 'two', oldLine: 2 },
      { kind: 'add', text: 'TWO', newLine: 2 },
      { kind: 'ctx', text: 'three', oldLine: 3, newLine: 3 },
    ]);
    expect(await readNewSideFile({ kind: 'staged' }, 'a.txt', r.dir)).toBe('one\nTWO\nthree\n');
  });

  test('works before the first commit, against the empty tree', async () => {
    const r = repo({ 'first.txt': 'hello\n' });
    r.git('add', 'first.txt');
    const diff = await read(r, { kind: 'staged' });
    expect(diff.base).toBe(r.git('hash-object', '-t', 'tree', '/dev/null').trim());
    expect(diff.files.map((f) => [f.path, f.status, f.added])).toEqual([['first.txt', 'added', 1]]);
  });

  test('unresolved merge conflicts in the index are a clear error', async () => {
    const r = repo();
    r.commit('base', { 'c.txt': 'base\n' });
    r.git('checkout', '-q', '-b', 'side');
    r.commit('side', { 'c.txt': 'side\n' });
    r.git('checkout', '-q', 'main');
    r.commit('main', { 'c.txt': 'main\n' });
    expect(() => r.git('merge', '-q', 'side')).toThrow();
    await expect(read(r, { kind: 'staged' })).rejects.toThrow(/unmerged paths in the index \(c\.txt\)/);
  });

  test('nothing staged is an empty diff', async () => {
    const r = repo();
    r.commit('base', { 'a.txt': 'a\n' });
    r.write({ 'a.txt': 'changed but not staged\n' });
    expect((await read(r, { kind: 'staged' })).files).toEqual([]);
  });
});

describe('ranges', () => {
  function history() {
    const r = repo();
    const c1 = r.commit('c1', { 'f.txt': 'v1\n' });
    const c2 = r.commit('c2', { 'f.txt': 'v2\n' });
    r.git('checkout', '-q', '-b', 'topic');
    const t1 = r.commit('t1', { 'topic.txt': 'topic\n' });
    r.git('checkout', '-q', 'main');
    const c3 = r.commit('c3', { 'f.txt': 'v3\n' });
    return { r, c1, c2, t1, c3 };
  }

  test('A..B compares the two commits', async () => {
    const { r, c1, c3 } = history();
    const diff = await read(r, { kind: 'range', range: `${c1}..${c3}` });
    expect([diff.base, diff.head]).toEqual([c1, c3]);
    expect(diff.files.map((f) => f.path)).toEqual(['f.txt']);
  });

  test('A...B starts from the merge base', async () => {
    const { r, c2, t1 } = history();
    const diff = await read(r, { kind: 'range', range: 'main...topic' });
    expect([diff.base, diff.head]).toEqual([c2, t1]);
    expect(diff.files.map((f) => f.path)).toEqual(['topic.txt']);
  });

  test('a single rev R means R..HEAD', async () => {
    const { r, c2, c3 } = history();
    const diff = await read(r, { kind: 'range', range: 'HEAD~1' });
    expect(diff).toMatchObject({ label: 'HEAD~1..HEAD', base: c2, head: c3 });
  });

  test('a left side past the first commit is an error, never the whole tree', async () => {
    const r = repo();
    const root = r.commit('root', { 'a.txt': 'a\n' });
    for (const range of ['HEAD~1', `${root}^..${root}`, 'HEAD~5..HEAD', 'HEAD^...HEAD']) {
      const failure = read(r, { kind: 'range', range });
      await expect(failure, range).rejects.toBeInstanceOf(GitError);
      await expect(failure, range).rejects.toThrow(
        /goes back further than .*'s history \(1 commit\).*review --root/,
      );
    }
  });

  test('--root compares the empty tree with the commit: every file as added', async () => {
    const r = repo();
    const root = r.commit('root', { 'a.txt': 'a\n' });
    r.commit('second', { 'b.txt': 'b\n' });
    const empty = r.git('hash-object', '-t', 'tree', '/dev/null').trim();
    const first = await read(r, { kind: 'root', rev: root });
    expect(first).toMatchObject({ label: `--root ${root}`, base: empty, head: root });
    expect(first.files.map((f) => [f.path, f.status])).toEqual([['a.txt', 'added']]);
    const whole = await read(r, { kind: 'root', rev: 'HEAD' });
    expect(whole.files.map((f) => [f.path, f.status])).toEqual([
      ['a.txt', 'added'],
      ['b.txt', 'added'],
    ]);
    expect(await readNewSideFile({ kind: 'root', rev: root }, 'a.txt', r.dir)).toBe('a\n');
  });

  test('a bad revision is a GitError naming it', async () => {
    const { r } = history();
    await expect(read(r, { kind: 'range', range: 'nope..HEAD' })).rejects.toThrow(/unknown revision 'nope'/);
    await expect(read(r, { kind: 'range', range: 'HEAD..nope' })).rejects.toBeInstanceOf(GitError);
    await expect(read(r, { kind: 'range', range: 'HEAD^2' })).rejects.toThrow(/'HEAD\^2'/);
  });

  test('A...B over unrelated histories says so', async () => {
    const r = repo();
    r.commit('main', { 'a.txt': 'a\n' });
    r.git('checkout', '-q', '--orphan', 'other');
    r.git('rm', '-q', '-rf', '.');
    r.commit('other', { 'b.txt': 'b\n' });
    await expect(read(r, { kind: 'range', range: 'main...other' })).rejects.toThrow(/no common ancestor/);
  });

  test('a repository without commits points at --staged', async () => {
    const r = repo();
    await expect(read(r, { kind: 'range', range: 'HEAD~1' })).rejects.toThrow(/no commits yet/);
  });

  test('outside a repository the error is one clear line', async () => {
    const r = repo();
    r.git('init', '-q', 'inner');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const outside = mkdtempSync(`${tmpdir()}/hunkwise-norepo-`);
    await expect(readDiff({ kind: 'staged' }, { cwd: outside, ...LIMITS })).rejects.toThrow(
      /is not inside a git repository/,
    );
    await expect(readDiff({ kind: 'staged' }, { cwd: `${outside}/missing`, ...LIMITS })).rejects.toThrow(
      /does not exist/,
    );
  });
});

describe('shallow clones (git clone --depth 1, actions/checkout fetch-depth: 1)', () => {
  function shallowClone() {
    const origin = repo();
    origin.commit('c1', { 'one.txt': '1\n' });
    origin.commit('c2', { 'two.txt': '2\n' });
    origin.commit('c3', { 'three.txt': '3\n' });
    origin.commit('c4', { 'four.txt': '4\n' });
    origin.git('checkout', '-q', '-b', 'topic', 'HEAD~1');
    origin.commit('t1', { 'topic.txt': 't\n' });
    origin.git('checkout', '-q', 'main');
    const clone = repo();
    clone.git('remote', 'add', 'origin', `file://${origin.dir}`);
    clone.git('fetch', '-q', '--depth=1', 'origin', 'main:refs/remotes/origin/main', 'topic:topic');
    clone.git('checkout', '-q', '-b', 'main', 'origin/main');
    return { origin, clone };
  }

  test('a range whose base was not fetched says how far to deepen; after deepening it reviews only that commit', async () => {
    const { clone } = shallowClone();
    const failure = read(clone, { kind: 'range', range: 'HEAD~1' });
    await expect(failure).rejects.toBeInstanceOf(GitError);
    await expect(failure).rejects.toThrow(
      "'HEAD~1' is not in this shallow clone, which holds 1 commit of HEAD's history; fetch 1 more with `git fetch --deepen=1`, or set `fetch-depth: 0` on actions/checkout.",
    );
    await expect(read(clone, { kind: 'range', range: 'HEAD~3..HEAD~1' })).rejects.toThrow(
      /'HEAD~1' is not in this shallow clone.*--deepen=1/,
    );
    clone.git('fetch', '-q', '--deepen=1', 'origin');
    const diff = await read(clone, { kind: 'range', range: 'HEAD~1' });
    expect(diff.files.map((f) => [f.path, f.status])).toEqual([['four.txt', 'added']]);
    await expect(read(clone, { kind: 'range', range: 'HEAD~3' })).rejects.toThrow(/--deepen=2/);
  });

  test('an unknown commit id and a missing merge base point at fetching, not at a typo or unrelated histories', async () => {
    const { origin, clone } = shallowClone();
    const c1 = origin.git('rev-parse', 'main~3').trim();
    await expect(read(clone, { kind: 'range', range: `${c1}..HEAD` })).rejects.toThrow(
      /not a commit in this shallow clone; fetch it .*fetch-depth: 0/,
    );
    await expect(read(clone, { kind: 'range', range: 'main...topic' })).rejects.toThrow(
      /no common ancestor in this shallow clone; fetch more history/,
    );
  });
});

describe('what real repositories contain', () => {
  // Built once and only read by the tests that use it.
  let built: ReturnType<typeof buildSituations> | undefined;
  afterAll(() => built?.r.cleanup());
  const situations = () => {
    built ??= buildSituations();
    return built;
  };

  function buildSituations() {
    const r = createRepo();
    const latin1 = Buffer.from('caf\xe9 cr\xe8me\nna\xefve\n', 'latin1');
    const base = r.commit('base', {
      'keep.txt': lines(20),
      'delete-me.txt': 'bye\n',
      'rename-same.txt': lines(10, 'same'),
      'rename-edit.txt': lines(30, 'edit'),
      'copy-src.txt': lines(30, 'copy'),
      'mode.sh': 'echo hi\n',
      'bin.dat': Buffer.from([0, 1, 2, 3, 0, 255]),
      'noeol.txt': 'a\nb',
      'crlf.txt': 'one\r\ntwo\r\nthree\r\n',
      'latin1.txt': latin1,
      'empty-gone.txt': '',
      'type.txt': 'was a file\n',
    });
    r.git('update-index', '--add', '--cacheinfo', `160000,${base},sub`);
    r.git('commit', '-q', '-m', 'submodule');
    const withSub = r.git('rev-parse', 'HEAD').trim();
    r.git('rm', '-q', 'delete-me.txt', 'empty-gone.txt', 'type.txt');
    r.git('mv', 'rename-same.txt', 'renamed-same.txt');
    r.git('mv', 'rename-edit.txt', 'renamed-edit.txt');
    const { symlinkSync, chmodSync } = require('node:fs') as typeof import('node:fs');
    symlinkSync('keep.txt', `${r.dir}/link`);
    symlinkSync('keep.txt', `${r.dir}/type.txt`);
    chmodSync(`${r.dir}/mode.sh`, 0o755);
    r.write({
      'keep.txt': lines(20).replace('line 10\n', 'line ten\n'),
      'renamed-edit.txt': lines(30, 'edit').replace('edit 15\n', 'edit fifteen\n'),
      'copy-src.txt': `${lines(30, 'copy')}more\n`,
      'copy-dst.txt': lines(30, 'copy'),
      'bin.dat': Buffer.from([0, 1, 2, 3, 0, 254]),
      'noeol.txt': 'a\nB',
      'crlf.txt': 'one\r\nTWO\r\nthree\r\n',
      'latin1.txt': Buffer.from('caf\xe9 cr\xe8me\nna\xefve!\n', 'latin1'),
      'with space.txt': 'space\n',
      'quote"d.txt': 'quote\n',
      'ünï cødé.txt': 'unicode\n',
      'new\nline.txt': 'newline\n',
    });
    // `git add -A` would drop the gitlink (there is no submodule checkout), so stage it by hand.
    r.git('add', '-A');
    r.git('update-index', '--add', '--cacheinfo', `160000,${withSub},sub`);
    r.git('commit', '-q', '-m', 'changes');
    return { r, base: withSub, head: r.git('rev-parse', 'HEAD').trim() };
  }

  test('every file situation is read with exact paths, statuses and kinds', async () => {
    const { r, base, head } = situations();
    const diff = await read(r, { kind: 'range', range: `${base}..${head}` });
    const files = byPath(diff.files);
    const summary = (path: string) => {
      const f = files[path];
      return (
        f && [f.status, f.kind, f.oldPath, f.added, f.deleted, f.hunks.length, f.skipped?.reason ?? null]
      );
    };
    expect(summary('keep.txt')).toEqual(['modified', 'text', 'keep.txt', 1, 1, 1, null]);
    expect(summary('delete-me.txt')).toEqual(['deleted', 'text', 'delete-me.txt', 0, 1, 1, null]);
    expect(summary('renamed-same.txt')).toEqual(['renamed', 'text', 'rename-same.txt', 0, 0, 0, null]);
    expect(summary('renamed-edit.txt')).toEqual(['renamed', 'text', 'rename-edit.txt', 1, 1, 1, null]);
    // A copy is new code: every line added, as GitHub's pull-request view shows it.
    expect(summary('copy-dst.txt')).toEqual(['added', 'text', null, 30, 0, 1, null]);
    expect(summary('mode.sh')).toEqual(['modified', 'text', 'mode.sh', 0, 0, 0, null]);
    expect([files['mode.sh']?.oldMode, files['mode.sh']?.newMode]).toEqual(['100644', '100755']);
    expect(summary('bin.dat')).toEqual(['modified', 'binary', 'bin.dat', 0, 0, 0, 'binary']);
    expect(summary('sub')).toEqual(['modified', 'submodule', 'sub', 1, 1, 1, null]);
    const firstCommit = r.git('rev-parse', `${base}~1`).trim();
    expect(files.sub?.hunks[0]?.lines.map((l) => l.text)).toEqual([
      `Subproject commit ${firstCommit}`,
      `Subproject commit ${base}`,
    ]);
    expect(summary('link')).toEqual(['added', 'symlink', null, 1, 0, 1, null]);
    expect(files.link?.hunks[0]?.lines).toEqual([{ kind: 'add', text: 'keep.txt', newLine: 1, noEol: true }]);
    expect(summary('type.txt')).toEqual(['typechange', 'symlink', 'type.txt', 1, 1, 2, null]);
    expect(summary('empty-gone.txt')).toEqual(['deleted', 'text', 'empty-gone.txt', 0, 0, 0, null]);
    expect(files['renamed-edit.txt']?.similarity).toBeGreaterThan(50);
    for (const path of ['with space.txt', 'quote"d.txt', 'ünï cødé.txt', 'new\nline.txt'])
      expect(summary(path), path).toEqual(['added', 'text', null, 1, 0, 1, null]);
    expect(files['noeol.txt']?.hunks[0]?.lines.slice(-2)).toEqual([
      { kind: 'del', text: 'b', oldLine: 2, noEol: true },
      { kind: 'add', text: 'B', newLine: 2, noEol: true },
    ]);
    expect(files['crlf.txt']?.hunks[0]?.lines[1]).toEqual({ kind: 'del', text: 'two\r', oldLine: 2 });
    expect(files['latin1.txt']?.encoding).toBe('latin1');
    expect(files['latin1.txt']?.hunks[0]?.lines.at(-1)).toEqual({
      kind: 'add',
      text: 'na\xefve!',
      newLine: 2,
    });
    expect(files['keep.txt']?.encoding).toBe('utf8');

    const checked = expectRebuildsExactly(r.dir, base, head, diff.files);
    expect(checked.length).toBe(diff.files.length - 2); // all but the binary file and the submodule
  });

  test('a copied-then-edited file is reviewed whole, as added; a rename stays a rename', async () => {
    const r = repo();
    const source = lines(28, 'export const x');
    const base = r.commit('base', { 'src/source.ts': source, 'src/moved.ts': lines(20, 'moved') });
    r.git('mv', 'src/moved.ts', 'src/moved-to.ts');
    const head = r.commit('copy and edit', {
      'src/copy.ts': source.replace('export const x 3\n', 'export const y 3\n'),
      'src/source.ts': `${source}export const extra = 1;\n`,
    });
    const diff = await read(r, { kind: 'range', range: `${base}..${head}` });
    const files = byPath(diff.files);
    expect([files['src/copy.ts']?.status, files['src/copy.ts']?.oldPath]).toEqual(['added', null]);
    expect([files['src/copy.ts']?.added, files['src/copy.ts']?.deleted]).toEqual([28, 0]);
    expect(files['src/copy.ts']?.hunks[0]?.lines.every((l) => l.kind === 'add')).toBe(true);
    expect(files['src/moved-to.ts']).toMatchObject({ status: 'renamed', oldPath: 'src/moved.ts', added: 0 });
    const staged = repo();
    staged.commit('base', { 'a.ts': source });
    staged.write({ 'b.ts': source, 'a.ts': `${source}more\n` });
    staged.git('add', '-A');
    const index = byPath((await read(staged, { kind: 'staged' })).files);
    expect([index['b.ts']?.status, index['b.ts']?.added]).toEqual(['added', 28]);
  });

  test('empty files added and deleted (separately: together git sees an exact rename)', async () => {
    const r = repo();
    const c1 = r.commit('c1', { 'keep.txt': 'k\n' });
    const c2 = r.commit('add empty', { 'empty.txt': '' });
    r.git('rm', '-q', 'empty.txt');
    const c3 = r.commit('delete empty');
    const added = (await read(r, { kind: 'range', range: `${c1}..${c2}` })).files;
    const deleted = (await read(r, { kind: 'range', range: `${c2}..${c3}` })).files;
    expect(added.map((f) => [f.path, f.status, f.oldPath, f.newPath, f.hunks.length])).toEqual([
      ['empty.txt', 'added', null, 'empty.txt', 0],
    ]);
    expect(deleted.map((f) => [f.path, f.status, f.oldPath, f.newPath, f.hunks.length])).toEqual([
      ['empty.txt', 'deleted', 'empty.txt', null, 0],
    ]);
  });

  test('huge files, ignore globs and the diff budget skip files before any patch is read', async () => {
    const r = repo();
    const base = r.commit('base', { 'a.txt': 'a\n' });
    const head = r.commit('big', {
      'a.txt': 'A\n',
      'generated.txt': lines(6000),
      'package-lock.json': '{"lockfileVersion": 3}\n',
      'sub/.hidden/yarn.lock': 'x\n',
      'z1.txt': lines(30),
      'z2.txt': lines(30),
    });
    // GIT_TRACE logs every git command hunkwise runs, so we can see which paths a patch was asked for.
    const trace = `${r.dir}/.git/trace.log`;
    process.env.GIT_TRACE = trace;
    const limits = {
      ignore: ['**/package-lock.json', '**/yarn.lock'],
      maxFileChangedLines: 5000,
      maxTotalChangedLines: 40,
    };
    const diff = await read(r, { kind: 'range', range: `${base}..${head}` }, limits).finally(() => {
      delete process.env.GIT_TRACE;
    });
    const patchCalls = readFileSync(trace, 'utf8')
      .split('\n')
      .filter((line) => line.includes('built-in: git diff-tree') && line.includes(' -p '));
    expect(patchCalls).toHaveLength(1);
    expect(patchCalls[0]).toContain(':(top,literal)a.txt');
    expect(patchCalls[0]).toContain(':(top,literal)z1.txt');
    for (const skipped of ['generated.txt', 'package-lock.json', 'yarn.lock', 'z2.txt'])
      expect(patchCalls[0]).not.toContain(skipped);
    const skipped = diff.files.map((f) => [f.path, f.skipped?.reason ?? 'kept', f.hunks.length, f.added]);
    expect(skipped).toEqual([
      ['a.txt', 'kept', 1, 1],
      ['generated.txt', 'too-large', 0, 6000],
      ['package-lock.json', 'ignored', 0, 1],
      ['sub/.hidden/yarn.lock', 'ignored', 0, 1],
      ['z1.txt', 'kept', 1, 30],
      ['z2.txt', 'diff-budget', 0, 30],
    ]);
    expect(diff.files[2]?.skipped?.detail).toContain('**/package-lock.json');
  });

  test('a file name that is not valid UTF-8 is still read', async () => {
    const r = repo();
    const base = r.commit('base', { 'a.txt': 'a\n' });
    const { writeFileSync } = await import('node:fs');
    const name = Buffer.concat([Buffer.from(`${r.dir}/caf`), Buffer.from([0xe9]), Buffer.from('[1].txt')]);
    writeFileSync(name, 'latin1 name\n');
    const head = r.commit('latin1 name');
    const diff = await read(r, { kind: 'range', range: `${base}..${head}` });
    expect(diff.files.map((f) => [f.path, f.status, f.added])).toEqual([['caf\uFFFD[1].txt', 'added', 1]]);
    expect(diff.files[0]?.hunks[0]?.lines).toEqual([{ kind: 'add', text: 'latin1 name', newLine: 1 }]);
  });

  test('readNewSideFile reads the head revision, latin1 when not UTF-8, null when absent', async () => {
    const { r, base, head } = situations();
    const spec: DiffSpec = { kind: 'range', range: `${base}..${head}` };
    expect(await readNewSideFile(spec, 'new\nline.txt', r.dir)).toBe('newline\n');
    expect(await readNewSideFile(spec, 'latin1.txt', r.dir)).toBe('caf\xe9 cr\xe8me\nna\xefve!\n');
    expect(await readNewSideFile(spec, 'delete-me.txt', r.dir)).toBeNull();
    expect(await readNewSideFile(spec, 'sub', r.dir)).toBeNull();
  });
});

test('an aborted read rejects with the abort, not as a git failure', async () => {
  const r = repo();
  r.commit('base', { 'a.txt': 'a\n' });
  const controller = new AbortController();
  controller.abort(new Error('interrupted'));
  const reading = readDiff(
    { kind: 'range', range: 'HEAD' },
    { cwd: r.dir, ...LIMITS, signal: controller.signal },
  );
  await expect(reading).rejects.toThrow();
  await expect(reading).rejects.not.toBeInstanceOf(GitError);
});
