// `review init`: idempotent setup of the pre-commit hook (husky 9 layout) and a commented config.yml.
import { EXIT } from '../../errors.js';
import { type InitStep, initRepository } from '../../hook/installHook.js';
import { initMessages } from '../../messages/init.js';
import type { CliIo } from '../io.js';
import { helpText, type OptionTable, parseOptions } from '../options.js';

const USAGE = 'usage: review init [--force] [--quiet]';

const OPTIONS = {
  force: {
    type: 'boolean',
    description: 'Point core.hooksPath at .husky/_ even when another hook manager set it.',
  },
  quiet: { type: 'boolean', short: 'q', description: 'Print only changes, warnings and errors.' },
  help: { type: 'boolean', short: 'h', description: 'Show this help.' },
} satisfies OptionTable;

const FOOTER = `
Installs .husky/pre-commit running \`review --staged --hook\` (only the block between the hunkwise
markers is ever touched), sets core.hooksPath to .husky/_ like husky 9, adds "prepare": "husky" to
package.json when husky is a dependency, and writes config.yml if there is none. Safe to run again.
`;

const MARK: Record<InitStep['status'], string> = { changed: '✓', kept: '·', warn: '!', error: '✗' };

export async function initCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(args, OPTIONS, USAGE);
  if (values.help) {
    io.stdout.write(helpText(USAGE, OPTIONS, FOOTER));
    return EXIT.ok;
  }
  const report = await initRepository({ cwd: io.cwd, force: values.force ?? false });
  for (const step of report.steps) {
    if (values.quiet && step.status === 'kept') continue;
    io.stdout.write(`${MARK[step.status]} ${step.message}\n`);
  }
  if (report.steps.some((step) => step.status === 'error')) return EXIT.usage;
  const changed = report.steps.some((step) => step.status === 'changed');
  if (!values.quiet || changed)
    io.stdout.write(`${changed ? initMessages.done() : initMessages.nothingChanged()}\n`);
  return EXIT.ok;
}
