// An in-process implementation of the model-provider port for the batch runner's unit tests: answers by
// script, records every request. (The real adapters are tested against loopback servers.)
import type { ModelProvider, ModelRequest, ProviderLimits, SendResult } from '../../src/review/provider.js';

export interface ScriptedProvider extends ModelProvider {
  requests: ModelRequest[];
}

type Answer = (request: ModelRequest, signal?: AbortSignal) => SendResult | Promise<SendResult>;

/** Answers the n-th request with `answers[n]` (the last one repeats); a string is a complete reply's text. */
export function scriptedProvider(
  answers: Array<string | SendResult | Answer>,
  over: { cloud?: boolean; limits?: Partial<ProviderLimits> } = {},
): ScriptedProvider {
  const requests: ModelRequest[] = [];
  return {
    id: 'ollama',
    model: 'scripted-model',
    limits: {
      concurrency: 1,
      requestTokens: 100_000,
      maxRequestTokens: 100_000,
      framingTokens: 0,
      maxSplitDepth: Number.POSITIVE_INFINITY,
      ...over.limits,
    },
    cloud: over.cloud ?? false,
    probeBeforeUse: true,
    notes: [],
    requests,
    configured: () => ({ ok: true, detail: 'scripted' }),
    check: async () => ({ ok: true, detail: 'scripted' }),
    tooLarge: (tokens) => `too large (${tokens})`,
    async send(request, signal) {
      requests.push(request);
      const answer = answers[Math.min(requests.length - 1, answers.length - 1)]!;
      if (typeof answer === 'function') return answer(request, signal);
      if (typeof answer !== 'string') return answer;
      const usage = { input: 100, output: 10, cacheRead: 0, cacheWrite: 0 };
      return {
        ok: true,
        reply: { text: answer, usage, costUsd: 0.01, stop: { kind: 'complete' }, notes: [] },
      };
    },
  };
}

/** A reply cut off by the output cap. */
export const truncated: SendResult = {
  ok: true,
  reply: {
    text: '{"findings": [',
    usage: { input: 100, output: 50, cacheRead: 0, cacheWrite: 0 },
    costUsd: 0,
    stop: { kind: 'truncated', detail: 'cut off at the output cap' },
    notes: [],
  },
};

/** Waits until `signal` aborts, then fails as a request cut off without an answer. */
export async function silentUntilAborted(_request: ModelRequest, signal?: AbortSignal): Promise<SendResult> {
  await new Promise((resolve) => {
    if (signal?.aborted) resolve(undefined);
    else signal?.addEventListener('abort', resolve, { once: true });
  });
  const failure = { code: 'cancelled', message: 'cancelled', effect: 'request', counted: false } as const;
  return { ok: false, failure: { ...failure, silence: 'cancelled' } };
}
