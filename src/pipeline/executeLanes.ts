// Applies the lane plan: cache first, then each role's reviewer, then each hunk's fallback. Every hunk ends
// in an outcome with a typed reason.
import { abortedByDeadline } from '../abort.js';
import type { Config } from '../config/schema.js';
import type { Notice, NotReviewedReason, OutcomeNote, ReviewerFailure, SkippedReason } from '../reasons.js';
import { budgetTokensOf, selectWithinBudget } from '../review/budget.js';
import type { ReviewCache } from '../review/cache.js';
import { providerIdentity, providerOf } from '../review/providers.js';
import { Redactor } from '../review/redact.js';
import type { ModelReviewer, ReviewBatchResult } from '../review/reviewer.js';
import type { Finding, HunkOutcome, ModelUsage } from '../types.js';
import { ROLE_NAME, ROLES, type Role, type RoleName } from '../vocabulary.js';
import type { ReviewerSet } from './availability.js';
import { buildItems, type ItemBuildContext } from './buildItems.js';
import { cacheKeyFor } from './cacheKeys.js';
import { addUsage, findingsByHunk, repairNotice } from './laneResults.js';
import type { LanePlan } from './lanes.js';
import type { ExecOptions, RunReviewOptions } from './runOptions.js';
import type { StalledServer } from './stallMarks.js';

export interface LaneState {
  findings: Finding[];
  outcomes: HunkOutcome[];
  usage: Map<string, ModelUsage>;
  /** Which route's model reviewed each hunk (by hash); null when none did. */
  lanes: Map<string, RoleName | null>;
  notices: Notice[];
  claudeBudgetLeft: number;
  /** Roles whose server took requests and answered none in time (ReviewBatchResult.stall), with who it was. */
  stalls: Map<Role, StalledServer>;
  /** Roles whose server answered at least one request in this run. */
  answered: Set<Role>;
  /** Roles unusable for the rest of the run (ReviewBatchResult.fatal), with the sentence saying why. */
  down: Map<Role, string>;
}

/** The plan's notes, with what this run adds: Claude's review left for CI, an answer from the cache. */
function notesFor(plan: LanePlan, role: Role | null, fromCache: boolean): OutcomeNote[] {
  const notes = [...plan.notes];
  if (plan.escalationForCi && role !== 'escalation') notes.push({ code: 'escalation-left-for-ci' });
  if (fromCache) notes.push({ code: 'from-cache' });
  return notes;
}

function reviewed(state: LaneState, plan: LanePlan, role: Role, findings: Finding[], fromCache = false) {
  const notes = notesFor(plan, role, fromCache);
  state.outcomes.push({
    hunk: plan.decision.hunk,
    route: plan.decision.route,
    status: 'reviewed',
    by: ['rule', ROLE_NAME[role]],
    notes,
  });
  state.findings.push(...findings);
  state.lanes.set(plan.decision.hunk.hash, ROLE_NAME[role]);
}

function notReviewed(state: LaneState, plan: LanePlan, reason: NotReviewedReason | SkippedReason) {
  const { hunk, route } = plan.decision;
  const notes = reason.code === 'left-for-ci' ? plan.notes : notesFor(plan, null, false);
  state.lanes.set(hunk.hash, null);
  if (reason.code === 'routing-skip')
    state.outcomes.push({ hunk, route: 'skip', status: 'skipped', reason, notes });
  else state.outcomes.push({ hunk, route, status: 'notReviewed', reason, notes });
}

/** The run stopped before the hunk was reviewed: the hook's time budget ran out, or the user pressed Ctrl-C. */
function stoppedReason(options: ExecOptions): NotReviewedReason {
  return { code: abortedByDeadline(options.signal) ? 'time-budget' : 'interrupted' };
}

