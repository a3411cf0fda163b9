// The GitHub adapter of the ReviewHost port, over Octokit: reads a pull request (paginated) and carries
// out a PublishPlan as GitHub's REST API wants it — the sticky summary as an issue comment, ONE review
// (event COMMENT, never APPROVE) with RIGHT-side comments, and edits of hunkwise's resolved comments.
// @see https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request
// @see https://docs.github.com/rest/reactions/reactions#list-reactions-for-a-pull-request-review-comment
// @see https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user
// @see https://docs.github.com/rest/users/users#get-the-authenticated-user
import { githubMessages as m } from '../../messages/github.js';
import type { DraftComment, PublishPlan } from '../plan.js';
import { reviewPointerBody } from '../plan.js';
import {
  type ChangeRequestRef,
  type EarlierOutput,
  type HostComment,
  type HostLineComment,
  type HostReaction,
  HostRequestError,
  type ReviewHost,
} from '../reviewHost.js';
import { type ClientOptions, createGitHubClient, describeRequestError, statusOf } from './client.js';

export interface GitHubHostOptions extends Omit<ClientOptions, 'token' | 'baseUrl' | 'log'> {
  pull: ChangeRequestRef;
  token: string;
  apiUrl: string;
  /** One line per event worth telling (rate limits, comments moved into the body). */
  log: (line: string) => void;
}

/** Who posts with the token GitHub Actions gives a job. */
export const ACTIONS_BOT = 'github-actions[bot]';

/** `author_association` values of people who speak for the repository. */
const TRUSTED_ASSOCIATIONS: ReadonlySet<string> = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);
/** Base permissions (`maintain` reads as `write`) that let a reaction, which carries no association, count. */
const WRITE_PERMISSIONS: ReadonlySet<string> = new Set(['admin', 'write']);

interface Authored {
  id: number;
  body?: string | null;
  user?: { login?: string; type?: string } | null;
  author_association?: string;
  created_at?: string;
}

interface LineCommentItem extends Authored {
  path: string;
  line?: number | null;
  in_reply_to_id?: number;
  reactions?: { '-1'?: number } | null;
}

function comment(item: Authored): HostComment {
  return {
    id: item.id,
    author: {
      login: item.user?.login ?? '',
      isBot: item.user?.type === 'Bot',
      trusted: TRUSTED_ASSOCIATIONS.has(item.author_association ?? ''),
    },
    body: item.body ?? '',
    createdAt: item.created_at ?? null,
  };
}

function lineComment(item: LineCommentItem): HostLineComment {
  return {
    ...comment(item),
    path: item.path,
    line: item.line ?? null,
    replyTo: item.in_reply_to_id ?? null,
    thumbsDown: item.reactions?.['-1'] ?? 0,
  };
}

/** GitHub's fields for a new-side comment on `line` or `startLine..line`. */
function wireComment(draft: DraftComment) {
  const base = { path: draft.path, line: draft.line, side: 'RIGHT' as const, body: draft.body };
  return draft.startLine ? { ...base, start_line: draft.startLine, start_side: 'RIGHT' as const } : base;
}

/** GitHub saying no becomes a HostRequestError; anything else is a bug and stays as it is. */
async function request<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const status = statusOf(error);
    if (status === null) throw error;
    throw new HostRequestError(status, describeRequestError(error).detail, { cause: error });
  }
}

