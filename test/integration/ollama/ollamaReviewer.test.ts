import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { configSchema, type WrittenConfig } from '../../../src/config/schema.js';
import { findingsJsonSchema } from '../../../src/review/findingSchema.js';
import { buildSystemPrompt } from '../../../src/review/prompt.js';
import {
  type ChatBody,
  closedPortUrl,
  type FakeOllama,
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

// What every local backend does (batching, repair, timeouts, failures) is in test/integration/local/.
describe('review', () => {
  test('sends a deterministic, bounded, streamed /api/chat request constrained to the findings schema', async () => {
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
    expect(result.outcomes.get(loop.hunk.hash)).toEqual({ status: 'reviewed' });
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
