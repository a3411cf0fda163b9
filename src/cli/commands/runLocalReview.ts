// The local and hook run once the command line is understood: repository, config, engine, report, exit code.
// Its static imports are what a pre-commit hook loads (scripts/bundles.mjs keeps them in one chunk).
import { loadConfig } from '../../config/load.js';
import type { DiffSpec } from '../../git/diffSpec.js';
import { readRepository } from '../../git/root.js';
import { writeStyled } from '../../output.js';
import { runReview } from '../../pipeline/runReview.js';
import { decideExit } from '../../policy/exitCode.js';
import { colorEnabled } from '../../report/colorEnabled.js';
import { type FormatName, renderAs } from '../../report/formats.js';
import { createProgress } from '../../report/progress.js';
import type { RunMode } from '../../vocabulary.js';
import type { CliIo } from '../io.js';
import { writeOutputFile } from '../outputFile.js';

export interface LocalReviewRequest {
  spec: DiffSpec;
  format: FormatName;
  /** Absolute path checked before the review, or null for stdout. */
  output: string | null;
  mode: RunMode;
  values: {
    config?: string;
    'dry-run'?: boolean;
    'no-claude'?: boolean;
    'no-local'?: boolean;
    'no-cache'?: boolean;
    verbose?: boolean;
    'show-suppressed'?: boolean;
  };
}

/**
 * When the hook stops starting and waiting: the budget counts from the process start (node's start-up is
 * part of what the commit waits for), minus a moment to write the report, so the commit ends within it.
 */
export function hookDeadline(startedAt: number, budgetSeconds: number): number {
  const budgetMs = budgetSeconds * 1000;
  return startedAt + budgetMs - Math.min(1000, budgetMs * 0.05);
}

export async function runLocalReview(request: LocalReviewRequest, io: CliIo): Promise<number> {
  const started = Date.now();
  const { spec, format, output, mode, values } = request;
  const repository = await readRepository(io.cwd);
  const root = repository.root;
  const { config, warnings } = await loadConfig({ cwd: root, path: values.config, env: io.env });
  for (const warning of warnings) io.stderr.write(`review: ${warning}\n`);
  const progress = createProgress(io.stderr, io.env, format === 'text' ? {} : { enabled: false });
  const result = await runReview({
    cwd: root,
    env: io.env,
    config,
    spec,
    repository,
    mode,
    dryRun: values['dry-run'] ?? false,
    signal: io.signal,
    deadline:
      mode === 'hook' ? hookDeadline(io.startedAt ?? started, config.hook.time_budget_seconds) : undefined,
    allowClaude: !values['no-claude'] && (mode !== 'hook' || config.hook.escalate),
    allowLocal: !values['no-local'],
    cache: !values['no-cache'],
    progress: progress.update,
  }).finally(progress.done);
  const color = colorEnabled(io.stdout, io.env);
  const report = await renderAs(format, result, {
    color,
    verbose: values.verbose ?? false,
    mode,
    showSuppressed: values['show-suppressed'] ?? false,
  });
  if (output) writeOutputFile(output, report);
  // The text report's colours are hunkwise's own; the outside text in it was escaped by the reporter.
  else if (format === 'text') writeStyled(io.stdout, report);
  else io.stdout.write(report);
  const exit = decideExit(result, config, mode);
  if (exit.reason) io.stderr.write(`review: ${exit.reason}\n`);
  return exit.code;
}
