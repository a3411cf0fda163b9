// Reads what is already on the pull request: its files (for placement), hunkwise's earlier reviews,
// review comments (with replies) and the sticky summary. Everything paginated.
import type { GitHubClient } from './client.js';
import {
  type ConversationItem,
  type PrDismissal,
  reactionDismissals,
  replyDismissals,
} from './dismissals.js';
import { decodeState, parseMarker } from './marker.js';
import type { OwnComment, RemoteState } from './plan.js';
import { indexPullRequestFiles } from './prDiff.js';

export interface PullRequestTarget {
  owner: string;
  repo: string;
  pullNumber: number;
}

interface Authored {
  id: number;
  body?: string | null;
  user?: { login?: string; type?: string } | null;
}

interface ReviewCommentItem extends Authored, ConversationItem {
  path: string;
  line?: number | null;
  in_reply_to_id?: number;
}

export interface RemoteRead extends RemoteState {
  /** Heads that already have a hunkwise review, from the review markers. */
  reviewedHeads: Set<string>;
  /** `/hunkwise dismiss` replies and 👎 reactions by trusted people, on hunkwise's comments. */
  dismissals: PrDismissal[];
}

const login = (item: Authored) => item.user?.login ?? '';

/**
 * Who may speak for hunkwise: the configured login, else any bot account (github-actions[bot], an App).
 * Anyone else can paste a marker into a comment; trusting it would let a pull request's author forge
 * the "last reviewed head" and skip the review (and the fail_on gate).
 */
export function isTrustedAuthor(item: Authored, botLogin: string | null): boolean {
  return botLogin ? login(item) === botLogin : item.user?.type === 'Bot';
}

/** The latest trusted comment carrying a summary marker is the sticky one. */
function findSummary(comments: readonly Authored[], botLogin: string | null) {
  const mine = comments.filter(
    (c) => parseMarker(c.body)?.kind === 'summary' && isTrustedAuthor(c, botLogin),
  );
  const latest = mine.at(-1);
  if (!latest) return { summary: null, author: null };
  const state = decodeState(parseMarker(latest.body)?.fields.state);
  return { summary: { id: latest.id, body: latest.body ?? '', state }, author: login(latest) };
}

export function ownComments(items: readonly ReviewCommentItem[], botLogin: string | null): OwnComment[] {
  const own: OwnComment[] = [];
  for (const item of items) {
    const marker = parseMarker(item.body);
    const fp = marker?.kind === 'finding' ? marker.fields.fp : undefined;
    if (!fp || item.in_reply_to_id !== undefined || !isTrustedAuthor(item, botLogin)) continue;
    const replies = items.filter((r) => r.in_reply_to_id === item.id);
    own.push({
      id: item.id,
      path: item.path,
      line: item.line ?? null,
      fingerprint: fp,
      resolved: marker?.fields.resolved !== undefined,
      body: item.body ?? '',
      hasHumanReply: replies.some((r) => login(r) !== login(item)),
    });
  }
  return own;
}

export async function readRemote(
  octokit: GitHubClient,
  target: PullRequestTarget,
  botLogin: string | null,
): Promise<RemoteRead> {
  const params = { owner: target.owner, repo: target.repo, pull_number: target.pullNumber, per_page: 100 };
  const [files, reviews, comments, issueComments] = await Promise.all([
    octokit.paginate(octokit.rest.pulls.listFiles, params),
    octokit.paginate(octokit.rest.pulls.listReviews, params),
    octokit.paginate(octokit.rest.pulls.listReviewComments, params),
    octokit.paginate(octokit.rest.issues.listComments, {
      owner: target.owner,
      repo: target.repo,
      issue_number: target.pullNumber,
      per_page: 100,
    }),
  ]);
  const { summary, author } = findSummary(issueComments, botLogin);
  const reviewedHeads = new Set<string>();
  for (const review of reviews) {
    const marker = parseMarker(review.body);
    if (
      marker?.kind === 'review' &&
      marker.fields.head &&
      isTrustedAuthor(review, botLogin) &&
      (author === null || login(review) === author)
    )
      reviewedHeads.add(marker.fields.head);
  }
  const items = comments as ReviewCommentItem[];
  const own = ownComments(items, botLogin ?? author);
  const dismissals = [
    ...replyDismissals(items, own),
    ...(await reactionDismissals(octokit, target, items, own)),
  ];
  return { diff: indexPullRequestFiles(files), summary, comments: own, reviewedHeads, dismissals };
}
