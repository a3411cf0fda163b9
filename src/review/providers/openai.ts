// The OpenAI-compatible provider (vLLM, SGLang, llama.cpp's server, LM Studio, a LiteLLM proxy): one
// streamed POST {base}/chat/completions per request through the official `openai` client, with a JSON-schema
// response_format, max_tokens, a fixed seed and temperature 0; usage from the stream's last chunk; a check over
// GET {base}/models. Settings come from the `local:` section; the client loads on the first check or request.
// @see /work/shared/PROTOCOLS.md section 6 (and its TRAPs: free text with 200, OPENAI_API_KEY read by default)

import type OpenAI from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';
import type { Config } from '../../config/schema.js';
import { errorMessage } from '../../errors.js';
import { localMessages as local } from '../../messages/local.js';
import { openaiMessages as msg } from '../../messages/openai.js';
import { timeoutOf, withAttempt } from '../batch.js';
import type {
  Availability,
  CreateProvider,
  ModelProvider,
  ModelRequest,
  ProviderContext,
  ProviderFailure,
  SendResult,
  StopReason,
} from '../provider.js';
import { checkLimitMs } from './checkLimit.js';
import {
  cutOffFailure,
  FRAMING_TOKENS,
  failureMaker,
  promptShortfall,
  SEED,
  unansweredCheck,
} from './localServer.js';
import { isDropped, networkCode } from './network.js';

/**
 * Sent with every request so the client never falls back to OPENAI_API_KEY; the Authorization header it
 * would make from it is removed (see connect).
 */
const NO_KEY = 'hunkwise-no-key';

type Host = { ok: true; url: string } | { ok: false; raw: string | null };

/** `http(s)://host[:port][/path]` without a trailing slash; the path is the API root (usually `/v1`). */
export function formatBaseUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

interface Settings {
  host: Host;
  model: string;
  numCtx: number;
  maxTokens: number;
  timeoutMs: number;
  maxRetries: number;
  /** The variable local.api_key_env names, and its value (null when unset or empty). */
  keyEnv: string | null;
  key: string | null;
  fetch: typeof fetch;
}

function settingsOf(settings: Config['local'], context: ProviderContext): Settings {
  const raw = context.host ?? settings.host;
  const url = raw?.trim() ? formatBaseUrl(raw) : null;
  const keyEnv = settings.api_key_env;
  return {
    host: url ? { ok: true, url } : { ok: false, raw: raw?.trim() ? raw : null },
    model: settings.model,
    numCtx: settings.num_ctx,
    maxTokens: settings.num_predict,
    timeoutMs: settings.timeout_seconds * 1000,
    maxRetries: settings.max_retries,
    keyEnv,
    key: keyEnv ? context.env[keyEnv]?.trim() || null : null,
    fetch: context.fetch ?? fetch,
  };
}

/**
 * A client bound to exactly what config says: the base URL, the key from local.api_key_env or none (no
 * Authorization header at all), and no organisation or project: the client would otherwise read
 * OPENAI_API_KEY, OPENAI_ORG_ID and OPENAI_PROJECT_ID and send a cloud credential to this server.
 */
async function connect(settings: Settings, url: string): Promise<OpenAI> {
  const { default: Client } = await import('openai');
  return new Client({
    baseURL: url,
    apiKey: settings.key ?? NO_KEY,
    organization: null,
    project: null,
    maxRetries: settings.maxRetries,
    timeout: settings.timeoutMs,
    fetch: settings.fetch,
    logLevel: 'off',
    defaultHeaders: settings.key ? {} : { Authorization: null },
  });
}

export function chatRequest(settings: Settings, request: ModelRequest): ChatCompletionCreateParamsStreaming {
  return {
    model: settings.model,
    messages: [
      { role: 'system', content: request.system },
      { role: 'user', content: request.user },
    ],
    // strict: false because the findings schema has optional fields, which OpenAI's strict mode forbids;
    // vLLM, SGLang and llama.cpp constrain decoding to the schema either way.
    response_format: {
      type: 'json_schema',
      json_schema: { name: 'findings', schema: request.schema, strict: false },
    },
    max_tokens: settings.maxTokens,
    seed: SEED,
    temperature: 0,
    stream: true,
    stream_options: { include_usage: true },
  };
}

type Failure =
  | { kind: 'timeout'; timeoutMs: number; started?: boolean }
  | { kind: 'cancelled'; started?: boolean }
  | { kind: 'unreachable'; detail: string }
  | { kind: 'lost'; detail: string }
  | { kind: 'keyRejected'; status: number; detail: string }
  | { kind: 'modelMissing'; detail: string }
  | { kind: 'notApiRoot'; detail: string }
  | { kind: 'contextExceeded'; detail: string }
  | { kind: 'http'; status: number; detail: string }
  | { kind: 'stream'; detail: string }
  | { kind: 'other'; detail: string };

const MODEL_MISSING =
  /\bmodel\b.*\b(does not exist|not found|not exist|unknown|not served)\b|model_not_found/i;
