// Pure mapping of whatever @anthropic-ai/sdk threw to one sentence the user can act on, and what to do next.
// @see https://platform.claude.com/docs/en/api/errors
import {
  AnthropicError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import { errorMessage } from '../../errors.js';
import { claudeMessages as m } from '../../messages/claude.js';
import { AttemptTimeoutError, timeoutOf } from '../batch.js';
import { retryAfterSeconds } from './retryAfter.js';

export type ClaudeFailureCode =
  | 'key-rejected'
  | 'forbidden'
  | 'model-unknown'
  | 'bad-request'
  | 'spend-limit'
  | 'billing'
  | 'too-large'
  | 'rate-limited'
  | 'overloaded'
  | 'server-error'
  | 'unreachable'
  | 'timeout'
  | 'stream-error'
  | 'cancelled'
  | 'unexpected';

export interface ClaudeFailure {
  code: ClaudeFailureCode;
  /** One sentence for the report, with the request id when the API gave one. */
  message: string;
  /** True when trying again later (a minute, not this run) can succeed without the user changing anything. */
  retryLater: boolean;
  /** True when every further request of this run would fail the same way: do not send them. */
  fatal: boolean;
  /** True when smaller requests may succeed (request too large). */
  split: boolean;
}

export interface ErrorContext {
  model: string;
  baseURL: string;
  timeoutSeconds: number;
  /** Retries the SDK made before giving up (= claude.max_retries for retried statuses). */
  retries: number;
}

/** Spend limits arrive as 429 (enforced/contract limits) or 400 (limits you set yourself). */
const SPEND_CODES = new Set([
  'enforced_spend_limit_reached',
  'contract_spend_limit_reached',
  'ramp_limit_exceeded',
]);
const SPEND_WORDS = /spend limit|usage limit|credit balance|billing/i;

function failure(
  code: ClaudeFailureCode,
  message: string,
  flags: Partial<Pick<ClaudeFailure, 'retryLater' | 'fatal' | 'split'>> = {},
): ClaudeFailure {
  return { code, message, retryLater: false, fatal: false, split: false, ...flags };
}

function detailOf(error: APIError): string {
  return error.apiMessage ?? error.type ?? 'no detail';
}

function withRequestId(result: ClaudeFailure, error: APIError): ClaudeFailure {
  return error.requestID
    ? { ...result, message: `${result.message} (${m.requestId(error.requestID)})` }
    : result;
}

/** Seconds the API asked to wait before a retry, when more than an attempt may take (then it was not retried). */
function waitTooLong(error: APIError, ctx: ErrorContext): number | null {
  const seconds = error.headers ? retryAfterSeconds(error.headers) : null;
  return seconds !== null && seconds > ctx.timeoutSeconds ? Math.ceil(seconds) : null;
}

function fromStatus(error: APIError, status: number, ctx: ErrorContext): ClaudeFailure {
  const detail = detailOf(error);
  const wait = waitTooLong(error, ctx);
  if (wait !== null && (status === 429 || status >= 500))
    return failure('rate-limited', m.retryAfterTooLong(status, wait, ctx.timeoutSeconds), {
      retryLater: true,
    });
  const spend = (error.errorCode !== null && SPEND_CODES.has(error.errorCode)) || SPEND_WORDS.test(detail);
  switch (true) {
    case status === 401:
      return failure('key-rejected', m.keyRejected(), { fatal: true });
    case status === 402:
      return failure('billing', m.billing(detail), { fatal: true });
    case status === 403:
      return failure('forbidden', m.forbidden(detail), { fatal: true });
    case status === 404:
      return failure('model-unknown', m.modelUnknown(ctx.model), { fatal: true });
    case status === 413 || (error.type as string | null) === 'request_too_large':
      return failure('too-large', m.tooLarge(), { split: true });
    case (status === 400 || status === 429) && spend:
      return failure('spend-limit', m.spendLimit(detail), { fatal: true });
    case status === 400:
      return failure('bad-request', m.badRequest(detail));
    case status === 429:
      return failure('rate-limited', m.rateLimited(ctx.retries), { retryLater: true });
    case status === 529 || error.type === 'overloaded_error':
      return failure('overloaded', m.overloaded(ctx.retries), { retryLater: true });
    case status >= 500:
      return failure('server-error', m.serverError(status, ctx.retries), { retryLater: true });
    default:
      return failure('unexpected', m.unexpected(`${status} ${detail}`));
  }
}

/** An `event: error` inside a 200 stream: the SDK throws an APIError without status and does not retry it. */
function fromStreamError(error: APIError): ClaudeFailure {
  const type = error.type ?? 'error';
  const overloaded = type === 'overloaded_error';
  return failure('stream-error', m.streamError(type, detailOf(error)), {
    retryLater: overloaded || type === 'api_error' || type === 'rate_limit_error',
  });
}

/**
 * A timeout means the API took the request and stayed silent for claude.timeout_seconds, on every attempt:
 * every later request would wait as long, so none is sent (fatal).
 */
export function describeClaudeError(error: unknown, ctx: ErrorContext): ClaudeFailure {
  const stalledBody = timeoutOf(error);
  if (stalledBody instanceof AttemptTimeoutError)
    return failure('timeout', m.stalledAnswer(ctx.timeoutSeconds), { retryLater: true, fatal: true });
  if (error instanceof APIUserAbortError) return failure('cancelled', m.cancelled());
  if (error instanceof APIConnectionTimeoutError)
    return failure('timeout', m.timeout(ctx.timeoutSeconds, ctx.retries), { retryLater: true, fatal: true });
  if (error instanceof APIConnectionError) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause ? errorMessage((cause as { cause?: unknown }).cause ?? cause) : errorMessage(error);
    return failure('unreachable', m.unreachable(ctx.baseURL, detail), { retryLater: true, fatal: true });
  }
  if (error instanceof APIError) {
    const result = error.status === undefined ? fromStreamError(error) : fromStatus(error, error.status, ctx);
    return withRequestId(result, error);
  }
  if (error instanceof AnthropicError) return failure('unexpected', m.unexpected(error.message));
  if (error instanceof Error && error.name === 'AbortError') return failure('cancelled', m.cancelled());
  return failure('unexpected', m.unexpected(errorMessage(error)));
}
