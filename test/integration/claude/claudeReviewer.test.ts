// The Claude reviewer through the real @anthropic-ai/sdk against a loopback server speaking the Messages API.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type FakeAnthropic, refusedUrl, startFakeAnthropic } from '../../fakes/anthropicServer.js';
import { claudeReviewer } from '../../helpers/reviewers.js';
import { AUTH_HUNK, claudeConfig, findingsJson, itemOf } from './items.js';

let fake: FakeAnthropic;
const env = () => ({ ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.url });
const fast = { 'retry-after-ms': '1' };

beforeAll(async () => {
  fake = await startFakeAnthropic({ models: ['claude-sonnet-5-5', 'claude-unpriced-9'] });
});
afterAll(() => fake.close());
afterEach(() => {
  fake.requests.length = 0;
  fake.fallback = () => ({ type: 'message', text: '{"findings":[]}' });
});

const sqlFinding = {
  file: 'src/auth.js',
  line: 99,
  severity: 'critical',
  category: 'security',
  message: 'SQL built by string concatenation from user input.',
  quote: 'db.query("SELECT * FROM users WHERE name = \'" + user.name + "\'")',
};

describe('successful reviews', () => {
  test('non-streaming: finding anchored by its quote, usage with cache fields, cost from config prices', async () => {
    const reviewer = claudeReviewer(claudeConfig({ request_tokens: 1000 }), env());
    fake.script(
      { type: 'message', text: findingsJson([sqlFinding]) },
      { type: 'message', text: findingsJson([]) },
    );
    // Two requests: request_tokens is small, so each hunk travels alone and the second reuses the cached prefix.
    const items = [itemOf('src/auth.js', AUTH_HUNK, 10), itemOf('src/other.js', ['+const x = 1;'], 1)];
    items[1]!.decision.estimatedTokens = 100;
    const result = await reviewer.review(items);

    expect([...result.outcomes.values()]).toEqual([{ status: 'reviewed' }, { status: 'reviewed' }]);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      file: 'src/auth.js',
      range: { start: 12, end: 12 },
      severity: 'critical',
      source: 'claude',
      origin: 'claude-sonnet-5-5',
    });
    expect(result.repairs.reanchored).toBe(1);

    const bodies = fake.messageRequests().map((r) => r.body!);
    expect(bodies).toHaveLength(2);
    const usage = result.usage;
    expect(usage.requests).toBe(2);
    expect(usage.cacheWriteTokens).toBeGreaterThan(1024);
    expect(usage.cacheReadTokens).toBe(usage.cacheWriteTokens);
    const expected =
      (usage.inputTokens * 2 +
        usage.outputTokens * 10 +
        usage.cacheWriteTokens * 2.5 +
        usage.cacheReadTokens * 0.1) /
      1e6;
    expect(usage.costUsd).toBeCloseTo(expected, 12);
    expect(usage.costUsd).toBeGreaterThan(0);
  });

  test('request shape: 1.x API version, cached system prefix, JSON-schema output, no tools, no sampling knobs', async () => {
    const reviewer = claudeReviewer(claudeConfig(), env());
    await reviewer.review([itemOf('src/auth.js', AUTH_HUNK)]);
    const [request] = fake.messageRequests();
    expect(request!.headers['anthropic-version']).toBe('2026-10-21');
    expect(request!.headers.authorization ?? request!.headers['x-api-key']).toContain('test-key');
    const body = request!.body!;
    expect(body).toMatchObject({ model: 'claude-sonnet-5-5', max_tokens: 4096 });
    expect(body.system).toEqual([
      expect.objectContaining({ type: 'text', cache_control: { type: 'ephemeral' } }),
    ]);
    expect(body.output_config).toMatchObject({
      format: { type: 'json_schema', schema: { required: ['findings'] } },
    });
    for (const key of ['tools', 'tool_choice', 'temperature', 'top_p', 'top_k', 'stream'])
      expect(body).not.toHaveProperty(key);
    const user = JSON.stringify(body.messages);
    expect(user).toContain('security-content: touches authentication');
  });

  test('streams when max_tokens is above the SDK non-streaming limit; thinking blocks are ignored', async () => {
    const reviewer = claudeReviewer(claudeConfig({ max_tokens: 32000 }), env());
    fake.script({ type: 'message', text: findingsJson([sqlFinding]), thinking: 'Let me look at the query.' });
    const result = await reviewer.review([itemOf('src/auth.js', AUTH_HUNK)]);
    expect(fake.messageRequests()[0]!.body!.stream).toBe(true);
    expect(result.findings.map((f) => f.range)).toEqual([{ start: 3, end: 3 }]);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
  });

  test('hunks of one file sharing the same context send it once per request', async () => {
    const file = [
      'function a() {',
      '  return 1;',
      '}',
      'const UNIQUE_CONTEXT_MARKER = 42;',
      'function b() {',
      '  return 2;',
      '}',
    ].join('\n');
    const first = itemOf('src/two.js', [' function a() {', '+  return 1;'], 1, file);
    const second = itemOf('src/two.js', [' function b() {', '+  return 2;'], 5, file);
    first.contextStartLine = 1;
    second.contextStartLine = 1;
    const reviewer = claudeReviewer(claudeConfig(), env());
    const result = await reviewer.review([first, second]);
    const user = JSON.stringify(fake.messageRequests()[0]!.body!.messages);
    expect(fake.messageRequests()).toHaveLength(1);
    expect(user.match(/UNIQUE_CONTEXT_MARKER/g)).toHaveLength(1);
    expect(user).toContain('return 2;');
    expect([...result.outcomes.values()]).toEqual([{ status: 'reviewed' }, { status: 'reviewed' }]);
  });

  test('unparseable answer: one stricter retry, then parsed', async () => {
    const reviewer = claudeReviewer(claudeConfig(), env());
    fake.script(
      { type: 'message', text: 'I think it is fine.' },
      { type: 'message', text: findingsJson([]) },
    );
    const result = await reviewer.review([itemOf('src/auth.js', AUTH_HUNK)]);
    expect([...result.outcomes.values()]).toEqual([{ status: 'reviewed' }]);
    expect(result.repairs.retried).toBe(1);
    expect(JSON.stringify(fake.messageRequests()[1]!.body!.messages)).toContain('could not be parsed');
  });

  test('a model without a price says so instead of reporting $0 silently', async () => {
    const reviewer = claudeReviewer(claudeConfig({ model: 'claude-unpriced-9' }), env());
    const result = await reviewer.review([itemOf('src/auth.js', AUTH_HUNK)]);
    expect(result.usage.costUsd).toBe(0);
    expect(result.notes.join('\n')).toMatch(/No price for claude-unpriced-9 .*NOT included/);
  });
});

