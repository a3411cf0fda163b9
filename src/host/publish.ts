// One change-request run: read what is on it, decide the scope, review, plan, apply through the host —
// or, when posting is impossible, deliver through the CI job's own surfaces (annotations, job summary).
import type { Config } from '../config/schema.js';
import { ServiceError } from '../errors.js';
import type { DiffSpec } from '../git/diffSpec.js';
import type { DismissRecord } from '../memory/record.js';
import { githubMessages as m } from '../messages/github.js';
import type { Output } from '../output.js';
import type { ReviewResult } from '../types.js';
import { indexFileDiffs } from './commentableLines.js';
import { confineToChangeRequest } from './confine.js';
import { conversationDismissals } from './conversation.js';
import { withQuotes } from './dismissals.js';
import { type RemoteRead, readEarlierState } from './earlier.js';
import { asPublished, type PublishPlan, planPublication, type RemoteState } from './plan.js';
import { HostRequestError, type JobSurfaces, type ReviewHost } from './reviewHost.js';
import type { ScopeDecision } from './scope.js';
import { restrictToPaths } from './scope.js';
import type { ListedFinding } from './summary.js';

export interface PublishOptions {
  /** Null when the host cannot be reached (no token): the run still reviews and uses the job's surfaces. */
  host: ReviewHost | null;
  /** The change request's number, named in the summary (`review memory import --pr N`). */
  number: number;
  headSha: string;
  isFork: boolean;
  surfaces: JobSurfaces;
  config: Config;
  dryRun: boolean;
  stdout: Output;
  log: (line: string) => void;
  /**
   * Runs the engine on what the scope says to review, skipping `skipPaths` (upstream files), with the
   * findings dismissed in the change request's conversation suppressed like the memory file's.
   */
  review: (
    spec: DiffSpec,
    skipPaths: readonly string[],
    dismissed: readonly DismissRecord[],
  ) => Promise<ReviewResult>;
  /** Files changed between two heads that are not in the change request; absent: none are skipped. */
  upstreamPaths?: (from: string, to: string, prPaths: ReadonlySet<string>) => Promise<string[]>;
  /** From the last reviewed head (null: none) to what to review. */
  decideScope: (lastHead: string | null) => Promise<ScopeDecision>;
  /**
   * The review comes from a run this one cannot trust (a fork-safe artifact): confined to the change
   * request's files and diff as the host serves them (confine.ts) before anything is planned.
   */
  untrusted?: boolean;
}

export interface PublishOutcome {
  result: ReviewResult | null;
  plan: PublishPlan;
  posted: boolean;
  /** The plan's findings as they were really published: a comment that did not go out is not "inline". */
  listed: ListedFinding[];
}

async function readRemoteOrNull(o: PublishOptions): Promise<RemoteRead | null> {
  if (!o.host) return null;
  try {
    // Resolved once per run: only what this login wrote is hunkwise's (markers, state, reviewed heads).
    const login = o.config.github.bot_login ?? (await o.host.identity());
    return await readEarlierState(o.host, login);
  } catch (error) {
    if (!(error instanceof HostRequestError)) throw error; // a bug, not the host saying no
    o.log(m.cannotReadPullRequest(error.status, error.detail));
    return null;
  }
}

async function reviewScope(
  o: PublishOptions,
  remote: RemoteRead | null,
  dismissed: readonly DismissRecord[],
) {
  const decision = await o.decideScope(remote?.summary?.state?.head ?? null);
  if (!decision.spec) return { scope: decision.scope, result: null };
  const scope = decision.scope;
  const skip =
    scope.kind === 'incremental' && remote && o.upstreamPaths
      ? await o.upstreamPaths(scope.from, o.headSha, remote.diff.paths)
      : [];
  let result = await o.review(decision.spec, skip, dismissed);
  if (o.untrusted && remote) {
    const confined = confineToChangeRequest(result, remote.diff);
    result = confined.result;
    const notes = [
      ...(confined.outside ? [m.artifactOutside(confined.outside)] : []),
      ...(confined.overCap ? [m.artifactOverCap(confined.overCap)] : []),
    ];
    for (const note of notes) o.log(note);
    if (scope.kind !== 'unchanged') scope.notes.push(...notes);
  }
  if (scope.kind === 'incremental' && remote) {
    const restricted = restrictToPaths(result, remote.diff.paths);
    result = restricted.result;
    if (restricted.left) scope.notes.push(m.outsidePullRequest(restricted.left));
  }
  return { scope, result };
}

