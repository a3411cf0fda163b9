// The router's plan for a diff, remembered from recent runs: a hook run over the same staged hunks (a commit
// retried after a block, an amend, a second `review --staged`) reuses it instead of routing again. Routing is
// pure, but its first use in a process compiles ~70 regular expressions and the functions that run them, most
// of a cached hook run's router time (~15 ms of ~160, bench/hook.mjs). Keyed by the build and by every input
// the router reads; the last PLANS_KEPT plans are kept, so another kind of run in between (`review HEAD~1`)
// does not cost the next commit its plan.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import { routeHunks } from '../route/route.js';
import type { FileDiff, Finding, Hunk, Reason, RouteDecision } from '../types.js';
import { BUILD_ID } from '../version.js';
import { writeAtomically } from '../writeAtomically.js';

/** Larger diffs are routed afresh: their plan file would cost more to read than routing saves. */
export const PLAN_MAX_HUNKS = 400;
const PLAN_VERSION = 2;
/** Plans kept in the file, most recent first. */
export const PLANS_KEPT = 4;

interface StoredDecision {
  route: RouteDecision['route'];
  reasons: Reason[];
  securityScore: number;
  estimatedTokens: number;
  /** The hunk as sent, only when it is not the diff's own (a deleted file's digest, elided source maps). */
  sent?: Hunk;
}

interface StoredPlan {
  v: number;
  key: string;
  decisions: StoredDecision[];
}

interface StoredPlans {
  plans: unknown[];
}

const kept = (files: readonly FileDiff[]) => files.filter((f) => !f.skipped);

/** Everything routeHunks reads, under one digest: the build, the routing config, the kept files and their hunks, secret lines. */
export function planKey(
  files: readonly FileDiff[],
  config: Config,
  ruleFindings: readonly Finding[],
  buildId: string,
): string {
  const hash = createHash('sha256').update(`${PLAN_VERSION}\0${buildId}\0`);
  hash.update(JSON.stringify(config.routing));
  for (const f of kept(files)) {
    hash.update(`\0${f.path}\0${f.oldPath}\0${f.newPath}\0${f.status}\0${f.kind}\0${f.added}\0${f.deleted}`);
    for (const h of f.hunks)
      hash.update(`\0${h.hash}:${h.oldStart},${h.oldLines},${h.newStart},${h.newLines}:${h.section}`);
  }
  for (const s of ruleFindings)
    if (s.category === 'secret') hash.update(`\0secret:${s.file}:${s.range?.start ?? ''}`);
  return hash.digest('hex');
}

/** What is kept of a plan: routes and reasons, and a sent hunk only where it differs from the diff's. */
export function storePlan(
  key: string,
  decisions: readonly RouteDecision[],
  files: readonly FileDiff[],
): StoredPlan {
  const hunks = kept(files).flatMap((f) => f.hunks);
  return {
    v: PLAN_VERSION,
    key,
    decisions: decisions.map((d, i) => ({
      route: d.route,
      reasons: d.reasons,
      securityScore: d.securityScore,
      estimatedTokens: d.estimatedTokens,
      ...(d.hunk === hunks[i] ? {} : { sent: d.hunk }),
    })),
  };
}

/** The decisions of a stored plan for these files, or null when the plan is not theirs. */
export function replayPlan(stored: unknown, key: string, files: readonly FileDiff[]): RouteDecision[] | null {
  const plan = stored as Partial<StoredPlan> | null;
  if (plan?.v !== PLAN_VERSION || plan.key !== key || !Array.isArray(plan.decisions)) return null;
  const hunks = kept(files).flatMap((f) => f.hunks);
  if (plan.decisions.length !== hunks.length) return null;
  return plan.decisions.map((d, i) => ({
    hunk: d.sent ?? hunks[i]!,
    route: d.route,
    reasons: d.reasons,
    securityScore: d.securityScore,
    estimatedTokens: d.estimatedTokens,
  }));
}

/** The plans a file holds, most recent first; none when it cannot be read. */
function readPlans(path: string): unknown[] {
  try {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as Partial<StoredPlans> | null;
    return Array.isArray(stored?.plans) ? stored.plans : [];
  } catch {
    return [];
  }
}

/**
 * routeHunks, or the plan a recent run made for the same input. Only a built hunkwise (tests run from source)
 * with the review cache on remembers plans, in `<git dir>/hunkwise/route-plan.json`; a plan that cannot be read
 * or written only costs the routing. A diff with nothing to route is routed, not remembered.
 */
export function routeRemembered(
  files: readonly FileDiff[],
  config: Config,
  ruleFindings: readonly Finding[],
  commonDir: string | undefined,
  buildId: string | null = BUILD_ID,
): RouteDecision[] {
  const hunkCount = kept(files).reduce((n, f) => n + f.hunks.length, 0);
  if (!buildId || !commonDir || !config.cache.enabled || hunkCount === 0 || hunkCount > PLAN_MAX_HUNKS)
    return routeHunks(files, config, ruleFindings);
  const path = join(commonDir, 'hunkwise', 'route-plan.json');
  const key = planKey(files, config, ruleFindings, buildId);
  const plans = readPlans(path);
  for (const plan of plans) {
    const replayed = replayPlan(plan, key, files);
    if (replayed) return replayed;
  }
  const decisions = routeHunks(files, config, ruleFindings);
  const others = plans.filter((p) => (p as Partial<StoredPlan> | null)?.v === PLAN_VERSION);
  const stored: StoredPlans = { plans: [storePlan(key, decisions, files), ...others].slice(0, PLANS_KEPT) };
  writeAtomically(path, JSON.stringify(stored));
  return decisions;
}
