// The composition of the engine: diff → rules → routes → reviewers (cached, with fallbacks) → one ReviewResult.
import { timeoutSignal } from '../abort.js';
import { mergeFindings } from '../findings/merge.js';
import { placeFindings } from '../findings/place.js';
import { readDiff } from '../git/readDiff.js';
import { ReviewCache } from '../review/cache.js';
import { isNeverSend } from '../review/redact.js';
import { routeHunks } from '../route/route.js';
import { runRules } from '../rules/runRules.js';
import type { Finding, HunkOutcome, ReviewResult, RouteDecision } from '../types.js';
import { forbiddenRoles, resolveReviewers } from './availability.js';
import { cacheDirFor } from './cacheKeys.js';
import { summariseCost, unpricedNotice, withActualClaudeSpend } from './cost.js';
import {
  executeLanes,
  type LaneState,
  newLaneState,
  settleUnreviewable,
  takeFromCache,
} from './executeLanes.js';
import { planLanes } from './lanes.js';
import type { ExecOptions, RunReviewOptions } from './runOptions.js';
import { verifyBlocking } from './verifyBlocking.js';

export type { RunReviewOptions } from './runOptions.js';

function dryRunOutcomes(decisions: readonly RouteDecision[]): HunkOutcome[] {
  return decisions.map((d) =>
    d.route === 'skip'
      ? {
          hunk: d.hunk,
          route: 'skip',
          status: 'skipped',
          reason: { code: 'routing-skip', detail: d.reasons.map((r) => r.detail).join('; ') },
          notes: [],
        }
      : { hunk: d.hunk, route: d.route, status: 'notReviewed', reason: { code: 'dry-run' }, notes: [] },
  );
}

function runSignal(signal: AbortSignal, deadline: number | undefined): AbortSignal {
  if (deadline === undefined) return signal;
  return timeoutSignal(signal, deadline - Date.now());
}

export async function runReview(options: RunReviewOptions): Promise<ReviewResult> {
  const started = Date.now();
  const { config } = options;
  const diff = await readDiff(options.spec, {
    cwd: options.cwd,
    ...(options.repository ? { head: options.repository.head } : {}),
    ignore: config.ignore,
    maxFileChangedLines: config.limits.max_file_changed_lines,
    maxTotalChangedLines: config.limits.max_total_changed_lines,
  });
  const ruleFindings = runRules(diff.files, config);
  const decisions = routeHunks(diff.files, config, ruleFindings);
  options.progress?.({ kind: 'diff', files: diff.files.length, hunks: decisions.length });

  const base = { source: diff.label, files: diff.files, decisions, dryRun: options.dryRun };
  if (options.dryRun || decisions.every((d) => d.route === 'skip')) {
    const lanes = new Map(decisions.map((d) => [d.hunk.hash, d.route === 'skip' ? null : d.route] as const));
    return {
      ...base,
      outcomes: dryRunOutcomes(decisions),
      findings: mergeFindings(placeFindings(ruleFindings, diff.files)),
      usage: [],
      cost: summariseCost(decisions, lanes, config),
      notices: [unpricedNotice(config)].filter((n) => n !== null),
      durationMs: Date.now() - started,
    };
  }

  const signal = runSignal(options.signal, options.deadline);
  const reviewed = await reviewWithModels(decisions, { ...options, signal });
  const findings: Finding[] = [...ruleFindings, ...reviewed.findings];
  const usage = [...reviewed.usage.values()];
  return {
    ...base,
    outcomes: reviewed.outcomes,
    findings: mergeFindings(placeFindings(findings, diff.files)),
    usage,
    cost: withActualClaudeSpend(summariseCost(decisions, reviewed.lanes, config), usage),
    notices: [...reviewed.notices, unpricedNotice(config)].filter((n) => n !== null),
    durationMs: Date.now() - started,
  };
}

/**
 * Cache first, with every reviewer assumed available: when everything is cached no service is contacted.
 * Only the rest waits for the availability checks, the lane plan and the reviewers.
 */
async function reviewWithModels(decisions: RouteDecision[], options: ExecOptions): Promise<LaneState> {
  const { config } = options;
  const state = newLaneState(config);
  const cache = new ReviewCache(config.cache.enabled ? await cacheDirFor(options) : null);
  const neverSend = (path: string) => isNeverSend(path, config);
  const assumed = planLanes(decisions, {
    config,
    mode: options.mode,
    unavailable: forbiddenRoles(options),
    neverSend,
  });
  const uncached = takeFromCache(state, assumed, cache, options);
  if (uncached.some((plan) => plan.chain.length > 0)) {
    const available = await resolveReviewers(options, options.signal);
    state.notices.push(...available.notices);
    const plans = planLanes(
      uncached.map((plan) => plan.decision),
      { config, mode: options.mode, unavailable: available.unavailable, neverSend },
    );
    await executeLanes(state, plans, cache, options, available);
  } else {
    settleUnreviewable(state, uncached);
  }
  if (cache.corrupt > 0) state.notices.push({ code: 'cache-unreadable', count: cache.corrupt });
  if (config.claude.verify_local && !forbiddenRoles(options).escalation)
    await verifyBlocking(state, decisions, options);
  return state;
}
