// The hook's time budget (hook.time_budget_seconds) is a deadline the user set, not a cancellation: when it runs
// out while the team memory's embedding call (/api/embed) is still waiting, the notice says the budget ran out,
// matching falls back to fingerprints and exact text, and the commit goes through. Ctrl-C during the same call
// still says "cancelled". The real CLI in process, as the hook runs it, over a real repository with a memory file
// holding dismissals, and a loopback Ollama that answers the review at once and never answers /api/embed. The
// budget (4 s) is far below memory.timeout_seconds (20 s), so the budget is what cuts the call; assertions are
// on codes, fields, lines and what the server recorded, not on time.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { type FakeOllama, startFakeOllama } from '../../fakes/ollamaServer.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';
import { runCli } from '../../helpers/runCli.js';

const SAME_TEXT = { message: 'Rename `x` to say what it holds.', quote: 'const x = load(id);' };
const REWORDED = { message: 'db.users.find returns a promise; await it.', quote: 'const user = find(id);' };

/** Two dismissals of src/users.js: one the finding below repeats word for word, one only its meaning matches. */
const MEMORY = [SAME_TEXT, { ...REWORDED, message: 'The lookup is asynchronous: `user` must be awaited.' }]
  .map((f, i) =>
    JSON.stringify({
      kind: 'dismiss',
      fingerprint: `${i}`.repeat(16),
      file: 'src/users.js',
      category: 'bug',
      ...f,
      who: 'Ada Lovelace <ada@example.com>',
      when: '2026-11-26T09:14:03.000Z',
    }),
  )
  .join('\n');

let fake: FakeOllama;
const repos: TempRepo[] = [];
beforeAll(async () => {
  fake = await startFakeOllama({
    models: ['qwen2.5-coder:7b', 'nomic-embed-text'],
    embedHang: true,
    defaultReply: {
      findings: [SAME_TEXT, REWORDED].map((f) => ({
        file: 'src/users.js',
        line: 1,
        severity: 'minor',
        category: 'bug',
        ...f,
      })),
    },
  });
});
afterAll(() => fake.close());
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

/** A repository with the memory file committed and a change staged that the model finds both remarks in. */
function stagedChange(budgetSeconds: number, extraConfig = ''): TempRepo {
  const repo = createRepo();
  repos.push(repo);
  repo.commit('base', {
    'config.yml': `hook:\n  time_budget_seconds: ${budgetSeconds}\nlocal:\n  host: "${fake.url}"\nclaude:\n  enabled: false\n${extraConfig}`,
    '.hunkwise/memory.jsonl': `${MEMORY}\n`,
    'src/users.js': 'export {};\n',
  });
  repo.write({ 'src/users.js': `${SAME_TEXT.quote}\n${REWORDED.quote}\n` });
  repo.git('add', 'src/users.js');
  return repo;
}

interface RunOptions {
  budgetSeconds: number;
  signal?: AbortSignal;
  extraConfig?: string;
  /** As the hook runs it (the budget applies), or by hand (`review --staged`: no budget). */
  hook?: boolean;
}

function hookRun(format: string, options: RunOptions) {
  const args = ['--staged', ...(options.hook === false ? [] : ['--hook']), '--format', format];
  return runCli(args, {
    cwd: stagedChange(options.budgetSeconds, options.extraConfig).dir,
    env: { HUNKWISE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'hw-embed-cut-')) },
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/**
 * Far below memory.timeout_seconds (20 s): the budget, not the request's own limit, cuts the call. Long enough
 * for the run to reach it on a loaded machine (the review before it answers at once).
 */
const CUT = { budgetSeconds: 4 };

interface Report {
  findings: Array<{ message: string }>;
  suppressed: Array<{ finding: { message: string }; match: string }>;
  memory: { matching: string };
  notices: Array<{ code: string; message: string; [field: string]: unknown }>;
}

const BUDGET_LINE =
  "memory: embedding model nomic-embed-text unavailable (the hook's time budget (hook.time_budget_seconds) ran out first); dismissed findings were matched by fingerprint and exact text only, notes by path — raise hook.time_budget_seconds, or set memory.embeddings: false.";

test('the budget runs out during the embedding call: said as the budget, not "cancelled"; exact matching still suppresses', async () => {
  fake.requests.length = 0;
  const [text, json] = await Promise.all([hookRun('text', CUT), hookRun('json', CUT)]);
  expect([text.code, json.code], text.stderr + json.stderr).toEqual([0, 0]);
  // Each run reviewed its hunk and then asked for the vectors, which never came.
  expect(fake.chats()).toHaveLength(2);
  expect(fake.embeds()).toHaveLength(2);

  const report = JSON.parse(json.stdout) as Report;
  expect(report.notices.filter((n) => n.code === 'embeddings-unavailable')).toEqual([
    {
      code: 'embeddings-unavailable',
      model: 'nomic-embed-text',
      cause: 'time-budget',
      reason: "the hook's time budget (hook.time_budget_seconds) ran out first",
      fix: 'raise hook.time_budget_seconds',
      message: BUDGET_LINE,
    },
  ]);
  // The fallback the docs promise: the word-for-word repeat is suppressed, the reworded remark is shown.
  expect(report.memory.matching).toBe('text');
  expect(report.suppressed.map((s) => [s.finding.message, s.match])).toEqual([[SAME_TEXT.message, 'text']]);
  expect(report.findings.map((f) => f.message)).toEqual([REWORDED.message]);

  expect(text.stdout).toContain(BUDGET_LINE);
  expect(text.stdout).toContain('1 finding suppressed by the team memory');
  expect(text.stdout + text.stderr + json.stdout + json.stderr).not.toMatch(/cancel/i);
});

test('Ctrl-C during the embedding call still says "cancelled"', async () => {
  fake.requests.length = 0;
  const controller = new AbortController();
  const running = hookRun('json', { budgetSeconds: 60, signal: controller.signal });
  // Ctrl-C once the embedding request is waiting on the server, as the bin's SIGINT handler aborts.
  while (fake.embeds().length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  controller.abort(new Error('interrupted'));
  const ran = await running;
  const report = JSON.parse(ran.stdout) as Report;
  expect(report.notices.filter((n) => n.code === 'embeddings-unavailable')).toEqual([
    expect.objectContaining({ cause: 'cancelled', reason: 'cancelled', fix: 'run the review again' }),
  ]);
  expect(report.suppressed.map((s) => s.match)).toEqual(['text']);
});

test("the embedding request's own limit (memory.timeout_seconds) is still said as a timeout", async () => {
  fake.requests.length = 0;
  const ran = await hookRun('json', {
    budgetSeconds: 60,
    hook: false,
    extraConfig: 'memory:\n  timeout_seconds: 1\n',
  });
  const report = JSON.parse(ran.stdout) as Report;
  expect(report.notices.filter((n) => n.code === 'embeddings-unavailable')).toEqual([
    expect.objectContaining({
      cause: 'timeout',
      reason: 'no answer within 1 s',
      fix: 'raise memory.timeout_seconds (the first call loads the model)',
    }),
  ]);
  expect(fake.embeds()).toHaveLength(1);
  expect(report.suppressed.map((s) => s.match)).toEqual(['text']);
});
