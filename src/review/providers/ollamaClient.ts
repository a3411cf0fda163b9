// The edge to the `ollama` client: a client per attempt whose fetch carries our AbortSignal, one streamed
// chat turn, one streamed pull, and every way they fail turned into a value.

import { type ChatRequest, Ollama, type ProgressResponse } from 'ollama';
import { errorMessage } from '../../errors.js';
import { timeoutOf } from '../batch.js';
import { isDropped, networkCode } from './network.js';

/**
 * The client's own abort() cannot cancel a request still waiting for headers (a hung server), and its
 * GET helpers take no signal at all: so every fetch it makes carries `signal`.
 */
export function createClient(url: string, signal: AbortSignal, baseFetch: typeof fetch = fetch): Ollama {
  const fetchWithSignal: typeof fetch = async (input, init) =>
    jsonErrors(
      await baseFetch(input, {
        ...init,
        signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal,
      }),
    );
  return new Ollama({ host: url, fetch: fetchWithSignal });
}

/**
 * Error bodies in Ollama's own shape, `{"error": …}`: for any other body (a proxy's page, the router's
 * plain "404 page not found") the client prints "Getting text from response" with console.log.
 */
async function jsonErrors(response: Response): Promise<Response> {
  if (response.ok || response.headers.get('content-type')?.includes('application/json')) return response;
  const text = (await response.text()).trim();
  const body = JSON.stringify({ error: text || `${response.status} ${response.statusText}` });
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: { 'content-type': 'application/json' },
  });
}

export type OllamaFailure =
  | { kind: 'unreachable'; detail: string }
  /** The connection broke while the answer streamed (the server died or restarted). */
  | { kind: 'lost'; detail: string }
  /** `started`: part of the answer had arrived (a slow answer, not a silent server). */
  | { kind: 'timeout'; timeoutMs: number; started?: boolean }
  | { kind: 'cancelled'; started?: boolean }
  | { kind: 'modelMissing'; detail: string }
  | { kind: 'contextExceeded'; detail: string }
  | { kind: 'http'; status: number; detail: string }
  | { kind: 'stream'; detail: string }
  | { kind: 'other'; detail: string };

/** `ResponseError` is not exported by the client: recognise it by name and status. */
function responseStatus(error: unknown): number | null {
  const e = error as { name?: unknown; status_code?: unknown } | null;
  return e?.name === 'ResponseError' && typeof e.status_code === 'number' ? e.status_code : null;
}

const MODEL_NOT_FOUND = /\bmodel\b.*\bnot found\b/i;
const CONTEXT_EXCEEDED = /longer than the context|context length|exceeds? the context/i;

/** Turns whatever the client threw into a failure the reviewer can act on. */
export function classifyFailure(
  error: unknown,
  signal: AbortSignal,
  phase: 'request' | 'stream',
): OllamaFailure {
  const timeout = timeoutOf(error, signal);
  if (timeout) return { kind: 'timeout', timeoutMs: timeout.timeoutMs };
  if (signal.aborted) return { kind: 'cancelled' };
  const status = responseStatus(error);
  const detail = errorMessage(error);
  // Ollama answers 404 for a model it lacks, and its router 404s any unknown path (a wrong host URL).
  if (status === 404 && MODEL_NOT_FOUND.test(detail)) return { kind: 'modelMissing', detail };
  if (status === 400 && CONTEXT_EXCEEDED.test(detail)) return { kind: 'contextExceeded', detail };
  if (status !== null) return { kind: 'http', status, detail };
  const code = networkCode(error);
  if (code && phase === 'request' && !isDropped(code)) return { kind: 'unreachable', detail: code };
  if (code) return { kind: 'lost', detail: code };
  // An in-stream `{"error": …}` line arrives with HTTP 200 and is thrown as a plain Error.
  if (phase === 'stream' && error instanceof Error && error.constructor === Error) {
    if (CONTEXT_EXCEEDED.test(detail)) return { kind: 'contextExceeded', detail };
    return { kind: 'stream', detail };
  }
  return { kind: 'other', detail };
}

export interface ChatAnswer {
  content: string;
  doneReason: string;
  promptEvalCount: number;
  evalCount: number;
}

export type ChatOutcome = { ok: true; answer: ChatAnswer } | { ok: false; failure: OllamaFailure };

/** Ollama request fields the client's types lack; the body is passed through as is. */
export type OllamaChatRequest = ChatRequest & { shift?: boolean; truncate?: boolean };

/**
 * One chat turn, streamed so that headers arrive at once (a non-streamed answer sends none until it is
 * done, and Node's fetch gives up on headers after 300 s). Never throws.
 */
export async function streamChat(
  client: Ollama,
  request: OllamaChatRequest,
  signal: AbortSignal,
): Promise<ChatOutcome> {
  let phase: 'request' | 'stream' = 'request';
  let started = false;
  try {
    const stream = await client.chat({ ...request, stream: true });
    phase = 'stream';
    let content = '';
    for await (const part of stream) {
      started = true;
      content += part.message?.content ?? '';
      if (part.done) {
        return {
          ok: true,
          answer: {
            content,
            doneReason: part.done_reason ?? 'stop',
            promptEvalCount: part.prompt_eval_count ?? 0,
            evalCount: part.eval_count ?? 0,
          },
        };
      }
    }
    return { ok: false, failure: { kind: 'stream', detail: 'the answer ended before it was done' } };
  } catch (error) {
    const failure = classifyFailure(error, signal, phase);
    const cutOff = failure.kind === 'timeout' || failure.kind === 'cancelled';
    return { ok: false, failure: cutOff ? { ...failure, started } : failure };
  }
}

export type PullProgress = Pick<ProgressResponse, 'status'> &
  Partial<Pick<ProgressResponse, 'total' | 'completed'>>;

/** Streams `/api/pull`, reporting each progress line. Never throws. */
export async function streamPull(
  client: Ollama,
  model: string,
  onProgress: (progress: PullProgress) => void,
  signal: AbortSignal,
): Promise<{ ok: true } | { ok: false; failure: OllamaFailure }> {
  let phase: 'request' | 'stream' = 'request';
  try {
    const stream = await client.pull({ model, stream: true });
    phase = 'stream';
    for await (const part of stream) {
      onProgress({ status: part.status, total: part.total, completed: part.completed });
      if (part.status === 'success') return { ok: true };
    }
    return { ok: false, failure: { kind: 'stream', detail: 'the pull ended before it succeeded' } };
  } catch (error) {
    return { ok: false, failure: classifyFailure(error, signal, phase) };
  }
}
