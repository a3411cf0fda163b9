// Every output format, by name. `review --format`, `review pr --format`, the Action's `format` input, their
// help, validation and default files, and the docs (scripts/gen-schema.mjs) all read this one list. A
// format is one module exporting an OutputFormat plus one entry here; modules load only when asked for.
import type { ReviewResult } from '../types.js';
import type { OutputFormat, RenderOptions } from './outputFormat.js';

export type { OutputFormat, RenderOptions } from './outputFormat.js';

export interface FormatEntry {
  name: string;
  /** What it is, for --help and the docs. */
  summary: string;
  /** The file the Action (and `review pr`) writes by default; null: a terminal report, not offered in CI. */
  ciFile: string | null;
  load(): Promise<OutputFormat>;
}

export const FORMATS = [
  {
    name: 'text',
    summary: 'the terminal report (the default)',
    ciFile: null,
    load: async () => (await import('./terminal.js')).textFormat,
  },
  {
    name: 'json',
    summary: "hunkwise's JSON report (schema/report.json); from `review pr`, the fork-safe artifact",
    ciFile: 'hunkwise-findings.json',
    load: async () => (await import('./json.js')).jsonFormat,
  },
  {
    name: 'sarif',
    summary: 'SARIF 2.1.0, for code scanning (github/codeql-action/upload-sarif)',
    ciFile: 'hunkwise.sarif',
    load: async () => (await import('./sarif.js')).sarifFormat,
  },
  {
    name: 'rdjson',
    summary: "reviewdog's Diagnostic Format, for `reviewdog -f=rdjson`",
    ciFile: 'hunkwise.rdjson',
    load: async () => (await import('./rdjson.js')).rdjsonFormat,
  },
] as const satisfies readonly FormatEntry[];

export type FormatName = (typeof FORMATS)[number]['name'];
/** The formats a CI run writes to a file. */
export type CiFormatName = Extract<(typeof FORMATS)[number], { ciFile: string }>['name'];

export const FORMAT_NAMES: readonly FormatName[] = FORMATS.map((f) => f.name);
export const CI_FORMATS: readonly CiFormatName[] = FORMATS.flatMap((f) => (f.ciFile ? [f.name] : []));

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

export function isCiFormat(name: string): name is CiFormatName {
  return (CI_FORMATS as readonly string[]).includes(name);
}

export function formatEntry(name: FormatName): FormatEntry {
  return FORMATS.find((f) => f.name === name) as FormatEntry;
}

/** The file a CI run writes `name` to when no output is given. */
export function ciFileOf(name: CiFormatName): string {
  return formatEntry(name).ciFile as string;
}

/** Renders `result` as `name`, loading that format's module. */
export async function renderAs(
  name: FormatName,
  result: ReviewResult,
  options: RenderOptions,
): Promise<string> {
  return (await formatEntry(name).load()).render(result, options);
}

/** `a|b|c` for usage lines. */
export const formatChoices = (names: readonly string[]) => names.join('|');
