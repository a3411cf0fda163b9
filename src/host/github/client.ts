// Octokit with retry and throttling, loaded lazily: `review` without `pr` never pays for it.
import type { Octokit } from '@octokit/rest';
import { githubMessages as m } from '../../messages/github.js';

export type GitHubClient = Octokit;

export interface ClientOptions {
  token: string;
  baseUrl: string;
  /** One line per rate-limit event; everything else Octokit would log stays quiet. */
  log: (line: string) => void;
  /** Retries after a (secondary) rate limit before giving up. */
  rateLimitRetries?: number;
  /** Longest wait for a rate limit reset we accept, in seconds. */
  maxWaitSeconds?: number;
  /** Tests: no spacing between writes and millisecond backoff, so they run fast. */
  fast?: boolean;
}

/** A limiter that runs every job at once: Bottleneck.Group's shape, for tests only. */
const passThrough = {
  key: () => ({
    schedule: (...args: unknown[]) => {
      const at = typeof args[0] === 'function' ? 0 : 1;
      return (args[at] as (...a: unknown[]) => unknown)(...args.slice(at + 1));
    },
  }),
};

export async function createGitHubClient(options: ClientOptions): Promise<GitHubClient> {
  const [{ Octokit: Base }, { retry }, { throttling }] = await Promise.all([
    import('@octokit/rest'),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling'),
  ]);
  const retries = options.rateLimitRetries ?? 2;
  const maxWait = options.maxWaitSeconds ?? 120;
  const onLimit = (
    retryAfter: number,
    request: { method: string; url: string },
    _o: unknown,
    count: number,
  ) => {
    const again = count < retries && retryAfter <= maxWait;
    options.log(m.secondaryRateLimit(request.method, request.url, retryAfter, again));
    return again;
  };
  const quiet = () => {};
  const Client = Base.plugin(retry, throttling);
  // No `request.retries` default here: it would make plugin-retry retry 422s too (PROTOCOLS §5).
  return new Client({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: 'hunkwise',
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    retry: options.fast ? { retryAfterBaseValue: 1 } : {},
    throttle: {
      onRateLimit: onLimit,
      onSecondaryRateLimit: onLimit,
      // Bottleneck.Group is only typed, not exported as a value we could build without importing bottleneck.
      ...(options.fast
        ? ({ retryAfterBaseValue: 1, write: passThrough, notifications: passThrough } as object)
        : {}),
    },
  }) as unknown as GitHubClient;
}

/** Status and GitHub's message of a failed request, for one log line. */
export function describeRequestError(error: unknown): { status: number | string; detail: string } {
  const e = error as {
    status?: number;
    message?: string;
    response?: { data?: { message?: string; errors?: unknown } };
  };
  const data = e.response?.data;
  const errors = Array.isArray(data?.errors)
    ? data.errors.map((x) =>
        typeof x === 'string' ? x : ((x as { message?: string }).message ?? JSON.stringify(x)),
      )
    : [];
  const detail = [data?.message, ...errors].filter(Boolean).join(': ') || e.message || String(error);
  return { status: e.status ?? 'network', detail };
}

export function statusOf(error: unknown): number | null {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : null;
}
