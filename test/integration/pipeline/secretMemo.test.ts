// A hook run over the same staged hunks takes each hunk's secret findings from the last run (pipeline/secretMemo.ts)
// instead of scanning again: the remembered secret still blocks the commit, a changed hunk is scanned afresh, and
// text sent to a model is still redacted by its own scan. Runs from source have no build id, so these tests give one.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import type { Config } from '../../../src/config/schema.js';
import { readRepository } from '../../../src/git/root.js';
import { runReview } from '../../../src/pipeline/runReview.js';
import { SECRET_MEMO_FILE } from '../../../src/pipeline/secretMemo.js';
import { decideExit } from '../../../src/policy/exitCode.js';
import { type FakeOllama, startFakeOllama } from '../../fakes/ollamaServer.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';

// Assembled at run time, so this file holds no credential for a scanner (or this repository's hook) to find.
const GITHUB_TOKEN = ['gh', 'p_', 'R8sT2vW9xY4zA7bC1dE6fG3hJ5kL0mN8pQ2r'].join('');

let ollama: FakeOllama;
let repo: TempRepo;

beforeAll(async () => {
  ollama = await startFakeOllama();
});
afterAll(() => ollama.close());
afterEach(() => {
  repo?.cleanup();
  ollama.requests.length = 0;
});

const memoPath = () => join(repo.dir, '.git', 'hunkwise', SECRET_MEMO_FILE);

/** The hook's run over the staged hunks, with a fresh review cache each time unless one is given. */
async function hookRun(config: Config, options: { buildId?: string | null; cacheDir?: string } = {}) {
  return runReview({
    cwd: repo.dir,
    env: {
      OLLAMA_HOST: ollama.url,
      HUNKWISE_CACHE_DIR: options.cacheDir ?? mkdtempSync(join(tmpdir(), 'hw-memo-cache-')),
    },
    config,
    spec: { kind: 'staged' },
    mode: 'hook',
    dryRun: false,
    signal: new AbortController().signal,
    allowClaude: false,
    repository: await readRepository(repo.dir),
    buildId: options.buildId === undefined ? 'build-1' : options.buildId,
  });
}

function stageToken() {
  repo = createRepo();
  repo.commit('base', { 'src/deploy.js': 'export const region = "eu";\n' });
  repo.write({ 'src/deploy.js': `export const region = "eu";\nexport const token = "${GITHUB_TOKEN}";\n` });
  repo.git('add', '-A');
}

const secrets = (result: Awaited<ReturnType<typeof hookRun>>) =>
  result.findings.map((p) => p.finding).filter((f) => f.category === 'secret');

test('a remembered secret blocks the retried commit, as the first run did', async () => {
  stageToken();
  const config = defaultConfig();
  const cacheDir = mkdtempSync(join(tmpdir(), 'hw-memo-cache-'));
  const first = await hookRun(config, { cacheDir });
  expect(decideExit(first, config, 'hook').code).toBe(1);
  expect(existsSync(memoPath())).toBe(true);
  expect(readFileSync(memoPath(), 'utf8')).not.toContain(GITHUB_TOKEN);

  // Every hunk now in the review cache and the memo: the everyday retried commit.
  const second = await hookRun(config, { cacheDir });
  expect(secrets(second)).toEqual(secrets(first));
  expect(decideExit(second, config, 'hook')).toEqual(decideExit(first, config, 'hook'));
  expect(second.outcomes.map((o) => o.status)).toEqual(['reviewed']);
});

test('the memo is what the second run reads: an entry edited on disk comes back', async () => {
  stageToken();
  const config = defaultConfig();
  await hookRun(config);
  const memo = JSON.parse(readFileSync(memoPath(), 'utf8')) as {
    hunks: Record<string, { message: string }[]>;
  };
  for (const f of Object.values(memo.hunks).flat()) f.message = 'remembered';
  writeFileSync(memoPath(), JSON.stringify(memo));
  expect(secrets(await hookRun(config)).map((f) => f.message)).toEqual(['remembered']);
});

test('another build, a changed hunk or a broken file is scanned afresh', async () => {
  stageToken();
  const config = defaultConfig();
  const rememberedBy = async (buildId: string) => {
    await hookRun(config, { buildId });
    return readFileSync(memoPath(), 'utf8');
  };
  const first = await rememberedBy('build-1');
  expect(await rememberedBy('build-2')).not.toBe(first);

  // The token moves to another line: the hunk is another one, and its finding names the new line.
  repo.write({ 'src/deploy.js': `export const token = "${GITHUB_TOKEN}";\nexport const region = "eu";\n` });
  repo.git('add', '-A');
  expect(secrets(await hookRun(config, { buildId: 'build-2' })).map((f) => f.range)).toEqual([
    { start: 1, end: 1 },
  ]);
  // The earlier hunk stays remembered next to the new one: staging it again costs no scan.
  expect(Object.keys(JSON.parse(readFileSync(memoPath(), 'utf8')).hunks)).toHaveLength(2);

  writeFileSync(memoPath(), '{ not json');
  expect(secrets(await hookRun(config, { buildId: 'build-2' }))).toHaveLength(1);
});

test('with the memo warm, text sent to a model is still redacted by its own scan', async () => {
  stageToken();
  const base = defaultConfig();
  const config = { ...base, routing: { ...base.routing, always_local: ['**'] } };
  await hookRun(config);
  ollama.requests.length = 0;
  // A fresh review cache: the hunk goes to the local model again, the memo answers the rules.
  const again = await hookRun(config);
  expect(secrets(again)).toHaveLength(1);
  expect(ollama.chats()).toHaveLength(1);
  const sent = ollama.requests.map((r) => JSON.stringify(r.body)).join('\n');
  expect(sent).toContain('[REDACTED:github-token#1]');
  expect(sent).not.toContain(GITHUB_TOKEN);
});

test('nothing is remembered from source (no build id) or with the cache off', async () => {
  stageToken();
  const base = defaultConfig();
  await hookRun(base, { buildId: null });
  await hookRun({ ...base, cache: { ...base.cache, enabled: false } });
  expect(existsSync(memoPath())).toBe(false);
});