export async function createGitHubHost(options: GitHubHostOptions): Promise<ReviewHost> {
  const { pull, log } = options;
  const [owner = '', repo = ''] = pull.repository.split('/');
  const octokit = await createGitHubClient({ ...options, token: options.token, baseUrl: options.apiUrl });
  const params = { owner, repo, pull_number: pull.number, per_page: 100 };

  /**
   * GET /user names a personal token's account. An installation token (the Actions token, a GitHub App's)
   * gets a 403 there, and GET /app needs the App's own key, which a job never has: GraphQL's `viewer` names
   * the installation's bot (`<slug>[bot]`). Where that is refused too, the token is taken for the Actions
   * token, as nearly every job's is; `github.bot_login` settles any other case.
   */
  async function resolveIdentity(): Promise<string> {
    try {
      return (await octokit.rest.users.getAuthenticated()).data.login;
    } catch (error) {
      if (statusOf(error) !== 403) throw error;
    }
    try {
      const answer = await octokit.graphql<{ viewer?: { login?: string } }>('query { viewer { login } }');
      if (answer.viewer?.login) return answer.viewer.login;
    } catch (error) {
      log(m.identityAssumed(ACTIONS_BOT, describeRequestError(error).detail));
      return ACTIONS_BOT;
    }
    log(m.identityAssumed(ACTIONS_BOT, 'no login in the answer'));
    return ACTIONS_BOT;
  }
  let identity: Promise<string> | null = null;

  async function upsertSummary(plan: PublishPlan) {
    if (!plan.summary) return null;
    const { commentId, body } = plan.summary;
    const { data } =
      commentId !== null
        ? await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body })
        : await octokit.rest.issues.createComment({ owner, repo, issue_number: pull.number, body });
    return data.html_url;
  }

  async function createReview(plan: PublishPlan, headSha: string, summaryUrl: string | null) {
    const review = plan.review;
    if (!review) return { url: null, moved: false };
    const base = { owner, repo, pull_number: pull.number, commit_id: headSha, event: 'COMMENT' as const };
    const body = reviewPointerBody(headSha, plan.counts.inline, plan.counts.summaryOnly, summaryUrl);
    try {
      const comments = review.comments.map(wireComment);
      const { data } = await octokit.rest.pulls.createReview({ ...base, body, comments });
      return { url: data.html_url, moved: false };
    } catch (error) {
      // A comment GitHub will not place (the diff moved under us): once more, with the comments in the body.
      if (statusOf(error) !== 422 || review.comments.length === 0) throw error;
      log(m.retriedWithoutComments(describeRequestError(error).detail));
      const { data } = await octokit.rest.pulls.createReview({ ...base, body: review.bodyWithComments });
      return { url: data.html_url, moved: true };
    }
  }

  async function markResolved(plan: PublishPlan) {
    for (const edit of plan.resolve) {
      try {
        await octokit.rest.pulls.updateReviewComment({
          owner,
          repo,
          comment_id: edit.commentId,
          body: edit.body,
        });
      } catch (error) {
        // Deleted by someone since we listed it: nothing left to mark.
        if (statusOf(error) !== 404) throw error;
      }
    }
  }

  return {
    identity: () => {
      identity ??= request(resolveIdentity);
      return identity;
    },
    readChangeRequest: () =>
      request(async () => {
        const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: pull.number });
        return { headSha: data.head.sha, isFork: data.head.repo?.full_name !== data.base.repo.full_name };
      }),
    readEarlier: () =>
      request(async (): Promise<EarlierOutput> => {
        const [files, reviews, lineComments, comments] = await Promise.all([
          octokit.paginate(octokit.rest.pulls.listFiles, params),
          octokit.paginate(octokit.rest.pulls.listReviews, params),
          octokit.paginate(octokit.rest.pulls.listReviewComments, params),
          octokit.paginate(octokit.rest.issues.listComments, {
            owner,
            repo,
            issue_number: pull.number,
            per_page: 100,
          }),
        ]);
        return {
          files: files.map((f) => ({
            path: f.filename,
            previousPath: f.previous_filename ?? null,
            patch: f.patch ?? null,
          })),
          comments: comments.map(comment),
          reviews: reviews.map(comment),
          lineComments: (lineComments as LineCommentItem[]).map(lineComment),
        };
      }),
    readThumbsDown: (commentId) =>
      request(async (): Promise<HostReaction[]> => {
        const reactions = await octokit.paginate(octokit.rest.reactions.listForPullRequestReviewComment, {
          owner,
          repo,
          comment_id: commentId,
          content: '-1',
          per_page: 100,
        });
        return reactions
          .filter((r) => r.content === '-1')
          .map((r) => ({
            author: { login: r.user?.login ?? '', isBot: r.user?.type === 'Bot' },
            at: r.created_at,
          }));
      }),
    canWrite: (login) =>
      request(async () => {
        try {
          const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
            owner,
            repo,
            username: login,
          });
          return WRITE_PERMISSIONS.has(data.permission);
        } catch (error) {
          if (statusOf(error) === 404) return false; // not a collaborator
          throw error;
        }
      }),
    apply: (plan, headSha) =>
      request(async () => {
        const summaryUrl = await upsertSummary(plan);
        const review = await createReview(plan, headSha, summaryUrl);
        await markResolved(plan);
        return { reviewUrl: review.url, summaryUrl, movedToBody: review.moved };
      }),
  } satisfies ReviewHost;
}
