// claude.verify_local wired into the pipeline: a local major finding is checked by Claude before it can block.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { describeNotice } from '../../../src/messages/outcomes.js';
import { runReview } from '../../../src/pipeline/runReview.js';
import { decideExit } from '../../../src/policy/exitCode.js';
import { type FakeAnthropic, startFakeAnthropic } from '../../fakes/anthropicServer.js';
import { scriptedReviewer } from '../../fakes/scriptedReviewer.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';

let fake: FakeAnthropic;
let repo: TempRepo;
beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(() => fake.close());
afterEach(() => repo?.cleanup());

test('a local major finding that Claude rejects is downgraded to info and no longer blocks the hook', async () => {
  repo = createRepo();
  repo.commit('base', { 'src/money.ts': 'export const cents = (a: number) => a;\n' });
  repo.commit('change', { 'src/money.ts': 'export const cents = (a: number) => Math.round(a * 100);\n' });
  const config = defaultConfig();
  config.claude.verify_local = true;
  config.cache.enabled = false;
  config.fail_on.hook = 'major';
  const local = scriptedReviewer({ role: 'local', answer: () => 'floating point money' });
  const majorLocal = {
    ...local,
    async review(...args: Parameters<typeof local.review>) {
      const result = await local.review(...args);
      return { ...result, findings: result.findings.map((f) => ({ ...f, severity: 'major' as const })) };
    },
  };
  fake.script({
    type: 'message',
    text: JSON.stringify({ verdicts: [{ id: 'f1', verdict: 'reject', reason: 'rounded to integer cents' }] }),
  });
  const result = await runReview({
    cwd: repo.dir,
    env: { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.url },
    config,
    spec: { kind: 'range', range: 'HEAD~1' },
    mode: 'cli',
    dryRun: false,
    signal: new AbortController().signal,
    allowClaude: true,
    reviewers: {
      local: majorLocal,
      escalation: scriptedReviewer({ role: 'escalation', model: config.claude.model }),
    },
  });
  expect(fake.messageRequests()).toHaveLength(1);
  expect(result.findings.map((p) => [p.finding.severity, p.finding.source])).toEqual([['info', 'local']]);
  expect(result.findings[0]?.finding.message).toMatch(/rounded to integer cents/);
  expect(result.notices).toContainEqual({ code: 'verified', confirmed: 0, rejected: 1 });
  expect(result.notices.map(describeNotice)).toContain(
    'Claude verified local findings: 0 confirmed, 1 downgraded to info.',
  );
  expect(result.usage.find((u) => u.provider === 'anthropic')?.requests).toBe(1);
  expect(decideExit(result, config, 'hook').code).toBe(0);
});
