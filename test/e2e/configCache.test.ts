// The built bin remembers a validated config.yml by its exact text, and never serves a stale one.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { createRepo, GIT_ENV, type TempRepo } from '../helpers/gitRepo.js';

const BIN = resolve(import.meta.dirname, '../../bin/review.js');

function review(repo: TempRepo, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: repo.dir, env: { PATH: process.env.PATH, HOME: repo.dir, NO_COLOR: '1', ...GIT_ENV } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

let repo: TempRepo;
afterEach(() => repo?.cleanup());

const cached = (dir: string) =>
  readdirSync(join(dir, '.git/hunkwise/config')).filter((f) => f.endsWith('.json'));

test('a validated config is reused for the same text, and an edited config.yml is validated again', async () => {
  repo = createRepo();
  repo.commit('base', { 'a.js': 'const a = 1;\n', 'config.yml': 'routing:\n  skip: ["a.js"]\n' });
  repo.commit('change', { 'a.js': 'const a = 2;\n' });

  const first = await review(repo, ['HEAD~1', '--dry-run', '--format', 'json']);
  expect(first.code, first.stderr).toBe(0);
  expect(cached(repo.dir)).toHaveLength(1);
  const second = await review(repo, ['HEAD~1', '--dry-run', '--format', 'json']);
  expect(JSON.parse(second.stdout).hunks[0].route).toBe('skip');
  expect(cached(repo.dir)).toHaveLength(1);

  repo.write({ 'config.yml': 'routing:\n  skipp: ["a.js"]\n' });
  const broken = await review(repo, ['HEAD~1', '--dry-run']);
  expect(broken.code).toBe(3);
  expect(broken.stderr).toMatch(/config\.yml:2: routing\.skipp: unknown key; did you mean "skip"/);
});
