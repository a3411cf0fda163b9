// Which reviewer each hunk goes to first, and where it falls back to: a pure plan, applied by runReview.
import type { Config } from '../config/schema.js';
import type { RouteDecision } from '../types.js';

export type Lane = 'local' | 'claude';

export interface LanePlan {
  decision: RouteDecision;
  /** Reviewers to try in order; empty means nobody will review this hunk. */
  chain: Lane[];
  notes: string[];
  /** Why the chain is empty (for the report). */
  unreviewedReason?: string;
}

export interface LaneContext {
  config: Config;
  mode: 'hook' | 'cli' | 'ci';
  /** Null when available, else the one-line reason. */
  localUnavailable: string | null;
  claudeUnavailable: string | null;
  neverSend: (path: string) => boolean;
}

function preferredChain(
  decision: RouteDecision,
  ctx: LaneContext,
): { chain: Lane[]; notes: string[]; left?: string } {
  const { config } = ctx;
  const notes: string[] = [];
  const cloudBlocked = ctx.neverSend(decision.hunk.file);
  if (decision.route === 'local') {
    const chain: Lane[] = ['local'];
    if (config.local.fallback === 'claude' && !cloudBlocked) chain.push('claude');
    return { chain, notes };
  }
  if (ctx.mode === 'hook' && !config.hook.escalate) {
    return { chain: [], notes, left: 'left for CI review (escalated to Claude; hook.escalate is off)' };
  }
  if (cloudBlocked) {
    notes.push('matches never_send: reviewed locally instead of by Claude');
    return { chain: ['local'], notes };
  }
  return { chain: ['claude', 'local'], notes };
}

function unavailableReason(lane: Lane, ctx: LaneContext): string | null {
  return lane === 'local' ? ctx.localUnavailable : ctx.claudeUnavailable;
}

export function planLanes(decisions: readonly RouteDecision[], ctx: LaneContext): LanePlan[] {
  return decisions.map((decision) => {
    if (decision.route === 'skip') {
      const why = decision.reasons.map((r) => r.detail).join('; ') || 'skipped by routing';
      return { decision, chain: [], notes: [], unreviewedReason: why };
    }
    const preferred = preferredChain(decision, ctx);
    if (preferred.left)
      return { decision, chain: [], notes: preferred.notes, unreviewedReason: preferred.left };
    const notes = [...preferred.notes];
    const missing: string[] = [];
    const chain = preferred.chain.filter((lane) => {
      const reason = unavailableReason(lane, ctx);
      if (reason) missing.push(reason);
      return reason === null;
    });
    if (chain.length === 0) {
      return { decision, chain, notes, unreviewedReason: missing.join('; ') || 'no reviewer available' };
    }
    if (chain[0] !== preferred.chain[0])
      notes.push(`${missing[0]}: ${chain[0] === 'local' ? 'reviewed locally' : 'sent to Claude'} instead`);
    return { decision, chain, notes };
  });
}
