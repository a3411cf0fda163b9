// Pure: this run's findings × what is already on the change request → what to post, edit and list.
import type { Config } from '../config/schema.js';
import { isModelReviewed } from '../coverage.js';
import type { DismissRecord } from '../memory/record.js';
import { suppressFindings } from '../memory/suppress.js';
import { githubMessages as m } from '../messages/github.js';
import type { FindingSource, ReviewResult } from '../types.js';
import { FINDING_CAPS } from './caps.js';
import { carryOver } from './carryOver.js';
import { type ChangeRequestDiff, canComment } from './commentableLines.js';
import {
  codeSpan,
  compareTracked,
  cutAtLine,
  inertCode,
  oneLine,
  producer,
  SEVERITY_LABEL,
  SEVERITY_ORDER,
  sanitize,
  sanitizeCut,
  track,
} from './markdown.js';
import {
  encodeState,
  formatMarker,
  type SummaryState,
  type TrackedFinding,
  withoutMarker,
} from './marker.js';
import { type SuggestionFit, suggestionFor } from './suggestion.js';
import { buildSummary, type ListedFinding } from './summary.js';

/** GitHub rejects comment and review bodies longer than this; the smallest limit of the hosts we post to. */
export const BODY_LIMIT = 65_536;
/** Part of the summary comment the hidden state may take. */
const STATE_BUDGET = 20_000;

export interface OwnComment {
  id: number;
  path: string;
  /** Current new-side line; null once the host considers the comment outdated. */
  line: number | null;
  fingerprint: string;
  resolved: boolean;
  body: string;
  /** Somebody other than hunkwise replied: the thread belongs to people now. */
  hasHumanReply: boolean;
}

export interface RemoteState {
  summary: { id: number; body: string; state: SummaryState | null } | null;
  comments: OwnComment[];
  diff: ChangeRequestDiff;
}

export type ReviewScope =
  | { kind: 'full'; notes: string[] }
  | { kind: 'incremental'; from: string; notes: string[] }
  | { kind: 'unchanged' };

/** A line comment to post on the new side of the diff: on `line`, or on `startLine..line`. */
export interface DraftComment {
  path: string;
  line: number;
  startLine?: number;
  body: string;
}

export interface PublishPlan {
  review: { body: string; comments: DraftComment[]; bodyWithComments: string } | null;
  /** Null: the summary comment is already up to date. */
  summary: { commentId: number | null; body: string } | null;
  resolve: Array<{ commentId: number; body: string }>;
  /** Every finding that stands on the change request after this run, and where it is shown. */
  outstanding: ListedFinding[];
  counts: { inline: number; summaryOnly: number; alreadyPosted: number; resolved: number };
}

export interface PlanInput {
  headSha: string;
  github: Config['github'];
  scope: ReviewScope;
  result: ReviewResult | null;
  remote: RemoteState;
  /** Where a reader finds everything when a body had to be cut (the job summary). */
  overflowTo: string;
  /** Findings dismissed in this pull request's conversation (earlier runs' and new), kept in the state. */
  dismissed?: readonly DismissRecord[];
  pullNumber?: number;
}

/**
 * A model's suggestion is replacement code: a fenced block longer than any backtick run inside it, a GitHub
 * ```suggestion when it replaces exactly the commented lines. Rules give advice.
 */
