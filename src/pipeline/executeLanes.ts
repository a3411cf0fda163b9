// Applies the lane plan: cache first, then each reviewer, then each hunk's fallback. Every hunk ends in an outcome.
import type { Config } from '../config/schema.js';
import type { GuidanceNote } from '../memory/selectNotes.js';
import { budgetTokensOf, selectWithinBudget } from '../review/budget.js';
import type { ReviewCache } from '../review/cache.js';
import { Redactor } from '../review/redact.js';
import type { ModelReviewer, ReviewBatchResult } from '../review/reviewer.js';
import type { Finding, HunkOutcome, ModelUsage } from '../types.js';
import type { ReviewerSet } from './availability.js';
import { buildItems, type ItemBuildContext } from './buildItems.js';
import { cacheKeyFor } from './cacheKeys.js';
import { addUsage, describeRepairs, findingsOfHunk } from './laneResults.js';
import type { Lane, LanePlan } from './lanes.js';
import type { RunReviewOptions } from './runReview.js';

export type ExecOptions = RunReviewOptions & {
  signal: AbortSignal;
  /** Team notes for each hunk about to go to a model, by hunk hash. */
  guidance?: ReadonlyMap<string, GuidanceNote[]>;
  /** Digest of the team notes: part of every review-cache key (null: no notes). */
  notesDigest?: string | null;
};

export interface LaneState {
  findings: Finding[];
  outcomes: HunkOutcome[];
  usage: Map<string, ModelUsage>;
  lanes: Map<string, Lane | null>;
  notices: string[];
  claudeBudgetLeft: number;
}

function reviewed(state: LaneState, plan: LanePlan, lane: Lane, findings: Finding[], note?: string) {
  const notes = note ? [...plan.notes, note] : plan.notes;
  state.outcomes.push({
    hunk: plan.decision.hunk,
    route: plan.decision.route,
    status: 'reviewed',
    by: ['rules', lane],
    notes,
  });
  state.findings.push(...findings);
  state.lanes.set(plan.decision.hunk.hash, lane);
}

function notReviewed(state: LaneState, plan: LanePlan, reason: string) {
  const { hunk, route } = plan.decision;
  state.lanes.set(hunk.hash, null);
  if (route === 'skip') state.outcomes.push({ hunk, route, status: 'skipped', reason, notes: plan.notes });
  else state.outcomes.push({ hunk, route, status: 'notReviewed', reason, notes: plan.notes });
}

function stoppedReason(options: ExecOptions): string {
  return options.signal.reason?.name === 'TimeoutError'
    ? 'time budget reached before this hunk was reviewed'
    : 'interrupted';
}

/** Moves a plan to its next reviewer after a failure, or ends it as not reviewed. */
function fallBack(
  state: LaneState,
  plan: LanePlan,
  failure: string,
  pending: LanePlan[],
  options: ExecOptions,
) {
  const failed = plan.chain.shift();
  if (options.signal.aborted) return notReviewed(state, plan, stoppedReason(options));
  if (plan.chain.length === 0) return notReviewed(state, plan, failure);
  plan.notes.push(
    `${failed === 'claude' ? 'Claude' : 'local model'} failed (${failure}); ${plan.chain[0] === 'local' ? 'reviewed locally' : 'sent to Claude'} instead`,
  );
  pending.push(plan);
}

/**
 * Serves what the cache already knows, before any service is contacted: with every hunk cached, the run
 * needs no model at all. `plans` come from planLanes with every reviewer assumed available; returns the
 * plans still to review.
 */
export function takeFromCache(
  state: LaneState,
  plans: LanePlan[],
  cache: ReviewCache,
  options: RunReviewOptions & Pick<ExecOptions, 'notesDigest'>,
) {
  const pending: LanePlan[] = [];
  for (const plan of plans) {
    const hit = plan.chain
      .map((lane) => ({ lane, model: modelOf(lane, options) }))
      .map(({ lane, model }) => ({
        lane,
        model,
        findings: cache.get(
          cacheKeyFor(plan.decision.hunk, lane, model, options.config, options.notesDigest),
          plan.decision.hunk,
        ),
      }))
      .find((entry) => entry.findings !== null);
    if (!hit?.findings) {
      pending.push(plan);
      continue;
    }
    reviewed(state, plan, hit.lane, hit.findings, 'from cache');
    addUsage(state.usage, { kind: hit.lane, model: hit.model }, undefined).cacheHits += 1;
  }
  return pending;
}

function modelOf(lane: Lane, options: RunReviewOptions): string {
  const injected = lane === 'local' ? options.reviewers?.local : options.reviewers?.claude;
  return injected?.model ?? (lane === 'local' ? options.config.local.model : options.config.claude.model);
}

/** Plans nobody will review (skipped, left for CI, no reviewer available) end here with their reason. */
export function settleUnreviewable(state: LaneState, plans: LanePlan[]): LanePlan[] {
  const reviewable = plans.filter((plan) => plan.chain.length > 0);
  for (const plan of plans)
    if (plan.chain.length === 0) notReviewed(state, plan, plan.unreviewedReason ?? 'no reviewer available');
  return reviewable;
}

