import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { configSchema, type WrittenConfig } from '../../../src/config/schema.js';
import { findingsJsonSchema } from '../../../src/review/findingSchema.js';
import { buildSystemPrompt } from '../../../src/review/prompt.js';
import type { ReviewItem } from '../../../src/review/reviewer.js';
import {
  type ChatBody,
  closedPortUrl,
  type FakeOllama,
  OLLAMA_ERRORS,
  promptFiles,
  startFakeOllama,
  userPrompt,
} from '../../fakes/ollamaServer.js';
import { ollamaReviewer } from '../../helpers/reviewers.js';
import { makeHunk, makeItem } from '../../unit/review/reviewItems.js';

const MODEL = 'qwen2.5-coder:7b';

function configFor(url: string | null, local: NonNullable<WrittenConfig['local']> = {}) {
  return configSchema.parse({ local: { host: url, ...local } });
}

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

let fake: FakeOllama;

beforeAll(async () => {
  fake = await startFakeOllama();
});
afterAll(() => fake.close());
afterEach(() => {
  fake.requests.length = 0;
});

function lastChat(): ChatBody {
  return fake.chats().at(-1)!;
}

describe('check', () => {
  test('reports the version and that the model is present', async () => {
    const result = await ollamaReviewer(configFor(fake.url), {}).check();
    expect(result).toEqual({ ok: true, detail: `Ollama 0.13.2 at ${fake.url}, model ${MODEL} present` });
    expect(fake.requests.map((r) => r.path)).toEqual(['/api/version', '/api/tags']);
  });

  test('a missing model says how to pull it', async () => {
    const result = await ollamaReviewer(configFor(fake.url, { model: 'qwen2.5-coder:14b' }), {}).check();
    expect(result).toEqual({
      ok: false,
      reason: 'the local model qwen2.5-coder:14b is not pulled',
      fix: 'run `ollama pull qwen2.5-coder:14b` or `npx hunkwise doctor --pull`',
      modelMissing: true,
    });
  });

  test('a server that is down says how to start it', async () => {
    const url = await closedPortUrl();
    const result = await ollamaReviewer(configFor(url), {}).check();
    expect(result).toEqual({
      ok: false,
      reason: `Ollama is not reachable at ${url}`,
      fix: 'start it with `ollama serve` (or point local.host / OLLAMA_HOST at your server)',
    });
  });

  test('an unusable host is reported, not thrown', async () => {
    const result = await ollamaReviewer(configFor(null), { OLLAMA_HOST: 'ftp://box' }).check();
    expect(result).toMatchObject({
      ok: false,
      reason: 'Ollama host "ftp://box" (from OLLAMA_HOST) is not a usable URL',
    });
  });
});

describe('host resolution', () => {
  test('OLLAMA_HOST is used when config has no host (the client itself ignores it)', async () => {
    const reviewer = ollamaReviewer(configFor(null), { OLLAMA_HOST: fake.url.replace('http://', '') });
    expect(reviewer.url).toBe(fake.url);
    expect(await reviewer.check()).toMatchObject({ ok: true });
  });

  test('local.host wins over OLLAMA_HOST', async () => {
    const down = await closedPortUrl();
    const reviewer = ollamaReviewer(configFor(fake.url), { OLLAMA_HOST: down });
    expect(await reviewer.check()).toMatchObject({ ok: true });
  });
});

