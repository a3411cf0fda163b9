// Turns planned hunks into what may leave the machine: escalated hunks with their context, then every
// secret the rules can detect replaced by a placeholder (one Redactor per run keeps the numbering stable).
import type { Config } from '../config/schema.js';
import type { DiffSpec } from '../git/diffSpec.js';
import { readNewSideFile } from '../git/readDiff.js';
import type { GuidanceNote } from '../memory/selectNotes.js';
import { contextForHunk } from '../review/context.js';
import { type Redactor, redactItems } from '../review/redact.js';
import type { ReviewItem } from '../review/reviewer.js';
import type { Role } from '../vocabulary.js';
import type { LanePlan } from './lanes.js';

export interface ItemBuildContext {
  spec: DiffSpec;
  cwd: string;
  config: Config;
  redactor: Redactor;
  /** Team notes by hunk hash, attached to the items as data for the prompt. */
  guidance?: ReadonlyMap<string, GuidanceNote[]>;
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
  role: Role,
  context: ItemBuildContext,
): Promise<ReviewItem[]> {
  const budget = role === 'escalation' ? context.config.claude.context_tokens : 0;
  const texts =
    budget > 0
      ? await fileTexts(
          plans.map((p) => p.decision.hunk.file),
          context,
        )
      : new Map();
  const items = plans.map((plan): ReviewItem => {
    const { hunk } = plan.decision;
    const text = texts.get(hunk.file);
    const around = text ? contextForHunk(text, hunk, budget) : null;
    const notes = context.guidance?.get(hunk.hash);
    const item: ReviewItem = around
      ? { decision: plan.decision, hunk, context: around.text, contextStartLine: around.startLine }
      : { decision: plan.decision, hunk, context: '' };
    return notes ? { ...item, guidance: notes } : item;
  });
  return redactItems(items, context.redactor).value;
}
