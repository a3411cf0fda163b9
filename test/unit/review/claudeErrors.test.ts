// The SDK's own error classes, built the way the SDK builds them from a response, mapped to sentences.
import Anthropic, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import { expect, test } from 'vitest';
import { describeClaudeError } from '../../../src/review/providers/claudeErrors.js';

const ctx = {
  model: 'claude-sonnet-5-5',
  baseURL: 'https://api.anthropic.com',
  timeoutSeconds: 120,
  retries: 2,
};
// makeStatusError is how the client turns a response into an error (error_code → specific classes).
const client = new Anthropic({ apiKey: 'k', baseURL: 'http://127.0.0.1:9' });
const statusError = (status: number, type: string, message: string, errorCode?: string) =>
  (client as unknown as { makeStatusError: (...a: unknown[]) => APIError }).makeStatusError(
    status,
    { type: 'error', error: { type, message, ...(errorCode ? { details: { error_code: errorCode } } : {}) } },
    undefined,
    new Headers({ 'request-id': 'req_123' }),
  );

test.for([
  [401, 'authentication_error', 'invalid x-api-key', undefined, 'key-rejected', false, true],
  [403, 'permission_error', 'no access', undefined, 'forbidden', false, true],
  [404, 'not_found_error', 'model: x', undefined, 'model-unknown', false, true],
  [400, 'invalid_request_error', 'messages: field required', undefined, 'bad-request', false, false],
  [
    400,
    'invalid_request_error',
    'You have reached your specified workspace API usage limits',
    undefined,
    'spend-limit',
    false,
    true,
  ],
  [413, 'request_too_large', 'Request exceeds the maximum size', undefined, 'too-large', false, false],
  [429, 'rate_limit_error', 'slow down', undefined, 'rate-limited', true, false],
  [429, 'rate_limit_error', 'spend limit', 'enforced_spend_limit_reached', 'spend-limit', false, true],
  [529, 'overloaded_error', 'Overloaded', undefined, 'overloaded', true, false],
  [500, 'api_error', 'Internal server error', undefined, 'server-error', true, false],
  [503, 'api_error', 'unavailable', undefined, 'server-error', true, false],
] as const)('%i %s (%s) → %s', ([status, type, message, code, expected, retryLater, fatal]) => {
  const failure = describeClaudeError(statusError(status, type, message, code), ctx);
  expect(failure).toMatchObject({ code: expected, retryLater, fatal });
  expect(failure.message).toContain('request-id req_123');
});

test('429 spend limit is named, 404 names the model, 529 counts retries', () => {
  expect(
    describeClaudeError(statusError(429, 'rate_limit_error', 'over', 'enforced_spend_limit_reached'), ctx)
      .message,
  ).toMatch(/^Claude spend limit reached \(over\)/);
  expect(describeClaudeError(statusError(404, 'not_found_error', 'model: x'), ctx).message).toContain(
    '"claude-sonnet-5-5"',
  );
  expect(describeClaudeError(statusError(529, 'overloaded_error', 'Overloaded'), ctx).message).toContain(
    'after 2 retr(ies)',
  );
  expect(describeClaudeError(statusError(413, 'request_too_large', 'big'), ctx).split).toBe(true);
});

test('mid-stream error (no status) is not a status error', () => {
  const error = new APIError(
    undefined,
    { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    undefined,
    new Headers(),
    'overloaded_error',
  );
  expect(describeClaudeError(error, ctx)).toMatchObject({
    code: 'stream-error',
    retryLater: true,
    message: 'Claude failed mid-answer (overloaded_error: Overloaded)',
  });
});

test('connection refused, timeout, abort, and anything else', () => {
  const refused = new APIConnectionError({
    cause: Object.assign(new TypeError('fetch failed'), {
      cause: new Error('connect ECONNREFUSED 127.0.0.1:9'),
    }),
  });
  expect(describeClaudeError(refused, ctx)).toMatchObject({
    code: 'unreachable',
    message: 'cannot reach Claude at https://api.anthropic.com (connect ECONNREFUSED 127.0.0.1:9)',
  });
  // A timeout after every retry: the API is stuck, so the rest of the run does not wait on it again.
  expect(describeClaudeError(new APIConnectionTimeoutError(), ctx)).toMatchObject({
    code: 'timeout',
    fatal: true,
    message:
      'Claude did not answer within 120 s (after 2 retr(ies); claude.timeout_seconds): no further request was sent to it',
  });
  expect(describeClaudeError(new APIUserAbortError(), ctx).code).toBe('cancelled');
  expect(describeClaudeError('boom', ctx)).toMatchObject({
    code: 'unexpected',
    message: 'unexpected error talking to Claude (boom)',
  });
});