describe('review', () => {
  test('sends a deterministic, bounded, streamed request and places the findings', async () => {
    fake.script({ findings: [offByOne], promptEvalCount: 900, evalCount: 60 });
    const result = await ollamaReviewer(configFor(fake.url), {}).review([loop]);
    const body = lastChat();
    expect(body).toMatchObject({
      model: MODEL,
      stream: true,
      format: findingsJsonSchema,
      options: { temperature: 0, seed: 42, num_ctx: 16384, num_predict: 1024 },
      keep_alive: '10m',
      shift: false,
      truncate: false,
    });
    expect(body.messages[0]).toEqual({ role: 'system', content: buildSystemPrompt('local') });
    expect(userPrompt(body)).toContain('  12 +   for (let i = 0; i <= items.length; i++) {');
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
      provider: 'ollama',
      requests: 1,
      inputTokens: 900,
      outputTokens: 60,
    });
    expect(result.repairs).toEqual({ reanchored: 0, fileLevel: 0, dropped: 0, extracted: 0, retried: 0 });
  });

  test('no items, no requests', async () => {
    const result = await ollamaReviewer(configFor(fake.url), {}).review([]);
    expect(fake.chats()).toHaveLength(0);
    expect(result.outcomes.size).toBe(0);
  });

  test('batches small hunks up to batch_tokens, at most `concurrency` in flight, each hunk sent once', async () => {
    const items = smallItems(12);
    const slow = await startFakeOllama({ latencyMs: 30 });
    try {
      const config = configFor(slow.url, { batch_tokens: 1300, concurrency: 2 });
      const result = await ollamaReviewer(config, {}).review(items);
      const chats = slow.chats();
      expect(chats.length).toBeGreaterThan(1);
      expect(chats.length).toBeLessThan(items.length);
      expect(chats.flatMap(promptFiles).sort()).toEqual(items.map((i) => i.hunk.file).sort());
      expect(new Set(chats.map((c) => c.messages[0]!.content)).size).toBe(1);
      expect(slow.peakConcurrentChats).toBe(2);
      expect([...result.outcomes.values()]).toEqual(items.map(() => ({ status: 'reviewed' })));
      expect(result.usage.requests).toBe(chats.length);
    } finally {
      await slow.close();
    }
  });

  test('prose-wrapped JSON is extracted and counted', async () => {
    fake.script({
      content: `Here is my review:\n\`\`\`json\n${JSON.stringify({ findings: [offByOne] })}\n\`\`\``,
    });
    const result = await ollamaReviewer(configFor(fake.url), {}).review([loop]);
    expect(result.findings).toHaveLength(1);
    expect(result.repairs.extracted).toBe(1);
  });

  test('garbage is retried once with a stricter prompt', async () => {
    fake.script({ content: 'The code looks fine to me!' }, { findings: [offByOne] });
    const result = await ollamaReviewer(configFor(fake.url), {}).review([loop]);
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
    const result = await ollamaReviewer(configFor(fake.url), {}).review([loop]);
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
    const result = await ollamaReviewer(configFor(fake.url), {}).review([loop]);
    expect(result.findings.map((f) => [f.message, f.range])).toEqual([
      [offByOne.message, { start: 12, end: 12 }],
      ['Consider a reduce().', null],
    ]);
    expect(result.repairs).toMatchObject({ reanchored: 1, fileLevel: 1, dropped: 2 });
  });

  test('a hung server is cut off at timeout_seconds and the request cancelled; other requests go on', async () => {
    fake.script({ hang: true }, { findings: [] });
    const items = [loop, ...smallItems(1)];
    const config = configFor(fake.url, { timeout_seconds: 0.3, batch_tokens: 256, concurrency: 1 });
    const result = await ollamaReviewer(config, {}).review(items);
    expect(result.outcomes.get(loop.hunk.hash)).toEqual({
      status: 'failed',
      reason: 'timed out after 0.3 s (local.timeout_seconds)',
    });
    expect(result.outcomes.get(items[1]!.hunk.hash)).toEqual({ status: 'reviewed' });
    await vi.waitFor(() => expect(fake.abandonedChats).toBeGreaterThanOrEqual(1));
  });

  test("the caller's signal cancels a request in flight", async () => {
    fake.script({ hang: true });
    const controller = new AbortController();
    const pending = ollamaReviewer(configFor(fake.url), {}).review([loop], controller.signal);
    await vi.waitFor(() => expect(fake.chats()).toHaveLength(1));
    controller.abort(new Error('interrupted'));
    const result = await pending;
    expect(result.outcomes.get(loop.hunk.hash)).toEqual({
      status: 'failed',
      reason: 'cancelled before the local model answered',
    });
  });

  test('404: model missing, with the pull command, and no further requests', async () => {
    const config = configFor(fake.url, { model: 'qwen2.5-coder:3b', batch_tokens: 256, concurrency: 1 });
    const items = smallItems(4);
    const result = await ollamaReviewer(config, {}).review(items);
    expect(fake.chats()).toHaveLength(1);
    expect([...result.outcomes.values()]).toEqual(
      items.map(() => ({ status: 'failed', reason: 'model missing: run `ollama pull qwen2.5-coder:3b`' })),
    );
  });

  test.for([
    [503, OLLAMA_ERRORS.busy],
    [500, OLLAMA_ERRORS.internal],
  ] as const)('%i is a failed outcome with the server message', async ([status, error]) => {
    fake.script({ status, error });
    const result = await ollamaReviewer(configFor(fake.url), {}).review([loop]);
    expect(result.outcomes.get(loop.hunk.hash)).toEqual({
      status: 'failed',
      reason: `Ollama answered ${status}: ${error}`,
    });
    expect(result.usage.requests).toBe(1);
  });

  test('an error line inside a 200 stream is a failed outcome', async () => {
    fake.script({
      streamError: 'an error was encountered while running the model: CUDA out of memory',
      partial: '{"fin',
    });
    const result = await ollamaReviewer(configFor(fake.url), {}).review([loop]);
    expect(result.outcomes.get(loop.hunk.hash)).toEqual({
      status: 'failed',
      reason:
        'Ollama failed while answering: an error was encountered while running the model: CUDA out of memory',
    });
  });

  test('server down: every hunk not reviewed, saying how to start Ollama', async () => {
    const url = await closedPortUrl();
    const items = smallItems(3);
    const result = await ollamaReviewer(configFor(url, { batch_tokens: 256 }), {}).review(items);
    expect([...result.outcomes.values()]).toEqual(
      items.map(() => ({
        status: 'failed',
        reason: `Ollama is not reachable at ${url}: start it with \`ollama serve\``,
      })),
    );
    expect(result.usage.requests).toBe(0);
  });

  test('an answer cut off by num_predict (done_reason length) splits the batch and retries', async () => {
    const items = smallItems(2);
    fake.script(
      { content: '{"findings": [{"file": "src/fi', doneReason: 'length' },
      { findings: [] },
      { findings: [] },
    );
    const result = await ollamaReviewer(configFor(fake.url), {}).review(items);
    expect(fake.chats().map(promptFiles)).toEqual([
      ['src/file0.ts', 'src/file1.ts'],
      ['src/file0.ts'],
      ['src/file1.ts'],
    ]);
    expect([...result.outcomes.values()]).toEqual([{ status: 'reviewed' }, { status: 'reviewed' }]);
  });

  test('a single hunk whose answer is cut off fails with the reason', async () => {
    fake.script({ content: '{"findings": [', doneReason: 'length' });
    const result = await ollamaReviewer(configFor(fake.url), {}).review([loop]);
    expect(result.outcomes.get(loop.hunk.hash)).toEqual({
      status: 'failed',
      reason: 'model output truncated at local.num_predict (1024 tokens); raise local.num_predict',
    });
  });

  test('400 "prompt is longer than the context length" splits and retries, then fails the hunk alone', async () => {
    const items = smallItems(2);
    const tooLong = { status: 400, error: OLLAMA_ERRORS.contextTooLong };
    fake.script(tooLong, { findings: [] }, tooLong);
    const result = await ollamaReviewer(configFor(fake.url), {}).review(items);
    expect(fake.chats()).toHaveLength(3);
    expect(result.outcomes.get(items[0]!.hunk.hash)).toEqual({ status: 'reviewed' });
    expect(result.outcomes.get(items[1]!.hunk.hash)).toEqual({
      status: 'failed',
      reason:
        "the prompt is longer than the local model's context (num_ctx 16384); raise local.num_ctx or route it to Claude",
    });
  });

  test('a hunk that cannot fit num_ctx is not sent at all', async () => {
    const huge = makeItem(
      makeHunk('src/huge.ts', { old: 1, new: 1 }, Array(400).fill('+const value = compute(a, b, c, d);')),
    );
    const config = configFor(fake.url, { num_ctx: 2048, num_predict: 512 });
    const result = await ollamaReviewer(config, {}).review([huge, loop]);
    expect(fake.chats().flatMap(promptFiles)).toEqual(['src/total.ts']);
    expect(result.outcomes.get(huge.hunk.hash)).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(
        /^too large for the local model \(about \d+ prompt tokens, num_ctx 2048\)/,
      ),
    });
  });

  test('a prompt_eval_count far below the estimate is noted as possible truncation', async () => {
    fake.script({ findings: [], promptEvalCount: 12 });
    const result = await ollamaReviewer(configFor(fake.url), {}).review([loop]);
    expect(result.notes).toEqual([
      expect.stringMatching(/^Ollama counted 12 prompt tokens where about \d+ were sent/),
    ]);
  });

  test('num_ctx above what qwen2.5-coder supports is capped, and said', async () => {
    const result = await ollamaReviewer(configFor(fake.url, { num_ctx: 65536 }), {}).review([loop]);
    expect(lastChat().options).toMatchObject({ num_ctx: 32768 });
    expect(result.notes).toContain(
      'local.num_ctx 65536 is above what qwen2.5-coder:7b supports; using 32768',
    );
  });
});

describe('pullModel', () => {
  test('streams progress until success, after which the model is present', async () => {
    const config = configFor(fake.url, { model: 'qwen2.5-coder:1.5b' });
    const reviewer = ollamaReviewer(config, {});
    expect(await reviewer.check()).toMatchObject({ ok: false });
    const progress: Array<{ status: string; completed?: number }> = [];
    expect(await reviewer.pullModel((p) => progress.push(p))).toEqual({ ok: true });
    expect(progress[0]).toMatchObject({ status: 'pulling manifest' });
    expect(progress.at(-1)).toMatchObject({ status: 'success' });
    expect(progress.some((p) => p.completed && p.completed > 0)).toBe(true);
    expect(await reviewer.check()).toEqual({ ok: true, detail: expect.stringContaining('present') });
    fake.models.delete('qwen2.5-coder:1.5b');
  });

  test('a server that is down is a reason, not a throw', async () => {
    const url = await closedPortUrl();
    expect(await ollamaReviewer(configFor(url), {}).pullModel(() => {})).toEqual({
      ok: false,
      reason: `Ollama is not reachable at ${url}: start it with \`ollama serve\``,
    });
  });
});
