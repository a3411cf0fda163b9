// `review [<range>] [--staged] …`: the local and hook run. Composition root: config, diff source, pipeline, reporter.
import { UsageError } from '../../errors.js';
import type { DiffSpec } from '../../git/diffSpec.js';
import { reviewMessages } from '../../messages/review.js';
import { FORMAT_NAMES, type FormatName, formatChoices, isFormatName } from '../../report/formats.js';
import { TOOL_VERSION } from '../../version.js';
import type { RunMode } from '../../vocabulary.js';
import type { CliIo } from '../io.js';
import { CONFIG_OPTION, HELP_OPTION, helpText, type OptionTable, parseOptions } from '../options.js';
import { checkOutputFile } from '../outputFile.js';
import { runLocalReview } from './runLocalReview.js';

const USAGE = `usage: review [<range> | --root [<commit>] | --staged] [--dry-run] [--format ${formatChoices(FORMAT_NAMES)}] [options]`;

const OPTIONS = {
  staged: {
    type: 'boolean',
    description: 'Review the staged changes (index against HEAD). The default without a range.',
  },
  root: {
    type: 'boolean',
    description:
      'Review every file of <commit> (default HEAD) as new, against the empty tree: the first commit, or a whole tree.',
  },
  'dry-run': {
    type: 'boolean',
    description: 'Call no model: print each hunk with its route, reasons and estimated tokens.',
  },
  format: {
    type: 'string',
    value: 'FMT',
    description: `${FORMAT_NAMES.map((name, i) => (i === 0 ? `${name} (default)` : name)).join(', ')}: see README "--format".`,
  },
  output: {
    type: 'string',
    short: 'o',
    value: 'FILE',
    description: 'Write the report to FILE instead of stdout.',
  },
  config: CONFIG_OPTION,
  'no-claude': { type: 'boolean', description: 'Never send anything to Claude.' },
  'no-local': { type: 'boolean', description: 'Do not use the local model.' },
  'no-cache': {
    type: 'boolean',
    description:
      'Neither read nor write the review cache nor cached embeddings: every hunk goes to its model again.',
  },
  hook: { type: 'boolean', description: 'Run as the pre-commit hook: time budget, hook policy.' },
  verbose: { type: 'boolean', short: 'v', description: 'Show every hunk and its route in the text report.' },
  'show-suppressed': {
    type: 'boolean',
    description: 'List the findings the team memory suppressed (the report always counts them).',
  },
  version: { type: 'boolean', description: 'Print the version.' },
  help: HELP_OPTION,
} satisfies OptionTable;

const FOOTER = `
Ranges: A..B, A...B (from the merge base), or R meaning R..HEAD (review HEAD~1 = the last commit).
Both sides must exist: a revision before the first commit, or missing from a shallow clone, stops with
exit 4 and says what to fetch. To review a first commit (or a whole tree), ask for it: review --root <commit>.
Other commands: review pr (GitHub pull request), review init (install the hook), review doctor,
review dismiss (a finding that does not apply), review learn (a team note), review memory (docs/memory.md).
Exit codes: 0 ok, 1 findings at or above fail_on (or a secret), 2 usage, 3 config, 4 git, 5 service, 130 interrupted.`;

function specFrom(positionals: string[], flags: { staged: boolean; root: boolean }): DiffSpec {
  if (positionals.length > 1) throw new UsageError(reviewMessages.tooManyRanges(positionals));
  const range = positionals[0];
  if (flags.root) {
    if (flags.staged) throw new UsageError(reviewMessages.rootAndStaged());
    if (range?.includes('..')) throw new UsageError(reviewMessages.rootTakesCommit(range));
    return { kind: 'root', rev: range ?? 'HEAD' };
  }
  if (range && flags.staged) throw new UsageError(reviewMessages.stagedAndRange(range));
  return range ? { kind: 'range', range } : { kind: 'staged' };
}

function formatFrom(value: string | undefined): FormatName {
  const format = value ?? 'text';
  if (!isFormatName(format)) throw new UsageError(reviewMessages.badFormat(format, FORMAT_NAMES));
  return format;
}

export async function reviewCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, OPTIONS, USAGE);
  if (values.help || values.version) {
    io.stdout.write(values.help ? helpText(USAGE, OPTIONS, FOOTER) : `${TOOL_VERSION}\n`);
    return 0;
  }
  const mode: RunMode = values.hook ? 'hook' : 'cli';
  if (mode === 'hook' && io.env.REVIEW_SKIP === '1') {
    io.stderr.write(`${reviewMessages.skipped()}\n`);
    return 0;
  }
  const spec = specFrom(positionals, { staged: values.staged ?? false, root: values.root ?? false });
  const format = formatFrom(values.format);
  const output = values.output === undefined ? null : checkOutputFile(io.cwd, values.output);
  return runLocalReview({ spec, format, output, mode, values }, io);
}
