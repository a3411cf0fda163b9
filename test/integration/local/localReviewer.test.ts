// What the local role guarantees whichever backend serves it: Ollama's native API, an OpenAI-compatible
// server, or a pool of two servers of either kind. Each backend is its loopback server(s) driven through
// the real client library; only the sentences differ, and each backend names its own.
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { ReviewItem } from '../../../src/review/reviewer.js';
import { type ChatReply, promptFiles, userPrompt } from '../../fakes/chatCore.js';
import { type FakeBackend, LOCAL_BACKENDS, localReviewer } from '../../helpers/localBackends.js';
import { makeHunk, makeItem } from '../../unit/review/reviewItems.js';

const MODEL = 'qwen2.5-coder:7b';

const loop = makeItem(
  makeHunk('src/total.ts', { old: 10, new: 10 }, [
    ' export function total(items: Item[]) {',
    '-  let sum = 1;',
    '+  let sum = 0;',
    '+  for (let i = 0; i <= items.length; i++) {',
    '+    sum += items[i].price;',
    '+  }',
    '   return sum;',
  ]),
);

/** n small items in n files, each with one added line `value_i = i;`. */
function smallItems(n: number): ReviewItem[] {
  return Array.from({ length: n }, (_, i) =>
    makeItem(
      makeHunk(`src/file${i}.ts`, { old: 5, new: 5 }, [' // context', `+export const value_${i} = ${i};`]),
    ),
  );
}

const offByOne = {
  file: 'src/total.ts',
  line: 12,
  severity: 'major',
  category: 'bug',
  message: 'Off by one: items[items.length] is undefined.',
  quote: 'i <= items.length',
};

/** A reply for requests that hold `file`, another for the rest: the same whichever server gets them. */
const byFile =
  (file: string, hit: ChatReply, other: ChatReply = { findings: [] }) =>
  (body: { messages: Array<{ role: string; content: string }> }) =>
    promptFiles({ model: '', ...body }).includes(file) ? hit : other;

