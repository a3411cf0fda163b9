// A hung service costs its configured timeout and retries once per run, in a range review and in CI: the
// real CLI and engine over a real repository, the real clients against loopback servers that take requests
// and never answer. Assertions count the requests the servers received, never the time.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { runReview } from '../../../src/pipeline/runReview.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';
import { useLoopbackModels } from '../../helpers/loopbackModels.js';
import { runCli } from '../../helpers/runCli.js';

const servers = useLoopbackModels({ ollama: { defaultReply: { hang: true } } });
beforeAll(() => {
  servers.anthropic.fallback = () => ({ type: 'hang' });
});
let repo: TempRepo;
afterEach(() => repo?.cleanup());

const CONFIG = `
local:
  timeout_seconds: 1
  concurrency: 1
  batch_tokens: 256
claude:
  timeout_seconds: 1
  max_retries: 1
  concurrency: 1
  request_tokens: 1000
  verify_local: true
routing:
  always_claude: ["src/auth/**"]
`;

/** Three small hunks for the local model and three large escalated ones, each needing its own request. */
function setUp(): TempRepo {
  repo = createRepo();
  const body = (name: string, lines: number) =>
    Array.from({ length: lines }, (_, i) => `export const ${name}_${i} = "${'v'.repeat(30)}${i}";`).join(
      '\n',
    );
  const files = (version: string) => ({
    'src/a.ts': `${body(`a${version}`, 8)}\n`,
    'src/b.ts': `${body(`b${version}`, 8)}\n`,
    'src/c.ts': `${body(`c${version}`, 8)}\n`,
    'src/auth/one.ts': `${body(`one${version}`, 40)}\n`,
    'src/auth/two.ts': `${body(`two${version}`, 40)}\n`,
    'src/auth/three.ts': `${body(`three${version}`, 40)}\n`,
  });
  repo.commit('base', { 'config.yml': CONFIG, ...files('old') });
  repo.commit('change', files('new'));
  return repo;
}

const env = () => ({
  OLLAMA_HOST: servers.ollama.url,
  ANTHROPIC_BASE_URL: servers.anthropic.url,
  ANTHROPIC_API_KEY: 'test-key',
  HUNKWISE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'hw-hung-cache-')),
});

interface Report {
  hunks: Array<{ file: string; route: string; review: { status: string; reason?: { code: string } } }>;
  notices: Array<{ code: string; role?: string; pauseMinutes?: number }>;
}

test('review <range>: each hung service is waited on once — max_retries 1 is exactly 2 Claude attempts', async () => {
  setUp();
  const ran = await runCli(['HEAD~1', '--format', 'json'], { cwd: repo.dir, env: env() });
  expect(ran.code, ran.stderr).toBe(0);
  const report = JSON.parse(ran.stdout) as Report;
  expect(report.hunks.map((h) => h.route).sort()).toEqual([
    'claude',
    'claude',
    'claude',
    'local',
    'local',
    'local',
  ]);

  // One local request (concurrency 1) is cut off at local.timeout_seconds; nothing more is sent, not even
  // the escalated hunks that fall back to the local model.
  expect(servers.ollama.chats()).toHaveLength(1);
  // One Claude request, tried 1 + max_retries times; the local hunks' fallback and the verification pass
  // send nothing more.
  expect(servers.anthropic.messageRequests()).toHaveLength(2);

  expect(report.hunks.every((h) => h.review.status === 'notReviewed')).toBe(true);
  expect(
    report.notices
      .filter((n) => n.code === 'stalled')
      .map((n) => n.role)
      .sort(),
  ).toEqual(['escalation', 'local']);
  // Remembered for the hook (a run by hand is on this machine).
  expect(existsSync(join(repo.dir, '.git/hunkwise/stalled-local.json'))).toBe(true);
});

test('CI mode: the same bound, and nothing remembered in a checkout that will not be there next time', async () => {
  setUp();
  const config = defaultConfig();
  Object.assign(config.local, { timeout_seconds: 1, concurrency: 1, batch_tokens: 256 });
  Object.assign(config.claude, { timeout_seconds: 1, max_retries: 1, concurrency: 1, request_tokens: 1000 });
  config.routing.always_claude = ['src/auth/**'];
  config.cache.enabled = false;
  const result = await runReview({
    cwd: repo.dir,
    env: env(),
    config,
    spec: { kind: 'range', range: 'HEAD~1' },
    mode: 'ci',
    dryRun: false,
    signal: new AbortController().signal,
    allowClaude: true,
  });
  expect(servers.ollama.chats()).toHaveLength(1);
  expect(servers.anthropic.messageRequests()).toHaveLength(2);
  expect(result.outcomes.every((o) => o.status === 'notReviewed')).toBe(true);
  expect(result.notices).toContainEqual(
    expect.objectContaining({ code: 'stalled', role: 'local', pauseMinutes: 0 }),
  );
  expect(existsSync(join(repo.dir, '.git/hunkwise/stalled-local.json'))).toBe(false);
});
