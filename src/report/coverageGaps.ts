// What no model reviewed, as data for the machine formats (SARIF notifications, rdjson INFO diagnostics), so a
// code-scanning view shows coverage and not only findings. Pure: result → gaps, in path and line order.
import { coverageOf } from '../coverage.js';
import { describeReason } from '../messages/outcomes.js';
import { reportMessages as m } from '../messages/report.js';
import type { NotReviewedReason } from '../reasons.js';
import type { Hunk, ReviewResult } from '../types.js';

export interface CoverageGap {
  /**
   * Stable id by typed code: `not-reviewed/over-budget`, `skipped/routing-skip`, `skipped-file/ignored`, and
   * `rules-only` for a hunk only the deterministic rules checked.
   */
  id: string;
  file: string;
  /** New-side lines of the hunk; null for a whole file, or a hunk with no new-side line (a deleted file). */
  lines: { start: number; end: number } | null;
  message: string;
  /** A failure the user may want to fix (service down, budget, time), rather than a choice (routing, dry run). */
  failure: boolean;
}

/** Chosen by config or command line: nothing went wrong. */
const CHOSEN: ReadonlySet<NotReviewedReason['code']> = new Set(['dry-run', 'left-for-ci']);

/** A hunk's new-side lines; a pure deletion points at the line it follows, when there is one. */
export function newSideLines(hunk: Hunk): CoverageGap['lines'] {
  if (hunk.newLines > 0) return { start: hunk.newStart, end: hunk.newStart + hunk.newLines - 1 };
  return hunk.newStart > 0 ? { start: hunk.newStart, end: hunk.newStart } : null;
}

function order(a: CoverageGap, b: CoverageGap): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.lines?.start ?? 0) - (b.lines?.start ?? 0) || a.id.localeCompare(b.id);
}

export function coverageGaps(result: ReviewResult): CoverageGap[] {
  const cov = coverageOf(result.outcomes);
  const gaps: CoverageGap[] = cov.rulesOnly.map(({ hunk }) => ({
    id: 'rules-only',
    file: hunk.file,
    lines: newSideLines(hunk),
    message: m.rulesOnlyGap(),
    failure: false,
  }));
  for (const outcome of [...cov.leftForCi, ...cov.notReviewed, ...cov.skipped]) {
    const { hunk, reason } = outcome;
    const skipped = outcome.status === 'skipped';
    gaps.push({
      id: `${skipped ? 'skipped' : 'not-reviewed'}/${reason.code}`,
      file: hunk.file,
      lines: newSideLines(hunk),
      message: m.notReviewedGap(describeReason(reason)),
      failure: !skipped && !CHOSEN.has(outcome.reason.code),
    });
  }
  for (const file of result.files) {
    if (!file.skipped) continue;
    gaps.push({
      id: `skipped-file/${file.skipped.reason}`,
      file: file.path,
      lines: null,
      message: m.skippedFileGap(file.skipped.detail || file.skipped.reason),
      failure: false,
    });
  }
  return gaps.sort(order);
}
