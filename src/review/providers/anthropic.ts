// The Anthropic provider, over @anthropic-ai/sdk 1.x (anthropic-version 2026-10-21): one Messages API call
// per request with a cached system prefix, JSON-schema output and no tools; usage and cost from the reply
// and the prices in config; every failure classified (claudeErrors.ts), never thrown. Settings come from
// the `claude:` section. The SDK loads on the first request or check, never just because the role exists.
import type Anthropic from '@anthropic-ai/sdk';
import type { Middleware } from '@anthropic-ai/sdk';
import type { Message, MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import type { Config } from '../../config/schema.js';
import { claudeMessages as m } from '../../messages/claude.js';
import { billedTokensOf, costOf } from '../pricing.js';
import type {
  Availability,
  CreateProvider,
  ModelProvider,
  ModelReply,
  ModelRequest,
  ProviderContext,
  SendResult,
} from '../provider.js';
import { bodyIdleTimeout } from './bodyIdleTimeout.js';
import { checkLimitMs } from './checkLimit.js';
import type { ClaudeFailure } from './claudeErrors.js';
import { retryAfterSeconds } from './retryAfter.js';

const DEFAULT_BASE_URL = 'https://api.anthropic.com';
/**
 * The SDK refuses non-streaming calls whose max_tokens implies more than 10 minutes at its 128k tokens/hour
 * heuristic (21,333 tokens); above that we stream, which also keeps idle proxies from cutting the socket.
 */
const STREAM_ABOVE_MAX_TOKENS = 21_333;
/** No single request beyond this many estimated input tokens; a hunk bigger than it is reported, not sent. */
export const HARD_REQUEST_TOKENS = 150_000;
const TRUNCATED = new Set(['max_tokens', 'model_context_window_exceeded']);

/** 429s that cannot succeed before the limit resets (the SDK would otherwise retry every 429). */
const SPEND_LIMIT_CODES = new Set(['enforced_spend_limit_reached', 'contract_spend_limit_reached']);

/**
 * Marks spend-limit 429s `x-should-retry: false`, the header the SDK obeys before its status rules, so a
 * reached spend limit costs one request instead of max_retries + 1 with back-off.
 */
export const noRetryOnSpendLimit: Middleware = async (request, next) => {
  const response = await next(request);
  if (response.status !== 429) return response;
  const text = await response.text();
  let code: unknown;
  try {
    code = (JSON.parse(text) as { error?: { details?: { error_code?: unknown } } }).error?.details
      ?.error_code;
  } catch {
    code = undefined;
  }
  const headers = new Headers(response.headers);
  if (typeof code === 'string' && SPEND_LIMIT_CODES.has(code)) headers.set('x-should-retry', 'false');
  return new Response(text, { status: response.status, statusText: response.statusText, headers });
};

const RETRYABLE = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;

/**
 * The SDK sleeps as long as `retry-after` says (up to 24 days) before a retry. A wait longer than one attempt
 * may take (claude.timeout_seconds) is not waited for: the answer is marked `x-should-retry: false`, and the
 * request fails at once with the status, saying how long the API asked to wait.
 */
export function noRetryBeyond(timeoutSeconds: number): Middleware {
  return async (request, next) => {
    const response = await next(request);
    if (!RETRYABLE(response.status)) return response;
    const wait = retryAfterSeconds(response.headers);
    if (wait === null || wait <= timeoutSeconds) return response;
    const headers = new Headers(response.headers);
    headers.set('x-should-retry', 'false');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

interface Connection {
  client: Anthropic;
  baseURL: string;
  describe: (error: unknown) => ClaudeFailure;
}

type Settings = Config['claude'];

/** The request body: cached stable system prefix, one user turn, JSON-schema output, no tools, no sampling knobs. */
export function requestBody(settings: Settings, request: ModelRequest): MessageCreateParamsNonStreaming {
  return {
    model: settings.model,
    max_tokens: settings.max_tokens,
    system: [{ type: 'text', text: request.system, cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: request.user }],
    output_config: { format: { type: 'json_schema', schema: request.schema } },
  };
}

function textOf(message: Message): string {
  return message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
}

/**
 * A client bound to the key and base URL from `env` only: with no key there is no client, so the SDK's
 * credential chain (profiles, identity tokens) can never pick up something the user did not choose.
 */
async function connect(settings: Settings, apiKey: string, baseURL: string, env: ProviderContext['env']) {
  const [{ default: Client }, { describeClaudeError }] = await Promise.all([
    import('@anthropic-ai/sdk'),
    import('./claudeErrors.js'),
  ]);
  const logLevel = (env.ANTHROPIC_LOG as 'debug' | 'info' | 'warn' | 'error' | undefined) ?? 'off';
  const timeoutMs = settings.timeout_seconds * 1000;
  const client = new Client({
    apiKey,
    baseURL,
    maxRetries: settings.max_retries,
    // Per attempt, until the headers arrive; bodyIdleTimeout bounds the answer itself.
    timeout: timeoutMs,
    fetch: bodyIdleTimeout(fetch, timeoutMs),
    logLevel,
    middleware: [noRetryOnSpendLimit, noRetryBeyond(settings.timeout_seconds)],
  });
  const errorContext = {
    model: settings.model,
    baseURL,
    timeoutSeconds: settings.timeout_seconds,
    retries: settings.max_retries,
  };
  return { client, baseURL, describe: (error: unknown) => describeClaudeError(error, errorContext) };
}

function replyOf(settings: Settings, message: Message): ModelReply {
  const billed = billedTokensOf(message.usage);
  const cost = costOf(settings.model, billed, settings.prices);
  const stop = message.stop_reason ?? 'end_turn';
  const details = message.stop_details;
  return {
    text: textOf(message),
    usage: {
      input: billed.input,
      output: billed.output,
      cacheRead: billed.cacheRead,
      cacheWrite: billed.cacheWrite,
    },
    costUsd: cost.priced ? cost.costUsd : 0,
    stop: TRUNCATED.has(stop)
      ? { kind: 'truncated', detail: m.truncated(stop, settings.max_tokens) }
      : stop === 'refusal'
        ? { kind: 'refused', detail: m.refusal(details?.explanation ?? details?.category ?? '') }
        : { kind: 'complete' },
    notes: cost.priced ? [] : [m.noPrice(settings.model)],
  };
}

/** One Messages API call (with the SDK's own retries). Never throws. */
async function send(
  settings: Settings,
  connection: Connection | null,
  request: ModelRequest,
  signal?: AbortSignal,
): Promise<SendResult> {
  if (!connection)
    return { ok: false, failure: { code: 'no-key', message: m.noKey(), effect: 'fatal', counted: false } };
  const body = requestBody(settings, request);
  const options = { timeout: settings.timeout_seconds * 1000, maxRetries: settings.max_retries, signal };
  try {
    const message =
      settings.max_tokens > STREAM_ABOVE_MAX_TOKENS
        ? await connection.client.messages.stream(body, options).finalMessage()
        : await connection.client.messages.create(body, options);
    return { ok: true, reply: replyOf(settings, message) };
  } catch (error) {
    const failure = connection.describe(error);
    const effect = failure.fatal ? 'fatal' : failure.split ? 'split' : 'request';
    const silence = failure.code === 'timeout' || failure.code === 'cancelled' ? failure.code : undefined;
    return {
      ok: false,
      failure: {
        code: failure.code,
        message: failure.message,
        effect,
        counted: false,
        ...(silence ? { silence } : {}),
      },
    };
  }
}

function fixFor(failure: ClaudeFailure): string {
  switch (failure.code) {
    case 'key-rejected':
      return m.keyRejectedFix();
    case 'model-unknown':
      return m.modelUnknownFix();
    case 'forbidden':
      return m.forbiddenFix();
    case 'spend-limit':
    case 'billing':
      return m.spendLimitFix();
    case 'unreachable':
      return m.unreachableFix();
    default:
      return failure.retryLater ? m.laterFix() : m.requestFix();
  }
}

/**
 * Cheap accepted-key check: GET /v1/models/{model} proves the key and the model id in one free call, within the
 * caller's `limitMs` too; an API that stays silent that long is a timeout (`unanswered`), not a failure of the key.
 */
async function check(
  settings: Settings,
  connection: Connection | null,
  signal?: AbortSignal,
  limitMs?: number,
): Promise<Availability> {
  if (!connection) return { ok: false, reason: m.noKey(), fix: m.noKeyFix() };
  const timeout = checkLimitMs(settings.timeout_seconds * 1000, limitMs);
  try {
    await connection.client.models.retrieve(settings.model, {}, { timeout, maxRetries: 0, signal });
    return { ok: true, detail: m.keyAccepted(settings.model) };
  } catch (error) {
    const failure = connection.describe(error);
    if (failure.code !== 'timeout') return { ok: false, reason: failure.message, fix: fixFor(failure) };
    const seconds = timeout / 1000;
    return {
      ok: false,
      reason: m.checkTimeout(connection.baseURL, seconds),
      fix: m.unreachableFix(),
      unanswered: { seconds, servers: [connection.baseURL] },
    };
  }
}

export const createAnthropicProvider = ((context: ProviderContext): ModelProvider => {
  const settings = context.config.claude;
  const apiKey = context.env.ANTHROPIC_API_KEY?.trim();
  const baseURL = context.env.ANTHROPIC_BASE_URL?.trim() || DEFAULT_BASE_URL;
  let connection: Promise<Connection | null> | undefined;
  const connected = () => {
    connection ??= apiKey ? connect(settings, apiKey, baseURL, context.env) : Promise.resolve(null);
    return connection;
  };
  return {
    id: 'anthropic',
    model: settings.model,
    limits: {
      concurrency: settings.concurrency,
      requestTokens: settings.request_tokens,
      maxRequestTokens: HARD_REQUEST_TOKENS,
      framingTokens: 0,
      // Paid per token: a cut-off batch is halved once, not down to single hunks.
      maxSplitDepth: 1,
    },
    cloud: true,
    // The first request says as much as a check would, without the extra call.
    probeBeforeUse: false,
    notes: [],
    configured: () =>
      apiKey ? { ok: true, detail: settings.model } : { ok: false, reason: m.noKey(), fix: m.noKeyFix() },
    check: async (signal, limitMs) => check(settings, await connected(), signal, limitMs),
    send: async (request, signal) => send(settings, await connected(), request, signal),
    tooLarge: (tokens) => m.tooLargeItem(tokens, HARD_REQUEST_TOKENS),
  } satisfies ModelProvider;
}) satisfies CreateProvider;
