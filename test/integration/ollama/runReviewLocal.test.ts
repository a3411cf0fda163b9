// The whole pipeline with the real Ollama reviewer (built from config and OLLAMA_HOST) against the fake server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { describeNotice, describeReason } from '../../../src/messages/outcomes.js';
import { runReview } from '../../../src/pipeline/runReview.js';
import { closedPortUrl, type FakeOllama, promptFiles, startFakeOllama } from '../../fakes/ollamaServer.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';

let fake: FakeOllama;
let repo: TempRepo;

beforeAll(async () => {
  fake = await startFakeOllama();
});
afterAll(() => fake.close());
afterEach(() => repo?.cleanup());

function setUp(): TempRepo {
  repo = createRepo();
  repo.commit('base', { 'src/sum.js': 'export function sum(xs) {\n  let s = 0;\n  return s;\n}\n' });
  repo.commit('loop', {
    'src/sum.js':
      'export function sum(xs) {\n  let s = 0;\n  for (let i = 0; i <= xs.length; i++) s += xs[i];\n  return s;\n}\n',
  });
  return repo;
}

function reviewWith(env: Record<string, string | undefined>) {
  const config = defaultConfig();
  config.cache.enabled = false;
  config.cache.dir = mkdtempSync(join(tmpdir(), 'hw-ollama-cache-'));
  return runReview({
    cwd: repo.dir,
    env,
    config,
    spec: { kind: 'range', range: 'HEAD~1' },
    mode: 'cli',
    dryRun: false,
    signal: new AbortController().signal,
    allowClaude: false,
  });
}

test('a small hunk is reviewed by the local model found through OLLAMA_HOST; a wrong line is fixed by the quote', async () => {
  setUp();
  fake.script({
    findings: [
      {
        file: 'src/sum.js',
        line: 1,
        severity: 'major',
        category: 'bug',
        message: 'Loop reads one past the end of xs.',
        quote: 'i <= xs.length',
      },
    ],
  });
  const result = await reviewWith({ OLLAMA_HOST: fake.url.replace('http://', '') });
  expect(promptFiles(fake.chats().at(-1)!)).toEqual(['src/sum.js']);
  expect(result.outcomes).toEqual([expect.objectContaining({ status: 'reviewed', by: ['rule', 'local'] })]);
  expect(result.findings).toEqual([
    expect.objectContaining({
      placement: 'inline',
      finding: expect.objectContaining({ file: 'src/sum.js', range: { start: 3, end: 3 }, source: 'local' }),
    }),
  ]);
  expect(result.usage).toEqual([
    expect.objectContaining({ provider: 'ollama', model: 'qwen2.5-coder:7b', requests: 1 }),
  ]);
});

test('with Ollama down the hunk is reported as not reviewed, with how to start it', async () => {
  setUp();
  const url = await closedPortUrl();
  const result = await reviewWith({ OLLAMA_HOST: url });
  expect(result.outcomes).toEqual([expect.objectContaining({ status: 'notReviewed' })]);
  const [outcome] = result.outcomes;
  // The hunk points at the one notice that says what happened and what to do.
  expect(outcome?.status === 'notReviewed' && outcome.reason).toMatchObject({
    code: 'unavailable',
    reviewers: [{ code: 'check-failed', role: 'local', reason: `Ollama is not reachable at ${url}` }, {}],
  });
  expect(outcome?.status === 'notReviewed' && describeReason(outcome.reason)).toMatch(
    /^local model unavailable \(see the note below\)/,
  );
  expect(result.notices.map(describeNotice)).toContain(
    `Ollama is not reachable at ${url} — start it with \`ollama serve\` (or point local.host / OLLAMA_HOST at your server)`,
  );
  expect(result.findings).toEqual([]);
});
