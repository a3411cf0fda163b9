// `--format json`: one document on stdout, shaped by src/report/reportSchema.ts (schema/report.json). Every
// typed code travels with its details and the sentence hunkwise shows for it.

import type { SuppressedFinding } from '../memory/record.js';
import { describeNote, describeNotice, describeReason } from '../messages/outcomes.js';
import type { OutcomeNote } from '../reasons.js';
import type { HunkOutcome, PlacedFinding, ReviewResult } from '../types.js';
import { TOOL_VERSION } from '../version.js';
import { SEVERITIES, type Severity } from '../vocabulary.js';
import type { ChangeRequestIdentity, OutputFormat } from './outputFormat.js';
import type { JsonReport } from './reportSchema.js';
import { REPORT_VERSION } from './reportVersion.js';

export { REPORT_VERSION };

type JsonReview = JsonReport['hunks'][number]['review'];

const notesOf = (notes: readonly OutcomeNote[]) =>
  notes.map((note) => ({ ...note, message: describeNote(note) }));

function reviewOf(outcome: HunkOutcome | undefined): JsonReview {
  // Every decision has an outcome; should one ever be missing, the hunk is not claimed as reviewed.
  if (!outcome) {
    const reason = { code: 'unavailable' as const, reviewers: [] };
    return { status: 'notReviewed', reason: { ...reason, message: describeReason(reason) }, notes: [] };
  }
  const notes = notesOf(outcome.notes);
  if (outcome.status === 'reviewed') return { status: 'reviewed', by: outcome.by, notes };
  const message = describeReason(outcome.reason);
  if (outcome.status === 'skipped')
    return { status: 'skipped', reason: { ...outcome.reason, message }, notes };
  return { status: 'notReviewed', reason: { ...outcome.reason, message }, notes };
}

export function toJsonReport(result: ReviewResult): JsonReport {
  const statusOf = new Map(result.files.map((f) => [f.path, f.status]));
  const outcomeOf = new Map(result.outcomes.map((o) => [o.hunk, o]));
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const { finding } of result.findings) counts[finding.severity] += 1;
  return {
    version: REPORT_VERSION,
    tool: { name: 'hunkwise', version: TOOL_VERSION },
    source: result.source,
    dryRun: result.dryRun,
    durationMs: Math.round(result.durationMs),
    files: result.files.map((f) => ({
      path: f.path,
      oldPath: f.oldPath !== f.newPath ? f.oldPath : null,
      status: f.status,
      kind: f.kind,
      added: f.added,
      deleted: f.deleted,
      hunks: f.hunks.length,
      skipped: f.skipped ?? null,
    })),
    hunks: result.decisions.map((d) => ({
      file: d.hunk.file,
      status: statusOf.get(d.hunk.file) ?? 'modified',
      oldStart: d.hunk.oldStart,
      oldLines: d.hunk.oldLines,
      newStart: d.hunk.newStart,
      newLines: d.hunk.newLines,
      added: d.hunk.lines.filter((l) => l.kind === 'add').length,
      deleted: d.hunk.lines.filter((l) => l.kind === 'del').length,
      section: d.hunk.section,
      hash: d.hunk.hash,
      route: d.route,
      reasons: d.reasons,
      estimatedTokens: d.estimatedTokens,
      securityScore: Math.round(d.securityScore * 100) / 100,
      review: reviewOf(outcomeOf.get(d.hunk)),
    })),
    findings: result.findings.map(findingJson),
    suppressed: result.suppressed.map(suppressedJson),
    memory: result.memory,
    usage: result.usage,
    totals: { ...result.cost, findings: counts },
    notices: result.notices.map((notice) => ({ ...notice, message: describeNotice(notice) })),
  };
}

/** What `review pr --format json` writes: the report and the change request it is for (the fork-safe artifact). */
export const ARTIFACT_KIND = 'hunkwise-pull-request-review';

export function toArtifact(result: ReviewResult, changeRequest: ChangeRequestIdentity): object {
  return { kind: ARTIFACT_KIND, version: 1, pullRequest: changeRequest, report: toJsonReport(result) };
}

export const jsonFormat = {
  render(result, options) {
    const doc = options.changeRequest ? toArtifact(result, options.changeRequest) : toJsonReport(result);
    return `${JSON.stringify(doc, null, 2)}\n`;
  },
} satisfies OutputFormat;
/** A finding as every machine-readable output carries it (also `.git/hunkwise/last-run.json`). */
export function findingJson({ finding, placement }: PlacedFinding): JsonReport['findings'][number] {
  return {
    file: finding.file,
    line: finding.range?.start ?? null,
    endLine: finding.range?.end ?? null,
    severity: finding.severity,
    category: finding.category,
    message: finding.message,
    suggestion: finding.suggestion ?? null,
    quote: finding.quote ?? null,
    source: finding.source,
    origin: finding.origin,
    fingerprint: finding.fingerprint,
    placement,
  };
}

function suppressedJson(s: SuppressedFinding): JsonReport['suppressed'][number] {
  const r = s.record;
  return {
    finding: findingJson(s.finding),
    record: {
      fingerprint: r.fingerprint,
      file: r.file ?? null,
      glob: r.glob ?? null,
      message: r.message,
      quote: r.quote ?? null,
      reason: r.reason ?? null,
      who: r.who,
      when: r.when,
    },
    match: s.match,
    similarity: s.similarity,
  };
}
