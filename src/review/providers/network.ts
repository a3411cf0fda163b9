// How a local server's failures look from Node's fetch (undici), shared by the providers that talk to one:
// the network error code behind a thrown error, however deeply the client wrapped it.

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The network error code behind `error` (its causes, an AggregateError's errors), or null. */
export function networkCode(error: unknown): string | null {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    const inner = (e as { errors?: unknown[] }).errors?.map(networkCode).find(Boolean);
    if (inner) return inner;
  }
  return null;
}

/** Codes of a connection the server accepted and then dropped (it died or restarted), not one it refused. */
const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** Whether a network code means the connection was dropped rather than never made. */
export function isDropped(code: string): boolean {
  return DROPPED.has(code);
}
