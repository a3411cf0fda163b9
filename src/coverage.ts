// What became of a run's hunks, counted one way for every report and for the saving: reviewed by a model,
// left for the CI review, not reviewed, skipped by routing.
import type { HunkCounts, HunkOutcome } from './types.js';

/** Reviewed by a model, not only by the rules. */
export function isModelReviewed(outcome: HunkOutcome): boolean {
  return outcome.status === 'reviewed' && outcome.by.some((source) => source !== 'rule');
}

export function countOutcomes(outcomes: readonly HunkOutcome[]): HunkCounts {
  const counts: HunkCounts = { reviewed: 0, leftForCi: 0, notReviewed: 0, skipped: 0 };
  for (const outcome of outcomes) {
    if (outcome.status === 'skipped') counts.skipped += 1;
    else if (outcome.status === 'notReviewed')
      counts[outcome.reason.code === 'left-for-ci' ? 'leftForCi' : 'notReviewed'] += 1;
    else if (isModelReviewed(outcome)) counts.reviewed += 1;
    else counts.notReviewed += 1;
  }
  return counts;
}
