// The OpenAI-compatible provider on the wire: what the server receives (and must not receive), keys,
// retries, the check, and a server that ignores include_usage. What every local backend does is in
// test/integration/local/.
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { configSchema, type WrittenConfig } from '../../../src/config/schema.js';
import { findingsJsonSchema } from '../../../src/review/findingSchema.js';
import { buildSystemPrompt } from '../../../src/review/prompt.js';
import { closedPortUrl, userPrompt } from '../../fakes/chatCore.js';
import { type ChatBody, type FakeOpenAI, OPENAI_ERRORS, startFakeOpenAI } from '../../fakes/openaiServer.js';
import { localReviewer } from '../../helpers/localBackends.js';
import { makeHunk, makeItem } from '../../unit/review/reviewItems.js';

const MODEL = 'qwen2.5-coder:7b';

const item = makeItem(
  makeHunk('src/total.ts', { old: 10, new: 10 }, [' export function total() {', '+  return 1;', ' }']),
);

function configFor(host: string | null, local: NonNullable<WrittenConfig['local']> = {}) {
  return configSchema.parse({ local: { provider: 'openai', host, ...local } });
}

let fake: FakeOpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
afterEach(() => {
  fake.requests.length = 0;
  vi.unstubAllEnvs();
});

const lastChat = (): ChatBody => fake.chats().at(-1)!;
const chatHeaders = () =>
  fake.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.headers);

describe('the request', () => {
  test('is a streamed, deterministic, bounded chat completion constrained to the findings schema', async () => {
    const result = await (await localReviewer(configFor(fake.url, { num_predict: 900 }))).review([item]);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/chat/completions']);
    expect(lastChat()).toEqual({
      model: MODEL,
      messages: [
        { role: 'system', content: buildSystemPrompt('local') },
        { role: 'user', content: expect.stringContaining('src/total.ts') },
      ],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'findings', schema: findingsJsonSchema, strict: false },
      },
      max_tokens: 900,
      seed: 42,
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(userPrompt(lastChat())).toContain('  11 +   return 1;');
    expect(result.outcomes.get(item.hunk.hash)).toEqual({ status: 'reviewed' });
  });

  test('carries no key, organisation or project, even with OpenAI variables in the environment', async () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-cloud-key-that-must-stay-home');
    vi.stubEnv('OPENAI_ORG_ID', 'org-cloud');
    vi.stubEnv('OPENAI_PROJECT_ID', 'proj-cloud');
    vi.stubEnv('OPENAI_BASE_URL', 'https://api.openai.com/v1');
    const env = { OPENAI_API_KEY: 'sk-cloud-key-that-must-stay-home' };
    await (await localReviewer(configFor(fake.url), env)).review([item]);
    const [headers] = chatHeaders();
    expect(headers).toBeDefined();
    expect(headers?.authorization).toBeUndefined();
    expect(headers?.['openai-organization']).toBeUndefined();
    expect(headers?.['openai-project']).toBeUndefined();
    expect(JSON.stringify(fake.requests)).not.toContain('sk-cloud');
  });

  test('sends the key from the variable local.api_key_env names, and only that one', async () => {
    const guarded = await startFakeOpenAI({ apiKey: 'vllm-secret' });
    try {
      const config = configFor(guarded.url, { api_key_env: 'GPU_BOX_KEY' });
      const env = { GPU_BOX_KEY: 'vllm-secret', OPENAI_API_KEY: 'sk-cloud' };
      const reviewer = await localReviewer(config, env);
      expect(await reviewer.check()).toMatchObject({ ok: true });
      const result = await reviewer.review([item]);
      expect(result.outcomes.get(item.hunk.hash)).toEqual({ status: 'reviewed' });
      expect(guarded.requests.map((r) => r.headers.authorization)).toEqual([
        'Bearer vllm-secret',
        'Bearer vllm-secret',
      ]);
    } finally {
      await guarded.close();
    }
  });
});

describe('keys', () => {
  test('a variable that is named but not set makes the role unavailable, with the fix', async () => {
    const reviewer = await localReviewer(configFor(fake.url, { api_key_env: 'GPU_BOX_KEY' }), {});
    expect(reviewer.configured?.()).toEqual({
      ok: false,
      reason: 'local.api_key_env names GPU_BOX_KEY, which is not set',
      fix: "export GPU_BOX_KEY with the server's key, or remove local.api_key_env if the server needs none",
    });
  });

  test('a rejected key fails every hunk at once, without more requests', async () => {
    const guarded = await startFakeOpenAI({ apiKey: 'right' });
    try {
      const config = configFor(guarded.url, { api_key_env: 'KEY', batch_tokens: 256, concurrency: 1 });
      const reviewer = await localReviewer(config, { KEY: 'wrong' });
      expect(await reviewer.check()).toEqual({
        ok: false,
        reason: `the OpenAI-compatible server at ${guarded.url} refused the request (401): Incorrect API key provided.`,
        fix: 'check the key in KEY (local.api_key_env)',
      });
      const items = [item, makeItem(makeHunk('src/b.ts', { old: 1, new: 1 }, ['+b']))];
      const result = await reviewer.review(items);
      expect(guarded.chats()).toHaveLength(1);
      expect(new Set([...result.outcomes.values()].map((o) => o.status === 'failed' && o.reason))).toEqual(
        new Set([
          `the OpenAI-compatible server at ${guarded.url} refused the request (401): Incorrect API key provided.`,
        ]),
      );
    } finally {
      await guarded.close();
    }
  });
});

