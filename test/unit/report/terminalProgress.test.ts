import { expect, test } from 'vitest';
import { createProgress } from '../../../src/report/progress.js';

function harness(enabled = true, columns = 100) {
  let clock = 0;
  let tick: (() => void) | null = null;
  let stopped = false;
  const writes: string[] = [];
  const progress = createProgress(
    { write: (chunk: string) => writes.push(chunk), isTTY: true },
    {},
    {
      enabled,
      delayMs: 400,
      columns,
      now: () => clock,
      every: (_ms, fn) => {
        tick = fn;
        return () => {
          stopped = true;
        };
      },
    },
  );
  const advance = (ms: number) => {
    clock += ms;
    tick?.();
  };
  return { progress, writes, advance, isStopped: () => stopped };
}

test('silent for short runs: nothing drawn, nothing to clear', () => {
  const { progress, writes, advance, isStopped } = harness();
  progress.update({ kind: 'diff', files: 1, hunks: 2 });
  advance(100);
  progress.done();
  expect(writes).toEqual([]);
  expect(isStopped()).toBe(true);
});

test('one updating line with per-lane counts, erased at the end', () => {
  const { progress, writes, advance } = harness();
  progress.update({ kind: 'diff', files: 3, hunks: 12 });
  progress.update({ kind: 'review-start', role: 'local', hunks: 10 });
  progress.update({ kind: 'review-start', role: 'escalation', hunks: 2 });
  advance(500);
  progress.update({ kind: 'review-done', role: 'local', hunks: 4 });
  advance(1500);
  progress.done();
  progress.done();
  expect(writes).toEqual([
    '\r\u001b[2K⠋ hunkwise: reviewing 12 hunks · local 0/10 · claude 0/2 · 500ms',
    '\r\u001b[2K⠙ hunkwise: reviewing 12 hunks · local 4/10 · claude 0/2 · 2.0s',
    '\r\u001b[2K',
  ]);
  expect(writes.join('')).not.toContain('\n');
});

test('lines are cut to the terminal width', () => {
  const { progress, writes, advance } = harness(true, 60);
  progress.update({ kind: 'diff', files: 3, hunks: 12 });
  for (let i = 0; i < 5; i++) progress.update({ kind: 'review-start', role: 'local', hunks: 100000 });
  progress.update({ kind: 'review-start', role: 'escalation', hunks: 100000 });
  advance(500);
  expect(writes[0]!.replace('\r\u001b[2K', '').length).toBe(59);
});

test('disabled (not a TTY): a no-op', () => {
  const { progress, writes, advance } = harness(false);
  progress.update({ kind: 'diff', files: 1, hunks: 2 });
  advance(5000);
  progress.done();
  expect(writes).toEqual([]);
});

test('on by default only for a TTY that is not dumb: otherwise no ticker is even started', () => {
  const started: string[] = [];
  const every = (name: string) => () => {
    started.push(name);
    return () => {};
  };
  const stream = (isTTY: boolean) => ({ write: () => true, isTTY });
  createProgress(stream(false), {}, { every: every('pipe') });
  createProgress(stream(true), { TERM: 'dumb' }, { every: every('dumb') });
  createProgress(stream(true), { TERM: 'xterm' }, { every: every('tty') });
  expect(started).toEqual(['tty']);
});
