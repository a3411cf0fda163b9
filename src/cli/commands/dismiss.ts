// `review dismiss <fingerprint> [--reason TEXT] [--path GLOB]` and `review dismiss --last`: record that a
// finding of the last run does not apply, in the memory file the team commits.
import { loadConfig } from '../../config/load.js';
import { EXIT, UsageError } from '../../errors.js';
import { repositoryRoot } from '../../git/root.js';
import { alreadyDismissed, dismissRecordOf } from '../../memory/dismissRecord.js';
import { gitIdentity } from '../../memory/identity.js';
import { type LastRun, type LastRunFinding, readLastRun } from '../../memory/lastRun.js';
import { appendRecords, loadMemory } from '../../memory/memoryFile.js';
import type { DismissRecord } from '../../memory/record.js';
import { memoryMessages as m } from '../../messages/memory.js';
import type { CliIo } from '../io.js';
import { CONFIG_OPTION, HELP_OPTION, helpText, type OptionTable, parseOptions } from '../options.js';

const USAGE = 'usage: review dismiss <fingerprint> [--reason TEXT] [--path GLOB] | review dismiss --last';

const OPTIONS = {
  last: { type: 'boolean', description: 'List the findings of the last run with their fingerprints.' },
  reason: {
    type: 'string',
    value: 'TEXT',
    description: 'Why the finding does not apply (kept in the file).',
  },
  path: {
    type: 'string',
    value: 'GLOB',
    description: "Dismiss it for every path the glob matches, not only the finding's file.",
  },
  config: CONFIG_OPTION,
  help: HELP_OPTION,
} satisfies OptionTable;

const FOOTER = `
A dismissed finding is suppressed on every later run (commit, by hand, CI) when it comes back with the
same fingerprint, the same text, or — with the embedding model — a similar meaning within its file or
glob. Suppressed findings stay visible: the report counts them and --show-suppressed lists them.
See docs/memory.md.
`;

/** Shortest fingerprint prefix accepted, as git accepts abbreviated commit ids. */
const MIN_PREFIX = 6;

function location(f: LastRunFinding): string {
  if (f.line === null) return f.file;
  return f.endLine !== null && f.endLine !== f.line
    ? `${f.file}:${f.line}-${f.endLine}`
    : `${f.file}:${f.line}`;
}

export function renderLastRun(last: LastRun): string {
  if (last.findings.length === 0) {
    const tail = last.suppressed.length ? `\n${m.lastRunSuppressed(last.suppressed.length)}` : '';
    return `${m.lastRunEmpty(last.when, last.source)}${tail}\n`;
  }
  const rows = last.findings.map(
    (f) => `  ${f.fingerprint}  ${f.severity.padEnd(8)} ${location(f)}  ${f.message.replace(/\s+/g, ' ')}`,
  );
  const tail = last.suppressed.length ? [m.lastRunSuppressed(last.suppressed.length)] : [];
  return `${[m.lastRunHeader(last.when, last.source, last.findings.length), ...rows, ...tail].join('\n')}\n`;
}

function findByFingerprint(last: LastRun, given: string): LastRunFinding {
  const wanted = given.toLowerCase();
  if (!/^[0-9a-f]+$/.test(wanted) || wanted.length < MIN_PREFIX)
    throw new UsageError(m.unknownFingerprint(given));
  const all = [...last.findings, ...last.suppressed];
  const exact = all.find((f) => f.fingerprint === wanted);
  if (exact) return exact;
  const matches = [...new Set(all.filter((f) => f.fingerprint.startsWith(wanted)).map((f) => f.fingerprint))];
  if (matches.length > 1) throw new UsageError(m.ambiguousFingerprint(given, matches));
  const found = all.find((f) => f.fingerprint === matches[0]);
  if (!found) throw new UsageError(m.unknownFingerprint(given));
  return found;
}

export function checkGlob(glob: string | undefined): string | undefined {
  if (glob === undefined) return undefined;
  const trimmed = glob.trim();
  if (!trimmed || trimmed.startsWith('/') || trimmed.split('/').includes('..'))
    throw new UsageError(m.badGlob(glob));
  return trimmed;
}

export async function dismissCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, OPTIONS, USAGE);
  if (values.help) {
    io.stdout.write(helpText(USAGE, OPTIONS, FOOTER));
    return EXIT.ok;
  }
  const root = await repositoryRoot(io.cwd);
  const last = await readLastRun(root);
  if (values.last) {
    if (positionals.length > 0) throw new UsageError(USAGE);
    if (!last) throw new UsageError(m.noLastRun());
    io.stdout.write(renderLastRun(last));
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(USAGE);
  if (!last) throw new UsageError(m.noLastRun());
  const finding = findByFingerprint(last, positionals[0]!);
  const glob = checkGlob(values.path);
  const { config } = await loadConfig({ cwd: root, path: values.config, env: io.env });
  const memory = await loadMemory(root, config);
  for (const i of memory.issues)
    io.stderr.write(`review: ${m.invalidLine(memory.label, i.line, i.message)}\n`);
  const record = dismissRecordOf(finding, {
    who: (await gitIdentity(root)) ?? m.unknownIdentity(),
    when: new Date(),
    reason: values.reason,
    glob,
  });
  const existing = memory.records.filter((r): r is DismissRecord => r.kind === 'dismiss');
  if (alreadyDismissed(existing, record)) {
    io.stdout.write(`${m.alreadyDismissed(record.fingerprint, memory.label)}\n`);
    return EXIT.ok;
  }
  appendRecords(memory.path, [record]);
  if (finding.category === 'secret') io.stderr.write(`review: ${m.secretNoQuote()}\n`);
  io.stdout.write(`${m.dismissed(record.fingerprint, memory.label, record.glob ?? record.file ?? '')}\n`);
  return EXIT.ok;
}
