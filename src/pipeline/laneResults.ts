// Bookkeeping over a reviewer's answer: usage totals, repair notes, and which findings belong to which hunk.
import { indexHunks } from '../diff/diffIndex.js';
import type { RepairNotice } from '../reasons.js';
import type { ModelReviewer, RepairCounts } from '../review/reviewer.js';
import { addHostUsage, emptyUsage } from '../review/reviewer.js';
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
  for (const line of usage.hosts ?? []) addHostUsage(total, line);
  return total;
}

/** The repairs worth telling the user about, or null when there were none. */
export function repairNotice(role: Role, repairs: RepairCounts): RepairNotice | null {
  const { reanchored, fileLevel, dropped, retried } = repairs;
  if (reanchored + fileLevel + dropped + retried === 0) return null;
  return { code: 'output-repaired', role, reanchored, fileLevel, dropped, retried };
}

/**
 * The findings of a batch, by the hunk they belong to (`Hunk.hash`), each cached with that hunk: those on a
 * hunk's lines go to it; file-level ones and ones outside every hunk of the batch go to the first hunk of
 * their file, so each finding is cached once.
 */
export function findingsByHunk(findings: readonly Finding[], batch: readonly Hunk[]): Map<string, Finding[]> {
  const index = indexHunks(batch);
  const owned = new Map<string, Finding[]>(batch.map((hunk) => [hunk.hash, []]));
  for (const finding of findings) {
    const first = index.hunksOf(finding.file)[0];
    const owner = (finding.range ? index.hunkAt(finding.file, finding.range.start) : null) ?? first;
    if (owner) owned.get(owner.hash)?.push(finding);
  }
  return owned;
}
