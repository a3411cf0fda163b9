// One updating line on stderr while models work, for terminals only; cleared before the report is printed.
import { CLEAR_LINE, type Output, writeStyled } from '../output.js';
import type { ProgressEvent } from '../types.js';
import { ROLE_NAME, type Role } from '../vocabulary.js';
import { formatDuration } from './terminal.js';

export interface Progress {
  update(event: ProgressEvent): void;
  /** Stops the ticker and erases the line; safe to call twice. */
  done(): void;
}

export interface ProgressOptions {
  /** Draw at all; by default only when the stream is a TTY (and TERM is not dumb). */
  enabled?: boolean;
  /** Nothing is drawn for runs shorter than this, so fast commits stay silent. */
  delayMs?: number;
  intervalMs?: number;
  columns?: number;
  now?: () => number;
  /** Injected for tests; defaults to setInterval with an unref'd timer so it never holds the process. */
  every?: (ms: number, tick: () => void) => () => void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

const NOOP: Progress = { update: () => {}, done: () => {} };

function realEvery(ms: number, tick: () => void): () => void {
  const timer = setInterval(tick, ms);
  timer.unref?.();
  return () => clearInterval(timer);
}

interface Counts {
  hunks: number;
  roles: Map<Role, { total: number; done: number }>;
}

export function describeProgress(counts: Counts, elapsedMs: number): string {
  const parts = [`reviewing ${counts.hunks} hunk${counts.hunks === 1 ? '' : 's'}`];
  for (const [role, { total, done }] of counts.roles) parts.push(`${ROLE_NAME[role]} ${done}/${total}`);
  parts.push(formatDuration(elapsedMs));
  return parts.join(' · ');
}

export function createProgress(
  stream: Output,
  env: Record<string, string | undefined>,
  options: ProgressOptions = {},
): Progress {
  const enabled = options.enabled ?? (stream.isTTY === true && env.TERM !== 'dumb');
  if (!enabled) return NOOP;
  const now = options.now ?? Date.now;
  const every = options.every ?? realEvery;
  const started = now();
  const delay = options.delayMs ?? 500;
  const counts: Counts = { hunks: 0, roles: new Map() };
  let frame = 0;
  let drawn = false;
  let finished = false;

  const draw = () => {
    if (finished || now() - started < delay) return;
    const text = `${FRAMES[frame++ % FRAMES.length]} hunkwise: ${describeProgress(counts, now() - started)}`;
    const width = (options.columns ?? 80) - 1;
    writeStyled(stream, `${CLEAR_LINE}${text.length > width ? text.slice(0, width) : text}`);
    drawn = true;
  };
  const stop = every(options.intervalMs ?? 120, draw);

  return {
    update(event) {
      if (event.kind === 'diff') counts.hunks = event.hunks;
      else {
        const role = counts.roles.get(event.role) ?? { total: 0, done: 0 };
        if (event.kind === 'review-start') role.total += event.hunks;
        else role.done += event.hunks;
        counts.roles.set(event.role, role);
      }
    },
    done() {
      if (finished) return;
      finished = true;
      stop();
      if (drawn) writeStyled(stream, CLEAR_LINE);
    },
  };
}
