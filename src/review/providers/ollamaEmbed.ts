// Ollama's embedding endpoint for the team memory (src/memory), through the real `ollama` client: is the
// model pulled (and which digest), one `/api/embed` call for a whole batch, and pulling the model for
// `review doctor --pull`. Every way it fails becomes a value. Loaded through providers.ts, only when used.
// @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-embeddings
import { abortedByDeadline, timeoutSignal } from '../../abort.js';
import { classifyFailure, createClient, type OllamaFailure } from './ollamaClient.js';

export type EmbedFailure = OllamaFailure | { kind: 'badAnswer'; detail: string };

export type EmbedOutcome = { ok: true; vectors: number[][] } | { ok: false; failure: EmbedFailure };
export type DigestOutcome = { ok: true; digest: string | null } | { ok: false; failure: EmbedFailure };

export interface EmbedEndpoint {
  url: string;
  model: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

function sameModel(listed: string, wanted: string): boolean {
  const norm = (name: string) => (name.includes(':') ? name : `${name}:latest`);
  return norm(listed) === norm(wanted);
}

/**
 * `timeout` only for this request's own limit: when the caller's signal stopped it (the hook's deadline, also a
 * TimeoutError, or Ctrl-C) it is `cancelled`, and the caller knows which (abortedByDeadline).
 */
function failureOf(error: unknown, signal: AbortSignal, outer: AbortSignal, timeoutMs: number): EmbedFailure {
  if (!outer.aborted && abortedByDeadline(signal)) return { kind: 'timeout', timeoutMs };
  return classifyFailure(error, signal, 'request');
}

async function attempt<T>(
  endpoint: EmbedEndpoint,
  outer: AbortSignal,
  run: (client: ReturnType<typeof createClient>) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; failure: EmbedFailure }> {
  const signal = timeoutSignal(outer, endpoint.timeoutMs);
  try {
    return { ok: true, value: await run(createClient(endpoint.url, signal, endpoint.fetch)) };
  } catch (error) {
    return { ok: false, failure: failureOf(error, signal, outer, endpoint.timeoutMs) };
  }
}

/** `GET /api/tags`: the model's digest, or `modelMissing` when it is not pulled. */
export async function modelDigest(endpoint: EmbedEndpoint, signal: AbortSignal): Promise<DigestOutcome> {
  const listed = await attempt(endpoint, signal, (client) => client.list());
  if (!listed.ok) return listed;
  const entry = (listed.value.models ?? []).find((m) => sameModel(m.name ?? m.model ?? '', endpoint.model));
  if (!entry) return { ok: false, failure: { kind: 'modelMissing', detail: endpoint.model } };
  return { ok: true, digest: entry.digest || null };
}

/**
 * One `/api/embed` request for every text. `truncate: false`: a text longer than the model's context is an
 * error, not silently cut (PROTOCOLS.md §7); callers keep texts short.
 */
export async function embedBatch(
  endpoint: EmbedEndpoint,
  texts: readonly string[],
  signal: AbortSignal,
): Promise<EmbedOutcome> {
  const answer = await attempt(endpoint, signal, (client) =>
    client.embed({ model: endpoint.model, input: [...texts], truncate: false }),
  );
  if (!answer.ok) return answer;
  const vectors = answer.value.embeddings;
  const dims = vectors?.[0]?.length ?? 0;
  const valid =
    Array.isArray(vectors) &&
    vectors.length === texts.length &&
    dims > 0 &&
    vectors.every((v) => Array.isArray(v) && v.length === dims && v.every(Number.isFinite));
  if (!valid) {
    const detail = `expected ${texts.length} vectors of one length, got ${Array.isArray(vectors) ? vectors.length : 'none'}`;
    return { ok: false, failure: { kind: 'badAnswer', detail } };
  }
  return { ok: true, vectors };
}

/** Pulling the embedding model (`review doctor --pull`) is pulling any Ollama model. */
export { pullModelAt } from './ollama.js';
