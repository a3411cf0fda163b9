// `review doctor` and the memory of a stalled server: it tries the server with one small review request;
// only an answer lifts the hook's pause. In-process, over a real repository and a loopback Ollama.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { EXIT } from '../../../src/errors.js';
import { stallMarkOf, writeStallMark } from '../../../src/pipeline/stallMarks.js';
import { startFakeOllama } from '../../fakes/ollamaServer.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';
import { runCli } from '../../helpers/runCli.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

test('a server that still does not answer keeps its pause; doctor says so and what to do', async () => {
  const hung = await startFakeOllama({ defaultReply: { hang: true } });
  try {
    repo = createRepo({ 'config.yml': 'local:\n  timeout_seconds: 1\n' });
    repo.commit('init');
    const model = 'qwen2.5-coder:7b';
    const mark = join(repo.dir, '.git/hunkwise/stalled-local.json');
    writeStallMark(
      join(repo.dir, '.git/hunkwise'),
      stallMarkOf('local', { provider: 'ollama', model, url: hung.url }, 60_000),
    );
    const ran = await runCli(['doctor'], { cwd: repo.dir, env: { OLLAMA_HOST: hung.url } });
    expect(ran.code).toBe(EXIT.service);
    expect(ran.stdout).toMatch(/^✓ Ollama .* model qwen2\.5-coder:7b present$/m);
    expect(ran.stdout).toContain(
      `✗ Ollama at ${hung.url} passes its health check but does not answer a review request`,
    );
    expect(ran.stdout).toMatch(/restart `ollama serve`\); the hook keeps skipping it meanwhile/);
    expect(hung.chats()).toHaveLength(1);
    expect(existsSync(mark)).toBe(true);
  } finally {
    await hung.close();
  }
});

test('without a mark, doctor sends no review request at all', async () => {
  const ollama = await startFakeOllama();
  try {
    repo = createRepo({ 'README.md': 'x\n' });
    repo.commit('init');
    const ran = await runCli(['doctor'], { cwd: repo.dir, env: { OLLAMA_HOST: ollama.url } });
    expect(ran.stdout).toMatch(/^✓ Ollama/m);
    expect(ollama.chats()).toEqual([]);
  } finally {
    await ollama.close();
  }
});