/** Claude's per-review token budget: the most security-relevant hunks go first, the rest fall back. */
function applyBudget(
  state: LaneState,
  plans: LanePlan[],
  pending: LanePlan[],
  options: ExecOptions,
): LanePlan[] {
  const planOf = new Map(plans.map((plan) => [plan.decision, plan]));
  const { send, leftOver, tokens } = selectWithinBudget([...planOf.keys()], state.claudeBudgetLeft, (d) =>
    budgetTokensOf(d, options.config),
  );
  for (const left of leftOver) fallBack(state, planOf.get(left.decision)!, left.reason, pending, options);
  if (leftOver.length > 0) {
    state.notices.push(
      `${leftOver.length} escalated hunk(s) did not fit the Claude budget (claude.budget_tokens = ${options.config.claude.budget_tokens}); the most security-relevant were sent first.`,
    );
  }
  state.claudeBudgetLeft -= tokens;
  return send.map((decision) => planOf.get(decision)!);
}

async function runLane(
  lane: Lane,
  plans: LanePlan[],
  reviewer: ModelReviewer,
  context: ItemBuildContext,
  options: ExecOptions,
): Promise<{ lane: Lane; plans: LanePlan[]; result: ReviewBatchResult; reviewer: ModelReviewer }> {
  options.progress?.({ kind: 'review-start', lane, hunks: plans.length });
  const items = await buildItems(plans, lane, context);
  const result = await reviewer.review(items, options.signal);
  options.progress?.({ kind: 'review-done', lane, hunks: plans.length });
  return { lane, plans, result, reviewer };
}

function recordLane(
  state: LaneState,
  done: Awaited<ReturnType<typeof runLane>>,
  cache: ReviewCache,
  pending: LanePlan[],
  options: ExecOptions,
) {
  addUsage(state.usage, done.reviewer, done.result.usage);
  state.notices.push(...done.result.notes);
  const repairs = describeRepairs(done.lane, done.result.repairs);
  if (repairs) state.notices.push(repairs);
  for (const plan of done.plans) {
    const hunk = plan.decision.hunk;
    const outcome = done.result.outcomes.get(hunk.hash) ?? {
      status: 'failed',
      reason: 'the reviewer gave no answer for this hunk',
    };
    if (outcome.status === 'failed') {
      fallBack(state, plan, outcome.reason, pending, options);
      continue;
    }
    const own = findingsOfHunk(
      done.result.findings,
      hunk,
      done.plans.map((p) => p.decision.hunk),
    );
    cache.set(
      cacheKeyFor(hunk, done.lane, done.reviewer.model, options.config, options.notesDigest),
      hunk,
      own,
    );
    reviewed(state, plan, done.lane, own);
  }
}

export function newLaneState(config: Config): LaneState {
  return {
    findings: [],
    outcomes: [],
    usage: new Map(),
    lanes: new Map(),
    notices: [],
    claudeBudgetLeft: config.claude.budget_tokens,
  };
}

/** Reviews the plans (already past the cache) with their reviewers and fallbacks, writing answers to the cache. */
export async function executeLanes(
  state: LaneState,
  plans: LanePlan[],
  cache: ReviewCache,
  options: ExecOptions,
  reviewers: ReviewerSet,
): Promise<void> {
  let pending = settleUnreviewable(state, plans);
  const context: ItemBuildContext = {
    spec: options.spec,
    cwd: options.cwd,
    config: options.config,
    redactor: new Redactor(),
    ...(options.guidance ? { guidance: options.guidance } : {}),
  };
  while (pending.length > 0) {
    if (options.signal.aborted) {
      for (const plan of pending) notReviewed(state, plan, stoppedReason(options));
      break;
    }
    const next: LanePlan[] = [];
    const byLane = (lane: Lane) => pending.filter((p) => p.chain[0] === lane);
    const local = reviewers.local ? byLane('local') : [];
    const wantClaude = reviewers.claude ? byLane('claude') : [];
    for (const plan of pending.filter((p) => !local.includes(p) && !wantClaude.includes(p))) {
      notReviewed(state, plan, plan.unreviewedReason ?? 'no reviewer available');
    }
    const claude = applyBudget(state, wantClaude, next, options);
    const runs = [];
    if (reviewers.local && local.length > 0)
      runs.push(runLane('local', local, reviewers.local, context, options));
    if (reviewers.claude && claude.length > 0)
      runs.push(runLane('claude', claude, reviewers.claude, context, options));
    for (const done of await Promise.all(runs)) recordLane(state, done, cache, next, options);
    pending = next;
  }
  if (context.redactor.replaced > 0) {
    state.notices.push(
      `Secrets were replaced by placeholders before anything left for a model (${context.redactor.replaced} replacement(s)).`,
    );
  }
}
