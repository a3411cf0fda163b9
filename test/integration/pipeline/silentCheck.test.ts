// A local server that accepts the connection and never answers the run's availability check (a wedged Ollama,
// a vLLM stuck loading): the run's own limit on that check is a timeout, said as one typed code and its line,
// and remembered for the hook like a stall; only Ctrl-C is a cancellation. The real CLI, in process, over a real
// repository and the loopback servers of each local backend, through the real clients. No assertion on time.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { runReview } from '../../../src/pipeline/runReview.js';
import { startFakeOllama } from '../../fakes/ollamaServer.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';
import { type FakeBackend, LOCAL_BACKENDS, type LocalBackend } from '../../helpers/localBackends.js';
import { runCli } from '../../helpers/runCli.js';

const OLLAMA_RESTART = '(`ollama ps` shows what it is busy with; then restart `ollama serve`)';

/** The line a run prints for the backend's servers when none answered its check within `seconds`. */
function silentCheckLine(backend: LocalBackend, urls: string[], seconds: number): string {
  const pool = urls.length > 1;
  const who = pool
    ? `The ${urls.length} local servers (${urls.join(', ')})`
    : backend.provider === 'ollama'
      ? `Ollama at ${urls[0]}`
      : `The OpenAI-compatible server at ${urls[0]}`;
  const it = pool ? 'them' : 'it';
  const restart =
    backend.provider === 'ollama'
      ? `restart ${it} ${OLLAMA_RESTART}`
      : `restart ${it} (${pool ? 'their logs show' : 'its log shows'} what is stuck)`;
  return `${who} accepted the connection but did not answer the availability check within ${seconds} s: up, but stuck or overloaded — ${restart}, then run \`npx hunkwise doctor\`; until then the hook skips the local model for 10 minutes.`;
}

function configYaml(backend: LocalBackend, urls: string[], timeoutSeconds: number): string {
  const where = urls.length > 1 ? `  hosts: [${urls.map((u) => `"${u}"`).join(', ')}]` : `  host: ${urls[0]}`;
  return `local:\n  provider: ${backend.provider}\n${where}\n  timeout_seconds: ${timeoutSeconds}\n`;
}

interface Report {
  hunks: Array<{
    review: { status: string; reason?: { code: string; reviewers?: unknown[]; message: string } };
  }>;
  notices: Array<{ code: string; unavailable?: Record<string, unknown>; message: string }>;
}

let repo: TempRepo;
let servers: FakeBackend | undefined;
let cacheDir: string;
beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 'hw-silent-check-'));
});
afterEach(async () => {
  await servers?.close();
  servers = undefined;
  repo?.cleanup();
});

/** A repository whose last commit changes one line, configured for `urls`. */
function repoFor(config: string): TempRepo {
  repo = createRepo();
  repo.commit('base', { 'config.yml': config, 'src/a.ts': 'export const a = 1;\n' });
  repo.commit('change', { 'src/a.ts': 'export const a = 2;\n' });
  return repo;
}

const review = (args: string[], signal?: AbortSignal) =>
  runCli(args, { cwd: repo.dir, env: { HUNKWISE_CACHE_DIR: cacheDir }, ...(signal ? { signal } : {}) });

const stallMark = () => join(repo.dir, '.git/hunkwise/stalled-local.json');