describe('answers that cannot be used', () => {
  test('truncated (max_tokens) request of two hunks is split and re-sent; each half parsed', async () => {
    const reviewer = claudeReviewer(claudeConfig(), env());
    fake.script(
      { type: 'message', text: '{"findings":[{"file":"src/auth.js","li', stopReason: 'max_tokens' },
      { type: 'message', text: findingsJson([sqlFinding]) },
      { type: 'message', text: findingsJson([]) },
    );
    const result = await reviewer.review([
      itemOf('src/auth.js', AUTH_HUNK),
      itemOf('src/b.js', ['+let y = 2;']),
    ]);
    expect(fake.messageRequests()).toHaveLength(3);
    expect([...result.outcomes.values()].every((o) => o.status === 'reviewed')).toBe(true);
    expect(result.findings).toHaveLength(1);
    expect(result.usage.requests).toBe(3);
    expect(result.notes.join('\n')).toMatch(/cut off; the 2 hunks were split/);
  });

  test('truncated answer for a single hunk is not parsed: the hunk fails with the reason', async () => {
    const reviewer = claudeReviewer(claudeConfig(), env());
    fake.script({ type: 'message', text: findingsJson([sqlFinding]).slice(0, -3), stopReason: 'max_tokens' });
    const result = await reviewer.review([itemOf('src/auth.js', AUTH_HUNK)]);
    expect(result.findings).toEqual([]);
    const [outcome] = [...result.outcomes.values()];
    expect(outcome).toEqual({
      status: 'failed',
      reason: expect.stringMatching(/cut off \(max_tokens, claude.max_tokens 4096\)/),
    });
  });

  test('refusal ends the hunks as failed with the explanation', async () => {
    const reviewer = claudeReviewer(claudeConfig(), env());
    fake.script({
      type: 'message',
      text: '',
      stopReason: 'refusal',
      stopDetails: { type: 'refusal', category: 'cyber', explanation: 'exploit development' },
    });
    const result = await reviewer.review([itemOf('src/auth.js', AUTH_HUNK)]);
    expect([...result.outcomes.values()][0]).toEqual({
      status: 'failed',
      reason: expect.stringContaining('declined to review these hunks (refusal: exploit development)'),
    });
  });
});

