// Honest numbers through the whole CLI: the all-Claude baseline of a diff is one number in a dry run and a real
// run; real spend replaces only Claude's cost; a saving is claimed only over hunks a model reviewed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { reportSchema } from '../../../src/report/reportSchema.js';
import { type FakeAnthropic, startFakeAnthropic } from '../../fakes/anthropicServer.js';
import { closedPortUrl, type FakeOllama, startFakeOllama } from '../../fakes/ollamaServer.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';
import { runCli } from '../../helpers/runCli.js';

let ollama: FakeOllama;
let claude: FakeAnthropic;
let repo: TempRepo;
beforeAll(async () => {
  ollama = await startFakeOllama();
  claude = await startFakeAnthropic();
});
afterAll(async () => {
  await ollama.close();
  await claude.close();
});
afterEach(() => repo?.cleanup());

/** One hunk the router escalates (a login building SQL from input), one it keeps local. */
function mixedChange(): TempRepo {
  repo = createRepo();
  repo.commit('base', {
    'src/auth/login.ts': 'export function login(user: string) {\n  return user;\n}\n',
    'src/math.ts': 'export const one = 1;\n',
  });
  repo.commit('change', {
    'src/auth/login.ts':
      'export function login(user: string, password: string) {\n  const hash = md5(password);\n  return db.query("SELECT * FROM users WHERE name=\'" + user + "\' AND hash=\'" + hash + "\'");\n}\n',
    'src/math.ts': 'export const one = 1;\nexport const two = 2;\n',
  });
  return repo;
}

const env = () => ({
  OLLAMA_HOST: ollama.url,
  ANTHROPIC_BASE_URL: claude.url,
  ANTHROPIC_API_KEY: 'test-key',
  HUNKWISE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'hw-cost-cache-')),
});

async function totals(args: string[], environment = env()) {
  const run = await runCli([...args, '--format', 'json'], { cwd: repo.dir, env: environment });
  return reportSchema.parse(JSON.parse(run.stdout));
}

test('the dry run and the real run of a diff give the same baseline; billed spend replaces only Claude cost', async () => {
  mixedChange();
  const dry = await totals(['HEAD~1', '--dry-run']);
  const real = await totals(['HEAD~1']);
  expect(dry.hunks.map((h) => h.route).sort()).toEqual(['claude', 'local']);
  expect(real.totals.allClaudeTokens).toBe(dry.totals.allClaudeTokens);
  expect(real.totals.allClaudeCostUsd).toBe(dry.totals.allClaudeCostUsd);
  const billed = real.usage.filter((u) => u.role === 'escalation').reduce((n, u) => n + u.costUsd, 0);
  expect(billed).toBeGreaterThan(0);
  expect(real.totals.claudeCostUsd).toBe(billed);
  expect(real.totals.hunks).toEqual({ reviewed: 2, rulesOnly: 0, leftForCi: 0, notReviewed: 0, skipped: 0 });
  expect(real.totals.savingPercent).toBeGreaterThan(0);
  expect(dry.totals.savingPercent).toBeNull();
  expect(dry.totals.hunks).toEqual({ reviewed: 0, rulesOnly: 0, leftForCi: 0, notReviewed: 2, skipped: 0 });
});

test('the text report shows the counts next to the saving, and claims none when no model reviewed', async () => {
  mixedChange();
  const real = await runCli(['HEAD~1'], { cwd: repo.dir, env: env() });
  expect(real.stdout).toMatch(
    /saved \d+(\.\d)?% over the reviewed hunks \(hunks: 2 reviewed, 0 left for CI, 0 not reviewed\)/,
  );
  const hook = await runCli(['HEAD~1', '--no-claude'], {
    cwd: repo.dir,
    env: { ...env(), OLLAMA_HOST: await closedPortUrl() },
  });
  expect(hook.stdout).toContain(
    'no hunk was reviewed by a model, so no saving is claimed (hunks: 0 reviewed, 0 left for CI, 2 not reviewed)',
  );
  expect(hook.stdout).not.toMatch(/saved/);
  const dry = await runCli(['HEAD~1', '--dry-run'], { cwd: repo.dir, env: env() });
  expect(dry.stdout).toContain('no model was called, so no saving is claimed');
});