describe.each(LOCAL_BACKENDS)('$name', (backend) => {
  test('a check that gets no answer is a timeout: check-timeout, its line, and the hook skips the server after', async () => {
    servers = await backend.start({ silentChecks: true });
    const { urls } = servers;
    repoFor(configYaml(backend, urls, 0.2));
    const line = silentCheckLine(backend, urls, 0.2);

    const text = await review(['HEAD~1', '--no-claude']);
    expect(text.stdout).toContain(`\n! ${line}\n`);
    expect(text.stdout).not.toMatch(/cancel/i);

    const json = await review(['HEAD~1', '--no-claude', '--format', 'json']);
    const report = JSON.parse(json.stdout) as Report;
    const unavailable = {
      code: 'check-timeout',
      role: 'local',
      provider: backend.provider,
      servers: urls,
      seconds: 0.2,
      pauseMinutes: 10,
    };
    expect(report.notices).toEqual([{ code: 'reviewer-unavailable', unavailable, message: line }]);
    expect(report.hunks.map((h) => h.review.reason)).toEqual([
      {
        code: 'unavailable',
        reviewers: [unavailable, { code: 'flag', role: 'escalation' }],
        message: 'local model did not answer its check (see the note below); Claude disabled (--no-claude)',
      },
    ]);
    // Each run sent each server the first request of the check and nothing more: no review request.
    const first = backend.provider === 'openai' ? 'GET /v1/models' : 'GET /api/version';
    expect(servers.requests.map((r) => `${r.method} ${r.path}`)).toEqual([...urls, ...urls].map(() => first));

    // Remembered: the next commit does not contact the server at all, and says why.
    expect(existsSync(stallMark())).toBe(true);
    repo.write({ 'src/a.ts': 'export const a = 3;\n' });
    repo.git('add', 'src/a.ts');
    const hook = JSON.parse((await review(['--staged', '--hook', '--format', 'json'])).stdout) as Report;
    expect(hook.notices.map((n) => n.unavailable?.code)).toEqual(['paused']);
    expect(servers.requests).toHaveLength(2 * urls.length);
  });

  test('Ctrl-C while the check waits is still a cancellation, and nothing is remembered', async () => {
    servers = await backend.start({ silentChecks: true });
    repoFor(configYaml(backend, servers.urls, 30));
    const controller = new AbortController();
    const running = review(['HEAD~1', '--no-claude', '--format', 'json'], controller.signal);
    const silent = servers;
    await vi.waitFor(() => expect(silent.requests.length).toBe(silent.urls.length));
    controller.abort(new Error('interrupted'));
    const report = JSON.parse((await running).stdout) as Report;
    const cancelled = 'cancelled before the local model answered';
    expect(report.notices).toEqual([
      expect.objectContaining({
        code: 'reviewer-unavailable',
        unavailable: expect.objectContaining({ code: 'check-failed', role: 'local' }),
        message: expect.stringContaining(cancelled),
      }),
    ]);
    expect(existsSync(stallMark())).toBe(false);
  });
});

test("the run's probe limit (3 s, below local.timeout_seconds) is the one the line names", async () => {
  const backend = LOCAL_BACKENDS[0]!;
  servers = await backend.start({ silentChecks: true });
  repoFor(configYaml(backend, servers.urls, 30));
  const report = JSON.parse((await review(['HEAD~1', '--no-claude', '--format', 'json'])).stdout) as Report;
  expect(report.notices).toEqual([
    {
      code: 'reviewer-unavailable',
      unavailable: expect.objectContaining({ code: 'check-timeout', seconds: 3 }),
      message: silentCheckLine(backend, servers.urls, 3),
    },
  ]);
});

test('in CI the silent check is said, not remembered: the checkout will not be there next time', async () => {
  const backend = LOCAL_BACKENDS[0]!;
  servers = await backend.start({ silentChecks: true });
  repoFor('');
  const config = defaultConfig();
  Object.assign(config.local, { host: servers.urls[0], timeout_seconds: 0.2 });
  config.cache.enabled = false;
  const result = await runReview({
    cwd: repo.dir,
    env: {},
    config,
    spec: { kind: 'range', range: 'HEAD~1' },
    mode: 'ci',
    dryRun: false,
    signal: new AbortController().signal,
    allowClaude: false,
  });
  expect(result.notices).toEqual([
    {
      code: 'reviewer-unavailable',
      unavailable: expect.objectContaining({ code: 'check-timeout', seconds: 0.2, pauseMinutes: 0 }),
    },
  ]);
  expect(existsSync(stallMark())).toBe(false);
});

test('in a pool, a server that stays silent is skipped as timed out; the others review', async () => {
  const silent = await startFakeOllama({ silentChecks: true });
  const answering = await startFakeOllama();
  try {
    const config = `local:\n  hosts: ["${silent.url}", "${answering.url}"]\n  timeout_seconds: 0.2\n`;
    repoFor(config);
    const ran = await review(['HEAD~1', '--no-claude', '--format', 'json']);
    const report = JSON.parse(ran.stdout) as Report;
    expect(report.hunks.map((h) => h.review.status)).toEqual(['reviewed']);
    expect(answering.chats()).toHaveLength(1);
    expect(report.notices.map((n) => n.message)).toContain(
      `local server ${silent.url} was skipped: Ollama at ${silent.url} did not answer within 0.2 s; the others took its share`,
    );
    expect(ran.stdout).not.toMatch(/cancel/i);
    expect(existsSync(stallMark())).toBe(false);
  } finally {
    await silent.close();
    await answering.close();
  }
});
