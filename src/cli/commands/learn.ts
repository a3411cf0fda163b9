// `review learn "TEXT" [--path GLOB]`: a team note the models see, fenced as guidance, with every hunk it applies to.
import { loadConfig } from '../../config/load.js';
import { EXIT, UsageError } from '../../errors.js';
import { repositoryRoot } from '../../git/root.js';
import { gitIdentity } from '../../memory/identity.js';
import { appendRecords, loadMemory } from '../../memory/memoryFile.js';
import type { NoteRecord } from '../../memory/record.js';
import { NOTE_PROMPT_CHARS } from '../../memory/selectNotes.js';
import { memoryMessages as m } from '../../messages/memory.js';
import type { CliIo } from '../io.js';
import { CONFIG_OPTION, HELP_OPTION, helpText, type OptionTable, parseOptions } from '../options.js';
import { checkGlob } from './dismiss.js';

const USAGE = 'usage: review learn "TEXT" [--path GLOB]';

const OPTIONS = {
  path: { type: 'string', value: 'GLOB', description: 'Only hunks in paths the glob matches get the note.' },
  config: CONFIG_OPTION,
  help: HELP_OPTION,
} satisfies OptionTable;

const FOOTER = `
Examples:
  review learn "we use assertNever for exhaustive switches"
  review learn "db.raw is allowed in migrations" --path "migrations/**"
Each hunk sent to a model gets the notes most similar to it (and matching its path), up to
memory.prompt_tokens, fenced as team guidance. See docs/memory.md.
`;

export async function learnCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, OPTIONS, USAGE);
  if (values.help) {
    io.stdout.write(helpText(USAGE, OPTIONS, FOOTER));
    return EXIT.ok;
  }
  const text = positionals.join(' ').replace(/\s+/g, ' ').trim();
  if (!text) throw new UsageError(m.noteEmpty());
  if (text.length > NOTE_PROMPT_CHARS) throw new UsageError(m.noteTooLong(text.length, NOTE_PROMPT_CHARS));
  const glob = checkGlob(values.path);
  const root = await repositoryRoot(io.cwd);
  const { config } = await loadConfig({ cwd: root, path: values.config, env: io.env });
  const memory = await loadMemory(root, config);
  for (const i of memory.issues)
    io.stderr.write(`review: ${m.invalidLine(memory.label, i.line, i.message)}\n`);
  const note: NoteRecord = {
    kind: 'note',
    message: text,
    ...(glob ? { glob } : {}),
    who: (await gitIdentity(root)) ?? m.unknownIdentity(),
    when: new Date().toISOString(),
  };
  appendRecords(memory.path, [note]);
  io.stdout.write(`${m.noteRecorded(memory.label, glob ?? m.everyPath())}\n`);
  return EXIT.ok;
}
