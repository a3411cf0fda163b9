import { describe, expect, test } from 'vitest';
import {
  AttemptTimeoutError,
  estimateItemTokens,
  packRequests,
  runLimited,
  splitRequest,
  timeoutOf,
  withAttempt,
} from '../../../src/review/batch.js';
import type { ReviewItem } from '../../../src/review/reviewer.js';
import { makeHunk, makeItem } from './reviewItems.js';

/** Items whose estimate is their `newLines`, so the budgets below are easy to follow. */
function sized(...sizes: number[]): ReviewItem[] {
  return sizes.map((size, i) => makeItem(makeHunk(`f${i}.ts`, { old: 1, new: 1 }, Array(size).fill('+x'))));
}
const bySize = (item: ReviewItem) => item.hunk.newLines;
const names = (requests: ReviewItem[][]) => requests.map((r) => r.map((item) => item.hunk.file));

describe('packRequests', () => {
  test('packs small items together in order, up to the budget including the overhead', () => {
    const { requests, tooLarge } = packRequests(sized(30, 30, 30, 30, 30), {
      budgetTokens: 100,
      maxTokens: 1000,
      overheadTokens: 20,
      estimate: bySize,
    });
    expect(names(requests)).toEqual([['f0.ts', 'f1.ts'], ['f2.ts', 'f3.ts'], ['f4.ts']]);
    expect(tooLarge).toEqual([]);
  });

  test('an item over the budget travels alone and is never split', () => {
    const { requests } = packRequests(sized(10, 150, 10), {
      budgetTokens: 100,
      maxTokens: 1000,
      estimate: bySize,
    });
    expect(names(requests)).toEqual([['f0.ts'], ['f1.ts'], ['f2.ts']]);
    expect(requests[1]![0]!.hunk.lines).toHaveLength(150);
  });

  test('an item that cannot fit the context at all is reported with its size', () => {
    const items = sized(10, 990, 10);
    const { requests, tooLarge } = packRequests(items, {
      budgetTokens: 100,
      maxTokens: 1000,
      overheadTokens: 20,
      estimate: bySize,
    });
    expect(names(requests)).toEqual([['f0.ts', 'f2.ts']]);
    expect(tooLarge).toEqual([{ item: items[1], tokens: 1010 }]);
  });

  test('the default estimate grows with the rendered hunk', () => {
    const [small, big] = sized(1, 50);
    expect(estimateItemTokens(big!) - estimateItemTokens(small!)).toBeGreaterThan(100);
    expect(packRequests([small!, big!], { budgetTokens: 100_000, maxTokens: 200_000 }).requests).toHaveLength(
      1,
    );
  });

  test('no items, no requests', () => {
    expect(packRequests([], { budgetTokens: 10, maxTokens: 10 })).toEqual({ requests: [], tooLarge: [] });
  });
});

describe('splitRequest', () => {
  test('halves, first half larger; single items cannot be split', () => {
    expect(splitRequest([1, 2, 3])).toEqual([[1, 2], [3]]);
    expect(splitRequest([1])).toBeNull();
  });
});

describe('runLimited', () => {
  test('never runs more than `concurrency` at once and keeps the order of results', async () => {
    let running = 0;
    let peak = 0;
    const results = await runLimited([5, 1, 4, 2, 3], { concurrency: 2 }, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, n));
      running -= 1;
      return n * 10;
    });
    expect(peak).toBe(2);
    expect(results).toEqual([50, 10, 40, 20, 30].map((value) => ({ ok: true, value })));
  });

  test('a failing task is a value, not a rejection', async () => {
    const results = await runLimited([1, 2], { concurrency: 2 }, async (n) => {
      if (n === 2) throw new Error('boom');
      return n;
    });
    expect(results[0]).toEqual({ ok: true, value: 1 });
    expect(results[1]).toMatchObject({ ok: false, cancelled: false, error: new Error('boom') });
  });

  test('tasks not yet started when the signal aborts are not started', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const results = await runLimited([1, 2, 3], { concurrency: 1, signal: controller.signal }, async (n) => {
      started.push(n);
      controller.abort(new Error('stop'));
      return n;
    });
    expect(started).toEqual([1]);
    expect(results.slice(1)).toEqual([
      { ok: false, error: new Error('stop'), cancelled: true },
      { ok: false, error: new Error('stop'), cancelled: true },
    ]);
  });
});

describe('withAttempt', () => {
  const waitForAbort = (signal: AbortSignal) =>
    new Promise<never>((_, reject) =>
      signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
    );

  test('aborts the attempt with an AttemptTimeoutError when its time is up', async () => {
    const error = await withAttempt(20, undefined, waitForAbort).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttemptTimeoutError);
    expect(timeoutOf(error)?.message).toBe('timed out after 0 s');
  });

  test("passes the caller's cancellation through, which is not a timeout", async () => {
    const controller = new AbortController();
    const pending = withAttempt(60_000, controller.signal, waitForAbort).catch((e: unknown) => e);
    controller.abort(new Error('interrupted'));
    const error = await pending;
    expect(error).toEqual(new Error('interrupted'));
    expect(timeoutOf(error)).toBeNull();
  });

  test('returns the value of an attempt that finishes in time', async () => {
    expect(await withAttempt(60_000, undefined, async () => 'done')).toBe('done');
  });
});
