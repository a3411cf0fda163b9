// The fork-safe hand-over: the untrusted run writes its review as JSON, the trusted run validates it
// strictly (it is attacker-controlled) and turns it back into a ReviewResult to post.
import { z } from 'zod';
import type { SuppressedFinding } from '../memory/record.js';
import { ARTIFACT_KIND } from '../report/json.js';
import { type JsonReport, reportSchema } from '../report/reportSchema.js';
import type { FileDiff, Hunk, HunkOutcome, PlacedFinding, ReviewResult, RouteDecision } from '../types.js';
import { isSafePath } from './safePath.js';

/** Refuse anything bigger before parsing it. */
export const ARTIFACT_MAX_BYTES = 25 * 1024 * 1024;

const sha = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'a full commit id');

const envelope = z
  .object({
    kind: z.literal(ARTIFACT_KIND),
    version: z.literal(1),
    pullRequest: z
      .object({
        repository: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'owner/name'),
        number: z.number().int().positive(),
        headSha: sha,
        baseSha: sha,
      })
      .strict(),
    report: z.unknown(),
  })
  .strict();

export type PullRequestArtifact = {
  pullRequest: z.infer<typeof envelope>['pullRequest'];
  report: JsonReport;
};

function limits(report: JsonReport): string[] {
  const issues: string[] = [];
  if (report.findings.length > 5000) issues.push('more than 5000 findings');
  if (report.hunks.length > 200_000) issues.push('more than 200000 hunks');
  for (const [i, f] of report.findings.entries()) {
    if (!isSafePath(f.file)) issues.push(`findings.${i}.file is not a safe relative path`);
    if (!/^[0-9a-f]{8,64}$/.test(f.fingerprint))
      issues.push(`findings.${i}.fingerprint is not a hex fingerprint`);
    if (f.line !== null && (f.line < 1 || (f.endLine ?? f.line) < f.line))
      issues.push(`findings.${i} has a bad range`);
  }
  for (const [i, f] of report.files.entries())
    if (!isSafePath(f.path)) issues.push(`files.${i}.path is not safe`);
  if (report.suppressed.length > 5000) issues.push('more than 5000 suppressed findings');
  for (const [i, s] of report.suppressed.entries()) {
    if (!isSafePath(s.finding.file)) issues.push(`suppressed.${i}.finding.file is not a safe relative path`);
    if ((s.record.file === null) === (s.record.glob === null))
      issues.push(`suppressed.${i}.record names neither or both of file and glob`);
  }
  return issues;
}

export function parseArtifact(value: unknown): { artifact: PullRequestArtifact } | { issues: string[] } {
  const outer = envelope.safeParse(value);
  if (!outer.success)
    return { issues: outer.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
  const report = reportSchema.safeParse(outer.data.report);
  if (!report.success)
    return { issues: report.error.issues.map((i) => `report.${i.path.join('.')}: ${i.message}`) };
  const issues = limits(report.data);
  if (issues.length) return { issues };
  return { artifact: { pullRequest: outer.data.pullRequest, report: report.data } };
}

type WithoutMessage<T> = T extends unknown ? Omit<T, 'message'> : never;

/** A code as the report carries it, without the sentence rendered for it (rendered again when shown). */
function bare<T extends { message: string }>(value: T): WithoutMessage<T> {
  const { message: _rendered, ...code } = value;
  return code as WithoutMessage<T>;
}

function placedFromJson(f: JsonReport['findings'][number]): PlacedFinding {
  return {
    placement: f.placement,
    finding: {
      file: f.file,
      range: f.line === null ? null : { start: f.line, end: f.endLine ?? f.line },
      severity: f.severity,
      category: f.category,
      message: f.message,
      ...(f.quote !== null ? { quote: f.quote } : {}),
      ...(f.suggestion !== null ? { suggestion: f.suggestion } : {}),
      source: f.source,
      origin: f.origin,
      fingerprint: f.fingerprint,
    },
  };
}

/** Back from the JSON report to the ReviewResult reporters take; hunks come without their lines. */
export function resultFromReport(report: JsonReport): ReviewResult {
  const files: FileDiff[] = report.files.map((f) => ({
    oldPath: f.status === 'added' ? null : (f.oldPath ?? f.path),
    newPath: f.status === 'deleted' ? null : f.path,
    path: f.path,
    status: f.status,
    kind: f.kind,
    oldMode: null,
    newMode: null,
    similarity: null,
    encoding: 'utf8',
    added: f.added,
    deleted: f.deleted,
    hunks: [],
    ...(f.skipped ? { skipped: f.skipped } : {}),
  }));
  const decisions: RouteDecision[] = [];
  const outcomes: HunkOutcome[] = [];
  for (const h of report.hunks) {
    const hunk: Hunk = {
      file: h.file,
      oldStart: h.oldStart,
      oldLines: h.oldLines,
      newStart: h.newStart,
      newLines: h.newLines,
      section: h.section,
      lines: [],
      hash: h.hash,
    };
    decisions.push({
      hunk,
      route: h.route,
      reasons: h.reasons,
      estimatedTokens: h.estimatedTokens,
      securityScore: h.securityScore,
    });
    const r = h.review;
    const notes = r.notes.map(bare);
    if (r.status === 'reviewed') outcomes.push({ hunk, route: h.route, status: 'reviewed', by: r.by, notes });
    else if (r.status === 'skipped')
      outcomes.push({ hunk, route: 'skip', status: 'skipped', reason: bare(r.reason), notes });
    else outcomes.push({ hunk, route: h.route, status: 'notReviewed', reason: bare(r.reason), notes });
  }
  const findings: PlacedFinding[] = report.findings.map(placedFromJson);
  const suppressed: SuppressedFinding[] = report.suppressed.map((s) => {
    const r = s.record;
    const scope = r.glob !== null ? { glob: r.glob } : { file: r.file ?? s.finding.file };
    return {
      finding: placedFromJson(s.finding),
      record: {
        kind: 'dismiss',
        ...scope,
        fingerprint: r.fingerprint,
        message: r.message,
        ...(r.quote !== null ? { quote: r.quote } : {}),
        ...(r.reason !== null ? { reason: r.reason } : {}),
        who: r.who,
        when: r.when,
      },
      match: s.match,
      similarity: s.similarity,
    };
  });
  const { findings: _counts, ...cost } = report.totals;
  return {
    source: report.source,
    files,
    decisions,
    outcomes,
    findings,
    suppressed,
    memory: report.memory,
    usage: report.usage,
    cost,
    notices: report.notices.map(bare),
    dryRun: report.dryRun,
    durationMs: report.durationMs,
  };
}
