// The words of the terminal report: headings, counts, locations, the cost line and the dry-run plan.
import type { HunkCounts } from '../types.js';
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
  /** Hunks marked reviewed by the deterministic rules alone: not model coverage, not a loss either. */
  rulesOnlyHeading: (n: number) =>
    `rules only (${n}): checked by the deterministic rules; no model read them:`,
  rulesOnlyShort: (n: number) => `${n} by the rules only`,
  more: (n: number) => `… and ${n} more (--verbose lists all)`,
  coverageTitle: () => 'Coverage',
  reviewedCount: (reviewed: number, total: number) => `reviewed: ${reviewed} of ${plural(total, 'hunk')}`,
  /** After the reviewed count: how many answers came from the cache, how many escalations wait for CI. */
  reviewedNotes: (fromCache: number, leftForCi: number) =>
    [
      fromCache > 0 ? `${fromCache} from cache` : '',
      leftForCi > 0 ? `${leftForCi} escalated, reviewed locally, Claude’s review left for CI` : '',
    ]
      .filter(Boolean)
      .join('; '),
  notReviewedHeading: (n: number) => `not reviewed (${n}) — nothing is known about these:`,
  leftForCiHeading: (n: number, why: string) => `left for CI review (${n}): ${why}`,
  skippedHunks: (n: number) => `skipped hunks (${n}):`,
  skippedFiles: (n: number) => `skipped files (${n}):`,
  reasonGroup: (n: number, why: string) => `${plural(n, 'hunk')}: ${why}`,
  hunkCounts: (h: HunkCounts) =>
    `hunks: ${h.reviewed} reviewed, ${h.rulesOnly > 0 ? `${h.rulesOnly} by the rules only, ` : ''}${h.leftForCi} left for CI, ${h.notReviewed} not reviewed`,
  costLine: (p: {
    claudeTokens: string;
    claudeCost: string;
    baselineTokens: string;
    baselineCost: string;
    saving: string;
    counts: string;
  }) =>
    `Claude ~${p.claudeTokens} tok, billed ${p.claudeCost} · all-Claude baseline ~${p.baselineTokens} tok ≈ ${p.baselineCost} (estimate for the hunks alone) · saved ${p.saving} over the reviewed hunks (${p.counts})`,
  costLineNoModel: (p: { baselineTokens: string; baselineCost: string; counts: string }) =>
    `all-Claude baseline ~${p.baselineTokens} tok ≈ ${p.baselineCost} · no hunk was reviewed by a model, so no saving is claimed (${p.counts})`,
  requests: (n: number) => plural(n, 'req', 'req'),
  cached: (n: number) => `${n} cached`,
  perServer: (servers: ReadonlyArray<{ host: string; requests: number }>) =>
    `per server: ${servers.map((s) => `${s.host} ${s.requests}`).join(', ')}`,
  findings: (n: number) => plural(n, 'finding'),
  nothingToReview: (source: string, files: number) =>
    files > 0
      ? `Nothing to review (${plural(files, 'file')} in ${source}, no reviewable hunks)`
      : source === 'staged'
        ? 'Nothing staged to review'
        : `Nothing to review in ${source}`,
  nothingReviewed: () => 'No hunk was reviewed by a model (see "Coverage" above)',
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
  }) =>
    `Totals: local ~${p.localTokens} tok · Claude ~${p.claudeTokens} tok ≈ ${p.claudeCost} · all-Claude baseline ~${p.baselineTokens} tok ≈ ${p.baselineCost} · no model was called, so no saving is claimed`,
  planLast: (hunks: number, local: number, claude: number, skip: number) =>
    `dry run · ${plural(hunks, 'hunk')}: ${local} local, ${claude} claude, ${skip} skip`,
  ruleFindings: (n: number, counts: string) => `${plural(n, 'finding')} from the rules (${counts})`,
  rulesOnlyGap: () => 'Checked by the deterministic rules only: no model read this hunk',
  notReviewedGap: (why: string) => `Not reviewed by a model: ${why}`,
  skippedFileGap: (why: string) => `File not reviewed (skipped): ${why}`,
};
