// Packing hunks into requests under a token budget, and running requests with bounded concurrency,
// per-attempt timeouts and cancellation. Shared by the Ollama and Claude adapters.
import pLimit from 'p-limit';
import { estimateTokens } from '../route/tokens.js';
import { type PromptKind, renderItem } from './prompt.js';
import type { ReviewItem } from './reviewer.js';

export interface PackOptions {
  /** Soft target: small items share a request up to this many estimated prompt tokens. */
  budgetTokens: number;
  /** Hard limit: an item whose request alone would exceed this cannot be sent at all. */
  maxTokens: number;
  /** Tokens every request costs whatever its items: system prompt, framing. */
  overheadTokens?: number;
  kind?: PromptKind;
  /** Defaults to the estimate of the item as rendered into the prompt. */
  estimate?: (item: ReviewItem) => number;
}

export interface TooLargeItem {
  item: ReviewItem;
  /** Estimated prompt tokens of a request holding only this item. */
  tokens: number;
}

export interface PackResult {
  requests: ReviewItem[][];
  tooLarge: TooLargeItem[];
}

/** Tokens one item adds to a request, as rendered (gutter, fences, context, reasons). */
export function estimateItemTokens(item: ReviewItem, kind: PromptKind = 'local'): number {
  return estimateTokens(renderItem(item, 1, kind)) + 2;
}

/**
 * Greedy, order-preserving packing: items join the open request while it stays within the budget; a hunk
 * is never split; one over the budget travels alone; one over `maxTokens` is reported, not sent.
 */
export function packRequests(items: readonly ReviewItem[], options: PackOptions): PackResult {
  const overhead = options.overheadTokens ?? 0;
  const estimate = options.estimate ?? ((item: ReviewItem) => estimateItemTokens(item, options.kind));
  const requests: ReviewItem[][] = [];
  const tooLarge: TooLargeItem[] = [];
  let open: ReviewItem[] = [];
  let openTokens = overhead;
  for (const item of items) {
    const tokens = estimate(item);
    if (overhead + tokens > options.maxTokens) {
      tooLarge.push({ item, tokens: overhead + tokens });
      continue;
    }
    if (open.length > 0 && openTokens + tokens > options.budgetTokens) {
      requests.push(open);
      open = [];
      openTokens = overhead;
    }
    open.push(item);
    openTokens += tokens;
  }
  if (open.length > 0) requests.push(open);
  return { requests, tooLarge };
}

/** Halves a request for a retry after truncation; null when it holds a single item. */
export function splitRequest<T>(items: readonly T[]): [T[], T[]] | null {
  if (items.length < 2) return null;
  const middle = Math.ceil(items.length / 2);
  return [items.slice(0, middle), items.slice(middle)];
}

export class AttemptTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${Math.round(timeoutMs / 1000)} s`);
    this.name = 'AttemptTimeoutError';
  }
}

/**
 * Runs one attempt with its own signal: aborted by the caller's signal or after `timeoutMs` (reason: an
 * AttemptTimeoutError), released when the attempt settles.
 */
export async function withAttempt<R>(
  timeoutMs: number,
  outer: AbortSignal | undefined,
  attempt: (signal: AbortSignal) => Promise<R>,
): Promise<R> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new AttemptTimeoutError(timeoutMs)), timeoutMs);
  const onOuter = () => controller.abort(outer?.reason ?? new Error('cancelled'));
  if (outer?.aborted) onOuter();
  else outer?.addEventListener('abort', onOuter, { once: true });
  try {
    return await attempt(controller.signal);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuter);
  }
}

/** The AttemptTimeoutError behind a failure, if the attempt's timer fired. */
export function timeoutOf(error: unknown, signal?: AbortSignal): AttemptTimeoutError | null {
  if (error instanceof AttemptTimeoutError) return error;
  if (signal?.reason instanceof AttemptTimeoutError) return signal.reason;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof AttemptTimeoutError ? cause : null;
}

export type TaskResult<R> = { ok: true; value: R } | { ok: false; error: unknown; cancelled: boolean };

export interface RunLimitedOptions {
  concurrency: number;
  signal?: AbortSignal;
}

/**
 * Runs `run` over every task with at most `concurrency` in flight; results keep the tasks' order and a
 * failure (or cancellation) of one task is a value, never a rejection. Tasks not started when `signal`
 * aborts are not started at all.
 */
export async function runLimited<T, R>(
  tasks: readonly T[],
  options: RunLimitedOptions,
  run: (task: T, index: number) => Promise<R>,
): Promise<TaskResult<R>[]> {
  const limit = pLimit(Math.max(1, options.concurrency));
  return Promise.all(
    tasks.map((task, index) =>
      limit(async (): Promise<TaskResult<R>> => {
        if (options.signal?.aborted) return { ok: false, error: options.signal.reason, cancelled: true };
        try {
          return { ok: true, value: await run(task, index) };
        } catch (error) {
          return { ok: false, error, cancelled: options.signal?.aborted === true };
        }
      }),
    ),
  );
}
