// What became of a run's hunks, sorted one way for every report (terminal, JSON totals, job summary, SARIF and
// rdjson gaps) and for the saving: reviewed by a model, seen by the rules only, left for the CI review, not
// reviewed, skipped by routing.
import type { HunkCounts, HunkOutcome } from './types.js';

type Reviewed = Extract<HunkOutcome, { status: 'reviewed' }>;
type NotReviewed = Extract<HunkOutcome, { status: 'notReviewed' }>;
type Skipped = Extract<HunkOutcome, { status: 'skipped' }>;

/** Each outcome in exactly one list, in the run's order. */
export interface Coverage {
  /** Reviewed by a model (the rules saw them too). */
  reviewed: Reviewed[];
  /**
   * Marked reviewed, but by the deterministic rules alone: no model read them. Not model coverage (no
   * "reviewed" count, no saving claimed over them), and not a loss either (nothing failed, nothing to retry).
   */
  rulesOnly: Reviewed[];
  /** Escalated, left for the CI review (the hook does not escalate). */
  leftForCi: NotReviewed[];
  /** Should have gone to a model and did not: service down, budget, time, interrupted, dry run. */
  notReviewed: NotReviewed[];
  /** Sent to no model by routing (routing.skip). */
  skipped: Skipped[];
}

/** Reviewed by a model, not only by the rules. */
export function isModelReviewed(outcome: HunkOutcome): outcome is Reviewed {
  return outcome.status === 'reviewed' && outcome.by.some((source) => source !== 'rule');
}

export function coverageOf(outcomes: readonly HunkOutcome[]): Coverage {
  const cov: Coverage = { reviewed: [], rulesOnly: [], leftForCi: [], notReviewed: [], skipped: [] };
  for (const outcome of outcomes) {
    if (outcome.status === 'skipped') cov.skipped.push(outcome);
    else if (outcome.status === 'notReviewed')
      cov[outcome.reason.code === 'left-for-ci' ? 'leftForCi' : 'notReviewed'].push(outcome);
    else cov[isModelReviewed(outcome) ? 'reviewed' : 'rulesOnly'].push(outcome);
  }
  return cov;
}

export function countOutcomes(outcomes: readonly HunkOutcome[]): HunkCounts {
  const cov = coverageOf(outcomes);
  return {
    reviewed: cov.reviewed.length,
    rulesOnly: cov.rulesOnly.length,
    leftForCi: cov.leftForCi.length,
    notReviewed: cov.notReviewed.length,
    skipped: cov.skipped.length,
  };
}