const CONTEXT_EXCEEDED =
  /maximum context length|context_length_exceeded|context length|context window|too many tokens/i;

/** The client's APIError: its HTTP status (absent for an error sent inside a 200 stream) and server message. */
function apiErrorOf(error: unknown): { status: number | undefined; detail: string; code: string } | null {
  const e = error as { name?: unknown; status?: unknown; error?: unknown; code?: unknown } | null;
  if (!e || typeof e.name !== 'string' || !/Error$/.test(e.name) || !('error' in e)) return null;
  const body = e.error as { message?: unknown } | undefined;
  const detail = typeof body?.message === 'string' ? body.message : errorMessage(error);
  return { status: typeof e.status === 'number' ? e.status : undefined, detail, code: String(e.code ?? '') };
}

function classify(error: unknown, signal: AbortSignal, phase: 'request' | 'stream'): Failure {
  const timeout = timeoutOf(error, signal);
  if (timeout) return { kind: 'timeout', timeoutMs: timeout.timeoutMs };
  if (signal.aborted) return { kind: 'cancelled' };
  const api = apiErrorOf(error);
  if (api?.status === undefined && api && phase === 'stream') return { kind: 'stream', detail: api.detail };
  if (api?.status !== undefined) {
    const { status, detail } = api;
    const text = `${detail} ${api.code}`;
    if (status === 401 || status === 403) return { kind: 'keyRejected', status, detail };
    if (status === 404 && MODEL_MISSING.test(text)) return { kind: 'modelMissing', detail };
    if (status === 404) return { kind: 'notApiRoot', detail };
    if ((status === 400 || status === 413) && CONTEXT_EXCEEDED.test(text))
      return { kind: 'contextExceeded', detail };
    return { kind: 'http', status, detail };
  }
  const code = networkCode(error);
  if (code && phase === 'request' && !isDropped(code)) return { kind: 'unreachable', detail: code };
  if (code) return { kind: 'lost', detail: code };
  return { kind: 'other', detail: errorMessage(error) };
}

function failureOf(settings: Settings, url: string, failure: Failure): ProviderFailure {
  const make = failureMaker(failure.kind, url);
  switch (failure.kind) {
    case 'timeout':
    case 'cancelled': {
      const limit = Number((settings.timeoutMs / 1000).toFixed(1));
      const stuck = local.stalled(`The OpenAI-compatible server at ${url}`, limit);
      return cutOffFailure(
        failure,
        { slow: local.timedOut(limit), stuck, cancelled: local.cancelled() },
        url,
      );
    }
    case 'unreachable':
      return make('fatal', msg.unreachableReason(url), false);
    case 'lost':
      return make('request', msg.streamError(`connection lost (${failure.detail})`), true);
    case 'keyRejected':
      return make('fatal', msg.keyRejected(url, failure.status, failure.detail), true);
    case 'modelMissing':
      return make('fatal', msg.modelMissingReason(settings.model), true);
    case 'notApiRoot':
      return make('fatal', msg.notApiRootReason(url), true);
    case 'contextExceeded':
      return make('split', msg.contextExceeded(settings.numCtx), true);
    case 'http':
      return make('request', msg.httpError(failure.status, failure.detail), true);
    case 'stream':
      return make('request', msg.streamError(failure.detail), true);
    default:
      return make('request', local.failed(failure.detail), false);
  }
}

function stopOf(settings: Settings, finishReason: string): StopReason {
  if (finishReason === 'length')
    return { kind: 'truncated', detail: local.truncatedOutput(settings.maxTokens) };
  if (finishReason === 'content_filter') return { kind: 'refused', detail: msg.contentFilter() };
  return { kind: 'complete' };
}

interface Answer {
  content: string;
  finishReason: string;
  usage: ChatCompletionChunk['usage'];
}

type Outcome = { ok: true; answer: Answer } | { ok: false; failure: Failure };

/** One streamed completion. The client's stream ends quietly when aborted: the signal says whether it was. */
async function streamCompletion(
  client: OpenAI,
  body: ChatCompletionCreateParamsStreaming,
  signal: AbortSignal,
): Promise<Outcome> {
  let phase: 'request' | 'stream' = 'request';
  let started = false;
  /** A cut-off request says whether part of its answer had arrived (slow) or none (stuck). */
  const failed = (error: unknown): Outcome => {
    const failure = classify(error, signal, phase);
    const cut = failure.kind === 'timeout' || failure.kind === 'cancelled';
    return { ok: false, failure: cut ? { ...failure, started } : failure };
  };
  try {
    const stream = await client.chat.completions.create(body, { signal });
    phase = 'stream';
    let content = '';
    let finishReason: string | null = null;
    let usage: Answer['usage'] = null;
    for await (const chunk of stream) {
      started = true;
      const choice = chunk.choices[0];
      content += choice?.delta?.content ?? '';
      finishReason = choice?.finish_reason ?? finishReason;
      usage = chunk.usage ?? usage;
    }
    if (signal.aborted) return failed(signal.reason);
    if (finishReason === null) return { ok: false, failure: { kind: 'stream', detail: msg.endedEarly() } };
    return { ok: true, answer: { content, finishReason, usage } };
  } catch (error) {
    return failed(error);
  }
}