/** Moves a plan to its next reviewer after a failure, or ends it as not reviewed. */
function fallBack(
  state: LaneState,
  plan: LanePlan,
  failure: ReviewerFailure,
  pending: LanePlan[],
  options: ExecOptions,
) {
  const failed = plan.chain.shift();
  if (options.signal.aborted) return notReviewed(state, plan, stoppedReason(options));
  if (plan.chain.length === 0 || failed === undefined) return notReviewed(state, plan, failure);
  plan.notes.push({ code: 'fell-back', from: failed, to: plan.chain[0]!, because: failure });
  pending.push(plan);
}

type Identity = Pick<ModelReviewer, 'role' | 'provider' | 'model'>;

/**
 * Serves each plan the cached answer of the reviewer whose turn it is (the head of its chain), and only that
 * one: a later reviewer's answer (the local model's, stored when Claude failed) is never served in place of
 * an earlier one, which is asked again. Returns the plans still to review.
 */
function serveCached(
  state: LaneState,
  plans: LanePlan[],
  cache: ReviewCache,
  identityOf: (role: Role) => Identity,
  keyed: Pick<ExecOptions, 'config' | 'notesDigest'>,
): LanePlan[] {
  const pending: LanePlan[] = [];
  for (const plan of plans) {
    const role = plan.chain[0];
    const reviewer = role === undefined ? null : identityOf(role);
    const { hunk } = plan.decision;
    const findings = reviewer
      ? cache.get(cacheKeyFor(hunk, reviewer.role, reviewer.model, keyed.config, keyed.notesDigest), hunk)
      : null;
    if (!reviewer || !findings) {
      pending.push(plan);
      continue;
    }
    reviewed(state, plan, reviewer.role, findings, true);
    addUsage(state.usage, reviewer, undefined).cacheHits += 1;
  }
  return pending;
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
  return serveCached(state, plans, cache, (role) => cachedReviewer(role, options), options);
}

/** Who would review for a role, known from config alone (or the injected reviewer): no adapter is loaded. */
function cachedReviewer(
  role: Role,
  options: RunReviewOptions,
): Pick<ModelReviewer, 'role' | 'provider' | 'model'> {
  const injected = options.reviewers?.[role];
  if (injected) return injected;
  return {
    role,
    provider: providerOf(role, options.config),
    model: providerIdentity(role, options.config).model,
  };
}

/**
 * A reviewer found unusable earlier in the run (its key rejected, its server down or stuck) is not asked
 * again: hunks that fell back to it move on to their next reviewer, so a hung service is waited on once.
 */
function passOverDown(state: LaneState, plans: LanePlan[], options: ExecOptions): LanePlan[] {
  let current = plans;
  for (;;) {
    const next: LanePlan[] = [];
    let moved = false;
    for (const plan of current) {
      const role = plan.chain[0];
      const detail = role === undefined ? undefined : state.down.get(role);
      if (role === undefined || detail === undefined) next.push(plan);
      else {
        moved = true;
        fallBack(state, plan, { code: 'model-failed', role, detail }, next, options);
      }
    }
    if (!moved) return next;
    current = next;
  }
}

/** Plans nobody will review (skipped, left for CI, no reviewer available) end here with their reason. */
export function settleUnreviewable(state: LaneState, plans: LanePlan[]): LanePlan[] {
  const reviewable = plans.filter((plan) => plan.chain.length > 0);
  for (const plan of plans)
    if (plan.chain.length === 0)
      notReviewed(state, plan, plan.unreviewed ?? { code: 'unavailable', reviewers: [] });
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
    state.notices.push({
      code: 'over-budget',
      hunks: leftOver.length,
      budgetTokens: options.config.claude.budget_tokens,
    });
  }
  state.claudeBudgetLeft -= tokens;
  return send.map((decision) => planOf.get(decision)!);
}

async function runLane(
  role: Role,
  plans: LanePlan[],
  reviewer: ModelReviewer,
  context: ItemBuildContext,
  options: ExecOptions,
) {
  const items = await buildItems(plans, role, context);
  options.progress?.({ kind: 'review-start', role, hunks: plans.length });
  const result: ReviewBatchResult = await reviewer.review(items, options.signal);
  options.progress?.({ kind: 'review-done', role, hunks: plans.length });
  return { role, plans, reviewer, result };
}

