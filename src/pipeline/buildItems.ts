// Turns planned hunks into what may leave the machine: secrets redacted, escalated hunks with their context.
import type { Config } from '../config/schema.js';
import type { DiffSpec } from '../git/diffSpec.js';
import { readNewSideFile } from '../git/readDiff.js';
import { contextForHunk } from '../review/context.js';
import { redactHunk, redactText } from '../review/redact.js';
import type { ReviewItem } from '../review/reviewer.js';
import type { LanePlan } from './lanes.js';

export interface ItemBuildContext {
  spec: DiffSpec;
  cwd: string;
  config: Config;
  /** Running count of secrets replaced, for the report. */
  redactions: number;
}

async function fileTexts(paths: string[], context: ItemBuildContext): Promise<Map<string, string | null>> {
  const unique = [...new Set(paths)];
  const texts = await Promise.all(
    unique.map((path) => readNewSideFile(context.spec, path, context.cwd).catch(() => null)),
  );
  return new Map(unique.map((path, i) => [path, texts[i] ?? null]));
}

export async function buildItems(
  plans: LanePlan[],
  lane: 'local' | 'claude',
  context: ItemBuildContext,
): Promise<ReviewItem[]> {
  const budget = lane === 'claude' ? context.config.claude.context_tokens : 0;
  const texts =
    budget > 0
      ? await fileTexts(
          plans.map((p) => p.decision.hunk.file),
          context,
        )
      : new Map();
  return plans.map((plan) => {
    const redacted = redactHunk(plan.decision.hunk);
    context.redactions += redacted.count;
    const text = texts.get(plan.decision.hunk.file);
    const around = text ? contextForHunk(text, plan.decision.hunk, budget) : null;
    if (!around) return { decision: plan.decision, hunk: redacted.hunk, context: '' };
    const cleanContext = redactText(around.text);
    // The context repeats the hunk's own lines: count each secret once.
    context.redactions += Math.max(0, cleanContext.count - redacted.count);
    return {
      decision: plan.decision,
      hunk: redacted.hunk,
      context: cleanContext.text,
      contextStartLine: around.startLine,
    };
  });
}
