// The whole review over a real temp repo with the real Claude adapter talking to the loopback Anthropic server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { describeNotice } from '../../../src/messages/outcomes.js';
import { runReview } from '../../../src/pipeline/runReview.js';
import { type FakeAnthropic, startFakeAnthropic } from '../../fakes/anthropicServer.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';

const AWS_KEY = ['AKIA', 'Q7W9E1R3T5Y7Z3X5'].join('');
let fake: FakeAnthropic;
let repo: TempRepo;

beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(() => fake.close());
afterEach(() => repo?.cleanup());

test('escalated hunks reach Claude redacted, with context and reasons; never_send files do not; usage is billed', async () => {
  repo = createRepo();
  repo.commit('base', {
    'src/auth/login.ts': 'export function login(user: string) {\n  return user;\n}\n',
    'deploy/prod.pem': 'old\n',
  });
  repo.commit('change', {
    'src/auth/login.ts': `export function login(user: string) {\n  const key = "${AWS_KEY}";\n  return db.query("SELECT * FROM u WHERE n=" + user);\n}\n`,
    'deploy/prod.pem': 'new contents of a certificate file\n',
  });
  fake.fallback = () => ({
    type: 'message',
    text: JSON.stringify({
      findings: [
        {
          file: 'src/auth/login.ts',
          line: 3,
          severity: 'critical',
          category: 'security',
          message: 'SQL injection through string concatenation.',
          quote: 'return db.query("SELECT * FROM u WHERE n=" + user);',
        },
      ],
    }),
  });
  const config = defaultConfig();
  config.routing.always_claude = ['src/auth/**', 'deploy/**'];
  config.cache.enabled = false;
  config.cache.dir = mkdtempSync(join(tmpdir(), 'hw-claude-cache-'));
  const result = await runReview({
    cwd: repo.dir,
    env: { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.url },
    config,
    spec: { kind: 'range', range: 'HEAD~1' },
    mode: 'ci',
    dryRun: false,
    signal: new AbortController().signal,
    allowClaude: true,
    allowLocal: false,
  });

  const sent = fake
    .messageRequests()
    .map((r) => r.raw)
    .join('\n');
  expect(fake.messageRequests().length).toBeGreaterThan(0);
  expect(sent).not.toContain(AWS_KEY);
  expect(sent).toContain('[REDACTED:aws-access-key-id#1]');
  expect(sent).not.toContain('new contents of a certificate file');
  expect(sent).toContain('context (unchanged code around the hunk');

  const login = result.outcomes.find((o) => o.hunk.file === 'src/auth/login.ts');
  expect(login).toMatchObject({ status: 'reviewed', by: ['rule', 'claude'] });
  const pem = result.outcomes.find((o) => o.hunk.file === 'deploy/prod.pem');
  expect(pem?.status).not.toBe('reviewed');
  expect(result.findings.map((p) => [p.finding.source, p.finding.range?.start])).toContainEqual([
    'claude',
    3,
  ]);
  const usage = result.usage.find((u) => u.provider === 'anthropic');
  expect(usage).toMatchObject({ model: 'claude-sonnet-5-5', requests: fake.messageRequests().length });
  expect(usage!.costUsd).toBeGreaterThan(0);
  expect(result.notices).toContainEqual({ code: 'secrets-redacted', count: expect.any(Number) });
  expect(result.notices.map(describeNotice).join('\n')).toMatch(/replaced by placeholders/i);
});
