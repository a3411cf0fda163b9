import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, test } from 'vitest';
import { readDiff } from '../../../src/git/readDiff.js';
import { createRepo, GIT_ENV, type TempRepo } from '../../helpers/gitRepo.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const LIMITS = { ignore: [], maxFileChangedLines: 100_000, maxTotalChangedLines: 1_000_000 };

/** A "GitHub" remote: main with 12 commits, a PR branch of 3 commits forked 6 commits back. Built once. */
let shared: ReturnType<typeof buildRemote> | undefined;
afterAll(() => shared?.remote.cleanup());
function remoteWithPullRequest() {
  shared ??= buildRemote();
  return shared;
}

function buildRemote() {
  const remote: TempRepo = createRepo();
  remote.git('config', 'uploadpack.allowAnySHA1InWant', 'true');
  for (let i = 1; i <= 6; i++) remote.commit(`main ${i}`, { [`main${i}.txt`]: `${i}\n` });
  const fork = remote.git('rev-parse', 'HEAD').trim();
  for (let i = 7; i <= 12; i++) remote.commit(`main ${i}`, { [`main${i}.txt`]: `${i}\n` });
  const base = remote.git('rev-parse', 'HEAD').trim();
  remote.git('checkout', '-q', '-b', 'pr', fork);
  for (let i = 1; i <= 3; i++) remote.commit(`pr ${i}`, { [`pr${i}.txt`]: `pr ${i}\n` });
  const head = remote.git('rev-parse', 'HEAD').trim();
  remote.git('checkout', '-q', 'main');
  return { remote, base, head, fork };
}

/** Like actions/checkout with fetch-depth 1: only the head commit is present. */
function shallowClone(remoteDir: string, head: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hunkwise-shallow-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV } });
  git('init', '-q');
  git('remote', 'add', 'origin', `file://${remoteDir}`);
  git('fetch', '-q', '--depth=1', 'origin', head);
  git('checkout', '-q', head);
  return dir;
}

test('a full clone diffs the merge base against head', async () => {
  const { remote, base, head, fork } = remoteWithPullRequest();
  const diff = await readDiff({ kind: 'pair', base, head }, { cwd: remote.dir, ...LIMITS });
  expect([diff.base, diff.head]).toEqual([fork, head]);
  expect(diff.files.map((f) => f.path)).toEqual(['pr1.txt', 'pr2.txt', 'pr3.txt']);
});

test('a shallow clone is deepened in steps until the merge base appears', async () => {
  const { remote, base, head, fork } = remoteWithPullRequest();
  const dir = shallowClone(remote.dir, head);
  const diff = await readDiff(
    { kind: 'pair', base, head },
    { cwd: dir, ...LIMITS, pair: { steps: [2, 4, 8] } },
  );
  expect([diff.base, diff.head]).toEqual([fork, head]);
  expect(diff.files.map((f) => f.path)).toEqual(['pr1.txt', 'pr2.txt', 'pr3.txt']);
});

test('a shallow clone that stays too shallow asks for fetch-depth: 0', async () => {
  const { remote, base, head } = remoteWithPullRequest();
  const dir = shallowClone(remote.dir, head);
  await expect(
    readDiff({ kind: 'pair', base, head }, { cwd: dir, ...LIMITS, pair: { steps: [1, 1] } }),
  ).rejects.toThrow(/fetch-depth: 0/);
});

test('unrelated histories in a full clone are a clear error', async () => {
  const r = createRepo();
  cleanups.push(r.cleanup);
  const a = r.commit('a', { 'a.txt': 'a\n' });
  r.git('checkout', '-q', '--orphan', 'other');
  r.git('rm', '-q', '-rf', '.');
  const b = r.commit('b', { 'b.txt': 'b\n' });
  await expect(readDiff({ kind: 'pair', base: a, head: b }, { cwd: r.dir, ...LIMITS })).rejects.toThrow(
    /no common ancestor/,
  );
});
