// Claude's per-review token budget: which escalated hunks are sent when they do not all fit. Pure.
import type { Config } from '../config/schema.js';
import type { ReviewerFailure } from '../reasons.js';
import type { RouteDecision } from '../types.js';

export interface LeftOver<T extends RouteDecision = RouteDecision> {
  decision: T;
  /** Why it was not sent, for the report. */
  reason: Extract<ReviewerFailure, { code: 'over-budget' }>;
}

export interface BudgetSelection<T extends RouteDecision = RouteDecision> {
  /** Decisions to send, in priority order. */
  send: T[];
  /** Decisions that did not fit, in priority order, each with its reason. */
  leftOver: LeftOver<T>[];
  /** Tokens of `send`, as counted by `tokensOf`. */
  tokens: number;
}

/** Reason codes that make a hunk worth Claude's attention beyond its security score. */
const SECURITY_CODES = /secret|security|sensitive|auth|crypto/i;

function hasSecurityReason(decision: RouteDecision): boolean {
  return decision.reasons.some((reason) => SECURITY_CODES.test(reason.code));
}

/**
 * Priority: security score, then any security-flavoured reason, then larger hunks (the other reason for
 * escalating), then path and line so the order never depends on input order.
 */
export function compareForBudget(a: RouteDecision, b: RouteDecision): number {
  return (
    b.securityScore - a.securityScore ||
    Number(hasSecurityReason(b)) - Number(hasSecurityReason(a)) ||
    b.estimatedTokens - a.estimatedTokens ||
    a.hunk.file.localeCompare(b.hunk.file) ||
    a.hunk.newStart - b.hunk.newStart
  );
}

/**
 * What a hunk will really cost in Claude input tokens, as an upper bound: the hunk plus the context it travels
 * with (claude.context_tokens). The router's estimate alone counts only the hunk, often a tenth of the request.
 */
export function budgetTokensOf(decision: RouteDecision, config: Pick<Config, 'claude'>): number {
  return decision.estimatedTokens + config.claude.context_tokens;
}

/**
 * Greedy by priority: each hunk is sent if it still fits; a hunk that does not fit is left over, and smaller
 * hunks after it may still use the rest of the budget.
 */
export function selectWithinBudget<T extends RouteDecision>(
  decisions: readonly T[],
  budgetTokens: number,
  /** Tokens a decision costs; pass `(d) => budgetTokensOf(d, config)` to count its context too. */
  tokensOf: (decision: T) => number = (decision) => decision.estimatedTokens,
): BudgetSelection<T> {
  const ordered = [...decisions].sort(compareForBudget);
  const send: T[] = [];
  const leftOver: LeftOver<T>[] = [];
  let tokens = 0;
  for (const decision of ordered) {
    const left = Math.max(0, budgetTokens - tokens);
    const cost = tokensOf(decision);
    if (cost <= left) {
      send.push(decision);
      tokens += cost;
    } else {
      leftOver.push({ decision, reason: { code: 'over-budget', tokens: cost, left } });
    }
  }
  return { send, leftOver, tokens };
}
