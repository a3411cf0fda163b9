// Hunks not reviewed for the same reason, grouped by the typed code and the details that name a different cause
// (never by the sentence shown): one line per reason in a report, the hunks folded under it. Deterministic:
// the largest group first, then by key; hunks in path and line order.
import type { NotReviewedReason, SkippedReason, Unavailable } from '../reasons.js';
import type { HunkOutcome } from '../types.js';

export type UnreviewedOutcome = Extract<HunkOutcome, { status: 'notReviewed' | 'skipped' }>;

export interface ReasonGroup {
  key: string;
  /** The reason of the group's first hunk; details that differ per hunk (tokens over budget) are not in the key. */
  reason: NotReviewedReason | SkippedReason;
  outcomes: UnreviewedOutcome[];
}

const unavailableKey = (u: Unavailable) => `${u.code}:${u.role}`;

/** Two hunks share a line when their keys are equal. */
export function reasonKey(reason: NotReviewedReason | SkippedReason): string {
  switch (reason.code) {
    case 'unavailable':
      return `unavailable(${reason.reviewers.map(unavailableKey).join(',')})`;
    case 'model-failed':
      return `model-failed:${reason.role}:${reason.detail}`;
    case 'no-answer':
      return `no-answer:${reason.role}`;
    default:
      // dry-run, left-for-ci, interrupted, time-budget; over-budget and routing-skip vary per hunk only in
      // how much and which glob, which the verbose listing shows hunk by hunk.
      return reason.code;
  }
}

function byPlace(a: UnreviewedOutcome, b: UnreviewedOutcome): number {
  if (a.hunk.file !== b.hunk.file) return a.hunk.file < b.hunk.file ? -1 : 1;
  return a.hunk.newStart - b.hunk.newStart || a.hunk.oldStart - b.hunk.oldStart;
}

export function groupByReason(outcomes: readonly UnreviewedOutcome[]): ReasonGroup[] {
  const groups = new Map<string, ReasonGroup>();
  for (const outcome of [...outcomes].sort(byPlace)) {
    const key = reasonKey(outcome.reason);
    const group = groups.get(key);
    if (group) group.outcomes.push(outcome);
    else groups.set(key, { key, reason: outcome.reason, outcomes: [outcome] });
  }
  return [...groups.values()].sort(
    (a, b) => b.outcomes.length - a.outcomes.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}
