// Ctrl-C and SIGTERM end any run: the built bin, reviewing against a loopback Ollama that never answers, gets the
// signal while its request is in flight and exits 130. The wait below only guards against a hang; it asserts no
// speed (the exit code and the message are the assertions).
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { type FakeOllama, startFakeOllama } from '../fakes/ollamaServer.js';
import { createRepo, GIT_ENV, type TempRepo } from '../helpers/gitRepo.js';

const BIN = join(resolve(import.meta.dirname, '../..'), 'bin/review.js');
const HANG_GUARD_MS = 60_000;

let ollama: FakeOllama;
let repo: TempRepo;

beforeAll(async () => {
  ollama = await startFakeOllama({ defaultReply: { hang: true } });
});
afterAll(() => ollama.close());
afterEach(() => repo?.cleanup());

function env(ollamaUrl = ollama.url): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...process.env, ...GIT_ENV, NO_COLOR: '1' };
  for (const key of Object.keys(out)) {
    if (/^(ANTHROPIC_|GITHUB_|HUSKY|REVIEW_|HUNKWISE_|OLLAMA_|CI$|FORCE_COLOR)/.test(key)) delete out[key];
  }
  return { ...out, OLLAMA_HOST: ollamaUrl };
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** Starts a review, sends `signal` once `started()` holds, and resolves with how the process ended. */
function interruptedRun(
  signal: NodeJS.Signals,
  args: string[],
  started: () => boolean,
  ollamaUrl = ollama.url,
): Promise<Exit> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: repo.dir, env: env(ollamaUrl) });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk;
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`still running ${HANG_GUARD_MS} ms after ${signal}; output: ${output}`));
    }, HANG_GUARD_MS);
    const poll = setInterval(() => {
      if (!started()) return;
      clearInterval(poll);
      child.kill(signal);
    }, 20);
    child.on('exit', (code, exitSignal) => {
      clearInterval(poll);
      clearTimeout(guard);
      done({ code, signal: exitSignal, output });
    });
  });
}

test.for(['SIGINT', 'SIGTERM'] as const)(
  '%s during a request to a hanging model ends the run with 130',
  async (signal) => {
    repo = createRepo();
    repo.commit('base', { 'src/a.js': 'export const a = 1;\n' });
    repo.commit('change', { 'src/a.js': 'export const a = 2;\nexport const b = a + 1;\n' });
    ollama.requests.length = 0;
    const exit = await interruptedRun(
      signal,
      ['HEAD~1..HEAD', '--no-claude'],
      () => ollama.chats().length > 0,
    );
    expect(exit.signal).toBeNull();
    expect(exit.code).toBe(130);
    expect(exit.output).toContain('interrupted');
  },
);

test("Ctrl-C while a stuck server holds the run's availability check: cancelled, not a timeout, exit 130", async () => {
  const stuck = await startFakeOllama({ silentChecks: true });
  try {
    repo = createRepo();
    // A long request timeout: the check would wait the run's full probe limit, so the signal comes first.
    repo.commit('base', {
      'config.yml': 'local:\n  timeout_seconds: 30\n',
      'src/a.js': 'export const a = 1;\n',
    });
    repo.commit('change', { 'src/a.js': 'export const a = 2;\n' });
    const exit = await interruptedRun(
      'SIGINT',
      ['HEAD~1..HEAD', '--no-claude'],
      () => stuck.requests.length > 0,
      stuck.url,
    );
    expect(exit.signal).toBeNull();
    expect(exit.code).toBe(130);
    expect(exit.output).toContain('cancelled before the local model answered');
    expect(exit.output).not.toContain('did not answer the availability check');
    expect(stuck.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/version']);
  } finally {
    await stuck.close();
  }
});

test('Ctrl-C while a git call is stuck (a filesystem monitor hook that never returns) still ends the run with 130', async () => {
  repo = createRepo({ 'a.txt': 'a\n' });
  repo.commit('base');
  repo.write({ 'a.txt': 'a\nb\n' });
  repo.git('add', 'a.txt');
  const marker = join(repo.dir, '.git', 'fsmonitor-called');
  const hook = join(repo.dir, '.git', 'fsmonitor-hook.sh');
  // git waits for the hook; the hook outlives the test's patience, not the machine's (it ends by itself).
  writeFileSync(hook, `#!/bin/sh\ntouch '${marker}'\nsleep 20\n`);
  chmodSync(hook, 0o755);
  repo.git('config', 'core.fsmonitor', hook);
  const exit = await interruptedRun('SIGINT', ['--staged', '--no-claude', '--no-local'], () =>
    existsSync(marker),
  );
  expect(exit.signal).toBeNull();
  expect(exit.code).toBe(130);
  expect(exit.output).toContain('review: interrupted');
});
