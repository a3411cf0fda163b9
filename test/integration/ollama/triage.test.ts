// routing.triage: local through the real Ollama client against the loopback server: the questions it sends,
// and what each kind of answer (yes, no, garbage, none, server down) does to the route. The reviews
// themselves are scripted so that every /api/chat request the fake receives is a triage question.
// Triage QUALITY (does a 7B model answer well?) needs a real model: nothing here measures it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import type { Config } from '../../../src/config/schema.js';
import { describeNotice } from '../../../src/messages/outcomes.js';
import { type RunReviewOptions, runReview } from '../../../src/pipeline/runReview.js';
import { TRIAGE_ANSWER_TOKENS } from '../../../src/route/triage.js';
import type { ReviewResult, RouteDecision } from '../../../src/types.js';
import { closedPortUrl, type FakeOllama, startFakeOllama, userPrompt } from '../../fakes/ollamaServer.js';
import { scriptedReviewer } from '../../fakes/scriptedReviewer.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';

const AWS_KEY = ['AKIA', 'Q2W4E6R8T0Y2U4I6'].join('');

let fake: FakeOllama;
let repo: TempRepo;

beforeAll(async () => {
  fake = await startFakeOllama();
});
afterAll(() => fake.close());
afterEach(() => repo?.cleanup());

/** One file whose only hunk now draws a random number (a score in the triage band), one plain hunk (below it: not asked). */
function setUp(extra = ''): TempRepo {
  repo = createRepo();
  repo.commit('base', {
    'src/name.js': 'const pick = () => 4;\nmodule.exports = pick;\n',
    'src/list.js': 'export const size = 1;\n',
  });
  repo.commit('change', {
    'src/name.js': `const pick = () => Math.random();${extra}\nmodule.exports = pick;\n`,
    'src/list.js': 'export const size = 2;\n',
  });
  return repo;
}

function run(
  over: (c: Config) => void = () => {},
  options: Partial<RunReviewOptions> = {},
): Promise<ReviewResult> {
  const config = defaultConfig();
  config.routing.triage = 'local';
  config.local.host = fake.url;
  config.cache.enabled = false;
  config.cache.dir = mkdtempSync(join(tmpdir(), 'hw-triage-cache-'));
  over(config);
  return runReview({
    cwd: repo.dir,
    env: {},
    config,
    spec: { kind: 'range', range: 'HEAD~1' },
    mode: 'cli',
    dryRun: false,
    signal: new AbortController().signal,
    allowClaude: true,
    reviewers: {
      local: scriptedReviewer({ role: 'local' }),
      escalation: scriptedReviewer({ role: 'escalation' }),
    },
    ...options,
  });
}

const decisionOf = (result: ReviewResult, file: string): RouteDecision =>
  result.decisions.find((d) => d.hunk.file === file)!;
const codes = (d: RouteDecision) => d.reasons.map((r) => r.code);
const notices = (result: ReviewResult) => result.notices.map(describeNotice).join('\n');

