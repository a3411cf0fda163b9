// What the secret rules promise through the real pipeline and the CLI: a secret in a context line, a deleted line
// or a label-only value never reaches any model request (Ollama or Claude, each a recording loopback server);
// known formats block, label-only values do not; never_send ignores case; user patterns cannot hang the run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import type { Config } from '../../../src/config/schema.js';
import { runReview } from '../../../src/pipeline/runReview.js';
import { type FakeAnthropic, startFakeAnthropic } from '../../fakes/anthropicServer.js';
import { type FakeOllama, startFakeOllama } from '../../fakes/ollamaServer.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';
import { commitHostilePatterns } from '../../helpers/hostilePatterns.js';
import { runCli } from '../../helpers/runCli.js';

// Assembled at run time, so this file holds no credential for a scanner (or this repository's hook) to find.
const GITHUB_TOKEN = ['gh', 'p_', 'R8sT2vW9xY4zA7bC1dE6fG3hJ5kL0mN8pQ2r'].join('');
const SERVICE_KEY = ['q8Fj3kLm', '9Zx2Wv7Pt4Rb'].join('');
/** Heroku API keys are UUIDs: only the name they are assigned to says they are secret. */
const HEROKU_KEY = ['5f4c2e1a', '9b7d', '4e3f', '8a6b', '0c1d2e3f4a5b'].join('-');

let ollama: FakeOllama;
let claude: FakeAnthropic;
let repo: TempRepo;

beforeAll(async () => {
  [ollama, claude] = await Promise.all([startFakeOllama(), startFakeAnthropic()]);
});
afterAll(async () => {
  await Promise.all([ollama.close(), claude.close()]);
});
afterEach(() => {
  repo?.cleanup();
  ollama.requests.length = 0;
  claude.requests.length = 0;
});

const env = () => ({
  OLLAMA_HOST: ollama.url,
  ANTHROPIC_API_KEY: 'test-key',
  ANTHROPIC_BASE_URL: claude.url,
  HUNKWISE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'hw-secrets-cache-')),
});

/** Every byte both servers received, as sent. */
const everythingSent = () =>
  [...ollama.requests.map((r) => JSON.stringify(r.body)), ...claude.requests.map((r) => r.raw)].join('\n');

function review(config: Config) {
  return runReview({
    cwd: repo.dir,
    env: env(),
    config,
    spec: { kind: 'range', range: 'HEAD~1..HEAD' },
    mode: 'cli',
    dryRun: false,
    signal: new AbortController().signal,
    allowClaude: true,
  });
}

/**
 * Reviews HEAD~1..HEAD with every hunk routed to one model; never_send is emptied, since redaction alone is
 * under test (never_send would hold .env files back from Claude anyway). Returns what the servers received.
 */
async function reviewThrough(lane: 'local' | 'claude') {
  const base = defaultConfig();
  const result = await review({
    ...base,
    never_send: [],
    routing: { ...base.routing, [lane === 'claude' ? 'always_claude' : 'always_local']: ['**'] },
  });
  expect(lane === 'claude' ? claude.messageRequests() : ollama.chats()).not.toHaveLength(0);
  return { result, sent: everythingSent() };
}

