// argv → command. The only place that turns errors into exit codes; bin/review.js calls main().
import { EXIT, HunkwiseError } from '../errors.js';
import { safeOutput } from '../output.js';
import type { CliIo, Command } from './io.js';

const COMMANDS: Record<string, () => Promise<Command>> = {
  pr: async () => (await import('./commands/pr.js')).prCommand,
  init: async () => (await import('./commands/init.js')).initCommand,
  doctor: async () => (await import('./commands/doctor.js')).doctorCommand,
  dismiss: async () => (await import('./commands/dismiss.js')).dismissCommand,
  learn: async () => (await import('./commands/learn.js')).learnCommand,
  memory: async () => (await import('./commands/memory.js')).memoryCommand,
};

export async function run(argv: string[], raw: CliIo): Promise<number> {
  const io = withSafeStreams(raw);
  const [first, ...rest] = argv;
  const load = first ? COMMANDS[first] : undefined;
  try {
    const command = load ? await load() : (await import('./commands/review.js')).reviewCommand;
    return await command(load ? rest : argv, io);
  } catch (error) {
    return reportFailure(error, io);
  }
}

/**
 * Every command prints through these: text from outside (model output, file names, config, git, servers)
 * reaches the terminal with its control characters and escape sequences shown, never acted on.
 */
export function withSafeStreams(io: CliIo): CliIo {
  return { ...io, stdout: safeOutput(io.stdout), stderr: safeOutput(io.stderr) };
}

/** The one line (and exit code) for a failure; also used by the GitHub Action entry. */
export function reportFailure(error: unknown, io: CliIo): number {
  if (io.signal.aborted && !(error instanceof HunkwiseError)) {
    io.stderr.write('review: interrupted\n');
    return EXIT.interrupted;
  }
  if (error instanceof HunkwiseError) {
    io.stderr.write(`review: ${error.message}\n`);
    return error.exitCode;
  }
  io.stderr.write(
    `review: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  io.stderr.write('review: this is a bug in hunkwise; please report it with the lines above.\n');
  return EXIT.internal;
}

/**
 * After Ctrl-C (or SIGTERM) the run has this long to cancel its requests and say what it did; then the process
 * ends anyway, so no slow server, child process or stuck step can keep a commit or a CI job waiting.
 */
const INTERRUPT_GRACE_MS = 1_500;

export async function main(): Promise<void> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    controller.abort(new Error('interrupted'));
    setTimeout(() => {
      process.stderr.write('review: interrupted\n');
      process.exit(EXIT.interrupted);
    }, INTERRUPT_GRACE_MS).unref();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  const code = await run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
    startedAt: performance.timeOrigin,
  });
  process.off('SIGINT', onSigint);
  process.off('SIGTERM', onSigint);
  process.exitCode = controller.signal.aborted && code === EXIT.ok ? EXIT.interrupted : code;
}
