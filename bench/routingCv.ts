// Package-level cross-validation of the router (issue 13, round 2): every labelled row of the four sets is
// assigned to one of CV_FOLDS folds by a hash of its package name, so no package's releases sit in two folds,
// and the figures of bench/routing.mjs are reported per fold and pooled. A route can be re-read at another
// security threshold without routing again (routeAtThreshold), which gives the recall/cost curve.
import { createHash } from 'node:crypto';
import type { Route, RouteDecision } from '../src/types.js';
import type { RowOutcome } from './routing.corpus.js';

export const CV_FOLDS = 5;

/**
 * The fold of a package: the first 8 hex digits of sha256(package name) read as a number, mod CV_FOLDS.
 * A different function of the hash than the corpus split (parity of the first byte), so folds cut across it.
 */
export function foldOf(packageName: string, folds = CV_FOLDS): number {
  return Number.parseInt(createHash('sha256').update(packageName).digest('hex').slice(0, 8), 16) % folds;
}

/** Escalations that do not depend on the security score: they hold at any threshold. */
const SCORE_FREE_ESCALATIONS = new Set([
  'security-path',
  'hunk-size',
  'file-size',
  'cross-cutting',
  'always-claude',
]);

/** The route the decision would have with `routing.security_threshold` at `threshold`, all else unchanged. */
export function routeAtThreshold(decision: RouteDecision, threshold: number): Route {
  if (decision.route === 'skip') return 'skip';
  if (decision.reasons.some((r) => r.code === 'always-local' || r.code === 'security-off'))
    return decision.route;
  if (decision.reasons.some((r) => SCORE_FREE_ESCALATIONS.has(r.code))) return 'claude';
  return decision.securityScore >= threshold ? 'claude' : 'local';
}

export interface CvFigures {
  fixes: number;
  fixesToClaude: number;
  routineHunks: number;
  routineToClaude: number;
  tokens: number;
  claudeTokens: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export const recall = (f: CvFigures) => ratio(f.fixesToClaude, f.fixes);
export const routineShare = (f: CvFigures) => ratio(f.routineToClaude, f.routineHunks);
export const tokenShare = (f: CvFigures) => ratio(f.claudeTokens, f.tokens);

/** The three figures of issue 13 over some rows, with every decision re-read at `threshold`. */
export function figuresAt(outcomes: readonly RowOutcome[], threshold: number): CvFigures {
  const f: CvFigures = {
    fixes: 0,
    fixesToClaude: 0,
    routineHunks: 0,
    routineToClaude: 0,
    tokens: 0,
    claudeTokens: 0,
  };
  for (const o of outcomes) {
    const toClaude = o.decisions.filter((d) => routeAtThreshold(d, threshold) === 'claude');
    f.tokens += o.tokens;
    f.claudeTokens += toClaude.reduce((n, d) => n + d.estimatedTokens, 0);
    if (o.row.label === 'security') {
      f.fixes += 1;
      if (o.reviewed && routeAtThreshold(o.reviewed, threshold) === 'claude') f.fixesToClaude += 1;
    } else {
      f.routineHunks += o.decisions.length;
      f.routineToClaude += toClaude.length;
    }
  }
  return f;
}

/** Figures per fold (index = fold) and pooled, at one threshold. */
export function foldFigures(
  outcomes: readonly RowOutcome[],
  threshold: number,
  folds = CV_FOLDS,
): { perFold: CvFigures[]; pooled: CvFigures } {
  const perFold = Array.from({ length: folds }, (_, k) =>
    figuresAt(
      outcomes.filter((o) => foldOf(o.row.package, folds) === k),
      threshold,
    ),
  );
  return { perFold, pooled: figuresAt(outcomes, threshold) };
}

export interface CostGoals {
  routineShare: number;
  tokenShare: number;
}

/** Issue 13's 0.15 and 0.30 less a margin, because unseen data varies: what thresholds are chosen within. */
export const MARGIN_GOALS: CostGoals = { routineShare: 0.13, tokenShare: 0.27 };

/**
 * Chooses a threshold on some folds: the highest recall whose routine share and token share stay within the
 * goals, the higher threshold on ties (cheaper). Null when no candidate meets the goals.
 */
export function chooseThreshold(
  outcomes: readonly RowOutcome[],
  candidates: readonly number[],
  goals: CostGoals,
): number | null {
  let best: { threshold: number; recall: number } | null = null;
  for (const threshold of candidates) {
    const f = figuresAt(outcomes, threshold);
    if (routineShare(f) > goals.routineShare || tokenShare(f) > goals.tokenShare) continue;
    const r = recall(f);
    if (!best || r > best.recall || (r === best.recall && threshold > best.threshold))
      best = { threshold, recall: r };
  }
  return best?.threshold ?? null;
}

/**
 * Nested choice of the threshold: for each fold, the threshold chosen on the other folds, and that fold's
 * figures at it. What a threshold picked on known packages does on packages it was not picked on.
 */
export function crossValidatedThreshold(
  outcomes: readonly RowOutcome[],
  candidates: readonly number[],
  goals: CostGoals,
  folds = CV_FOLDS,
): { fold: number; threshold: number | null; heldOut: CvFigures }[] {
  return Array.from({ length: folds }, (_, k) => {
    const train = outcomes.filter((o) => foldOf(o.row.package, folds) !== k);
    const test = outcomes.filter((o) => foldOf(o.row.package, folds) === k);
    const threshold = chooseThreshold(train, candidates, goals);
    return { fold: k, threshold, heldOut: figuresAt(test, threshold ?? Number.POSITIVE_INFINITY) };
  });
}
