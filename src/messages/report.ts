// The words of the terminal report: headings, counts, locations, the cost line and the dry-run plan.
import { plural } from './plural.js';

export const reportMessages = {
  interruptedHook: (notReviewed: number, total: number) =>
    `review: interrupted; ${notReviewed} of ${plural(total, 'hunk')} not reviewed, nothing committed.`,
  deletedLines: () => '(deleted lines)',
  wholeFile: () => '(whole file)',
  outsideDiff: () => '(outside the diff)',
  suggestion: () => 'suggestion:',
  snapped: (start: number, end: number) =>
    `moved here from line ${start === end ? start : `${start}-${end}`} (the quoted code is here)`,
  rulesOnly: () => 'rules only',
  more: (n: number) => `… and ${n} more (--verbose lists all)`,
  coverageTitle: () => 'Coverage',
  reviewedCount: (reviewed: number, total: number) => `reviewed: ${reviewed} of ${plural(total, 'hunk')}`,
  notReviewedHeading: (n: number) => `not reviewed (${n}) — nothing is known about these:`,
  leftForCiHeading: (n: number) => `left for CI review (${n}):`,
  skippedHunks: (n: number) => `skipped hunks (${n}):`,
  skippedFiles: (n: number) => `skipped files (${n}):`,
  costLine: (p: {
    claudeTokens: string;
    claudeCost: string;
    baselineTokens: string;
    baselineCost: string;
    saving: string;
  }) =>
    `Claude ~${p.claudeTokens} tok ≈ ${p.claudeCost} · all-Claude baseline ~${p.baselineTokens} tok ≈ ${p.baselineCost} · saved ${p.saving}`,
  costLineNoModel: (p: { baselineTokens: string; baselineCost: string }) =>
    `all-Claude baseline ~${p.baselineTokens} tok ≈ ${p.baselineCost} · no hunk went to a model, so no saving is claimed`,
  requests: (n: number) => plural(n, 'req', 'req'),
  cached: (n: number) => `${n} cached`,
  findings: (n: number) => plural(n, 'finding'),
  nothingToReview: (source: string, files: number) =>
    files > 0
      ? `Nothing to review (${plural(files, 'file')} in ${source}, no reviewable hunks)`
      : source === 'staged'
        ? 'Nothing staged to review'
        : `Nothing to review in ${source}`,
  nothingReviewed: () => 'No hunk was reviewed by a model (see "not reviewed" above)',
  noFindingsIn: (n: number) => `No findings in ${plural(n, 'reviewed hunk')}`,
  reviewedShort: (reviewed: number, total: number) => `${reviewed}/${total} hunks reviewed`,
  notReviewedShort: (notReviewed: number, leftForCi: number) =>
    [notReviewed > 0 ? `${notReviewed} not reviewed` : '', leftForCi > 0 ? `${leftForCi} left for CI` : '']
      .filter(Boolean)
      .join(', '),
  planTitle: (source: string) => `Plan for ${source} (dry run: no model was called)`,
  planTotals: (p: {
    localTokens: string;
    claudeTokens: string;
    claudeCost: string;
    baselineTokens: string;
    baselineCost: string;
    saving: string;
  }) =>
    `Totals: local ~${p.localTokens} tok · Claude ~${p.claudeTokens} tok ≈ ${p.claudeCost} · all-Claude baseline ~${p.baselineTokens} tok ≈ ${p.baselineCost} · saving ${p.saving}`,
  planLast: (hunks: number, local: number, claude: number, skip: number) =>
    `dry run · ${plural(hunks, 'hunk')}: ${local} local, ${claude} claude, ${skip} skip`,
  ruleFindings: (n: number, counts: string) => `${plural(n, 'finding')} from the rules (${counts})`,
};