function suggestionBlock(f: TrackedFinding, suggestion: string, applicable: boolean): string {
  if (f.source === 'rule') return ` ${sanitize(suggestion)}`;
  const longest = Math.max(2, ...[...suggestion.matchAll(/`+/g)].map((x) => x[0].length));
  const fence = '`'.repeat(longest + 1);
  const code = inertCode(suggestion.replace(/\n+$/, ''));
  return `\n\n${fence}${applicable ? 'suggestion' : ''}\n${code}\n${fence}`;
}

export function inlineBody(
  f: TrackedFinding,
  suggestion: string | undefined,
  fit: SuggestionFit | null = null,
): string {
  const head = `**${SEVERITY_LABEL[f.severity]}** · ${f.category} · ${codeSpan(producer(f))}`;
  const message = sanitizeCut(f.message, FINDING_CAPS.message);
  // A suggestion GitHub applies must be whole: never cut one short (one over the cap is not applicable).
  const text = fit ? fit.code : suggestion?.slice(0, FINDING_CAPS.suggestion);
  const hint = text ? `\n\n**Suggestion:**${suggestionBlock(f, text, fit !== null)}` : '';
  return `${head}\n\n${message}${hint}\n\n${formatMarker('finding', { fp: f.fingerprint })}`;
}

export function resolvedBody(comment: OwnComment, sha: string): string {
  const original = withoutMarker(comment.body);
  const firstLine = oneLine(original.split('\n').find((l) => l.trim()) ?? '', 300);
  const body = [
    `~~${firstLine}~~`,
    '',
    `✅ ${m.resolvedIn(sha)}`,
    '',
    '<details><summary>Original comment</summary>',
    '',
    original,
    '',
    '</details>',
    '',
    formatMarker('finding', { fp: comment.fingerprint, resolved: sha }),
  ].join('\n');
  return body.length <= BODY_LIMIT
    ? body
    : `${cutAtLine(body, BODY_LIMIT - 200)}\n\n${formatMarker('finding', { fp: comment.fingerprint, resolved: sha })}`;
}

function stateFor(
  head: string,
  outstanding: readonly TrackedFinding[],
  dismissed: readonly DismissRecord[],
): string {
  let findings = [...outstanding].sort(compareTracked);
  const state = (dropped: number) => encodeState({ head, findings, dropped, dismissed: [...dismissed] });
  let encoded = state(0);
  while (encoded.length > STATE_BUDGET && findings.length > 0) {
    findings = findings.slice(0, Math.floor(findings.length * 0.8));
    encoded = state(outstanding.length - findings.length);
  }
  return encoded;
}

/**
 * A run that could not know the conversation (a fork-safe artifact) still honours it: the same suppression
 * as the engine's, by fingerprint, so the findings move to `suppressed` instead of vanishing.
 */
function withDismissals(
  result: ReviewResult | null,
  dismissed: readonly DismissRecord[],
): ReviewResult | null {
  if (!result || dismissed.length === 0) return result;
  const { findings, suppressed } = suppressFindings({
    findings: result.findings,
    records: dismissed,
    similarity: null,
    threshold: 1,
  });
  return suppressed.length
    ? { ...result, findings, suppressed: [...result.suppressed, ...suppressed] }
    : result;
}

function isPosted(f: TrackedFinding, comments: readonly OwnComment[]): boolean {
  return comments.some(
    (c) => !c.resolved && c.fingerprint === f.fingerprint && c.path === f.file && c.line === f.end,
  );
}

function hasOpenComment(f: TrackedFinding, comments: readonly OwnComment[]): boolean {
  return comments.some((c) => !c.resolved && c.fingerprint === f.fingerprint);
}

/**
 * Already visible: a comment the host still shows on a line, or a summary-only listing at the last head.
 * A comment the host marked outdated (line null) does not count: the finding moved, so it is posted again.
 */
function reportedBefore(
  f: TrackedFinding,
  previous: ReadonlySet<string>,
  comments: readonly OwnComment[],
): boolean {
  const own = comments.filter((c) => !c.resolved && c.fingerprint === f.fingerprint);
  if (own.length > 0) return own.some((c) => c.line !== null);
  return previous.has(f.fingerprint);
}

function draftFor(
  f: TrackedFinding,
  suggestion: string | undefined,
  fit: SuggestionFit | null,
): DraftComment {
  // A suggestion block replaces exactly startLine..line, so the comment spans the lines it replaces.
  const end = fit?.end ?? f.end ?? f.start ?? 1;
  const start = fit?.start ?? f.start ?? end;
  const base = { path: f.file, line: end, body: inlineBody(f, suggestion, fit) };
  return start < end ? { ...base, startLine: start } : base;
}

/** A suggestion over the cap is shown cut, as code, never as a one-click change. */
function applicable(fit: SuggestionFit | null): SuggestionFit | null {
  return fit && fit.code.length <= FINDING_CAPS.suggestion ? fit : null;
}

interface Placed {
  listed: ListedFinding[];
  drafts: DraftComment[];
  alreadyPosted: number;
}

function placeNew(input: PlanInput, previous: ReadonlySet<string>): Placed {
  const { github, remote } = input;
  const files = input.result?.files ?? [];
  const findings = (input.result?.findings ?? [])
    .map((p) => ({
      tracked: track(p.finding),
      suggestion: p.finding.suggestion,
      fit: applicable(suggestionFor(p.finding, files, remote.diff)),
    }))
    .sort((a, b) => compareTracked(a.tracked, b.tracked));
  const listed: ListedFinding[] = [];
  const drafts: DraftComment[] = [];
  let alreadyPosted = 0;
  for (const { tracked: f, suggestion, fit } of findings) {
    if (isPosted(f, remote.comments)) {
      alreadyPosted += 1;
      listed.push({ finding: f, where: 'posted' });
      continue;
    }
    const inlineable =
      f.start !== null &&
      SEVERITY_ORDER[f.severity] <= SEVERITY_ORDER[github.min_severity] &&
      drafts.length < github.max_comments &&
      canComment(remote.diff, f.file, f.start, f.end ?? f.start);
    if (inlineable && !reportedBefore(f, previous, remote.comments)) {
      drafts.push(draftFor(f, suggestion, fit));
      listed.push({ finding: f, where: 'inline' });
    } else listed.push({ finding: f, where: hasOpenComment(f, remote.comments) ? 'posted' : 'summary' });
  }
  return { listed, drafts, alreadyPosted };
}

/** The short review body: what is new and where the full summary is. */
export function reviewPointerBody(
  head: string,
  inline: number,
  summaryOnly: number,
  summaryUrl: string | null,
): string {
  return `${m.reviewPointer(head, inline, summaryOnly, summaryUrl)}\n\n${formatMarker('review', { head })}`;
}

/**
 * The review body when GitHub refuses the line comments: one line per comment, written again from its finding
 * (a comment body cut to one line could leave a code block open and its code read as HTML).
 */
function reviewBodies(
  input: PlanInput,
  drafts: DraftComment[],
  findings: TrackedFinding[],
  summaryOnly: number,
) {
  const marker = formatMarker('review', { head: input.headSha });
  const body = reviewPointerBody(input.headSha, drafts.length, summaryOnly, null);
  const moved = drafts.map((d, i) => {
    const f = findings[i];
    const where = codeSpan(`${d.path}:${d.startLine ? `${d.startLine}-` : ''}${d.line}`);
    const what = f
      ? `**${SEVERITY_LABEL[f.severity]}** · ${f.category} · ${codeSpan(producer(f))}: ${oneLine(f.message, 600)}`
      : '';
    return `- ${where} ${what}`;
  });
  let withComments = `${m.reviewPointer(input.headSha, 0, summaryOnly + drafts.length, null)}\n\n${m.commentsMovedToBody()}\n\n`;
  let shown = 0;
  for (const line of moved) {
    if (withComments.length + line.length + marker.length + 300 > BODY_LIMIT) break;
    withComments += `${line}\n`;
    shown += 1;
  }
  if (shown < moved.length) withComments += `\n${m.truncated(moved.length - shown, input.overflowTo)}\n`;
  return { body, bodyWithComments: `${withComments}\n${marker}` };
}

/**
 * Files where this run could not have found a finding again: skipped entirely (no rule saw them), or
 * — for model findings — with a hunk no model reviewed (service down, budget, routing skip). A finding
 * missing there is unknown, not gone, so it stays outstanding and its comment is left alone.
 */
export function undecidedIn(result: ReviewResult | null): (file: string, source: FindingSource) => boolean {
  const skippedFiles = new Set((result?.files ?? []).filter((f) => f.skipped).map((f) => f.path));
  const unreviewed = new Set(
    (result?.outcomes ?? []).filter((o) => !isModelReviewed(o)).map((o) => o.hunk.file),
  );
  return (file, source) => skippedFiles.has(file) || (source !== 'rule' && unreviewed.has(file));
}

/**
 * The listing as it was really published: when the inline comments did not go out (a fork's read-only token,
 * a 403, moved into the review body after a 422), the findings planned as comments are only in the summary.
 * Comments posted by earlier runs stay where they are.
 */
export function asPublished(listed: readonly ListedFinding[], inlinePosted: boolean): ListedFinding[] {
  if (inlinePosted) return [...listed];
  return listed.map((item) => (item.where === 'inline' ? { ...item, where: 'summary' } : item));
}

export function planPublication(planInput: PlanInput): PublishPlan {
  const dismissed = planInput.dismissed ?? [];
  const isDismissed = new Set(dismissed.map((r) => r.fingerprint));
  const input = { ...planInput, result: withDismissals(planInput.result, dismissed) };
  const { remote, scope } = input;
  const previousFindings = (remote.summary?.state?.findings ?? []).filter(
    (f) => !isDismissed.has(f.fingerprint),
  );
  if (scope.kind === 'unchanged') {
    const outstanding = previousFindings.map((f) => ({
      finding: f,
      where: hasOpenComment(f, remote.comments) ? ('posted' as const) : ('summary' as const),
    }));
    const known = new Set((remote.summary?.state?.dismissed ?? []).map((r) => r.fingerprint));
    const fresh = dismissed.some((r) => !known.has(r.fingerprint));
    return {
      review: null,
      // Same head, but somebody dismissed a finding since: the summary says so (and the gate follows).
      summary: fresh && remote.summary ? summaryFor(input, outstanding, 0, dismissed) : null,
      resolve: [],
      outstanding,
      counts: { inline: 0, summaryOnly: 0, alreadyPosted: 0, resolved: 0 },
    };
  }
  // A finding already listed in the summary at the last head stays there rather than turning into a
  // comment now: the fingerprint, not the line, decides whether it was reported.
  const previousFps = new Set(previousFindings.map((f) => f.fingerprint));
  const placed = placeNew(input, previousFps);
  const found = new Set(placed.listed.map((l) => l.finding.fingerprint));
  const undecided = undecidedIn(input.result);
  const sourceOf = new Map(previousFindings.map((f) => [f.fingerprint, f.source]));
  let carried: TrackedFinding[] = [];
  let gone: Set<string>;
  if (scope.kind === 'incremental') {
    const over = carryOver(previousFindings, input.result?.files ?? [], found, remote.diff, undecided);
    carried = over.carried;
    gone = over.goneFingerprints;
  } else {
    // Not found again, and the run could have found it: only then is a finding gone.
    carried = previousFindings.filter((f) => !found.has(f.fingerprint) && undecided(f.file, f.source));
    const kept = new Set(carried.map((f) => f.fingerprint));
    gone = new Set(
      [...previousFps, ...remote.comments.map((c) => c.fingerprint)].filter(
        (fp) => !found.has(fp) && !kept.has(fp),
      ),
    );
  }
  const outstanding: ListedFinding[] = [
    ...placed.listed,
    ...carried.map((f) => ({
      finding: f,
      where: hasOpenComment(f, remote.comments) ? ('posted' as const) : ('summary' as const),
    })),
  ];
  const standing = new Set(outstanding.map((o) => o.finding.fingerprint));
  const resolve = remote.comments
    .filter(
      (c) =>
        !c.resolved &&
        !c.hasHumanReply &&
        !isDismissed.has(c.fingerprint) &&
        gone.has(c.fingerprint) &&
        !standing.has(c.fingerprint) &&
        !undecided(c.path, sourceOf.get(c.fingerprint) ?? 'local'),
    )
    .map((c) => ({ commentId: c.id, body: resolvedBody(c, input.headSha) }));
  const summaryOnly = placed.listed.filter(
    (l) => l.where === 'summary' && !previousFps.has(l.finding.fingerprint),
  ).length;
  const review =
    placed.drafts.length > 0 || summaryOnly > 0
      ? {
          ...reviewBodies(
            input,
            placed.drafts,
            placed.listed.filter((l) => l.where === 'inline').map((l) => l.finding),
            summaryOnly,
          ),
          comments: placed.drafts,
        }
      : null;
  return {
    review,
    summary: summaryFor(input, outstanding, resolve.length, dismissed),
    resolve,
    outstanding,
    counts: {
      inline: placed.drafts.length,
      summaryOnly,
      alreadyPosted: placed.alreadyPosted,
      resolved: resolve.length,
    },
  };
}

/** The sticky summary: visible Markdown within GitHub's limit, then the hidden state for the next run. */
function summaryFor(
  input: PlanInput,
  outstanding: ListedFinding[],
  resolved: number,
  dismissed: readonly DismissRecord[],
): NonNullable<PublishPlan['summary']> {
  const scope = input.scope.kind === 'unchanged' ? [m.sameHead(input.headSha)] : input.scope.notes;
  const marker = formatMarker('summary', {
    head: input.headSha,
    state: stateFor(
      input.headSha,
      outstanding.map((o) => o.finding),
      dismissed,
    ),
  });
  const visible = buildSummary(
    {
      headSha: input.headSha,
      scope,
      findings: outstanding,
      result: input.result,
      resolved,
      listInline: false,
      overflowTo: input.overflowTo,
      dismissed,
      ...(input.pullNumber !== undefined ? { pullNumber: input.pullNumber } : {}),
    },
    BODY_LIMIT - marker.length - 4,
  );
  return { commentId: input.remote.summary?.id ?? null, body: `${visible}\n\n${marker}` };
}
