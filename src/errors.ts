// Expected failures are values with a sentence the user can act on; the CLI prints one line for them.

/** Base for every failure the user can fix; `exitCode` is what the CLI exits with. */
export class HunkwiseError extends Error {
  readonly exitCode: number;
  constructor(message: string, options: { cause?: unknown; exitCode?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options.exitCode ?? EXIT.usage;
  }
}

export class ConfigError extends HunkwiseError {
  /** Every problem found, each with its key and line; empty when the file could not be read at all. */
  readonly issues: ConfigIssue[];
  constructor(message: string, options: { issues?: ConfigIssue[]; cause?: unknown } = {}) {
    super(message, { cause: options.cause, exitCode: EXIT.config });
    this.issues = options.issues ?? [];
  }
}

export interface ConfigIssue {
  /** Dot path of the key, e.g. `local.concurrency`. */
  path: string;
  /** 1-based line in the YAML file, when known. */
  line?: number;
  message: string;
}

export class GitError extends HunkwiseError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, exitCode: EXIT.git });
  }
}

export class UsageError extends HunkwiseError {}

/** A service (Ollama, Anthropic, GitHub) failed in a way the user must fix before a retry helps. */
export class ServiceError extends HunkwiseError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, exitCode: EXIT.service });
  }
}

/** Documented exit codes (README "Exit codes"). */
export const EXIT = {
  ok: 0,
  /** Findings at or above fail_on (or a secret) were found. */
  findings: 1,
  usage: 2,
  config: 3,
  git: 4,
  service: 5,
  interrupted: 130,
  internal: 70,
} as const;

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