function recordLane(
  state: LaneState,
  done: Awaited<ReturnType<typeof runLane>>,
  cache: ReviewCache,
  pending: LanePlan[],
  options: ExecOptions,
) {
  const { role } = done;
  addUsage(state.usage, done.reviewer, done.result.usage);
  if (done.result.stall)
    state.stalls.set(role, { reviewer: done.reviewer, waitedMs: done.result.stall.waitedMs });
  if (done.result.answered) state.answered.add(role);
  if (done.result.fatal) state.down.set(role, done.result.fatal);
  state.notices.push(...done.result.notes.map((detail): Notice => ({ code: 'model-note', role, detail })));
  const repairs = repairNotice(role, done.result.repairs);
  if (repairs) state.notices.push(repairs);
  const answered: LanePlan[] = [];
  for (const plan of done.plans) {
    const outcome = done.result.outcomes.get(plan.decision.hunk.hash);
    if (outcome?.status === 'reviewed') {
      answered.push(plan);
      continue;
    }
    const failure: ReviewerFailure = outcome
      ? { code: 'model-failed', role, detail: outcome.reason }
      : { code: 'no-answer', role };
    fallBack(state, plan, failure, pending, options);
  }
  // Findings are shared out among the hunks that were answered, so none rides on a hunk that failed.
  const owned = findingsByHunk(
    done.result.findings,
    answered.map((plan) => plan.decision.hunk),
  );
  for (const plan of answered) {
    const { hunk } = plan.decision;
    const own = owned.get(hunk.hash) ?? [];
    cache.set(cacheKeyFor(hunk, role, done.reviewer.model, options.config, options.notesDigest), hunk, own);
    reviewed(state, plan, role, own);
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
    stalls: new Map(),
    answered: new Set(),
    down: new Map(),
  };
}

/** Reviews the plans (already past the cache) with their reviewers and fallbacks, writing answers to the cache. */
export async function executeLanes(
  state: LaneState,
  plans: LanePlan[],
  cache: ReviewCache,
  options: ExecOptions,
  available: ReviewerSet,
): Promise<void> {
  let pending = settleUnreviewable(state, plans);
  const context: ItemBuildContext = {
    spec: options.spec,
    cwd: options.cwd,
    config: options.config,
    redactor: new Redactor(),
    ...(options.guidance ? { guidance: options.guidance } : {}),
  };
  const identityOf = (role: Role) => available.reviewers[role] ?? cachedReviewer(role, options);
  while (pending.length > 0) {
    // A hunk that moved on to its next reviewer may find that reviewer's answer cached.
    pending = serveCached(state, passOverDown(state, pending, options), cache, identityOf, options);
    if (pending.length === 0) break;
    if (options.signal.aborted) {
      for (const plan of pending) notReviewed(state, plan, stoppedReason(options));
      break;
    }
    const next: LanePlan[] = [];
    const byRole = new Map(
      ROLES.map((role) => [
        role,
        available.reviewers[role] ? pending.filter((plan) => plan.chain[0] === role) : [],
      ]),
    );
    const taken = new Set([...byRole.values()].flat());
    for (const plan of pending.filter((p) => !taken.has(p))) {
      notReviewed(state, plan, plan.unreviewed ?? { code: 'unavailable', reviewers: [] });
    }
    byRole.set('escalation', applyBudget(state, byRole.get('escalation') ?? [], next, options));
    const runs = ROLES.flatMap((role) => {
      const reviewer = available.reviewers[role];
      const lane = byRole.get(role) ?? [];
      return reviewer && lane.length > 0 ? [runLane(role, lane, reviewer, context, options)] : [];
    });
    for (const done of await Promise.all(runs)) recordLane(state, done, cache, next, options);
    pending = next;
  }
  if (context.redactor.replaced > 0) {
    state.notices.push({ code: 'secrets-redacted', count: context.redactor.replaced });
  }
}
