// Applies the lane plan: cache first, then each reviewer, then each hunk's fallback. Every hunk ends in an outcome.
import { budgetTokensOf, selectWithinBudget } from '../review/budget.js';
import { ReviewCache } from '../review/cache.js';
import { Redactor } from '../review/redact.js';
import type { ModelReviewer, ReviewBatchResult } from '../review/reviewer.js';
import { verifyLocalFindings } from '../review/verify.js';
import type { Finding, HunkOutcome, ModelUsage } from '../types.js';
import type { ReviewerSet } from './availability.js';
import { buildItems, type ItemBuildContext } from './buildItems.js';
import { cacheDirFor, cacheKeyFor } from './cacheKeys.js';
import { addUsage, describeRepairs, findingsOfHunk } from './laneResults.js';
import type { Lane, LanePlan } from './lanes.js';
import type { RunReviewOptions } from './runReview.js';

export interface ExecutedLanes {
  findings: Finding[];
  outcomes: HunkOutcome[];
  usage: ModelUsage[];
  /** Which lane finally reviewed each hunk (null: none), by hunk hash. */
  lanes: Map<string, Lane | null>;
  notices: string[];
}

type ExecOptions = RunReviewOptions & { signal: AbortSignal; diffLabel: string };

interface State {
  findings: Finding[];
  outcomes: HunkOutcome[];
  usage: Map<string, ModelUsage>;
  lanes: Map<string, Lane | null>;
  notices: string[];
  claudeBudgetLeft: number;
}

function reviewed(state: State, plan: LanePlan, lane: Lane, findings: Finding[], note?: string) {
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

function notReviewed(state: State, plan: LanePlan, reason: string) {
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
function fallBack(state: State, plan: LanePlan, failure: string, pending: LanePlan[], options: ExecOptions) {
  const failed = plan.chain.shift();
  if (options.signal.aborted) return notReviewed(state, plan, stoppedReason(options));
  if (plan.chain.length === 0) return notReviewed(state, plan, failure);
  plan.notes.push(
    `${failed === 'claude' ? 'Claude' : 'local model'} failed (${failure}); ${plan.chain[0] === 'local' ? 'reviewed locally' : 'sent to Claude'} instead`,
  );
  pending.push(plan);
}

function takeFromCache(
  state: State,
  plans: LanePlan[],
  cache: ReviewCache,
  reviewers: ReviewerSet,
  options: ExecOptions,
) {
  const pending: LanePlan[] = [];
  for (const plan of plans) {
    const lane = plan.chain[0];
    const reviewer = lane === 'local' ? reviewers.local : lane === 'claude' ? reviewers.claude : null;
    if (!lane || !reviewer) {
      notReviewed(state, plan, plan.unreviewedReason ?? 'no reviewer available');
      continue;
    }
    const cached = cache.get(
      cacheKeyFor(plan.decision.hunk, lane, reviewer.model, options.config),
      plan.decision.hunk,
    );
    if (!cached) {
      pending.push(plan);
      continue;
    }
    reviewed(state, plan, lane, cached, 'from cache');
    const usage = state.usage.get(reviewer.model) ?? addUsage(state.usage, reviewer, undefined);
    usage.cacheHits += 1;
  }
  return pending;
}

/** Claude's per-review token budget: the most security-relevant hunks go first, the rest fall back. */
function applyBudget(state: State, plans: LanePlan[], pending: LanePlan[], options: ExecOptions): LanePlan[] {
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
  state: State,
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
    cache.set(cacheKeyFor(hunk, done.lane, done.reviewer.model, options.config), hunk, own);
    reviewed(state, plan, done.lane, own);
  }
}

/** claude.verify_local: Claude confirms or rejects the local model's major/critical findings before they block. */
async function verifyBlocking(state: State, plans: LanePlan[], claude: ModelReviewer, options: ExecOptions) {
  const hunks = plans.map((plan) => plan.decision.hunk);
  const verified = await verifyLocalFindings(state.findings, hunks, {
    config: options.config,
    env: options.env,
    signal: options.signal,
  });
  state.findings = verified.findings;
  state.notices.push(...verified.notes);
  if (verified.usage.requests > 0) addUsage(state.usage, claude, verified.usage);
}

export async function executeLanes(
  plans: LanePlan[],
  options: ExecOptions,
  reviewers: ReviewerSet,
): Promise<ExecutedLanes> {
  const state: State = {
    findings: [],
    outcomes: [],
    usage: new Map(),
    lanes: new Map(),
    notices: [],
    claudeBudgetLeft: options.config.claude.budget_tokens,
  };
  const cache = new ReviewCache(options.config.cache.enabled ? await cacheDirFor(options) : null);
  let pending = takeFromCache(state, plans, cache, reviewers, options);
  const context: ItemBuildContext = {
    spec: options.spec,
    cwd: options.cwd,
    config: options.config,
    redactor: new Redactor(),
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
  if (cache.corrupt > 0) state.notices.push(`${cache.corrupt} unreadable cache entr(ies) ignored.`);
  if (options.config.claude.verify_local && reviewers.claude)
    await verifyBlocking(state, plans, reviewers.claude, options);
  return { ...state, usage: [...state.usage.values()] };
}
