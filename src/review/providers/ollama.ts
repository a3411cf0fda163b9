// The Ollama provider: one streamed /api/chat turn per request, bounded in context (num_ctx, no silent
// truncation), output (num_predict) and time; a check over /api/version and /api/tags; and pulling the
// model for `review doctor --pull`. Settings come from the `local:` section. Never throws.
import type { Config } from '../../config/schema.js';
import { localMessages as msg } from '../../messages/local.js';
import { withAttempt } from '../batch.js';
import type {
  Availability,
  CreateProvider,
  ModelProvider,
  ModelRequest,
  ProviderContext,
  ProviderFailure,
  SendResult,
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
import {
  classifyFailure,
  createClient,
  type OllamaChatRequest,
  type OllamaFailure,
  type PullProgress,
  streamChat,
  streamPull,
} from './ollamaClient.js';
import { type OllamaHost, resolveOllamaHost } from './ollamaHost.js';

/** Trained context of models whose Ollama builds cannot go further; Ollama caps num_ctx silently. */
const MAX_CONTEXT: Array<[RegExp, number]> = [[/^qwen2\.5-coder(:|$)/i, 32768]];

export function effectiveNumCtx(model: string, requested: number): number {
  const cap = MAX_CONTEXT.find(([pattern]) => pattern.test(model))?.[1];
  return cap !== undefined ? Math.min(cap, requested) : requested;
}

interface Settings {
  host: OllamaHost;
  model: string;
  numCtx: number;
  /** num_ctx as configured, when it was above what the model supports. */
  cappedFrom: number | null;
  numPredict: number;
  timeoutMs: number;
  keepAlive: string;
  fetch: typeof fetch;
}

function settingsOf(local: Config['local'], context: ProviderContext): Settings {
  const numCtx = effectiveNumCtx(local.model, local.num_ctx);
  return {
    host: resolveOllamaHost(context.host ?? local.host, context.env),
    model: local.model,
    numCtx,
    cappedFrom: numCtx < local.num_ctx ? local.num_ctx : null,
    numPredict: local.num_predict,
    timeoutMs: local.timeout_seconds * 1000,
    keepAlive: local.keep_alive,
    fetch: context.fetch ?? fetch,
  };
}

function chatRequest(settings: Settings, request: ModelRequest): OllamaChatRequest {
  return {
    model: settings.model,
    messages: [
      { role: 'system', content: request.system },
      { role: 'user', content: request.user },
    ],
    format: request.schema,
    options: { temperature: 0, seed: SEED, num_ctx: settings.numCtx, num_predict: settings.numPredict },
    keep_alive: settings.keepAlive,
    // Without these Ollama drops the middle of an over-long prompt and answers 200 (PROTOCOLS.md 1.4).
    shift: false,
    truncate: false,
  };
}

function failureOf(settings: Settings, url: string, failure: OllamaFailure): ProviderFailure {
  const make = failureMaker(failure.kind, url);
  const seconds = (ms: number) => Number((ms / 1000).toFixed(1));
  switch (failure.kind) {
    case 'contextExceeded':
      return make('split', msg.contextExceeded(settings.numCtx), true);
    case 'modelMissing':
      return make('fatal', msg.modelMissingReason(settings.model), true);
    case 'unreachable':
      return make('fatal', msg.unreachableReason(url), false);
    case 'timeout':
    case 'cancelled': {
      const limit = seconds(settings.timeoutMs);
      const sentences = {
        slow: msg.timedOut(limit),
        stuck: msg.stalled(`Ollama at ${url}`, limit),
        cancelled: msg.cancelled(),
      };
      return cutOffFailure(failure, sentences, url);
    }
    case 'http':
      return make('request', msg.httpError(failure.status, failure.detail), true);
    case 'lost':
      return make('request', msg.streamError(`connection lost (${failure.detail})`), true);
    case 'stream':
      return make('request', msg.streamError(failure.detail), true);
    default:
      return make('request', msg.failed(failure.detail), false);
  }
}

/** One streamed chat turn, with its own timeout; the answer's done_reason and prompt count are checked. */
async function send(settings: Settings, request: ModelRequest, signal?: AbortSignal): Promise<SendResult> {
  const { host } = settings;
  if (!host.ok) {
    const message = msg.badHost(host.raw, host.from);
    return { ok: false, failure: { code: 'bad-host', message, effect: 'fatal', counted: false } };
  }
  const outcome = await withAttempt(settings.timeoutMs, signal, (attempt) =>
    streamChat(createClient(host.url, attempt, settings.fetch), chatRequest(settings, request), attempt),
  );
  if (!outcome.ok) return { ok: false, failure: failureOf(settings, host.url, outcome.failure) };
  const { answer } = outcome;
  const notes = promptShortfall(answer.promptEvalCount, request, msg.promptShortfall);
  return {
    ok: true,
    reply: {
      text: answer.content,
      usage: { input: answer.promptEvalCount, output: answer.evalCount, cacheRead: 0, cacheWrite: 0 },
      costUsd: 0,
      stop:
        answer.doneReason === 'stop'
          ? { kind: 'complete' }
          : { kind: 'truncated', detail: msg.truncatedOutput(settings.numPredict) },
      notes,
      host: host.url,
    },
  };
}

function hasModel(models: ReadonlyArray<{ name?: string; model?: string }>, wanted: string): boolean {
  const names = new Set([wanted, wanted.includes(':') ? wanted : `${wanted}:latest`]);
  return models.some((m) => names.has(m.name ?? '') || names.has(m.model ?? ''));
}

function modelMissing(settings: Settings): Availability {
  return {
    ok: false,
    reason: msg.modelMissing(settings.model),
    fix: msg.modelMissingFix(settings.model),
    modelMissing: true,
  };
}

function unavailable(settings: Settings, url: string, failure: OllamaFailure): Availability {
  const unanswered = unansweredCheck(url, failure, msg);
  if (unanswered) return unanswered;
  if (failure.kind === 'modelMissing') return modelMissing(settings);
  // A 404 for /api/version is not Ollama saying no: the URL points somewhere else (often `…/api`).
  if (failure.kind === 'http' && failure.status === 404)
    return { ok: false, reason: msg.notApiRoot(url), fix: msg.notApiRootFix(url) };
  return {
    ok: false,
    reason: msg.checkFailed(url, 'detail' in failure ? failure.detail : ''),
    fix: msg.checkFailedFix(),
  };
}

/**
 * `GET /api/version` then `/api/tags`: is the server up, and is the model pulled? Never longer than a review
 * request may take (local.timeout_seconds), nor than the caller's `limitMs`. Never throws.
 */
async function check(settings: Settings, signal?: AbortSignal, limitMs?: number): Promise<Availability> {
  const host = settings.host;
  if (!host.ok) return { ok: false, reason: msg.badHost(host.raw, host.from), fix: msg.badHostFix() };
  const limit = checkLimitMs(settings.timeoutMs, limitMs);
  return withAttempt(limit, signal, async (attempt): Promise<Availability> => {
    try {
      const client = createClient(host.url, attempt, settings.fetch);
      const { version } = await client.version();
      const { models } = await client.list();
      if (!hasModel(models ?? [], settings.model)) return modelMissing(settings);
      return { ok: true, detail: msg.available(version, host.url, settings.model) };
    } catch (error) {
      return unavailable(settings, host.url, classifyFailure(error, attempt, 'request'));
    }
  });
}

export type PullResult = { ok: true } | { ok: false; reason: string };

/** Pulls `model` onto the server at `url` with progress (`review doctor --pull`); no timeout but the caller's. */
export async function pullModelAt(
  url: string,
  model: string,
  onProgress: (p: PullProgress) => void,
  signal?: AbortSignal,
  baseFetch: typeof fetch = fetch,
): Promise<PullResult> {
  const attempt = signal ?? new AbortController().signal;
  const result = await streamPull(createClient(url, attempt, baseFetch), model, onProgress, attempt);
  if (result.ok) return result;
  const failure = result.failure;
  if (failure.kind === 'unreachable') return { ok: false, reason: msg.unreachableReason(url) };
  if (failure.kind === 'cancelled') return { ok: false, reason: msg.cancelled() };
  return { ok: false, reason: msg.failed('detail' in failure ? failure.detail : failure.kind) };
}

/** The configured model (for `review doctor --pull`). */
async function pull(
  settings: Settings,
  onProgress: (p: PullProgress) => void,
  signal?: AbortSignal,
): Promise<PullResult> {
  const host = settings.host;
  if (!host.ok) return { ok: false, reason: msg.badHost(host.raw, host.from) };
  return pullModelAt(host.url, settings.model, onProgress, signal, settings.fetch);
}

export interface OllamaProvider extends ModelProvider {
  /** The URL requests go to, after config / OLLAMA_HOST / default; null when that value is unusable. */
  readonly url: string | null;
  /** Optional capability: the model can be pulled onto the server. */
  pullModel(onProgress: (progress: PullProgress) => void, signal?: AbortSignal): Promise<PullResult>;
}

export const createOllamaProvider = ((context: ProviderContext): OllamaProvider => {
  const local = context.config.local;
  const settings = settingsOf(local, context);
  const maxRequestTokens = settings.numCtx - settings.numPredict;
  return {
    id: 'ollama',
    model: settings.model,
    limits: {
      concurrency: local.concurrency,
      requestTokens: local.batch_tokens,
      maxRequestTokens,
      framingTokens: FRAMING_TOKENS,
      // Free and local: keep halving a cut-off batch down to single hunks.
      maxSplitDepth: Number.POSITIVE_INFINITY,
    },
    cloud: false,
    probeBeforeUse: true,
    notes: settings.cappedFrom
      ? [msg.numCtxCapped(settings.model, settings.cappedFrom, settings.numCtx)]
      : [],
    url: settings.host.ok ? settings.host.url : null,
    // A bad host is said by check(), which a run always makes first, with its fix.
    configured: () => ({ ok: true, detail: settings.model }),
    check: (signal, limitMs) => check(settings, signal, limitMs),
    send: (request, signal) => send(settings, request, signal),
    tooLarge: (tokens) => msg.tooLarge(tokens, settings.numCtx),
    pullModel: (onProgress, signal) => pull(settings, onProgress, signal),
  } satisfies OllamaProvider;
}) satisfies CreateProvider;
