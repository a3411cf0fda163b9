// zod schemas of the typed codes in src/reasons.ts, for the JSON report (schema/report.json) and for reading
// an untrusted artifact back. Each is checked against its type at compile time, so the two cannot drift.
import { z } from 'zod';
import type { Notice, NotReviewedReason, OutcomeNote, SkippedReason, Unavailable } from '../reasons.js';
import { PROVIDER_IDS, ROLES } from '../vocabulary.js';

const role = z.enum(ROLES).meta({ id: 'Role' });
const provider = z.enum(PROVIDER_IDS);
const endpoint = z.string().nullable();
const count = z.number().int().nonnegative();

const unavailable = z.union([
  z.strictObject({ code: z.enum(['flag', 'hook', 'disabled']), role }),
  z.strictObject({
    code: z.enum(['not-configured', 'check-failed']),
    role,
    reason: z.string(),
    fix: z.string(),
  }),
  z.strictObject({
    code: z.literal('check-timeout'),
    role,
    provider,
    servers: z
      .array(z.string())
      .describe('The URLs of the servers that stayed silent (every server of a pool).'),
    seconds: z.number().nonnegative().describe('How long the check waited for an answer.'),
    pauseMinutes: count.describe('How long the hook skips the server now (0: not remembered, in CI).'),
  }),
  z.strictObject({
    code: z.literal('paused'),
    role,
    provider,
    endpoint,
    since: z.string().describe('When the server stalled (ISO 8601).'),
    until: z.string().describe('When the hook tries it again at the latest (ISO 8601).'),
  }),
]);

const reviewerFailures = [
  z.strictObject({ code: z.literal('unavailable'), reviewers: z.array(unavailable) }),
  z.strictObject({ code: z.literal('over-budget'), tokens: count, left: count }),
  z.strictObject({ code: z.literal('model-failed'), role, detail: z.string() }),
  z.strictObject({ code: z.literal('no-answer'), role }),
] as const;
const reviewerFailure = z
  .union(reviewerFailures)
  .meta({ id: 'ReviewerFailure', description: 'Why one reviewer did not review a hunk.' });

/** The members of each union with `extra` fields added (the JSON report adds the rendered `message`). */
function reasonMembers<E extends z.ZodRawShape>(extra: E) {
  return [
    z.strictObject({ code: z.enum(['dry-run', 'left-for-ci', 'interrupted', 'time-budget']), ...extra }),
    ...reviewerFailures.map((member) => z.strictObject({ ...member.shape, ...extra })),
  ] as const;
}

function skippedMembers<E extends z.ZodRawShape>(extra: E) {
  return z.strictObject({ code: z.literal('routing-skip'), detail: z.string(), ...extra });
}

function noteMembers<E extends z.ZodRawShape>(extra: E) {
  return [
    z.strictObject({ code: z.enum(['from-cache', 'never-send', 'escalation-left-for-ci']), ...extra }),
    z.strictObject({
      code: z.literal('fell-back'),
      from: role,
      to: role,
      because: reviewerFailure,
      ...extra,
    }),
  ] as const;
}

function noticeMembers<E extends z.ZodRawShape>(extra: E) {
  return [
    z.strictObject({ code: z.literal('reviewer-unavailable'), unavailable, ...extra }),
    z.strictObject({ code: z.literal('over-budget'), hunks: count, budgetTokens: count, ...extra }),
    z.strictObject({ code: z.enum(['secrets-redacted', 'cache-unreadable']), count, ...extra }),
    z.strictObject({ code: z.literal('unpriced'), model: z.string(), ...extra }),
    z.strictObject({
      code: z.literal('output-repaired'),
      role,
      reanchored: count,
      fileLevel: count,
      dropped: count,
      retried: count,
      ...extra,
    }),
    z.strictObject({
      code: z.literal('stalled'),
      role,
      provider,
      endpoint,
      waitedSeconds: count,
      pauseMinutes: count,
      ...extra,
    }),
    z.strictObject({ code: z.literal('model-note'), role, detail: z.string(), ...extra }),
    z.strictObject({ code: z.literal('verified'), confirmed: count, rejected: count, ...extra }),
    z.strictObject({ code: z.literal('verification-failed'), detail: z.string(), ...extra }),
    z.strictObject({
      code: z.literal('triage'),
      asked: count,
      escalated: count,
      failed: count,
      tokens: count,
      detail: z.string().optional(),
      ...extra,
    }),
    z.strictObject({ code: z.literal('verdict-missing'), ...extra }),
    z.strictObject({
      code: z.literal('memory-line-invalid'),
      file: z.string(),
      line: count,
      detail: z.string(),
      ...extra,
    }),
    z.strictObject({ code: z.literal('memory-lines-invalid'), file: z.string(), more: count, ...extra }),
    z.strictObject({
      code: z.literal('embeddings-unavailable'),
      model: z.string(),
      cause: z
        .enum(['bad-host', 'unreachable', 'model-missing', 'timeout', 'time-budget', 'cancelled', 'failed'])
        .default('failed')
        .describe(
          "Why: time-budget = the hook's time budget ran out while the call waited (not the server's fault); cancelled = Ctrl-C / SIGTERM; timeout = memory.timeout_seconds; failed = any other answer (see reason). Absent from reports of earlier versions: failed.",
        ),
      reason: z.string(),
      fix: z.string(),
      ...extra,
    }),
  ] as const;
}

const message = { message: z.string().describe('The sentence hunkwise shows for this code.') };

export const reasonJson = z.union(reasonMembers(message));
export const skippedJson = skippedMembers(message);
export const noteJson = z.union(noteMembers(message));
export const noticeJson = z.union(noticeMembers(message));

// ---- compile-time checks: each schema (without `message`) describes exactly its type -------------------

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type Bare = Record<never, never>;

/** Fails to compile when a schema above and its type in src/reasons.ts disagree. */
export type SchemaMatchesTypes = [
  Assert<Same<z.output<typeof unavailable>, Unavailable>>,
  Assert<Same<z.output<z.ZodUnion<ReturnType<typeof reasonMembers<Bare>>>>, NotReviewedReason>>,
  Assert<Same<z.output<ReturnType<typeof skippedMembers<Bare>>>, SkippedReason>>,
  Assert<Same<z.output<z.ZodUnion<ReturnType<typeof noteMembers<Bare>>>>, OutcomeNote>>,
  Assert<Same<z.output<z.ZodUnion<ReturnType<typeof noticeMembers<Bare>>>>, Notice>>,
];
