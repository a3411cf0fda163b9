// Bookkeeping over a reviewer's answer: usage totals, repair notes, and which findings belong to which hunk.
import type { RepairNotice } from '../reasons.js';
import type { ModelReviewer, RepairCounts } from '../review/reviewer.js';
import { emptyUsage } from '../review/reviewer.js';
import type { Finding, Hunk, ModelUsage } from '../types.js';
import type { Role } from '../vocabulary.js';

/** Adds one answer's usage to the run's totals, per model; returns the model's total. */
export function addUsage(
  totals: Map<string, ModelUsage>,
  reviewer: Pick<ModelReviewer, 'role' | 'provider' | 'model'>,
  usage: ModelUsage | undefined,
): ModelUsage {
  const total = totals.get(reviewer.model) ?? emptyUsage(reviewer.model, reviewer.role, reviewer.provider);
  totals.set(reviewer.model, total);
  if (!usage) return total;
  total.requests += usage.requests;
  total.inputTokens += usage.inputTokens;
  total.outputTokens += usage.outputTokens;
  total.cacheReadTokens += usage.cacheReadTokens;
  total.cacheWriteTokens += usage.cacheWriteTokens;
  total.cacheHits += usage.cacheHits;
  total.costUsd += usage.costUsd;
  return total;
}

/** The repairs worth telling the user about, or null when there were none. */
export function repairNotice(role: Role, repairs: RepairCounts): RepairNotice | null {
  const { reanchored, fileLevel, dropped, retried } = repairs;
  if (reanchored + fileLevel + dropped + retried === 0) return null;
  return { code: 'output-repaired', role, reanchored, fileLevel, dropped, retried };
}

function newSpan(hunk: Hunk): { start: number; end: number } {
  return { start: hunk.newStart, end: hunk.newStart + Math.max(hunk.newLines, 1) - 1 };
}

function contains(hunk: Hunk, line: number): boolean {
  const span = newSpan(hunk);
  return line >= span.start && line <= span.end;
}

/**
 * The findings a batch produced that belong to `hunk`: those on its lines; file-level ones and ones
 * outside every hunk of the batch go to the first hunk of their file, so each finding is cached once.
 */
export function findingsOfHunk(findings: readonly Finding[], hunk: Hunk, batch: readonly Hunk[]): Finding[] {
  const sameFile = batch.filter((h) => h.file === hunk.file);
  const isFirst = sameFile[0]?.hash === hunk.hash;
  return findings.filter((finding) => {
    if (finding.file !== hunk.file) return false;
    if (!finding.range) return isFirst;
    const start = finding.range.start;
    if (contains(hunk, start)) return true;
    return isFirst && !sameFile.some((h) => contains(h, start));
  });
}
