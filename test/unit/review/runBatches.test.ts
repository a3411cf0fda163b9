// The one batch runner, driven through the provider port by an in-process provider: what any provider gets
// for free (packing, parsing, anchoring, splitting, retrying, never_send and redaction, usage).
import { describe, expect, test } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import { findingsJsonSchema } from '../../../src/review/findingSchema.js';
import { systemPromptFor } from '../../../src/review/prompt.js';
import { createModelReviewer } from '../../../src/review/runBatches.js';
import { scriptedProvider, silentUntilAborted, truncated } from '../../fakes/scriptedProvider.js';
import { makeHunk, makeItem } from './reviewItems.js';

const config = configSchema.parse({});
const items = [0, 1, 2, 3].map((i) =>
  makeItem(makeHunk(`src/f${i}.ts`, { old: 1, new: 1 }, [' // context', `+export const v${i} = ${i};`])),
);
const finding = (i: number) => ({
  file: `src/f${i}.ts`,
  line: 9,
  severity: 'minor',
  category: 'style',
  message: `name v${i} better`,
  quote: `export const v${i}`,
});
const answer = (...found: number[]) => JSON.stringify({ findings: found.map(finding) });
const filesOf = (user: string) => [...user.matchAll(/^file: (\S+)$/gm)].map((m) => m[1]);