describe('routing.triage: local', () => {
  test('a yes escalates the hunk, quoting the model’s one-line reason, sanitised', async () => {
    setUp();
    const before = fake.chats().length;
    fake.script({
      content: '{"escalate": true, "reason": "widens\\u001b[31m the allowed\\nname characters"}',
    });
    const result = await run();
    const asked = fake.chats().slice(before);
    expect(asked).toHaveLength(1);
    expect(userPrompt(asked[0]!)).toContain('src/name.js');
    const name = decisionOf(result, 'src/name.js');
    expect(name.route).toBe('claude');
    expect(codes(name)[0]).toBe('triage');
    expect(name.reasons[0]!.detail).toContain('widens [31m the allowed name characters');
    expect(name.reasons[0]!.detail).not.toMatch(/[\u0000-\u001f]/);
    expect(decisionOf(result, 'src/list.js').route).toBe('local');
    expect(result.outcomes.find((o) => o.hunk.file === 'src/name.js')).toMatchObject({
      status: 'reviewed',
      by: ['rule', 'claude'],
    });
    expect(notices(result)).toMatch(/Triage asked the local model about 1 hunk\(s\).*: 1 escalated/);
  });

  test('a no keeps the hunk local and says so', async () => {
    setUp();
    fake.script({ content: '{"escalate": false, "reason": "only widens a character class"}' });
    const name = decisionOf(await run(), 'src/name.js');
    expect(name.route).toBe('local');
    expect(name.reasons.at(-1)).toMatchObject({ code: 'triage' });
    expect(name.reasons.at(-1)!.detail).toContain('only widens a character class');
  });

  test('garbage keeps the deterministic route and says the answer was unusable', async () => {
    setUp();
    fake.script({ content: 'Sure! I think this is fine.' });
    const result = await run();
    const name = decisionOf(result, 'src/name.js');
    expect(name.route).toBe('local');
    expect(codes(name)).toContain('triage-failed');
    expect(name.reasons.at(-1)!.detail).toContain('not the JSON asked for');
    expect(notices(result)).toMatch(/0 escalated, 1 without a usable answer/);
  });

  test('a cut-off answer is no answer', async () => {
    setUp();
    fake.script({ content: '{"escalate": tr', doneReason: 'length' });
    const name = decisionOf(await run(), 'src/name.js');
    expect([name.route, codes(name).at(-1)]).toEqual(['local', 'triage-failed']);
  });

  test('a server that never answers times out and keeps the route', async () => {
    setUp();
    fake.script({ hang: true });
    const result = await run((c) => {
      c.local.timeout_seconds = 0.3;
    });
    const name = decisionOf(result, 'src/name.js');
    expect(name.route).toBe('local');
    expect(name.reasons.at(-1)!.detail).toMatch(/timed out|timeout_seconds/i);
  });

  test("the hook's time budget cutting a question short is said as the budget, not as a cancellation", async () => {
    setUp();
    fake.script({ hang: true });
    const result = await run(
      (c) => {
        c.local.timeout_seconds = 30;
      },
      { mode: 'hook', deadline: Date.now() + 1000 },
    );
    const name = decisionOf(result, 'src/name.js');
    expect([name.route, codes(name).at(-1)]).toEqual(['local', 'triage-failed']);
    expect(name.reasons.at(-1)!.detail).toContain(
      "the hook's time budget (hook.time_budget_seconds) ran out first",
    );
    expect(notices(result)).toMatch(/Triage asked .* 1 without a usable answer/);
    expect(notices(result)).not.toMatch(/cancel/i);
    expect(result.outcomes.map((o) => (o.status === 'notReviewed' ? o.reason.code : o.status))).toEqual([
      'time-budget',
      'time-budget',
    ]);
  });

  test('a server that is down is not asked; the routes stand and the notice says how to start it', async () => {
    setUp();
    const down = await closedPortUrl();
    const result = await run((c) => {
      c.local.host = down;
    });
    const name = decisionOf(result, 'src/name.js');
    expect(name.route).toBe('local');
    expect(codes(name)).toContain('triage-failed');
    expect(notices(result)).toMatch(/Triage asked .* 1 without a usable answer .*ollama serve/);
  });

  test('the answer is capped at its own small token count, and the question is one small request', async () => {
    setUp();
    const before = fake.chats().length;
    fake.script({ content: '{"escalate": false, "reason": "x"}' });
    await run();
    const [body] = fake.chats().slice(before);
    expect(body!.options?.num_predict).toBe(TRIAGE_ANSWER_TOKENS);
    expect(body!.format).toMatchObject({ required: ['escalate', 'reason'] });
  });

  test('a hunk over triage_tokens is not asked', async () => {
    setUp();
    const before = fake.chats().length;
    const result = await run((c) => {
      c.routing.triage_tokens = 45;
    });
    const name = decisionOf(result, 'src/name.js');
    expect(name.estimatedTokens).toBeGreaterThan(45);
    const { security_threshold: threshold, triage_band: band } = defaultConfig().routing;
    expect(name.securityScore).toBeGreaterThanOrEqual(threshold - band);
    expect(name.securityScore).toBeLessThan(threshold);
    expect(fake.chats().length).toBe(before);
    expect([name.route, codes(name).some((c) => c.startsWith('triage'))]).toEqual(['local', false]);
  });

  test('secrets in a hunk are redacted before the question is sent', async () => {
    setUp(`\nconst KEY = "${AWS_KEY}";`);
    const before = fake.chats().length;
    fake.script({ content: '{"escalate": false, "reason": "x"}' });
    // Every score in the band: the question is asked whatever the key's words do to the score.
    await run((c) => {
      c.routing.security_threshold = 0.99;
      c.routing.triage_band = 0.99;
    });
    const sent = JSON.stringify(fake.chats().slice(before));
    expect(sent).toContain('src/name.js');
    expect(sent).not.toContain(AWS_KEY);
    expect(sent).toContain('[REDACTED:');
  });

  test('a dry run asks nothing and marks the hunks it would ask about', async () => {
    setUp();
    const before = fake.chats().length;
    const result = await run(() => {}, { dryRun: true });
    expect(fake.chats().length).toBe(before);
    expect(codes(decisionOf(result, 'src/name.js'))).toContain('triage-candidate');
  });

  test('off by default: nothing is asked', async () => {
    setUp();
    const before = fake.requests.length;
    const result = await run((c) => {
      c.routing.triage = 'off';
    });
    expect(fake.requests.length).toBe(before);
    expect(codes(decisionOf(result, 'src/name.js'))).not.toContain('triage');
  });
});
