// One pull-request run: read what is on the PR, decide the scope, review, plan, post — or, when
// posting is impossible, deliver through annotations and the job summary instead.

import type { Config } from '../../config/schema.js';
import type { DiffSpec } from '../../git/diffSpec.js';
import type { DismissRecord } from '../../memory/record.js';
import { githubMessages as m } from '../../messages/github.js';
import type { Output } from '../../output.js';
import type { ReviewResult } from '../../types.js';
import { applyPlan } from './apply.js';
import {
  type ClientOptions,
  createGitHubClient,
  describeRequestError,
  type GitHubClient,
  statusOf,
} from './client.js';
import { conversationDismissals } from './conversation.js';
import { withQuotes } from './dismissals.js';
import { annotationLines, jobSummaryMarkdown, writeJobSummary } from './fallback.js';
import { asPublished, type PublishPlan, planPublication, type RemoteState } from './plan.js';
import { indexFileDiffs } from './prDiff.js';
import { type PullRequestTarget, type RemoteRead, readRemote } from './remote.js';
import type { ScopeDecision } from './scope.js';
import { restrictToPaths } from './scope.js';
import type { ListedFinding } from './summary.js';

export interface PublishOptions {
  target: PullRequestTarget;
  headSha: string;
  isFork: boolean;
  token: string | null;
  apiUrl: string;
  stepSummaryPath: string | null;
  runUrl: string | null;
  config: Config;
  dryRun: boolean;
  stdout: Output;
  log: (line: string) => void;
  /**
   * Runs the engine on what the scope says to review, skipping `skipPaths` (upstream files), with the
   * findings dismissed in the pull request's conversation suppressed like the memory file's.
   */
  review: (
    spec: DiffSpec,
    skipPaths: readonly string[],
    dismissed: readonly DismissRecord[],
  ) => Promise<ReviewResult>;
  /** Files changed between two heads that are not in the pull request; absent: none are skipped. */
  upstreamPaths?: (from: string, to: string, prPaths: ReadonlySet<string>) => Promise<string[]>;
  /** From the last reviewed head (null: none) to what to review. */
  decideScope: (lastHead: string | null) => Promise<ScopeDecision>;
  client?: Partial<ClientOptions>;
}

export interface PublishOutcome {
  result: ReviewResult | null;
  plan: PublishPlan;
  posted: boolean;
  /** The plan's findings as they were really published: a comment that did not go out is not "inline". */
  listed: ListedFinding[];
}

async function readRemoteOrNull(octokit: GitHubClient | null, o: PublishOptions): Promise<RemoteRead | null> {
  if (!octokit) return null;
  try {
    return await readRemote(octokit, o.target, o.config.github.bot_login);
  } catch (error) {
    if (statusOf(error) === null) throw error; // a bug, not GitHub saying no
    const { status, detail } = describeRequestError(error);
    o.log(m.cannotReadPullRequest(status, detail));
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
      lines.push(`  ${c.path}:${c.start_line ? `${c.start_line}-` : ''}${c.line}`);
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
  octokit: GitHubClient,
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
    const applied = await applyPlan(octokit, o.target, { ...plan, review }, o.headSha, o.log);
    if (review)
      o.log(
        m.posted(applied.reviewUrl, applied.movedToBody ? 0 : plan.counts.inline, plan.counts.summaryOnly),
      );
    else o.log(m.nothingNew(o.headSha));
    return applied.movedToBody ? 'body' : 'inline';
  } catch (error) {
    if (statusOf(error) === null) throw error; // a bug, not GitHub saying no
    const { status, detail } = describeRequestError(error);
    o.log(m.cannotPost(status, detail));
    if (o.isFork && statusOf(error) === 403) o.log(m.forkReadOnly());
    return 'none';
  }
}

export async function publishPullRequestReview(o: PublishOptions): Promise<PublishOutcome> {
  const octokit = o.token
    ? await createGitHubClient({ token: o.token, baseUrl: o.apiUrl, log: o.log, ...o.client })
    : null;
  if (!o.token) o.log(m.missingToken());
  const remote = await readRemoteOrNull(octokit, o);
  const asked = conversationDismissals(remote);
  const { scope, result } = await reviewScope(o, remote, asked);
  const dismissed = withQuotes(asked, result?.suppressed ?? []);
  const state: RemoteState = remote ?? {
    summary: null,
    comments: [],
    diff: indexFileDiffs(result?.files ?? []),
  };
  const overflowTo = m.jobSummaryPlace(o.runUrl);
  const plan = planPublication({
    headSha: o.headSha,
    github: o.config.github,
    scope,
    result,
    remote: state,
    overflowTo,
    dismissed,
    pullNumber: o.target.pullNumber,
  });
  if (o.dryRun) {
    o.stdout.write(dryRunReport(plan));
    return { result, plan, posted: false, listed: asPublished(plan.outstanding, false) };
  }
  const delivery = octokit && remote ? await post(octokit, remote, plan, o) : 'none';
  const posted = delivery !== 'none';
  const listed = asPublished(plan.outstanding, delivery === 'inline');
  if (o.stepSummaryPath) {
    const markdown = jobSummaryMarkdown({
      headSha: o.headSha,
      scope: scope.kind === 'unchanged' ? [m.sameHead(o.headSha)] : scope.notes,
      findings: listed,
      result,
      resolved: plan.counts.resolved,
      listInline: true,
      overflowTo: 'the workflow log',
      dismissed,
      pullNumber: o.target.pullNumber,
    });
    await writeJobSummary(o.stepSummaryPath, markdown);
  }
  if (!posted)
    for (const line of annotationLines(plan.outstanding.map((l) => l.finding))) o.stdout.write(`${line}\n`);
  return { result, plan, posted, listed };
}
