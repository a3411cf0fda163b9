// Which role's model each hunk goes to first, and where it falls back to: a pure plan, applied by runReview.
import type { Config } from '../config/schema.js';
import type { NotReviewedReason, OutcomeNote, SkippedReason, Unavailable } from '../reasons.js';
import type { RouteDecision } from '../types.js';
import type { Role, RunMode } from '../vocabulary.js';

export interface LanePlan {
  decision: RouteDecision;
  /** Roles to try in order; empty means nobody will review this hunk. */
  chain: Role[];
  notes: OutcomeNote[];
  /** Why the chain is empty (for the report). */
  unreviewed?: NotReviewedReason | SkippedReason;
}

export interface LaneContext {
  config: Config;
  mode: RunMode;
  /** Null when the role can be used, else why not. */
  unavailable: Record<Role, Unavailable | null>;
  neverSend: (path: string) => boolean;
}

function preferredChain(
  decision: RouteDecision,
  ctx: LaneContext,
): { chain: Role[]; notes: OutcomeNote[]; left?: NotReviewedReason } {
  const { config } = ctx;
  const notes: OutcomeNote[] = [];
  const cloudBlocked = ctx.neverSend(decision.hunk.file);
  if (decision.route === 'local') {
    const chain: Role[] = ['local'];
    if (config.local.fallback === 'claude' && !cloudBlocked) chain.push('escalation');
    return { chain, notes };
  }
  if (ctx.mode === 'hook' && !config.hook.escalate) {
    return { chain: [], notes, left: { code: 'left-for-ci' } };
  }
  if (cloudBlocked) {
    notes.push({ code: 'never-send' });
    return { chain: ['local'], notes };
  }
  return { chain: ['escalation', 'local'], notes };
}

export function planLanes(decisions: readonly RouteDecision[], ctx: LaneContext): LanePlan[] {
  return decisions.map((decision) => {
    if (decision.route === 'skip') {
      const detail = decision.reasons.map((r) => r.detail).join('; ');
      return { decision, chain: [], notes: [], unreviewed: { code: 'routing-skip', detail } };
    }
    const preferred = preferredChain(decision, ctx);
    if (preferred.left) return { decision, chain: [], notes: preferred.notes, unreviewed: preferred.left };
    const notes = [...preferred.notes];
    const missing: Unavailable[] = [];
    const chain = preferred.chain.filter((role) => {
      const unavailable = ctx.unavailable[role];
      if (unavailable) missing.push(unavailable);
      return unavailable === null;
    });
    if (chain.length === 0) {
      return { decision, chain, notes, unreviewed: { code: 'unavailable', reviewers: missing } };
    }
    if (chain[0] !== preferred.chain[0])
      notes.push({
        code: 'fell-back',
        from: preferred.chain[0]!,
        to: chain[0]!,
        because: { code: 'unavailable', reviewers: missing.slice(0, 1) },
      });
    return { decision, chain, notes };
  });
}