async function send(
  settings: Settings,
  client: () => Promise<OpenAI>,
  request: ModelRequest,
  signal?: AbortSignal,
): Promise<SendResult> {
  const { host } = settings;
  if (!host.ok) {
    const message = host.raw ? msg.badHost(host.raw) : msg.noHost();
    return { ok: false, failure: { code: 'bad-host', message, effect: 'fatal', counted: false } };
  }
  const connected = await client();
  const outcome = await withAttempt(settings.timeoutMs, signal, (attempt) =>
    streamCompletion(connected, chatRequest(settings, request), attempt),
  );
  if (!outcome.ok) return { ok: false, failure: failureOf(settings, host.url, outcome.failure) };
  const { content, finishReason, usage } = outcome.answer;
  const notes = usage ? promptShortfall(usage.prompt_tokens, request, msg.promptShortfall) : [msg.noUsage()];
  return {
    ok: true,
    reply: {
      text: content,
      usage: {
        input: usage?.prompt_tokens ?? 0,
        output: usage?.completion_tokens ?? 0,
        cacheRead: 0,
        cacheWrite: 0,
      },
      costUsd: 0,
      stop: stopOf(settings, finishReason),
      notes,
      host: host.url,
    },
  };
}

function unavailable(settings: Settings, url: string, failure: Failure): Availability {
  const unanswered = unansweredCheck(url, failure, { ...msg, cancelled: local.cancelled });
  if (unanswered) return unanswered;
  if (failure.kind === 'keyRejected')
    return {
      ok: false,
      reason: msg.keyRejected(url, failure.status, failure.detail),
      fix: msg.keyRejectedFix(settings.keyEnv),
    };
  if (failure.kind === 'notApiRoot')
    return { ok: false, reason: msg.notApiRoot(url), fix: msg.notApiRootFix(url) };
  return {
    ok: false,
    reason: msg.checkFailed(url, 'detail' in failure ? failure.detail : ''),
    fix: msg.checkFailedFix(),
  };
}

/**
 * `GET {base}/models`: is the server up, does it take the key, and does it serve the model? Never longer than a
 * review request may take (local.timeout_seconds), nor than the caller's `limitMs`. Never throws.
 */
async function check(
  settings: Settings,
  client: () => Promise<OpenAI>,
  signal?: AbortSignal,
  limitMs?: number,
): Promise<Availability> {
  const { host } = settings;
  if (!host.ok)
    return host.raw
      ? { ok: false, reason: msg.badHost(host.raw), fix: msg.badHostFix() }
      : { ok: false, reason: msg.noHost(), fix: msg.noHostFix() };
  const connected = await client();
  const limit = checkLimitMs(settings.timeoutMs, limitMs);
  return withAttempt(limit, signal, async (attempt): Promise<Availability> => {
    try {
      const page = await connected.models.list({ signal: attempt, maxRetries: 0, timeout: limit });
      const served = page.data.map((model) => model.id);
      if (served.includes(settings.model))
        return { ok: true, detail: msg.available(host.url, settings.model) };
      return {
        ok: false,
        reason: msg.modelNotServed(host.url, settings.model, served),
        fix: msg.modelNotServedFix(),
      };
    } catch (error) {
      return unavailable(settings, host.url, classify(error, attempt, 'request'));
    }
  });
}

export const createOpenAIProvider = ((context: ProviderContext): ModelProvider => {
  const settings = settingsOf(context.config.local, context);
  let client: Promise<OpenAI> | undefined;
  const connected = () => {
    client ??= connect(settings, settings.host.ok ? settings.host.url : '');
    return client;
  };
  return {
    id: 'openai',
    model: settings.model,
    limits: {
      concurrency: context.config.local.concurrency,
      requestTokens: context.config.local.batch_tokens,
      maxRequestTokens: settings.numCtx - settings.maxTokens,
      framingTokens: FRAMING_TOKENS,
      // Free and local: keep halving a cut-off batch down to single hunks.
      maxSplitDepth: Number.POSITIVE_INFINITY,
    },
    cloud: false,
    probeBeforeUse: true,
    notes: [],
    url: settings.host.ok ? settings.host.url : null,
    configured: () => {
      if (settings.keyEnv && !settings.key)
        return { ok: false, reason: msg.noKey(settings.keyEnv), fix: msg.noKeyFix(settings.keyEnv) };
      if (!settings.host.ok && !settings.host.raw)
        return { ok: false, reason: msg.noHost(), fix: msg.noHostFix() };
      return { ok: true, detail: settings.model };
    },
    check: (signal, limitMs) => check(settings, connected, signal, limitMs),
    send: (request, signal) => send(settings, connected, request, signal),
    tooLarge: (tokens) => local.tooLarge(tokens, settings.numCtx),
  } satisfies ModelProvider;
}) satisfies CreateProvider;
