// Cache first, then one `/api/embed` call for every text the cache does not have. The first failure
// (model not pulled, Ollama down, timeout) is remembered: later calls of the run do not retry, and the
// report says it once.
import { abortedByDeadline } from '../abort.js';
import type { Config } from '../config/schema.js';
import { embedFailure, memoryMessages as m } from '../messages/memory.js';
import type { EmbeddingsCause, Notice } from '../reasons.js';
import {
  type EmbedEndpoint,
  type EmbedFailure,
  loadOllamaEmbeddings,
  resolveOllamaHost,
} from '../review/providers.js';
import { EmbeddingCache, embeddingKey } from './embeddingCache.js';
import type { EmbedInput } from './embedText.js';

export interface Embedder {
  /** A vector per input, in order; null where neither the cache nor the model could give one. */
  embed(inputs: readonly EmbedInput[], signal: AbortSignal): Promise<Array<number[] | null>>;
  /** The notice of the first failure, or null while the model answers. */
  readonly failure: Extract<Notice, { code: 'embeddings-unavailable' }> | null;
  /** `/api/embed` requests and texts sent this run. */
  readonly stats: { requests: number; texts: number; cacheHits: number };
}

export interface EmbedderOptions {
  config: Config;
  env: Record<string, string | undefined>;
  /** Where vectors are cached (null: not cached); asked only when something is embedded. */
  cacheDir: () => Promise<string | null>;
  fetch?: typeof fetch;
}

interface Slot {
  key: string;
  input: EmbedInput;
  vector: number[] | null;
  digest: string | null;
}

/**
 * The Ollama host for embeddings as configured: memory.host, else the local model's server when Ollama
 * serves it (the first of a pool); an OpenAI-compatible server's URL is no Ollama host. Null: OLLAMA_HOST
 * or the default, as resolveOllamaHost decides.
 */
export function embeddingHostSetting(config: Config): string | null {
  if (config.memory.host) return config.memory.host;
  if (config.local.provider !== 'ollama') return null;
  return config.local.host ?? config.local.hosts?.[0] ?? null;
}

type Why = EmbedFailure | { kind: 'timeBudget' };

function causeOf(why: Why): EmbeddingsCause {
  switch (why.kind) {
    case 'timeBudget':
      return 'time-budget';
    case 'modelMissing':
      return 'model-missing';
    case 'unreachable':
    case 'timeout':
    case 'cancelled':
      return why.kind;
    default:
      return 'failed';
  }
}

/**
 * Why a call failed. The hook's time budget cutting the call is a deadline the user set: said as such (the
 * typed abort reason, never the provider's words), not as Ctrl-C's "cancelled" nor as the model's timeout.
 */
function whyFailed(failure: EmbedFailure, signal: AbortSignal): Why {
  return failure.kind === 'cancelled' && abortedByDeadline(signal) ? { kind: 'timeBudget' } : failure;
}

export function createEmbedder(options: EmbedderOptions): Embedder {
  const { memory } = options.config;
  const host = resolveOllamaHost(embeddingHostSetting(options.config), options.env);
  let cache: EmbeddingCache | null = null;
  const stats = { requests: 0, texts: 0, cacheHits: 0 };
  let failure: Embedder['failure'] = host.ok
    ? null
    : {
        code: 'embeddings-unavailable',
        model: memory.model,
        cause: 'bad-host',
        ...m.badHost(host.raw, host.from),
      };
  const unavailable = (endpoint: EmbedEndpoint, why: Why) => {
    failure = {
      code: 'embeddings-unavailable',
      model: endpoint.model,
      cause: causeOf(why),
      ...embedFailure(why, endpoint.model, endpoint.url),
    };
  };
  const endpoint: EmbedEndpoint | null = host.ok
    ? {
        url: host.url,
        model: memory.model,
        timeoutMs: memory.timeout_seconds * 1000,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }
    : null;

  /** Asks the model for `slots` (and for stale cached ones); fills them in place. */
  async function fill(slots: Slot[], signal: AbortSignal): Promise<void> {
    if (!endpoint || failure) return;
    const { embedBatch, modelDigest } = await loadOllamaEmbeddings();
    const digest = await modelDigest(endpoint, signal);
    if (!digest.ok) return unavailable(endpoint, whyFailed(digest.failure, signal));
    // A vector from another build of the model does not compare with new ones: embed it again.
    const todo = slots.filter(
      (s) => s.vector === null || (digest.digest !== null && s.digest !== digest.digest),
    );
    if (todo.length === 0) return;
    stats.requests += 1;
    stats.texts += todo.length;
    const answer = await embedBatch(
      endpoint,
      todo.map((s) => `${s.input.prefix}${s.input.text}`),
      signal,
    );
    if (!answer.ok) return unavailable(endpoint, whyFailed(answer.failure, signal));
    todo.forEach((slot, i) => {
      slot.vector = answer.vectors[i]!;
      slot.digest = digest.digest;
      cache?.set(slot.key, {
        vector: slot.vector,
        digest: digest.digest,
        model: endpoint.model,
        prefix: slot.input.prefix,
      });
    });
  }

  async function embed(inputs: readonly EmbedInput[], signal: AbortSignal) {
    cache ??= new EmbeddingCache(await options.cacheDir().catch(() => null));
    const slots = new Map<string, Slot>();
    const keys = inputs.map((input) => embeddingKey(memory.model, input.prefix, input.text));
    for (const [i, input] of inputs.entries()) {
      const key = keys[i]!;
      if (slots.has(key)) continue;
      const hit = cache.get(key);
      if (hit) stats.cacheHits += 1;
      slots.set(key, { key, input, vector: hit?.vector ?? null, digest: hit?.digest ?? null });
    }
    const all = [...slots.values()];
    const digests = new Set(all.filter((s) => s.vector).map((s) => s.digest));
    // Everything cached from one build of the model: nothing to ask, not even whether the server is up.
    if (all.some((s) => s.vector === null) || digests.size > 1) await fill(all, signal);
    return keys.map((key) => slots.get(key)?.vector ?? null);
  }

  return {
    embed,
    get failure() {
      return failure;
    },
    stats,
  } satisfies Embedder;
}
