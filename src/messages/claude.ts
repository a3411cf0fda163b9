// Sentences about Claude: availability, failures, budget, privacy. Each says what happened and what to do.

export const claudeMessages = {
  noKey: () => 'Claude unavailable: ANTHROPIC_API_KEY is not set',
  noKeyFix: () => 'set ANTHROPIC_API_KEY (an API key from the Anthropic Console), or run with --no-claude',
  keyAccepted: (model: string) => `Claude key accepted: model ${model} available`,
  keyRejected: () => 'Claude rejected the API key (401 authentication_error)',
  keyRejectedFix: () => 'check ANTHROPIC_API_KEY: it is revoked, mistyped or for another workspace',
  forbidden: (detail: string) => `Claude refused the request (403 permission_error: ${detail})`,
  forbiddenFix: () => 'the key lacks access to this model or feature; check its workspace permissions',
  modelUnknown: (model: string) => `Claude does not know the model "${model}" (404 not_found_error)`,
  modelUnknownFix: () => 'set claude.model to a current model id (and add its price under claude.prices)',
  badRequest: (detail: string) => `Claude rejected the request (400 invalid_request_error: ${detail})`,
  spendLimit: (detail: string) =>
    `Claude spend limit reached (${detail}); requests cannot succeed until it resets`,
  spendLimitFix: () =>
    'raise the spend limit or add credit in the Anthropic Console, or run with --no-claude',
  billing: (detail: string) => `Claude billing problem (${detail})`,
  tooLarge: () => 'the request was too large for Claude (413 request_too_large)',
  rateLimited: (retries: number) => `Claude rate limit (429) still hit after ${retries} retr(ies)`,
  overloaded: (retries: number) => `Claude is overloaded (529 overloaded_error) after ${retries} retr(ies)`,
  serverError: (status: number, retries: number) =>
    `Claude server error (${status}) after ${retries} retr(ies)`,
  unreachable: (baseURL: string, detail: string) => `cannot reach Claude at ${baseURL} (${detail})`,
  timeout: (seconds: number, retries: number) =>
    `Claude did not answer within ${seconds} s (after ${retries} retr(ies); claude.timeout_seconds): no further request was sent to it`,
  checkTimeout: (baseURL: string, seconds: number) =>
    `Claude at ${baseURL} did not answer the key check within ${seconds} s`,
  stalledAnswer: (seconds: number) =>
    `Claude stopped sending its answer for ${seconds} s (claude.timeout_seconds): no further request was sent to it`,
  retryAfterTooLong: (status: number, wait: number, timeout: number) =>
    `Claude answered ${status} and asked to wait ${wait} s before a retry, longer than claude.timeout_seconds (${timeout} s): not retried`,
  streamError: (type: string, detail: string) => `Claude failed mid-answer (${type}: ${detail})`,
  cancelled: () => 'Claude request cancelled',
  unexpected: (detail: string) => `unexpected error talking to Claude (${detail})`,
  unreachableFix: () => 'check the network, a proxy, or ANTHROPIC_BASE_URL if you set it',
  laterFix: () => 'try again in a few minutes; the review continues without Claude meanwhile',
  requestFix: () => 'run with DEBUG=hunkwise:* and report the request id if it persists',
  requestId: (id: string) => `request-id ${id}`,

  truncated: (reason: string, maxTokens: number) =>
    reason === 'max_tokens'
      ? `Claude's answer was cut off (max_tokens, claude.max_tokens ${maxTokens}); not parsed`
      : `Claude's answer was cut off (${reason}: the request filled the model's context window); not parsed`,
  refusal: (detail: string) =>
    `Claude declined to review these hunks (refusal${detail ? `: ${detail}` : ''})`,
  tooLargeItem: (tokens: number, max: number) =>
    `hunk too large for one Claude request (~${tokens} tokens, limit ${max})`,
  noPrice: (model: string) =>
    `No price for ${model} in claude.prices: its cost is unknown and is NOT included in the totals.`,
  budgetLeft: (tokens: number, left: number) =>
    `needs ~${tokens} tokens but only ${left} of claude.budget_tokens were left`,

  verifyRejected: (reason: string) => `Claude did not confirm this finding: ${reason}`,
  verifyFailed: (detail: string) => `verification by Claude failed (${detail}); findings left unchanged`,
  verifySkippedDown: () => 'not attempted: Claude already failed for the review requests of this run',
  verifyMissing: () => 'Claude gave no verdict for this finding; left unchanged',
  verifySummary: (confirmed: number, rejected: number) =>
    `Claude verified local findings: ${confirmed} confirmed, ${rejected} downgraded to info.`,
};
