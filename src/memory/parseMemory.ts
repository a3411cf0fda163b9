// Pure: the memory file's text → its valid records and, with line numbers, every line that is not one.
// A bad line (a merge-conflict marker, a hand edit gone wrong) never stops a review and is never skipped quietly.
import { z } from 'zod';
import { globProblem } from '../rules/compileGlob.js';
import { CATEGORIES } from '../vocabulary.js';
import type { MemoryIssue, MemoryRecord } from './record.js';

/** Longest note or message kept; longer text is a mistake (a pasted file), not guidance. */
export const MAX_TEXT_CHARS = 2000;

const text = z.string().trim().min(1).max(MAX_TEXT_CHARS);
const common = {
  who: z.string().trim().min(1).max(200),
  when: z.iso.datetime({ offset: true }),
};
const scope = {
  file: z.string().min(1).optional(),
  // The file is the repository's (a pull request can edit it): a glob RE2 cannot run is a reported line.
  glob: z
    .string()
    .min(1)
    .refine((glob) => globProblem(glob) === null, {
      error: (issue) => globProblem(String(issue.input)) ?? '',
    })
    .optional(),
};

const dismiss = z
  .object({
    kind: z.literal('dismiss'),
    fingerprint: z.string().regex(/^[0-9a-f]{8,64}$/, 'must be the hex fingerprint of a finding'),
    ...scope,
    category: z.enum(CATEGORIES).optional(),
    message: text,
    quote: z.string().max(MAX_TEXT_CHARS).optional(),
    reason: z.string().max(MAX_TEXT_CHARS).optional(),
    ...common,
  })
  .refine((r) => (r.file === undefined) !== (r.glob === undefined), {
    message: 'a dismissal names exactly one of "file" or "glob"',
  });

const note = z
  .object({ kind: z.literal('note'), message: text, ...scope, ...common })
  .refine((r) => r.file === undefined || r.glob === undefined, {
    message: 'a note names at most one of "file" or "glob"',
  });

const record = z.discriminatedUnion('kind', [dismiss, note]);

export interface ParsedMemory {
  records: MemoryRecord[];
  issues: MemoryIssue[];
}

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export function parseMemory(source: string): ParsedMemory {
  const records: MemoryRecord[] = [];
  const issues: MemoryIssue[] = [];
  source.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      issues.push({ line: index + 1, message: `not JSON (${(error as Error).message})` });
      return;
    }
    const parsed = record.safeParse(value);
    if (parsed.success) records.push(parsed.data as MemoryRecord);
    else issues.push({ line: index + 1, message: describe(parsed.error) });
  });
  return { records, issues };
}
