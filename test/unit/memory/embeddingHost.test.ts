import { expect, test } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import { embeddingHostSetting } from '../../../src/memory/embedder.js';

const host = (config: unknown) => embeddingHostSetting(configSchema.parse(config));

test('embeddings go to memory.host, else the local Ollama server, never to an OpenAI-compatible one', () => {
  expect(host({ memory: { host: 'http://embed-box:11434' }, local: { host: 'gpu-box' } })).toBe(
    'http://embed-box:11434',
  );
  expect(host({ local: { host: 'gpu-box' } })).toBe('gpu-box');
  expect(host({ local: { hosts: ['gpu-box', 'laptop'] } })).toBe('gpu-box');
  expect(host({ local: { provider: 'openai', host: 'http://gpu-box:8000/v1' } })).toBeNull();
  expect(host({})).toBeNull();
});