describe('redaction through the real pipeline', () => {
  test.for(['local', 'claude'] as const)(
    'to the %s model: a token in a context line and a deleted line, a label-only value in .env, never sent',
    async (lane) => {
      repo = createRepo();
      repo.commit('base', {
        'src/deploy.js': `const token = "${GITHUB_TOKEN}";\nconst legacy = "${GITHUB_TOKEN}";\nconst region = "eu";\n`,
        'deploy/app.env': 'DEBUG=false\n',
      });
      repo.commit('change', {
        // The token stays in a context line next to the change, and leaves with the deleted `legacy` line.
        'src/deploy.js': `const token = "${GITHUB_TOKEN}";\nconst region = "eu-west-1";\n`,
        'deploy/app.env': `DEBUG=false\nSERVICE_KEY=${SERVICE_KEY}\n`,
      });
      const { result, sent } = await reviewThrough(lane);
      expect(sent).toContain('src/deploy.js');
      expect(sent).toContain('SERVICE_KEY=[REDACTED:hard-coded-credential#');
      expect(sent).toContain('const token = \\"[REDACTED:github-token#1]\\"');
      expect(sent).toContain('const legacy = \\"[REDACTED:github-token#1]\\"');
      expect(sent).not.toContain(GITHUB_TOKEN);
      expect(sent).not.toContain(GITHUB_TOKEN.slice(4, 20));
      expect(sent).not.toContain(SERVICE_KEY);
      // The context-line token is not a finding (it was not added); the label-only value is a possible secret.
      expect(result.findings.map((p) => [p.finding.file, p.finding.origin])).toEqual([
        ['deploy/app.env', 'possible-secrets'],
      ]);
    },
  );

  test.for(['local', 'claude'] as const)(
    'to the %s model: a UUID Heroku key in a .env context line is never sent; its name is',
    async (lane) => {
      repo = createRepo();
      repo.commit('base', { 'deploy/app.env': `HEROKU_API_KEY=${HEROKU_KEY}\nLOG_LEVEL=info\n` });
      // Only LOG_LEVEL changes: the key sits in a context line of the hunk and in the file's context excerpt.
      repo.commit('change', { 'deploy/app.env': `HEROKU_API_KEY=${HEROKU_KEY}\nLOG_LEVEL=debug\n` });
      const { result, sent } = await reviewThrough(lane);
      expect(sent).toContain('LOG_LEVEL=debug');
      expect(sent).toContain('HEROKU_API_KEY=[REDACTED:hard-coded-credential#1]');
      expect(sent).not.toContain(HEROKU_KEY);
      expect(sent).not.toContain(HEROKU_KEY.slice(9, 27));
      // A context line is redacted, not reported: the key was not added by this change.
      expect(result.findings.filter((p) => p.finding.category === 'secret')).toEqual([]);
    },
  );
});

describe('the CLI', () => {
  test('a known token blocks (exit 1); a label-only value alone does not (exit 0)', async () => {
    repo = createRepo();
    repo.commit('base', { 'README.md': '# app\n' });
    repo.commit('possible', { 'deploy/app.env': `SERVICE_KEY=${SERVICE_KEY}\n` });
    const possible = await runCli(['HEAD~1', '--no-local', '--no-claude'], { cwd: repo.dir, env: env() });
    expect(possible.code).toBe(0);
    expect(possible.stdout).toContain('Possible secret (hard-coded credential)');
    repo.commit('token', { 'src/deploy.js': `export const token = "${GITHUB_TOKEN}";\n` });
    const blocked = await runCli(['HEAD~1', '--no-local', '--no-claude'], { cwd: repo.dir, env: env() });
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('1 secret found');
    expect(blocked.stdout + blocked.stderr).not.toContain(GITHUB_TOKEN);
  });

  test('never_send matches ignoring case: app/.ENV and Secrets/db.yml never reach Claude', async () => {
    repo = createRepo();
    repo.commit('base', { 'README.md': '# app\n' });
    repo.commit('change', {
      'app/.ENV': 'LOG_LEVEL=debug\n',
      'Secrets/db.yml': 'host: db.internal\n',
      'src/app.js': 'start();\n',
      'config.yml': 'routing:\n  always_claude: ["**"]\n',
    });
    const run = await runCli(['HEAD~1', '--no-local'], { cwd: repo.dir, env: env() });
    expect(run.code).toBe(0);
    const sent = claude.requests.map((r) => r.raw).join('\n');
    expect(sent).toContain('start();');
    expect(sent).not.toContain('LOG_LEVEL');
    expect(sent).not.toContain('db.internal');
  });

  test('a catastrophic custom pattern on a 30,001-character added line runs in RE2 and finishes', async () => {
    repo = createRepo();
    commitHostilePatterns(repo);
    const run = await runCli(['HEAD~1', '--no-local', '--no-claude'], { cwd: repo.dir, env: env() });
    expect(run.stderr).not.toContain('internal error');
    expect(run.stdout).toContain('a run of a (rule custom:redos)');
    expect(run.code).toBe(0);
  });

  test('a pattern RE2 cannot run is a config error naming the key (exit 3)', async () => {
    repo = createRepo();
    repo.commit('base', { 'README.md': '# app\n' });
    repo.commit('change', {
      'config.yml':
        'rules:\n  custom:\n    - id: todo\n      message: m\n      pattern: "/TODO(?!\\\\(#\\\\d+\\\\))/i"\n',
    });
    const run = await runCli(['HEAD~1', '--no-local', '--no-claude'], { cwd: repo.dir, env: env() });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('rules.custom[0].pattern');
    expect(run.stderr).toContain('uses a lookaround (`(?!`)');
  });
});