function dryRunReport(plan: PublishPlan): string {
  const lines = [m.dryRunHeader(), ''];
  if (plan.review) {
    lines.push(`review (COMMENT) with ${plan.review.comments.length} inline comment(s):`);
    for (const c of plan.review.comments)
      lines.push(`  ${c.path}:${c.startLine ? `${c.startLine}-` : ''}${c.line}`);
  } else lines.push('no new review');
  lines.push(
    `${plan.resolve.length} comment(s) marked resolved`,
    '',
    plan.summary?.body ?? '(summary unchanged)',
    '',
  );
  return lines.join('\n');
}

/** What went out: nothing, or the review with its inline comments, or (after a 422) with them in its body. */
type Delivery = 'none' | 'inline' | 'body';

async function post(
  host: ReviewHost,
  remote: RemoteRead,
  plan: PublishPlan,
  o: PublishOptions,
): Promise<Delivery> {
  // Same head reviewed before but the summary was lost: new inline comments still go out, an empty pointer does not.
  const review =
    plan.review && remote.reviewedHeads.has(o.headSha) && plan.review.comments.length === 0
      ? null
      : plan.review;
  try {
    const applied = await host.apply({ ...plan, review }, o.headSha);
    if (review)
      o.log(
        m.posted(applied.reviewUrl, applied.movedToBody ? 0 : plan.counts.inline, plan.counts.summaryOnly),
      );
    else o.log(m.nothingNew(o.headSha));
    return applied.movedToBody ? 'body' : 'inline';
  } catch (error) {
    if (!(error instanceof HostRequestError)) throw error; // a bug, not the host saying no
    o.log(m.cannotPost(error.status, error.detail));
    if (o.isFork && error.status === 403) o.log(m.forkReadOnly());
    return 'none';
  }
}

export async function publishReview(o: PublishOptions): Promise<PublishOutcome> {
  const remote = await readRemoteOrNull(o);
  // Without the change request's own files and diff an untrusted review cannot be checked: nothing goes out.
  if (o.untrusted && !remote) throw new ServiceError(m.artifactUnverifiable());
  const asked = conversationDismissals(remote);
  const { scope, result } = await reviewScope(o, remote, asked);
  const dismissed = withQuotes(asked, result?.suppressed ?? []);
  const state: RemoteState = remote ?? {
    summary: null,
    comments: [],
    diff: indexFileDiffs(result?.files ?? []),
  };
  const plan = planPublication({
    headSha: o.headSha,
    github: o.config.github,
    scope,
    result,
    remote: state,
    overflowTo: o.surfaces.overflowTo,
    dismissed,
    pullNumber: o.number,
  });
  if (o.dryRun) {
    o.stdout.write(dryRunReport(plan));
    return { result, plan, posted: false, listed: asPublished(plan.outstanding, false) };
  }
  const delivery = o.host && remote ? await post(o.host, remote, plan, o) : 'none';
  const posted = delivery !== 'none';
  const listed = asPublished(plan.outstanding, delivery === 'inline');
  await o.surfaces.writeSummary?.({
    headSha: o.headSha,
    scope: scope.kind === 'unchanged' ? [m.sameHead(o.headSha)] : scope.notes,
    findings: listed,
    result,
    resolved: plan.counts.resolved,
    listInline: true,
    overflowTo: 'the workflow log',
    dismissed,
    pullNumber: o.number,
  });
  if (!posted)
    for (const line of o.surfaces.annotations(plan.outstanding.map((l) => l.finding)))
      o.stdout.write(`${line}\n`);
  return { result, plan, posted, listed };
}