describe('the batch runner over any provider', () => {
  test('packs, sends the role prompt and schema, anchors findings by quote, and bills usage per role', async () => {
    const provider = scriptedProvider([answer(0, 3)]);
    const result = await createModelReviewer('escalation', provider, config).review(items);
    expect(provider.requests).toHaveLength(1);
    expect(provider.requests[0]).toMatchObject({
      system: systemPromptFor('escalation'),
      schema: findingsJsonSchema,
    });
    expect(result.findings.map((f) => [f.file, f.range, f.source, f.origin])).toEqual([
      ['src/f0.ts', { start: 2, end: 2 }, 'claude', 'scripted-model'],
      ['src/f3.ts', { start: 2, end: 2 }, 'claude', 'scripted-model'],
    ]);
    expect(result.repairs.reanchored).toBe(2);
    expect([...result.outcomes.values()].every((o) => o.status === 'reviewed')).toBe(true);
    expect(result.usage).toMatchObject({
      role: 'escalation',
      provider: 'ollama',
      requests: 1,
      inputTokens: 100,
      costUsd: 0.01,
    });
  });

  test('a cut-off answer is halved until it fits, as deep as the provider allows', async () => {
    const deep = scriptedProvider([truncated, truncated, answer(), answer(), answer()]);
    const result = await createModelReviewer('local', deep, config).review(items);
    expect(deep.requests.map((r) => filesOf(r.user))).toEqual([
      ['src/f0.ts', 'src/f1.ts', 'src/f2.ts', 'src/f3.ts'],
      ['src/f0.ts', 'src/f1.ts'],
      ['src/f0.ts'],
      ['src/f1.ts'],
      ['src/f2.ts', 'src/f3.ts'],
    ]);
    expect([...result.outcomes.values()].every((o) => o.status === 'reviewed')).toBe(true);
    expect(result.notes).toContain("Local model's answer was cut off; the 4 hunks were split and re-sent");

    const once = scriptedProvider([truncated, truncated, answer()], { limits: { maxSplitDepth: 1 } });
    const paid = await createModelReviewer('escalation', once, config).review(items);
    expect(once.requests).toHaveLength(3);
    expect([...paid.outcomes.values()].map((o) => o.status)).toEqual([
      'failed',
      'failed',
      'reviewed',
      'reviewed',
    ]);
    expect(paid.outcomes.get(items[0]!.hunk.hash)).toEqual({
      status: 'failed',
      reason: 'cut off at the output cap',
    });
  });

  test('unparseable output is retried once, stricter; then the hunks fail with the reason', async () => {
    const provider = scriptedProvider(['no idea', 'still prose']);
    const result = await createModelReviewer('local', provider, config).review(items.slice(0, 1));
    expect(provider.requests[1]!.user).toContain('Your previous answer could not be parsed');
    expect(result.repairs.retried).toBe(1);
    expect(result.outcomes.get(items[0]!.hunk.hash)).toEqual({
      status: 'failed',
      reason:
        'Local model output could not be parsed (no JSON object in the answer), even after a stricter retry',
    });
    expect(result.notes).toContain(
      'Local model failed for 1 hunk(s): Local model output could not be parsed (no JSON object in the answer), even after a stricter retry.',
    );
  });

  test('a fatal failure fails every later request without sending it; a counted one is billed as a request', async () => {
    const down = { code: 'unreachable', message: 'server down', effect: 'fatal', counted: true } as const;
    const provider = scriptedProvider([{ ok: false, failure: down }], { limits: { requestTokens: 1 } });
    const result = await createModelReviewer('local', provider, config).review(items);
    expect(provider.requests).toHaveLength(1);
    expect([...result.outcomes.values()]).toEqual(
      items.map(() => ({ status: 'failed', reason: 'server down' })),
    );
    expect(result.usage.requests).toBe(1);
    expect(result.notes).toEqual(['Local model failed for 4 hunk(s): server down.']);
  });

  test('a server silent until its timeout stalls the run: requests in flight are stopped, none is sent after', async () => {
    const stuck = {
      code: 'stalled',
      message: 'sent nothing within 1 s',
      effect: 'fatal',
      counted: false,
      silence: 'timeout',
    } as const;
    let second: AbortSignal | undefined;
    // Two in flight: the first times out while the second still waits, which is then stopped with the reason.
    const provider = scriptedProvider(
      [
        async () => {
          await new Promise((resolve) => setImmediate(resolve));
          return { ok: false, failure: stuck };
        },
        (request, signal) => {
          second = signal;
          return silentUntilAborted(request, signal);
        },
      ],
      { limits: { requestTokens: 1, concurrency: 2 } },
    );
    const result = await createModelReviewer('local', provider, config).review(items);
    expect(provider.requests).toHaveLength(2);
    expect(second?.aborted).toBe(true);
    expect([...result.outcomes.values()]).toEqual(
      items.map(() => ({ status: 'failed', reason: 'sent nothing within 1 s' })),
    );
    expect(result).toMatchObject({
      stall: { waitedMs: expect.any(Number) },
      answered: false,
      fatal: 'sent nothing within 1 s',
    });
  });

  test("cut off by the run's deadline before any answer: a stall; by Ctrl-C, or after an answer: none", async () => {
    const run = async (reason: unknown, answers: Parameters<typeof scriptedProvider>[0]) => {
      const controller = new AbortController();
      const provider = scriptedProvider(answers, { limits: { requestTokens: 1 } });
      const pending = createModelReviewer('local', provider, config).review(items, controller.signal);
      while (provider.requests.length < answers.length) await new Promise((resolve) => setImmediate(resolve));
      controller.abort(reason);
      return pending;
    };
    const deadline = new DOMException('timed out', 'TimeoutError');
    expect((await run(deadline, [silentUntilAborted])).stall).toBeDefined();
    expect((await run(new Error('interrupted'), [silentUntilAborted])).stall).toBeUndefined();
    expect((await run(deadline, ['{"findings": []}', silentUntilAborted])).stall).toBeUndefined();
  });

  test('a provider outside your infrastructure never receives never_send files, whatever role it plays', async () => {
    const env = makeItem(makeHunk('.env', { old: 1, new: 1 }, ['+DEBUG=1']));
    const cloud = scriptedProvider([answer()], { cloud: true });
    const result = await createModelReviewer('local', cloud, config).review([env, items[0]!]);
    expect(cloud.requests.flatMap((r) => filesOf(r.user))).toEqual(['src/f0.ts']);
    expect(result.outcomes.get(env.hunk.hash)).toEqual({
      status: 'failed',
      reason: 'matches never_send: not sent to Claude',
    });
    const private_ = scriptedProvider([answer()]);
    await createModelReviewer('local', private_, config).review([env]);
    expect(private_.requests.flatMap((r) => filesOf(r.user))).toEqual(['.env']);
  });

  test('a secret the caller left in is replaced before sending, and the note says so', async () => {
    const key = ['AKIA', 'Z3X5Q7W9E1R3T5Y7'].join('');
    const leaky = makeItem(makeHunk('src/k.ts', { old: 1, new: 1 }, [`+const k = "${key}";`]));
    const provider = scriptedProvider([answer()]);
    const result = await createModelReviewer('local', provider, config).review([leaky]);
    expect(provider.requests[0]!.user).not.toContain(key);
    expect(provider.requests[0]!.user).toContain('[REDACTED:');
    expect(result.notes).toContain(
      '1 secret(s) were still in text bound for the local model and were replaced by placeholders before sending.',
    );
  });
});
