// Carries out a PublishPlan: the sticky summary, ONE review (event COMMENT, never APPROVE), and the
// edits that mark hunkwise's own resolved comments. A 422 on the inline comments is retried once
// with the comments moved into the review body.
import { githubMessages as m } from '../../messages/github.js';
import { describeRequestError, type GitHubClient, statusOf } from './client.js';
import { type PublishPlan, reviewPointerBody } from './plan.js';
import type { PullRequestTarget } from './remote.js';

export interface ApplyResult {
  reviewUrl: string | null;
  summaryUrl: string | null;
  movedToBody: boolean;
}

async function upsertSummary(octokit: GitHubClient, target: PullRequestTarget, plan: PublishPlan) {
  if (!plan.summary) return null;
  const repo = { owner: target.owner, repo: target.repo };
  if (plan.summary.commentId !== null) {
    const { data } = await octokit.rest.issues.updateComment({
      ...repo,
      comment_id: plan.summary.commentId,
      body: plan.summary.body,
    });
    return data.html_url;
  }
  const { data } = await octokit.rest.issues.createComment({
    ...repo,
    issue_number: target.pullNumber,
    body: plan.summary.body,
  });
  return data.html_url;
}

async function createReview(
  octokit: GitHubClient,
  target: PullRequestTarget,
  plan: PublishPlan,
  headSha: string,
  summaryUrl: string | null,
  log: (line: string) => void,
): Promise<{ url: string | null; moved: boolean }> {
  const review = plan.review;
  if (!review) return { url: null, moved: false };
  const base = {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    commit_id: headSha,
    event: 'COMMENT' as const,
  };
  const body = reviewPointerBody(headSha, plan.counts.inline, plan.counts.summaryOnly, summaryUrl);
  try {
    const { data } = await octokit.rest.pulls.createReview({ ...base, body, comments: review.comments });
    return { url: data.html_url, moved: false };
  } catch (error) {
    if (statusOf(error) !== 422 || review.comments.length === 0) throw error;
    log(m.retriedWithoutComments(describeRequestError(error).detail));
    const { data } = await octokit.rest.pulls.createReview({ ...base, body: review.bodyWithComments });
    return { url: data.html_url, moved: true };
  }
}

export async function applyPlan(
  octokit: GitHubClient,
  target: PullRequestTarget,
  plan: PublishPlan,
  headSha: string,
  log: (line: string) => void,
): Promise<ApplyResult> {
  const summaryUrl = await upsertSummary(octokit, target, plan);
  const review = await createReview(octokit, target, plan, headSha, summaryUrl, log);
  for (const edit of plan.resolve) {
    try {
      await octokit.rest.pulls.updateReviewComment({
        owner: target.owner,
        repo: target.repo,
        comment_id: edit.commentId,
        body: edit.body,
      });
    } catch (error) {
      // Deleted by someone since we listed it: nothing left to mark.
      if (statusOf(error) !== 404) throw error;
    }
  }
  return { reviewUrl: review.url, summaryUrl, movedToBody: review.moved };
}
