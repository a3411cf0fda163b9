// The built bin's real stdout and stderr: a wrong OLLAMA_HOST is one ✗ line, and no line the `ollama`
// client prints on its own (it console.logs "Getting text from response" for a non-JSON error body).
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type FakeOllama, startFakeOllama } from '../fakes/ollamaServer.js';
import { createRepo, GIT_ENV, type TempRepo } from '../helpers/gitRepo.js';

const BIN = resolve(import.meta.dirname, '../../bin/review.js');

let ollama: FakeOllama;
let repo: TempRepo;
beforeAll(async () => {
  ollama = await startFakeOllama({ models: ['qwen2.5-coder:7b'] });
  repo = createRepo({ 'config.yml': 'claude:\n  enabled: false\n' });
  repo.commit('base');
});
afterAll(async () => {
  await ollama.close();
  repo.cleanup();
});

function doctor(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, 'doctor'],
      { cwd: repo.dir, env: { PATH: process.env.PATH, HOME: repo.dir, NO_COLOR: '1', ...GIT_ENV, ...env } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

test('OLLAMA_HOST=http://host:port/api: exit 5, one ✗ line naming the right URL, no stray library output', async () => {
  const out = await doctor({ OLLAMA_HOST: `${ollama.url}/api` });
  expect(out.code).toBe(5);
  expect(`${out.stdout}${out.stderr}`).not.toMatch(/Getting text from response|Failed to parse/);
  expect(out.stderr).toBe('');
  const failed = out.stdout.split('\n').filter((line) => line.startsWith('✗'));
  expect(failed).toEqual([
    `✗ ${ollama.url}/api is not an Ollama server's address: GET ${ollama.url}/api/api/version answered 404 — set OLLAMA_HOST (or local.host) to ${ollama.url}, without /api`,
  ]);
});