describe('service failures never throw; every hunk gets a reason', () => {
  test('401: key rejected, and no further requests are sent', async () => {
    const reviewer = claudeReviewer(claudeConfig({ request_tokens: 1000, concurrency: 1 }), {
      ...env(),
      ANTHROPIC_API_KEY: 'wrong-key',
    });
    const items = [itemOf('src/a.js', AUTH_HUNK), itemOf('src/b.js', AUTH_HUNK)];
    const result = await reviewer.review(items);
    expect(fake.messageRequests()).toHaveLength(1);
    for (const outcome of result.outcomes.values()) {
      expect(outcome).toEqual({
        status: 'failed',
        reason: expect.stringMatching(/rejected the API key.*request-id req_fake_/),
      });
    }
  });

  test('429 with retry-after is retried by the SDK, then succeeds', async () => {
    const reviewer = claudeReviewer(claudeConfig({ max_retries: 2 }), env());
    fake.script(
      {
        type: 'error',
        status: 429,
        errorType: 'rate_limit_error',
        message: 'Number of request tokens has exceeded your per-minute rate limit',
        headers: fast,
      },
      { type: 'message', text: findingsJson([]) },
    );
    const result = await reviewer.review([itemOf('src/auth.js', AUTH_HUNK)]);
    expect(fake.messageRequests()).toHaveLength(2);
    expect([...result.outcomes.values()]).toEqual([{ status: 'reviewed' }]);
  });

  test('529 overloaded until retries run out: failed outcome and a note', async () => {
    const reviewer = claudeReviewer(claudeConfig({ max_retries: 1 }), env());
    fake.fallback = () => ({
      type: 'error',
      status: 529,
      errorType: 'overloaded_error',
      message: 'Overloaded',
      headers: fast,
    });
    const result = await reviewer.review([itemOf('src/auth.js', AUTH_HUNK)]);
    expect(fake.messageRequests()).toHaveLength(2);
    expect([...result.outcomes.values()][0]).toEqual({
      status: 'failed',
      reason: expect.stringContaining('overloaded (529 overloaded_error) after 1 retr(ies)'),
    });
    expect(result.notes.join('\n')).toContain('Claude failed for 1 hunk(s)');
  });

  test('spend-limit 429 is named as such and not retried (it cannot succeed before the limit resets)', async () => {
    const reviewer = claudeReviewer(claudeConfig({ max_retries: 2 }), env());
    fake.script({
      type: 'error',
      status: 429,
      errorType: 'rate_limit_error',
      message: 'You have reached your enforced spend limit.',
      errorCode: 'enforced_spend_limit_reached',
    });
    const result = await reviewer.review([itemOf('src/auth.js', AUTH_HUNK)]);
    expect([...result.outcomes.values()][0]).toMatchObject({
      reason: expect.stringMatching(/^Claude spend limit reached/),
    });
    expect(fake.messageRequests()).toHaveLength(1);
  });

  test('413 request too large: the request is split once and each half re-sent', async () => {
    const reviewer = claudeReviewer(claudeConfig(), env());
    fake.script(
      {
        type: 'error',
        status: 413,
        errorType: 'request_too_large',
        message: 'Request exceeds the maximum allowed number of bytes.',
      },
      { type: 'message', text: findingsJson([]) },
      {
        type: 'error',
        status: 413,
        errorType: 'request_too_large',
        message: 'Request exceeds the maximum allowed number of bytes.',
      },
    );
    const items = [itemOf('src/a.js', AUTH_HUNK), itemOf('src/b.js', AUTH_HUNK)];
    const result = await reviewer.review(items);
    expect(fake.messageRequests()).toHaveLength(3);
    expect(result.outcomes.get(items[0]!.hunk.hash)).toEqual({ status: 'reviewed' });
    expect(result.outcomes.get(items[1]!.hunk.hash)).toEqual({
      status: 'failed',
      reason: expect.stringContaining('too large for Claude (413 request_too_large)'),
    });
  });

  test('403 permission error: named, and later requests are not sent', async () => {
    const reviewer = claudeReviewer(claudeConfig({ request_tokens: 1000, concurrency: 1 }), env());
    fake.script({
      type: 'error',
      status: 403,
      errorType: 'permission_error',
      message: 'Your API key does not have permission to use the specified resource.',
    });
    const result = await reviewer.review([itemOf('src/a.js', AUTH_HUNK), itemOf('src/b.js', AUTH_HUNK)]);
    expect(fake.messageRequests()).toHaveLength(1);
    expect([...result.outcomes.values()].map((o) => o.status)).toEqual(['failed', 'failed']);
    expect([...result.outcomes.values()][1]).toMatchObject({
      reason: expect.stringContaining('403 permission_error'),
    });
  });

  test('404 unknown model: review fails and check() names the model', async () => {
    const reviewer = claudeReviewer(claudeConfig({ model: 'claude-nope-1' }), env());
    const result = await reviewer.review([itemOf('src/auth.js', AUTH_HUNK)]);
    expect([...result.outcomes.values()][0]).toMatchObject({
      reason: expect.stringContaining('"claude-nope-1"'),
    });
    const check = await reviewer.check();
    expect(check).toEqual({
      ok: false,
      reason: expect.stringContaining('claude-nope-1'),
      fix: expect.stringContaining('claude.model'),
    });
  });

  test('mid-stream error event after HTTP 200: failed, not retried', async () => {
    const reviewer = claudeReviewer(claudeConfig({ max_tokens: 32000, max_retries: 2 }), env());
    fake.script({
      type: 'streamError',
      errorType: 'overloaded_error',
      message: 'Overloaded',
      afterText: '{"findings":[',
    });
    const result = await reviewer.review([itemOf('src/auth.js', AUTH_HUNK)]);
    expect(fake.messageRequests()).toHaveLength(1);
    expect([...result.outcomes.values()][0]).toEqual({
      status: 'failed',
      reason: expect.stringContaining('failed mid-answer (overloaded_error: Overloaded)'),
    });
  });

  test('a hanging server hits the per-attempt timeout', async () => {
    const reviewer = claudeReviewer(claudeConfig({ timeout_seconds: 0.3 }), env());
    fake.script({ type: 'hang' });
    const result = await reviewer.review([itemOf('src/auth.js', AUTH_HUNK)]);
    expect([...result.outcomes.values()][0]).toMatchObject({
      reason: expect.stringContaining('did not answer within 0.3 s'),
    });
  });

  test('server down: unreachable, with the URL', async () => {
    const url = await refusedUrl();
    const reviewer = claudeReviewer(claudeConfig(), {
      ANTHROPIC_API_KEY: 'test-key',
      ANTHROPIC_BASE_URL: url,
    });
    const result = await reviewer.review([itemOf('src/auth.js', AUTH_HUNK)]);
    expect([...result.outcomes.values()][0]).toMatchObject({
      reason: expect.stringContaining(`cannot reach Claude at ${url}`),
    });
    expect(await reviewer.check()).toMatchObject({
      ok: false,
      fix: expect.stringContaining('ANTHROPIC_BASE_URL'),
    });
  });

  test('a cancelled review ends every hunk as failed', async () => {
    const reviewer = claudeReviewer(claudeConfig(), env());
    fake.script({ type: 'hang' });
    const controller = new AbortController();
    const pending = reviewer.review([itemOf('src/auth.js', AUTH_HUNK)], controller.signal);
    while (fake.messageRequests().length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const result = await pending;
    expect([...result.outcomes.values()][0]).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('cancelled'),
    });
  });
});

