// What the host holds (EarlierOutput) → what hunkwise said there before: the sticky summary and its state,
// hunkwise's own line comments (with whether people replied), the heads it already reviewed, and the
// dismissals people made in its threads. Everything but the 👎 reactions is read in one go, interpreted here.
import { indexChangedFiles } from './commentableLines.js';
import { type PrDismissal, reactionDismissals, replyDismissals } from './dismissals.js';
import { decodeState, parseMarker } from './marker.js';
import type { OwnComment, RemoteState } from './plan.js';
import type { EarlierOutput, HostComment, HostLineComment, ReviewHost } from './reviewHost.js';

export interface RemoteRead extends RemoteState {
  /** Heads that already have a hunkwise review, from the review markers. */
  reviewedHeads: Set<string>;
  /** `/hunkwise dismiss` replies and 👎 reactions by trusted people, on hunkwise's comments. */
  dismissals: PrDismissal[];
}

/**
 * Who may speak for hunkwise: the configured login, else any bot account (github-actions[bot], an App).
 * Anyone else can paste a marker into a comment; trusting it would let a change request's author forge
 * the "last reviewed head" and skip the review (and the fail_on gate).
 */
export function isTrustedAuthor(item: HostComment, botLogin: string | null): boolean {
  return botLogin ? item.author.login === botLogin : item.author.isBot;
}

/** The latest trusted comment carrying a summary marker is the sticky one. */
function findSummary(comments: readonly HostComment[], botLogin: string | null) {
  const mine = comments.filter(
    (c) => parseMarker(c.body)?.kind === 'summary' && isTrustedAuthor(c, botLogin),
  );
  const latest = mine.at(-1);
  if (!latest) return { summary: null, author: null };
  const state = decodeState(parseMarker(latest.body)?.fields.state);
  return { summary: { id: latest.id, body: latest.body, state }, author: latest.author.login };
}

export function ownComments(items: readonly HostLineComment[], botLogin: string | null): OwnComment[] {
  const own: OwnComment[] = [];
  for (const item of items) {
    const marker = parseMarker(item.body);
    const fp = marker?.kind === 'finding' ? marker.fields.fp : undefined;
    if (!fp || item.replyTo !== null || !isTrustedAuthor(item, botLogin)) continue;
    const replies = items.filter((r) => r.replyTo === item.id);
    own.push({
      id: item.id,
      path: item.path,
      line: item.line,
      fingerprint: fp,
      resolved: marker?.fields.resolved !== undefined,
      body: item.body,
      hasHumanReply: replies.some((r) => r.author.login !== item.author.login),
    });
  }
  return own;
}

/** The heads named by trusted review markers; written by the summary's author when there is a summary. */
function reviewedHeadsOf(reviews: readonly HostComment[], botLogin: string | null, author: string | null) {
  const heads = new Set<string>();
  for (const review of reviews) {
    const marker = parseMarker(review.body);
    if (
      marker?.kind === 'review' &&
      marker.fields.head &&
      isTrustedAuthor(review, botLogin) &&
      (author === null || review.author.login === author)
    )
      heads.add(marker.fields.head);
  }
  return heads;
}

/** Pure: the earlier output, interpreted; `dismissals` holds the replies only (the reactions need the host). */
export function readEarlierOutput(earlier: EarlierOutput, botLogin: string | null): RemoteRead {
  const { summary, author } = findSummary(earlier.comments, botLogin);
  const comments = ownComments(earlier.lineComments, botLogin ?? author);
  return {
    diff: indexChangedFiles(earlier.files),
    summary,
    comments,
    reviewedHeads: reviewedHeadsOf(earlier.reviews, botLogin, author),
    dismissals: replyDismissals(earlier.lineComments, comments),
  };
}

/** Reads the change request through the host and interprets it, 👎 reactions on hunkwise's comments included. */
export async function readEarlierState(host: ReviewHost, botLogin: string | null): Promise<RemoteRead> {
  const earlier = await host.readEarlier();
  const read = readEarlierOutput(earlier, botLogin);
  const reactions = await reactionDismissals(host, earlier.lineComments, read.comments);
  return { ...read, dismissals: [...read.dismissals, ...reactions] };
}
