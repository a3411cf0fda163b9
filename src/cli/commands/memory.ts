// `review memory list` (what the memory file holds, and which lines cannot be read) and
// `review memory import --pr N` (dismissals made in a pull request's conversation → the memory file).
import { loadConfig } from '../../config/load.js';
import { EXIT, UsageError } from '../../errors.js';
import { repositoryRoot } from '../../git/root.js';
import { loadMemory } from '../../memory/memoryFile.js';
import type { MemoryRecord } from '../../memory/record.js';
import { memoryMessages as m } from '../../messages/memory.js';
import type { CliIo } from '../io.js';
import { CONFIG_OPTION, HELP_OPTION, helpText, type OptionTable, parseOptions } from '../options.js';

const OPTIONS = {
  pr: { type: 'string', value: 'N', description: 'import: the pull request whose dismissals to import.' },
  'dry-run': { type: 'boolean', description: 'import: print the lines instead of writing them.' },
  config: CONFIG_OPTION,
  help: HELP_OPTION,
} satisfies OptionTable;

const FOOTER = `
list     every dismissal and note in the memory file, and every line that cannot be read (exit 3 then).
import   dismissals made on GitHub in pull request N ("/hunkwise dismiss [reason]" replies and 👎 reactions
         by the repository's owners, members and collaborators) appended to the memory file. Needs
         GITHUB_TOKEN, and GITHUB_REPOSITORY=owner/name unless origin is a github.com remote.
`;

function scopeOf(record: MemoryRecord): string {
  return record.glob ?? record.file ?? m.everyPath();
}

function listLine(record: MemoryRecord): string {
  const text = record.message.replace(/\s+/g, ' ');
  if (record.kind === 'note') return `  note     ${scopeOf(record)}  ${text}  (${record.who})`;
  const why = record.reason ? ` — ${record.reason.replace(/\s+/g, ' ')}` : '';
  return `  dismiss  ${record.fingerprint}  ${scopeOf(record)}  ${text}${why}  (${record.who})`;
}

async function list(io: CliIo, configPath: string | undefined): Promise<number> {
  const root = await repositoryRoot(io.cwd);
  const { config } = await loadConfig({ cwd: root, path: configPath, env: io.env });
  const memory = await loadMemory(root, config);
  const dismissals = memory.records.filter((r) => r.kind === 'dismiss').length;
  if (memory.records.length === 0 && memory.issues.length === 0) {
    io.stdout.write(`${m.listEmpty(memory.label)}\n`);
    return EXIT.ok;
  }
  const lines = [
    m.listHeader(memory.label, dismissals, memory.records.length - dismissals),
    ...memory.records.map(listLine),
  ];
  if (memory.issues.length > 0) {
    lines.push(m.listIssues(memory.issues.length));
    for (const issue of memory.issues) lines.push(`  ${memory.label}:${issue.line}: ${issue.message}`);
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  return memory.issues.length > 0 ? EXIT.config : EXIT.ok;
}

export async function memoryCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, OPTIONS, m.memoryUsage());
  if (values.help || positionals.length === 0) {
    io.stdout.write(helpText(m.memoryUsage(), OPTIONS, FOOTER));
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const [sub, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(m.memoryUsage());
  if (sub === 'list') return list(io, values.config);
  if (sub === 'import') {
    const { importCommand } = await import('./memoryImport.js');
    return importCommand(io, {
      pr: values.pr,
      dryRun: values['dry-run'] ?? false,
      configPath: values.config,
    });
  }
  throw new UsageError(m.memoryUsage());
}