/** n escalated hunks, each big enough (~600 tokens) to need its own request at request_tokens 1000. */
function bigItems(n: number) {
  return Array.from({ length: n }, (_, i) =>
    itemOf(
      `src/auth/handler${i}.js`,
      Array.from(
        { length: 40 },
        (_, j) => `+  const value_${j} = compute(user.session, "${'x'.repeat(40)}");`,
      ),
    ),
  );
}

describe('a hung API costs the configured timeout and retries once per run, not once per request', () => {
  test('no answer at all: max_retries 1 means exactly 2 attempts, and the other requests are not sent', async () => {
    const config = claudeConfig({
      timeout_seconds: 0.3,
      max_retries: 1,
      concurrency: 1,
      request_tokens: 1000,
    });
    fake.fallback = () => ({ type: 'hang' });
    const items = bigItems(3);
    const result = await claudeReviewer(config, env()).review(items);
    expect(fake.messageRequests()).toHaveLength(2);
    const reason =
      'Claude did not answer within 0.3 s (after 1 retr(ies); claude.timeout_seconds): no further request was sent to it';
    expect([...result.outcomes.values()]).toEqual(items.map(() => ({ status: 'failed', reason })));
    expect(result.stall).toBeDefined();
  });

  test('headers, then silence: the answer is cut off after timeout_seconds, non-streamed and streamed', async () => {
    for (const max_tokens of [4096, 32000]) {
      fake.requests.length = 0;
      fake.fallback = () => ({ type: 'stall' });
      const config = claudeConfig({ timeout_seconds: 0.3, max_tokens, request_tokens: 1000, concurrency: 1 });
      const items = bigItems(2);
      const result = await claudeReviewer(config, env()).review(items);
      expect(fake.messageRequests()).toHaveLength(1);
      expect([...result.outcomes.values()]).toEqual(
        items.map(() => ({
          status: 'failed',
          reason:
            'Claude stopped sending its answer for 0.3 s (claude.timeout_seconds): no further request was sent to it',
        })),
      );
    }
  });

  test('a retry-after longer than timeout_seconds is not slept through: one request, the wait is named', async () => {
    const config = claudeConfig({ timeout_seconds: 1, max_retries: 2 });
    fake.script({
      type: 'error',
      status: 429,
      errorType: 'rate_limit_error',
      message: 'Number of requests has exceeded your rate limit',
      headers: { 'retry-after': '3600' },
    });
    const result = await claudeReviewer(config, env()).review([itemOf('src/auth.js', AUTH_HUNK)]);
    expect(fake.messageRequests()).toHaveLength(1);
    expect([...result.outcomes.values()][0]).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining(
        'Claude answered 429 and asked to wait 3600 s before a retry, longer than claude.timeout_seconds (1 s): not retried',
      ),
    });
  });
});

