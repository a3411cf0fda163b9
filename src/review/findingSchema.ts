// The answer shape both models must produce: a JSON Schema for the APIs and a zod check for each finding.
import { z } from 'zod';
import type { FindingCandidate } from '../findings/anchor.js';
import { MODEL_CATEGORIES, SEVERITIES, type Severity } from '../vocabulary.js';

export { MODEL_CATEGORIES };

/**
 * Sent as Ollama's `format` and Claude's `output_config.format.schema`. Kept to the JSON Schema subset
 * both accept (no min/max, no patterns, `additionalProperties: false` on every object).
 * @see https://github.com/ollama/ollama/blob/main/docs/capabilities/structured-outputs.mdx
 */
export const findingsJsonSchema = {
  type: 'object',
  properties: {
    findings: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          file: { type: 'string', description: 'Path of the file exactly as given in the hunk header.' },
          line: { type: 'integer', description: 'New-side line number of the first offending line.' },
          end_line: { type: 'integer', description: 'New-side line number of the last offending line.' },
          severity: { type: 'string', enum: [...SEVERITIES] },
          category: { type: 'string', enum: [...MODEL_CATEGORIES] },
          message: { type: 'string', description: 'What is wrong and why, in one or two sentences.' },
          quote: { type: 'string', description: 'The offending code copied verbatim, without line numbers.' },
          suggestion: { type: 'string', description: 'Replacement code for the quoted lines, if any.' },
        },
        required: ['file', 'line', 'severity', 'category', 'message', 'quote'],
        additionalProperties: false,
      },
    },
  },
  required: ['findings'],
  additionalProperties: false,
} as const;

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

/** A line number as a positive integer; small models sometimes send "12". */
const lineNumber = z.preprocess(
  (value) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
  z.number().int().positive(),
);

const optionalText = z.preprocess(
  (value) => (value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value),
  z.string().optional(),
);

/** One finding as a model proposes it; nothing about it is trusted yet (see findings/anchor.ts). */
export const findingCandidateSchema = z.object({
  file: z.string().trim().min(1),
  line: lineNumber,
  end_line: z.preprocess((value) => (value === null ? undefined : value), lineNumber.optional()),
  severity: z.preprocess(normaliseSeverity, z.enum(SEVERITIES)),
  category: z.preprocess(normaliseCategory, z.enum(MODEL_CATEGORIES)),
  message: z.string().trim().min(1),
  quote: optionalText,
  suggestion: optionalText,
});

export type { FindingCandidate };

/** Fails to compile when the schema and the candidate the anchoring code takes disagree. */
export type CandidateMatchesSchema = [
  z.output<typeof findingCandidateSchema> extends FindingCandidate ? true : never,
  FindingCandidate extends z.output<typeof findingCandidateSchema> ? true : never,
];
