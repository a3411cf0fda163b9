// How long a retryable API answer asks the client to wait: `retry-after-ms` (not standard, sent by the
// Anthropic API), else `retry-after` in seconds or as an HTTP date. Pure.
// @see https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Retry-After

export function retryAfterSeconds(headers: Headers, now = Date.now()): number | null {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return ms / 1000;
  const value = headers.get('retry-after');
  if (!value) return null;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return seconds;
  const at = Date.parse(value);
  return Number.isFinite(at) ? (at - now) / 1000 : null;
}
