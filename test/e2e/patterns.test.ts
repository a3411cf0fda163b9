// The built bin runs config patterns in RE2: re2js is bundled into dist/ as a file of its own (the published
// package has no dependencies), so this checks the bundle, not the sources. A catastrophic pattern and glob finish.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { createRepo, GIT_ENV, type TempRepo } from '../helpers/gitRepo.js';
import { commitHostilePatterns } from '../helpers/hostilePatterns.js';

const BIN = join(resolve(import.meta.dirname, '../..'), 'bin/review.js');
let repo: TempRepo;
afterEach(() => repo?.cleanup());

function review(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, ...GIT_ENV, NO_COLOR: '1' };
  for (const key of Object.keys(env))
    if (/^(ANTHROPIC_|OLLAMA_|HUNKWISE_|REVIEW_|CI$)/.test(key)) delete env[key];
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: repo.dir, env, maxBuffer: 1 << 26 },
      (error, stdout, stderr) => {
        done({ code: error ? Number((error as { code?: unknown }).code) : 0, stdout, stderr });
      },
    );
  });
}

test('custom rules, security patterns and user globs run in the bundled RE2', async () => {
  repo = createRepo();
  commitHostilePatterns(repo);
  const run = await review(['HEAD~1', '--no-local', '--no-claude']);
  expect(run.stderr).not.toContain('internal error');
  expect(run.stdout).toContain('a run of a (rule custom:redos)');
  expect(run.code).toBe(0);
});

test('a lookaround in config is exit 3 naming the key', async () => {
  repo = createRepo();
  repo.commit('base', { 'config.yml': 'routing:\n  security_patterns: ["(?<=token)="]\n' });
  repo.commit('change', { 'a.js': 'x\n' });
  const run = await review(['HEAD~1', '--no-local', '--no-claude']);
  expect(run.code).toBe(3);
  expect(run.stderr).toContain('routing.security_patterns[0]');
});