describe('check()', () => {
  test('no key: unavailable, fix says set ANTHROPIC_API_KEY, nothing is sent', async () => {
    const reviewer = claudeReviewer(claudeConfig(), { ANTHROPIC_BASE_URL: fake.url });
    expect(await reviewer.check()).toEqual({
      ok: false,
      reason: expect.stringContaining('ANTHROPIC_API_KEY is not set'),
      fix: expect.stringContaining('set ANTHROPIC_API_KEY'),
    });
    const result = await reviewer.review([itemOf('src/auth.js', AUTH_HUNK)]);
    expect([...result.outcomes.values()][0]).toMatchObject({ status: 'failed' });
    expect(fake.requests).toHaveLength(0);
  });

  test('accepted key and known model; 401 says the key was rejected', async () => {
    expect(await claudeReviewer(claudeConfig(), env()).check()).toMatchObject({ ok: true });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models/claude-sonnet-5-5']);
    const rejected = await claudeReviewer(claudeConfig(), {
      ...env(),
      ANTHROPIC_API_KEY: 'nope',
    }).check();
    expect(rejected).toMatchObject({
      ok: false,
      reason: expect.stringContaining('rejected the API key'),
      fix: expect.stringContaining('ANTHROPIC_API_KEY'),
    });
  });

  test("an API that takes the check and never answers: a timeout at the caller's limit, not a cancellation", async () => {
    const silent = await startFakeAnthropic({ silentChecks: true });
    try {
      const reviewer = claudeReviewer(claudeConfig(), { ...env(), ANTHROPIC_BASE_URL: silent.url });
      expect(await reviewer.check(undefined, 200)).toEqual({
        ok: false,
        reason: `Claude at ${silent.url} did not answer the key check within 0.2 s`,
        fix: 'check the network, a proxy, or ANTHROPIC_BASE_URL if you set it',
        unanswered: { seconds: 0.2, servers: [silent.url] },
      });
      expect(silent.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        'GET /v1/models/claude-sonnet-5-5',
      ]);
    } finally {
      await silent.close();
    }
  });
});
