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
  /**
   * Escalated in the hook, which reviews it without Claude when it must: whoever else takes it notes that
   * Claude's review is left for CI.
   */
  escalationForCi?: boolean;
}

export interface LaneContext {
  config: Config;
  mode: RunMode;
  /** Null when the role can be used, else why not. */
  unavailable: Record<Role, Unavailable | null>;
  neverSend: (path: string) => boolean;
}

interface Preferred {
  chain: Role[];
  notes: OutcomeNote[];
  /** Why the hunk is not reviewed when no role of the chain can be used. */
  left?: NotReviewedReason;
  escalationForCi?: boolean;
}

/**
 * An escalated hunk is never left without a review: when the hook does not escalate it (or Claude cannot
 * take it), the local model reviews it and the CI review escalates it later.
 */
function preferredChain(decision: RouteDecision, ctx: LaneContext): Preferred {
  const { config } = ctx;
  const notes: OutcomeNote[] = [];
  const cloudBlocked = ctx.neverSend(decision.hunk.file);
  if (decision.route === 'local') {
    const chain: Role[] = ['local'];
    if (config.local.fallback === 'claude' && !cloudBlocked) chain.push('escalation');
    return { chain, notes };
  }
  if (cloudBlocked) {
    notes.push({ code: 'never-send' });
    return { chain: ['local'], notes };
  }
  if (ctx.mode !== 'hook') return { chain: ['escalation', 'local'], notes };
  const chain: Role[] = config.hook.escalate ? ['escalation', 'local'] : ['local'];
  return { chain, notes, left: { code: 'left-for-ci' }, escalationForCi: true };
}

export function planLanes(decisions: readonly RouteDecision[], ctx: LaneContext): LanePlan[] {
  return decisions.map((decision) => {
    if (decision.route === 'skip') {
      const detail = decision.reasons.map((r) => r.detail).join('; ');
      return { decision, chain: [], notes: [], unreviewed: { code: 'routing-skip', detail } };
    }
    const preferred = preferredChain(decision, ctx);
    const notes = [...preferred.notes];
    const forCi = preferred.escalationForCi ? { escalationForCi: true } : {};
    const missing: Unavailable[] = [];
    const chain = preferred.chain.filter((role) => {
      const unavailable = ctx.unavailable[role];
      if (unavailable) missing.push(unavailable);
      return unavailable === null;
    });
    if (chain.length === 0) {
      const unreviewed = preferred.left ?? { code: 'unavailable' as const, reviewers: missing };
      return { decision, chain, notes, unreviewed };
    }
    if (chain[0] !== preferred.chain[0])
      notes.push({
        code: 'fell-back',
        from: preferred.chain[0]!,
        to: chain[0]!,
        because: { code: 'unavailable', reviewers: missing.slice(0, 1) },
      });
    return { decision, chain, notes, ...forCi };
  });
}
