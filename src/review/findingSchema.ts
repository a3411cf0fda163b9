// The answer shape both models must produce, written once as zod: the JSON Schema sent to the APIs is generated
// from it, and the check applied to each finding is the same fields with repairs in front. Whatever the schema
// allows, the check accepts; what small models get wrong anyway (a severity word, a number as a string, a line
// that is 0, negative or missing) is repaired, never a reason to drop the finding.
import { z } from 'zod';
import type { FindingCandidate } from '../findings/anchor.js';
import { MODEL_CATEGORIES, SEVERITIES, type Severity } from '../vocabulary.js';

export { MODEL_CATEGORIES };

/** Written on a finding about the file as a whole; anchoring places it at file level (findings/anchor.ts). */
export const NO_LINE = 0;

/** One finding exactly as the schema sent to the models describes it. */
const wireFinding = z.strictObject({
  file: z.string().describe('Path of the file exactly as given in the hunk header.'),
  line: z
    .int()
    .describe(
      `New-side line number of the first offending line; ${NO_LINE} when the finding is about the whole file.`,
    ),
  end_line: z.int().describe('New-side line number of the last offending line.').optional(),
  severity: z.enum(SEVERITIES),
  category: z.enum(MODEL_CATEGORIES),
  message: z.string().describe('What is wrong and why, in one or two sentences.'),
  quote: z.string().describe('The offending code copied verbatim, without line numbers.'),
  suggestion: z.string().describe('Replacement code for the quoted lines, if any.').optional(),
});

/** Keywords the generated schema may use: the subset Ollama's grammar and Claude's structured outputs both take. */
export const SCHEMA_KEYWORDS = [
  'type',
  'properties',
  'items',
  'required',
  'additionalProperties',
  'enum',
  'description',
] as const;

/** zod bounds every integer by the safe-integer range; neither API takes minimum/maximum, and a line needs none. */
function withoutBounds(ctx: { jsonSchema: Record<string, unknown> }): void {
  if (ctx.jsonSchema.type !== 'integer') return;
  delete ctx.jsonSchema.minimum;
  delete ctx.jsonSchema.maximum;
}

function toJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', override: withoutBounds });
  return rest;
}

/**
 * Sent as Ollama's `format` and Claude's `output_config.format.schema`, generated from the zod shape above.
 * @see https://github.com/ollama/ollama/blob/main/docs/capabilities/structured-outputs.mdx
 * @see https://platform.claude.com/docs/en/build-with-claude/structured-outputs
 */
export const findingsJsonSchema: Record<string, unknown> = toJsonSchema(
  z.strictObject({ findings: z.array(wireFinding) }),
);

/** Small models say "error" or "High"; map the common words instead of losing the finding. */
const SEVERITY_SYNONYMS: Record<string, Severity> = {
  low: 'minor',
  warning: 'minor',
  warn: 'minor',
  medium: 'major',
  moderate: 'major',
  error: 'major',
  high: 'critical',
  blocker: 'critical',
  note: 'info',
  suggestion: 'info',
  nit: 'info',
};

function normaliseSeverity(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const word = value.trim().toLowerCase();
  return SEVERITY_SYNONYMS[word] ?? word;
}

function normaliseCategory(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const word = value.trim().toLowerCase();
  return (MODEL_CATEGORIES as readonly string[]).includes(word) ? word : 'other';
}

/** A usable new-side line number (a positive safe integer, or one written as a string), else null. */
function lineOf(value: unknown): number | null {
  const number = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  return Number.isSafeInteger(number) && (number as number) > 0 ? (number as number) : null;
}

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);
const blankToUndefined = (value: unknown) =>
  value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;

/**
 * One finding as a model proposes it, checked field by field against the wire shape after repairs; nothing
 * about its place is trusted yet (see findings/anchor.ts). Only a finding with no file or no message is
 * refused (counted as dropped): there is nothing to say, or nowhere to say it.
 */
export const findingCandidateSchema = z.object({
  file: z.preprocess(trimmed, wireFinding.shape.file.min(1)),
  line: z.preprocess((value) => lineOf(value) ?? NO_LINE, wireFinding.shape.line),
  end_line: z.preprocess((value) => lineOf(value) ?? undefined, wireFinding.shape.end_line),
  severity: z.preprocess(normaliseSeverity, wireFinding.shape.severity),
  category: z.preprocess(normaliseCategory, wireFinding.shape.category),
  message: z.preprocess(trimmed, wireFinding.shape.message.min(1)),
  // Asked for, but a finding without a quote still stands: anchoring falls back to the line.
  quote: z.preprocess(blankToUndefined, wireFinding.shape.quote.optional()),
  suggestion: z.preprocess(blankToUndefined, wireFinding.shape.suggestion),
});

export type { FindingCandidate };

/** Fails to compile when the schema and the candidate the anchoring code takes disagree. */
export type CandidateMatchesSchema = [
  z.output<typeof findingCandidateSchema> extends FindingCandidate ? true : never,
  FindingCandidate extends z.output<typeof findingCandidateSchema> ? true : never,
];
