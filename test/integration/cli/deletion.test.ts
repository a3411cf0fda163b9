// A file deleted whole costs at most DELETION_MAX_TOKENS, planned and sent alike: express 4.19.2's
// History.md (3,615 lines), deleted together with its entry in package.json's "files".
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { reportSchema } from '../../../src/report/reportSchema.js';
import { DELETION_MAX_TOKENS } from '../../../src/route/deletionDigest.js';
import { estimateTokens } from '../../../src/route/tokens.js';
import { type FakeOllama, startFakeOllama, userPrompt } from '../../fakes/ollamaServer.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';
import { packedTree } from '../../helpers/npmPack.js';
import { runCli } from '../../helpers/runCli.js';

let ollama: FakeOllama;
let repo: TempRepo;
beforeAll(async () => {
  ollama = await startFakeOllama();
  const express = await packedTree('express', '4.19.2');
  const history = readFileSync(join(express, 'History.md'), 'utf8');
  const manifest = readFileSync(join(express, 'package.json'), 'utf8');
  repo = createRepo();
  repo.commit('express 4.19.2', { 'History.md': history, 'package.json': manifest });
  repo.git('rm', '-q', 'History.md');
  repo.commit('drop the changelog', { 'package.json': manifest.replace('    "History.md",\n', '') });
});
afterAll(async () => {
  await ollama.close();
  repo.cleanup();
});

const env = () => ({ OLLAMA_HOST: ollama.url, HUNKWISE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'hw-del-')) });

/** The fenced block of one file in a user prompt: what that hunk really costs in the request. */
function blockOf(prompt: string, file: string): string {
  const start = prompt.indexOf(`file=${JSON.stringify(file)}>>>`);
  const end = prompt.indexOf('<<<END_UNTRUSTED_DIFF', start);
  return prompt.slice(prompt.lastIndexOf('<<<UNTRUSTED_DIFF', start), prompt.indexOf('\n', end));
}

test('a 3,615-line deleted History.md is planned and sent as a digest of at most 1,000 tokens', async () => {
  const plan = await runCli(['HEAD~1', '--dry-run', '--format', 'json'], { cwd: repo.dir, env: env() });
  expect(plan.code).toBe(0);
  const planned = reportSchema.parse(JSON.parse(plan.stdout)).hunks.find((h) => h.file === 'History.md');
  expect(planned?.estimatedTokens).toBeLessThanOrEqual(DELETION_MAX_TOKENS);
  expect(planned?.section).toMatch(/^deleted file: 3615 lines \(\d+ bytes\) removed whole/);

  const run = await runCli(['HEAD~1', '--format', 'json'], { cwd: repo.dir, env: env() });
  expect(run.code).toBe(0);
  const reviewed = reportSchema.parse(JSON.parse(run.stdout)).hunks.find((h) => h.file === 'History.md');
  expect(reviewed?.estimatedTokens).toBe(planned?.estimatedTokens);
  expect(reviewed?.review.status).toBe('reviewed');
  const prompt =
    ollama
      .chats()
      .map(userPrompt)
      .find((p) => p.includes('file="History.md"')) ?? '';
  const sent = estimateTokens(blockOf(prompt, 'History.md'));
  expect(sent).toBeLessThanOrEqual(DELETION_MAX_TOKENS);
  expect(Math.abs(sent - (planned?.estimatedTokens ?? 0))).toBeLessThan(0.3 * sent);
  expect(prompt).toContain('deleted file: 3615 lines');
  expect(prompt).toContain('named elsewhere in this change: package.json:');
  expect(prompt).toContain('4.19.2 / 2024-03-25');
});