describe('retries', () => {
  test('a 429 is retried by the client up to local.max_retries, and counts as one request', async () => {
    fake.script(OPENAI_ERRORS.rateLimited, { findings: [] });
    const result = await (await localReviewer(configFor(fake.url, { max_retries: 1 }))).review([item]);
    expect(fake.chats()).toHaveLength(2);
    expect(chatHeaders().map((h) => h['x-stainless-retry-count'])).toEqual(['0', '1']);
    expect(result.outcomes.get(item.hunk.hash)).toEqual({ status: 'reviewed' });
    expect(result.usage.requests).toBe(1);
  });

  test('with max_retries 0 a 429 is a failed outcome with the server message', async () => {
    fake.script(OPENAI_ERRORS.rateLimited);
    const result = await (await localReviewer(configFor(fake.url, { max_retries: 0 }))).review([item]);
    expect(fake.chats()).toHaveLength(1);
    expect(result.outcomes.get(item.hunk.hash)).toEqual({
      status: 'failed',
      reason: `the OpenAI-compatible server answered 429: ${OPENAI_ERRORS.rateLimited.error}`,
    });
  });

  test('a 400 is not retried', async () => {
    fake.script(OPENAI_ERRORS.badRequest);
    await (await localReviewer(configFor(fake.url, { max_retries: 3 }))).review([item]);
    expect(fake.chats()).toHaveLength(1);
  });
});

describe('check (review doctor, and before a run)', () => {
  test('GET /v1/models lists the model', async () => {
    const result = await (await localReviewer(configFor(fake.url))).check();
    expect(result).toEqual({ ok: true, detail: `OpenAI-compatible server at ${fake.url} serves ${MODEL}` });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models']);
  });

  test('a model the server does not serve names the ones it does', async () => {
    const result = await (
      await localReviewer(configFor(fake.url, { model: 'Qwen/Qwen2.5-Coder-7B-Instruct' }))
    ).check();
    expect(result).toEqual({
      ok: false,
      reason: `the OpenAI-compatible server at ${fake.url} does not serve the model Qwen/Qwen2.5-Coder-7B-Instruct (it serves ${MODEL})`,
      fix: 'set local.model to one of the ids GET /v1/models lists (vLLM: --served-model-name)',
    });
  });

  test('a base URL without /v1 says to add it', async () => {
    const root = fake.url.replace(/\/v1$/, '');
    expect(await (await localReviewer(configFor(root))).check()).toEqual({
      ok: false,
      reason: `${root} is not an OpenAI-compatible API root: GET ${root}/models answered 404`,
      fix: `set local.host to ${root}/v1: the base URL of these servers usually ends in /v1`,
    });
  });

  test('a server that is down says how to start one', async () => {
    const url = `${await closedPortUrl()}/v1`;
    expect(await (await localReviewer(configFor(url))).check()).toEqual({
      ok: false,
      reason: `the OpenAI-compatible server at ${url} is not reachable`,
      fix: 'start it (vllm serve, llama-server, LM Studio, a LiteLLM proxy…) or point local.host at it',
    });
  });

  test('no host: not configured, with an example', async () => {
    const reviewer = await localReviewer(configFor(null));
    expect(reviewer.configured?.()).toEqual({
      ok: false,
      reason: 'local.provider is openai but local.host (or local.hosts) is not set',
      fix: "set local.host to the server's base URL, e.g. http://gpu-box:8000/v1",
    });
  });
});

test('a server that ignores include_usage: the hunk is reviewed and the missing counts are said', async () => {
  const plain = await startFakeOpenAI({ noUsage: true });
  try {
    const result = await (await localReviewer(configFor(plain.url))).review([item]);
    expect(result.outcomes.get(item.hunk.hash)).toEqual({ status: 'reviewed' });
    expect(result.usage).toMatchObject({ requests: 1, inputTokens: 0, outputTokens: 0 });
    expect(result.notes).toEqual([expect.stringContaining('reported no token usage')]);
  } finally {
    await plain.close();
  }
});

test('the fake speaks the non-streamed form too, as the real client reads it', async () => {
  fake.script({ findings: [], promptEvalCount: 321, evalCount: 7 });
  const client = new OpenAI({ baseURL: fake.url, apiKey: 'unused', maxRetries: 0 });
  const completion = await client.chat.completions.create({
    model: MODEL,
    messages: [{ role: 'user', content: 'hi' }],
  });
  expect(completion.choices[0]).toMatchObject({
    message: { role: 'assistant', content: '{"findings":[]}' },
    finish_reason: 'stop',
  });
  expect(completion.usage).toEqual({ prompt_tokens: 321, completion_tokens: 7, total_tokens: 328 });
});
