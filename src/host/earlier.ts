// What the host holds (EarlierOutput) → what hunkwise said there before: the sticky summary and its state,
// hunkwise's own line comments (with whether people replied), the heads it already reviewed, and the
// dismissals people made in its threads. Everything but the 👎 reactions is read in one go, interpreted here.
import { type ChangeRequestDiff, indexChangedFiles } from './commentableLines.js';
import { type PrDismissal, reactionDismissals, replyDismissals } from './dismissals.js';
import { decodeState, parseMarker, type SummaryState } from './marker.js';
import type { OwnComment, RemoteState } from './plan.js';
import type { EarlierOutput, HostComment, HostLineComment, ReviewHost } from './reviewHost.js';

export interface RemoteRead extends RemoteState {
  /** Heads that already have a hunkwise review, from the review markers. */
  reviewedHeads: Set<string>;
  /** `/hunkwise dismiss` replies and 👎 reactions by trusted people, on hunkwise's comments. */
  dismissals: PrDismissal[];
}

/**
 * Who speaks for hunkwise: exactly the account this run posts as (hosts compare logins case-insensitively).
 * Anyone else can paste a marker into a comment — another App's bot too — and trusting it would let a change
 * request's author forge the "last reviewed head" and skip the review (and the fail_on gate).
 */
export function isOwnComment(item: HostComment, login: string): boolean {
  return item.author.login.toLowerCase() === login.toLowerCase();
}

/**
 * What a state says about files outside the change request (as the host lists its files now, or their
 * names before a rename) is dropped: the summary lists, carries over and dismisses nothing else.
 */
export function confineState(state: SummaryState | null, diff: ChangeRequestDiff): SummaryState | null {
  if (!state) return null;
  const inPull = (file: string) => diff.paths.has(file) || diff.renamedFrom.has(file);
  const dismissed = (state.dismissed ?? []).filter((r) => inPull(r.file ?? ''));
  return {
    head: state.head,
    findings: state.findings.filter((f) => inPull(f.file)),
    dropped: state.dropped,
    ...(dismissed.length ? { dismissed } : {}),
  };
}

/** The latest comment of ours carrying a summary marker is the sticky one. */
function findSummary(comments: readonly HostComment[], login: string, diff: ChangeRequestDiff) {
  const mine = comments.filter((c) => parseMarker(c.body)?.kind === 'summary' && isOwnComment(c, login));
  const latest = mine.at(-1);
  if (!latest) return null;
  const state = confineState(decodeState(parseMarker(latest.body)?.fields.state), diff);
  return { id: latest.id, body: latest.body, state };
}

export function ownComments(items: readonly HostLineComment[], login: string): OwnComment[] {
  const own: OwnComment[] = [];
  for (const item of items) {
    const marker = parseMarker(item.body);
    const fp = marker?.kind === 'finding' ? marker.fields.fp : undefined;
    if (!fp || item.replyTo !== null || !isOwnComment(item, login)) continue;
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

/** The heads named by the review markers of our own reviews. */
function reviewedHeadsOf(reviews: readonly HostComment[], login: string) {
  const heads = new Set<string>();
  for (const review of reviews) {
    const marker = parseMarker(review.body);
    if (marker?.kind === 'review' && marker.fields.head && isOwnComment(review, login))
      heads.add(marker.fields.head);
  }
  return heads;
}

/**
 * Pure: the earlier output as `login` (the account this run posts as) left it; `dismissals` holds the replies
 * only (the reactions need the host).
 */
export function readEarlierOutput(earlier: EarlierOutput, login: string): RemoteRead {
  const diff = indexChangedFiles(earlier.files);
  const comments = ownComments(earlier.lineComments, login);
  return {
    diff,
    summary: findSummary(earlier.comments, login, diff),
    comments,
    reviewedHeads: reviewedHeadsOf(earlier.reviews, login),
    dismissals: replyDismissals(earlier.lineComments, comments),
  };
}

/**
 * Reads the change request through the host and interprets it as `login` left it, 👎 reactions on hunkwise's
 * comments included.
 */
export async function readEarlierState(host: ReviewHost, login: string): Promise<RemoteRead> {
  const earlier = await host.readEarlier();
  const read = readEarlierOutput(earlier, login);
  const reactions = await reactionDismissals(host, earlier.lineComments, read.comments);
  return { ...read, dismissals: [...read.dismissals, ...reactions] };
}
