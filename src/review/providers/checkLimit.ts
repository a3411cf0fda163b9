// How long a provider's availability check waits: one limit for every provider, so that a run's probe (and
// `review doctor`) gives up on a silent server as a timeout of the provider's own, with the seconds it waited.

/** A check asks for a version or a model list: it never needs as long as a review request may take. */
const CHECK_TIMEOUT_MS = 5000;

/** The shortest of the check's own limit, the role's request timeout and the caller's limit (a run's probe). */
export function checkLimitMs(requestTimeoutMs: number, limitMs?: number): number {
  return Math.min(CHECK_TIMEOUT_MS, requestTimeoutMs, limitMs ?? Number.POSITIVE_INFINITY);
}
