import type { Output } from '../output.js';

export type { Output };

/** Everything ambient a command may touch, passed in so the CLI runs in-process in tests. */
export interface CliIo {
  stdout: Output;
  stderr: Output;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on Ctrl-C or when a time budget runs out. */
  signal: AbortSignal;
  /** Epoch ms when the process started (bin/review.js); the hook's time budget counts from it. */
  startedAt?: number;
}

export type Command = (args: string[], io: CliIo) => Promise<number>;
