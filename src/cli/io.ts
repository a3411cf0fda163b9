/** A writable the CLI prints to: process.stdout in real life, a string buffer in tests. */
export interface Output {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** Everything ambient a command may touch, passed in so the CLI runs in-process in tests. */
export interface CliIo {
  stdout: Output;
  stderr: Output;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on Ctrl-C or when a time budget runs out. */
  signal: AbortSignal;
}

export type Command = (args: string[], io: CliIo) => Promise<number>;