describe.each(LOCAL_BACKENDS)('$name', (backend) => {
  let fake: FakeBackend;

  beforeAll(async () => {
    fake = await backend.start();
  });
  afterAll(() => fake.close());
  afterEach(() => {
    fake.requests.length = 0;
  });

  const reviewer = (local: Parameters<typeof backend.config>[1] = {}, env = {}) =>
    localReviewer(backend.config(fake.urls, local), env);

  test('places the findings, with usage per server', async () => {
    fake.script({ findings: [offByOne], promptEvalCount: 900, evalCount: 60 });
    const result = await (await reviewer()).review([loop]);
    expect(userPrompt(fake.chats().at(-1)!)).toContain('  12 +   for (let i = 0; i <= items.length; i++) {');
    expect(result.findings).toEqual([
      expect.objectContaining({
        file: 'src/total.ts',
        range: { start: 12, end: 12 },
        source: 'local',
        origin: MODEL,
      }),
    ]);
    expect(result.outcomes.get(loop.hunk.hash)).toEqual({ status: 'reviewed' });
    expect(result.usage).toMatchObject({
      model: MODEL,
      provider: backend.provider,
      requests: 1,
      inputTokens: 900,
      outputTokens: 60,
      hosts: [{ host: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+/), requests: 1, inputTokens: 900 }],
    });
    expect(fake.urls).toContain(result.usage.hosts?.[0]?.host);
    expect(result.repairs).toEqual({ reanchored: 0, fileLevel: 0, dropped: 0, extracted: 0, retried: 0 });
  });

  test('no items, no requests', async () => {
    const result = await (await reviewer()).review([]);
    expect(fake.chats()).toHaveLength(0);
    expect(result.outcomes.size).toBe(0);
  });

  test('batches small hunks up to batch_tokens, at most `concurrency` in flight per server, each hunk sent once', async () => {
    const items = smallItems(12);
    const slow = await backend.start({ latencyMs: 30 });
    try {
      const config = backend.config(slow.urls, { batch_tokens: 1300, concurrency: 2 });
      const result = await (await localReviewer(config)).review(items);
      const chats = slow.chats();
      expect(chats.length).toBeGreaterThan(1);
      expect(chats.length).toBeLessThan(items.length);
      expect(chats.flatMap(promptFiles).sort()).toEqual(items.map((i) => i.hunk.file).sort());
      expect(new Set(chats.map((c) => c.messages[0]!.content)).size).toBe(1);
      // The least busy server takes the next request: a pool spreads them before stacking any.
      expect(slow.peakPerServer()).toBe(Math.min(2, Math.ceil(chats.length / backend.servers)));
      expect(slow.servers.every((server) => server.chatCount > 0)).toBe(true);
      expect([...result.outcomes.values()]).toEqual(items.map(() => ({ status: 'reviewed' })));
      expect(result.usage.requests).toBe(chats.length);
      expect(result.usage.hosts?.reduce((n, h) => n + h.requests, 0)).toBe(chats.length);
    } finally {
      await slow.close();
    }
  });

  test('prose-wrapped JSON is extracted and counted', async () => {
    fake.script({
      content: `Here is my review:\n\`\`\`json\n${JSON.stringify({ findings: [offByOne] })}\n\`\`\``,
    });
    const result = await (await reviewer()).review([loop]);
    expect(result.findings).toHaveLength(1);
    expect(result.repairs.extracted).toBe(1);
  });

  test('free text that ignores the answer format is retried once with a stricter prompt', async () => {
    fake.script({ content: 'The code looks fine to me!' }, { findings: [offByOne] });
    const result = await (await reviewer()).review([loop]);
    const [first, second] = fake.chats();
    expect(userPrompt(first!)).not.toContain('could not be parsed');
    expect(userPrompt(second!)).toContain('Your previous answer could not be parsed');
    expect(second!.messages[0]).toEqual(first!.messages[0]);
    expect(result.findings).toHaveLength(1);
    expect(result.repairs.retried).toBe(1);
    expect(result.outcomes.get(loop.hunk.hash)).toEqual({ status: 'reviewed' });
  });

  test('garbage twice leaves the hunks not reviewed, with the reason, and invents nothing', async () => {
    fake.script({ content: 'no' }, { content: '{"findings": [{"file": "src/total.ts"' });
    const result = await (await reviewer()).review([loop]);
    expect(result.findings).toEqual([]);
    expect(result.outcomes.get(loop.hunk.hash)).toEqual({
      status: 'failed',
      reason:
        'Local model output could not be parsed (no JSON object in the answer), even after a stricter retry',
    });
  });

  test('wrong line numbers are re-anchored by the quote; unplaceable ones kept at file level; foreign files dropped', async () => {
    fake.script({
      findings: [
        { ...offByOne, line: 3 },
        { ...offByOne, line: 99, quote: 'not in the diff', message: 'Consider a reduce().' },
        { ...offByOne, file: 'src/elsewhere.ts' },
        { file: 'src/total.ts', message: 'missing fields' },
      ],
    });
    const result = await (await reviewer()).review([loop]);
    expect(result.findings.map((f) => [f.message, f.range])).toEqual([
      [offByOne.message, { start: 12, end: 12 }],
      ['Consider a reduce().', null],
    ]);
    expect(result.repairs).toMatchObject({ reanchored: 1, fileLevel: 1, dropped: 2 });
  });

  test('a server that stops in the middle of an answer is cut off at timeout_seconds; other requests go on', async () => {
    const hang = { stall: true, partial: '{"findings": [' } as const;
    fake.script(byFile('src/total.ts', hang), byFile('src/total.ts', hang));
    const items = [loop, ...smallItems(1)];
    const config = { timeout_seconds: 0.3, batch_tokens: 256, concurrency: 1 };
    const result = await (await reviewer(config)).review(items);
    expect(result.outcomes.get(loop.hunk.hash)).toEqual({
      status: 'failed',
      reason: 'timed out after 0.3 s (local.timeout_seconds)',
    });
    expect(result.outcomes.get(items[1]!.hunk.hash)).toEqual({ status: 'reviewed' });
    expect(result.stall).toBeUndefined();
    await vi.waitFor(() => expect(fake.abandonedChats()).toBeGreaterThanOrEqual(1));
  });

  test('a server that takes a request and sends nothing is waited on once: nothing more is sent to it', async () => {
    // Every server stuck: one request each (concurrency 1 per server) reaches them, then none.
    fake.script(...Array.from({ length: backend.servers }, () => ({ hang: true }) as const));
    const items = [loop, ...smallItems(3)];
    const config = { timeout_seconds: 0.3, batch_tokens: 256, concurrency: 1 };
    const result = await (await reviewer(config)).review(items);
    expect(fake.chats()).toHaveLength(backend.servers);
    const reason = backend.reasons.stuck(fake.urls, 0.3);
    expect([...result.outcomes.values()]).toEqual(items.map(() => ({ status: 'failed', reason })));
    expect(result).toMatchObject({ stall: { waitedMs: expect.any(Number) }, answered: false });
  });

  test("the caller's signal cancels a request in flight", async () => {
    fake.script({ hang: true });
    const controller = new AbortController();
    const pending = (await reviewer()).review([loop], controller.signal);
    await vi.waitFor(() => expect(fake.chats()).toHaveLength(1));
    controller.abort(new Error('interrupted'));
    const result = await pending;
    expect(result.outcomes.get(loop.hunk.hash)).toEqual({
      status: 'failed',
      reason: 'cancelled before the local model answered',
    });
  });

  test('a check the server takes and never answers gives up at local.timeout_seconds, not later', async () => {
    const silent = await backend.start({ silentChecks: true });
    try {
      const config = backend.config(silent.urls, { timeout_seconds: 0.2 });
      const check = await (await localReviewer(config)).check();
      // The limit the check gave up at is the one it names: 0.2 s from config, not the 5 s check default.
      expect(check).toMatchObject({
        ok: false,
        reason: backend.reasons.checkSilent(silent.urls, 0.2),
        unanswered: { seconds: 0.2, servers: silent.urls },
      });
      // Each server got the first request of the check, and the client hung up on it: no retry, no answer.
      const first = backend.provider === 'openai' ? '/v1/models' : '/api/version';
      expect(silent.requests.map((r) => r.path)).toEqual(silent.urls.map(() => first));
      await vi.waitFor(() => expect(silent.abandonedChecks()).toBe(backend.servers));
    } finally {
      await silent.close();
    }
  });

  test("a caller's limit below local.timeout_seconds is the check's own timeout; its signal is a cancellation", async () => {
    const silent = await backend.start({ silentChecks: true });
    try {
      const checker = await localReviewer(backend.config(silent.urls, { timeout_seconds: 30 }));
      expect(await checker.check(undefined, 150)).toMatchObject({
        ok: false,
        reason: backend.reasons.checkSilent(silent.urls, 0.15),
        unanswered: { seconds: 0.15, servers: silent.urls },
      });
      const controller = new AbortController();
      const pending = checker.check(controller.signal, 30_000);
      await vi.waitFor(() => expect(silent.requests).toHaveLength(2 * backend.servers));
      controller.abort(new Error('interrupted'));
      const cancelled = await pending;
      expect(cancelled).toMatchObject({ ok: false, reason: expect.stringContaining('cancelled') });
      expect(cancelled).not.toHaveProperty('unanswered');
    } finally {
      await silent.close();
    }
  });

  test('a missing model fails every hunk with the fix, and no further requests', async () => {
    const items = smallItems(4);
    const local = { model: 'qwen2.5-coder:3b', batch_tokens: 256, concurrency: 1 };
    const result = await (await reviewer(local)).review(items);
    expect(fake.chats()).toHaveLength(backend.servers);
    expect([...result.outcomes.values()]).toEqual(
      items.map(() => ({ status: 'failed', reason: backend.reasons.modelMissing('qwen2.5-coder:3b') })),
    );
  });

  test.for(['busy', 'internal'] as const)(
    'a %s server is a failed outcome with its message',
    async (kind) => {
      const reply = backend.errors[kind];
      fake.script(reply);
      const result = await (await reviewer()).review([loop]);
      expect(result.outcomes.get(loop.hunk.hash)).toEqual({
        status: 'failed',
        reason: backend.reasons.http(reply),
      });
      expect(result.usage.requests).toBe(1);
    },
  );

  test('an error inside a 200 stream is a failed outcome', async () => {
    const detail = 'an error was encountered while running the model: CUDA out of memory';
    fake.script({ streamError: detail, partial: '{"fin' });
    const result = await (await reviewer()).review([loop]);
    expect(result.outcomes.get(loop.hunk.hash)).toEqual({
      status: 'failed',
      reason: backend.reasons.streamError(detail),
    });
  });

  test('servers down: every hunk not reviewed, saying how to start them', async () => {
    const urls = await backend.downUrls();
    const items = smallItems(3);
    const result = await (await localReviewer(backend.config(urls, { batch_tokens: 256 }))).review(items);
    expect([...result.outcomes.values()]).toEqual(
      items.map(() => ({ status: 'failed', reason: backend.reasons.down(urls) })),
    );
    expect(result.usage.requests).toBe(0);
  });

  test('an answer cut off at the output cap (length) splits the batch and retries', async () => {
    const items = smallItems(2);
    fake.script(
      { content: '{"findings": [{"file": "src/fi', doneReason: 'length' },
      { findings: [] },
      { findings: [] },
    );
    const result = await (await reviewer()).review(items);
    expect(fake.chats().map(promptFiles)).toEqual([
      ['src/file0.ts', 'src/file1.ts'],
      ['src/file0.ts'],
      ['src/file1.ts'],
    ]);
    expect([...result.outcomes.values()]).toEqual([{ status: 'reviewed' }, { status: 'reviewed' }]);
  });

  test('a single hunk whose answer is cut off fails with the reason', async () => {
    fake.script({ content: '{"findings": [', doneReason: 'length' });
    const result = await (await reviewer()).review([loop]);
    expect(result.outcomes.get(loop.hunk.hash)).toEqual({
      status: 'failed',
      reason: 'model output truncated at local.num_predict (1024 tokens); raise local.num_predict',
    });
  });

  test('a prompt over the context window splits and retries, then fails the hunk alone', async () => {
    const items = smallItems(2);
    const tooLong = backend.errors.contextTooLong;
    fake.script(tooLong, { findings: [] }, tooLong);
    const result = await (await reviewer()).review(items);
    expect(fake.chats()).toHaveLength(3);
    expect(result.outcomes.get(items[0]!.hunk.hash)).toEqual({ status: 'reviewed' });
    expect(result.outcomes.get(items[1]!.hunk.hash)).toEqual({
      status: 'failed',
      reason: backend.reasons.contextExceeded(16384),
    });
  });

  test('a hunk that cannot fit the context window is not sent at all', async () => {
    const huge = makeItem(
      makeHunk('src/huge.ts', { old: 1, new: 1 }, Array(400).fill('+const value = compute(a, b, c, d);')),
    );
    const result = await (await reviewer({ num_ctx: 2048, num_predict: 512 })).review([huge, loop]);
    expect(fake.chats().flatMap(promptFiles)).toEqual(['src/total.ts']);
    expect(result.outcomes.get(huge.hunk.hash)).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(
        /^too large for the local model \(about \d+ prompt tokens, num_ctx 2048\)/,
      ),
    });
  });

  test('a prompt-token count far below the estimate is noted as possible truncation', async () => {
    fake.script({ findings: [], promptEvalCount: 12 });
    const result = await (await reviewer()).review([loop]);
    expect(result.notes).toEqual([expect.stringMatching(backend.reasons.shortfall)]);
  });
});
