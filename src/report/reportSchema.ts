// The shape of `--format json`, published as schema/report.json. Bump REPORT_VERSION on breaking changes.
import { z } from 'zod';
import {
  CATEGORIES,
  FILE_KINDS,
  FILE_SKIP_REASONS,
  FILE_STATUSES,
  FINDING_SOURCES,
  PLACEMENTS,
  PROVIDER_IDS,
  ROLES,
  ROUTES,
  SEVERITIES,
} from '../vocabulary.js';
import { noteJson, noticeJson, reasonJson, skippedJson } from './reasonSchemas.js';
import { REPORT_VERSION } from './reportVersion.js';

export { REPORT_VERSION };

const severity = z.enum(SEVERITIES);
const count = z.number().int().nonnegative();
const route = z.enum(ROUTES);
const reason = z.object({ code: z.string(), detail: z.string() }).strict();
const notes = z.array(noteJson);

const review = z.discriminatedUnion('status', [
  z
    .object({
      status: z.literal('reviewed'),
      by: z
        .array(z.enum(FINDING_SOURCES))
        .describe('The rules, and the model (by route name) that reviewed it.'),
      notes,
    })
    .strict(),
  z.object({ status: z.literal('notReviewed'), reason: reasonJson, notes }).strict(),
  z.object({ status: z.literal('skipped'), reason: skippedJson, notes }).strict(),
]);

const hunk = z
  .object({
    file: z.string(),
    status: z.enum(FILE_STATUSES),
    oldStart: z.number().int(),
    oldLines: z.number().int(),
    newStart: z.number().int(),
    newLines: z.number().int(),
    added: z.number().int(),
    deleted: z.number().int(),
    section: z.string(),
    hash: z.string(),
    route,
    reasons: z.array(reason),
    estimatedTokens: z.number().int(),
    securityScore: z.number(),
    review,
  })
  .strict();

const file = z
  .object({
    path: z.string(),
    oldPath: z.string().nullable(),
    status: z.enum(FILE_STATUSES),
    kind: z.enum(FILE_KINDS),
    added: z.number().int(),
    deleted: z.number().int(),
    hunks: z.number().int(),
    skipped: z
      .object({ reason: z.enum(FILE_SKIP_REASONS), detail: z.string() })
      .strict()
      .nullable(),
  })
  .strict();

const finding = z
  .object({
    file: z.string(),
    line: z
      .number()
      .int()
      .nullable()
      .describe('First new-side line (1-based); null for a file-level finding.'),
    endLine: z.number().int().nullable(),
    severity,
    category: z.enum(CATEGORIES),
    message: z.string(),
    suggestion: z.string().nullable(),
    quote: z.string().nullable(),
    source: z.enum(FINDING_SOURCES),
    origin: z.string(),
    fingerprint: z.string(),
    placement: z.enum(PLACEMENTS),
  })
  .strict();

const suppressed = z
  .object({
    finding,
    record: z
      .object({
        fingerprint: z.string(),
        file: z.string().nullable(),
        glob: z.string().nullable(),
        message: z.string(),
        quote: z.string().nullable(),
        reason: z.string().nullable(),
        who: z.string(),
        when: z.string(),
      })
      .strict()
      .describe('The dismissal in the memory file (or the pull request) that the finding matched.'),
    match: z
      .enum(['fingerprint', 'text', 'embedding'])
      .describe('Same fingerprint, same normalised message and quote, or similar meaning.'),
    similarity: z
      .number()
      .nullable()
      .describe('Cosine similarity of message + quote for an embedding match; null otherwise.'),
  })
  .strict();

const memory = z
  .object({
    file: z.string(),
    dismissals: z.number().int(),
    notes: z.number().int(),
    issues: z.array(z.object({ line: z.number().int(), message: z.string() }).strict()),
    matching: z
      .enum(['embeddings', 'text'])
      .describe('embeddings: by meaning; text: the embedding model was off or unavailable.'),
    notesUsed: z.number().int().describe('Distinct team notes included in at least one prompt.'),
    hunksWithNotes: z.number().int().describe('Hunks sent to a model with at least one note.'),
  })
  .strict();

const usage = z
  .object({
    model: z.string(),
    role: z.enum(ROLES).describe('The role the model played: local, or escalation (the route named claude).'),
    provider: z.enum(PROVIDER_IDS),
    requests: z.number().int(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    cacheReadTokens: z.number().int(),
    cacheWriteTokens: z.number().int(),
    cacheHits: z.number().int(),
    costUsd: z.number(),
    hosts: z
      .array(
        z
          .object({
            host: z.string(),
            requests: z.number().int(),
            inputTokens: z.number().int(),
            outputTokens: z.number().int(),
          })
          .strict(),
      )
      .optional()
      .describe('Per server of your own (local.host, or each of local.hosts), by URL.'),
  })
  .strict();

export const reportSchema = z
  .object({
    version: z.literal(REPORT_VERSION),
    tool: z.object({ name: z.literal('hunkwise'), version: z.string() }).strict(),
    source: z.string(),
    dryRun: z.boolean(),
    durationMs: z.number().int(),
    files: z.array(file),
    hunks: z.array(hunk),
    findings: z.array(finding),
    suppressed: z
      .array(suppressed)
      .describe('Findings the team memory suppressed: not in findings, never lost (docs/memory.md).'),
    memory: memory.nullable().describe('What the team memory contributed; null when memory.enabled is off.'),
    usage: z.array(usage),
    totals: z
      .object({
        localTokens: z
          .number()
          .int()
          .describe('Estimated tokens of the hunks the local model reviewed (in a dry run: would review).'),
        claudeTokens: z
          .number()
          .int()
          .describe('Estimated tokens of the hunks Claude reviewed (in a dry run: would review).'),
        reviewedTokens: z
          .number()
          .int()
          .describe('Estimated tokens of the hunks a model reviewed: what savingPercent is measured over.'),
        allClaudeTokens: z
          .number()
          .int()
          .describe(
            'Estimated tokens of every hunk routed to a model, as if all went to Claude: the baseline, the same in a dry run and a real run.',
          ),
        claudeCostUsd: z
          .number()
          .describe('Billed by Claude in this run (0 when not called); estimated in a dry run.'),
        allClaudeCostUsd: z.number().describe('The baseline at the configured price (an estimate).'),
        savingPercent: z
          .number()
          .nullable()
          .describe(
            "Share of the reviewed hunks' estimated tokens that did not go to Claude; null when no model reviewed a hunk (dry run, services down, all left for CI).",
          ),
        hunks: z
          .object({
            reviewed: count.describe('Reviewed by a model.'),
            rulesOnly: count
              .default(0)
              .describe(
                'Reviewed by the deterministic rules alone (review.by is only `rule`): no model read them, nothing failed. Absent from reports of earlier versions: 0.',
              ),
            leftForCi: count.describe('Escalated and left for the CI review (the hook does not escalate).'),
            notReviewed: count.describe("Routed to a model and not reviewed (see each hunk's reason)."),
            skipped: count.describe('Sent to no model by routing.'),
          })
          .strict()
          .describe(
            'What the saving speaks for: reviewed by a model, by the rules only, left for CI, not reviewed, skipped.',
          ),
        findings: z.record(severity, z.number().int()),
      })
      .strict(),
    notices: z.array(noticeJson),
  })
  .strict();

export type JsonReport = z.infer<typeof reportSchema>;
