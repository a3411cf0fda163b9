/**
 * Version of the `--format json` document (schema/report.json); bump on breaking changes to its shape.
 * Its own module so that the JSON reporter does not load the zod schema, and the schema does not load the reporter.
 * 2: reasons, notes and notices are typed codes with their details and a `message`; usage names the role;
 *    `review.by` says `rule`, as finding sources do.
 * 3: `suppressed` (findings the team memory suppressed, with the record each matched) and `memory`; later,
 *    `totals.hunks.rulesOnly` (added, not breaking: a report without it reads as 0), and the
 *    `embeddings-unavailable` notice's `cause` (a report without it reads as `failed`).
 */
export const REPORT_VERSION = 3;
