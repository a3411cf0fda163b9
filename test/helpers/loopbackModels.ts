// A loopback Ollama and a loopback Anthropic API for one test file: started before its tests, their
// recorded requests cleared after each test, closed at the end.
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  type FakeAnthropic,
  type FakeAnthropicOptions,
  startFakeAnthropic,
} from '../fakes/anthropicServer.js';
import { type FakeOllama, type FakeOllamaOptions, startFakeOllama } from '../fakes/ollamaServer.js';

export interface LoopbackModels {
  ollama: FakeOllama;
  anthropic: FakeAnthropic;
}

/** Call at the top of a test file; the servers are there once its `beforeAll` hooks have run. */
export function useLoopbackModels(
  options: { ollama?: FakeOllamaOptions; anthropic?: FakeAnthropicOptions } = {},
): LoopbackModels {
  const servers = {} as LoopbackModels;
  beforeAll(async () => {
    servers.ollama = await startFakeOllama(options.ollama);
    servers.anthropic = await startFakeAnthropic(options.anthropic);
  });
  afterAll(async () => {
    await servers.ollama?.close();
    await servers.anthropic?.close();
  });
  afterEach(() => {
    servers.ollama.requests.length = 0;
    servers.anthropic.requests.length = 0;
  });
  return servers;
}
