// Pure part of training the learned security score (issue 13, round 3): which decisions teach what, which
// features a model may use, package-level out-of-fold scores, and the threshold. scripts/train-router.mjs
// reads the corpora and writes src/route/routerModel.ts.
import {
  FEATURE_VERSION,
  type Features,
  hunkFeatures,
  isSignalFeature,
  wordOfFeature,
} from '../src/route/hunkFeatures.js';
import { learnedScore, type RouterModel } from '../src/route/learnedScore.js';
import { assessSecurity, type SecurityAssessment } from '../src/route/securityScore.js';
import type { Hunk, RouteDecision } from '../src/types.js';
import { fitLogistic, type Sample, type SparseRow } from './logistic.js';
import type { RowOutcome } from './routing.corpus.js';
import { type CostGoals, chooseThreshold, foldOf } from './routingCv.js';

/** A word must appear in this many packages' hunks to become a feature: no package's own vocabulary. */
export const MIN_WORD_PACKAGES = 5;
export const REGULARISATION_C = 0.1;
/** Weights smaller than this are left out of the committed model: they cannot move a decision. */
export const PRUNE_BELOW = 0.1;

/** A decision the learned score can change: not skipped, not pinned local by the user. */
export function decidable(decision: RouteDecision): boolean {
  return decision.route !== 'skip' && !decision.reasons.some((r) => r.code === 'always-local');
}

export interface Example {
  /** The example's release. */
  outcome: RowOutcome;
  decision: RouteDecision;
  /** The decision's hunk as a repository would name it (without the tarball's package/). */
  hunk: Hunk;
  evidence: SecurityAssessment;
  features: Features;
  package: string;
}

/** Every decision of the routed rows with its features. */
export function examplesOf(outcomes: readonly RowOutcome[]): Example[] {
  return outcomes.flatMap((outcome) =>
    outcome.decisions.map((decision) => {
      // A tarball's files sit under package/: a word every corpus path has and no repository's does.
      const hunk = { ...decision.hunk, file: decision.hunk.file.replace(/^package\//, '') };
      const evidence = assessSecurity(hunk);
      return {
        outcome,
        decision,
        hunk,
        evidence,
        features: hunkFeatures(hunk, evidence),
        package: outcome.row.package,
      };
    }),
  );
}

/** Positives: the hunk where a security row's fix is reviewed. Negatives: every hunk of a routine release. */
export function teaches(outcome: RowOutcome, decision: RouteDecision): boolean | null {
  if (!decidable(decision)) return null;
  if (outcome.row.label === 'routine') return false;
  return outcome.reviewed === decision ? true : null;
}

export function vocabularyOf(examples: readonly Example[], minPackages = MIN_WORD_PACKAGES): string[] {
  const packages = new Map<string, Set<string>>();
  for (const e of examples)
    for (const feature of e.features.keys()) {
      const seen = packages.get(feature) ?? new Set<string>();
      seen.add(e.package);
      packages.set(feature, seen);
    }
  return [...packages]
    .filter(([feature, seen]) => wordOfFeature(feature) === null || seen.size >= minPackages)
    .map(([feature]) => feature)
    .sort();
}

export function sparseRow(features: Features, index: ReadonlyMap<string, number>): SparseRow {
  const pairs = [...features].filter(([f, v]) => index.has(f) && v !== 0);
  return {
    index: Int32Array.from(pairs.map(([f]) => index.get(f) as number)),
    value: Float64Array.from(pairs.map(([, v]) => v)),
  };
}

export interface TrainedModel {
  vocabulary: string[];
  /** The model as the router reads it (weights pruned, signals seen): scored by learnedScore itself. */
  router: RouterModel;
}

/** Fits on the examples that teach; positives weighted up to balance the classes. */
export function train(examples: readonly Example[], C = REGULARISATION_C): TrainedModel {
  const vocabulary = vocabularyOf(examples);
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const labelled = examples
    .map((e) => ({ e, positive: teaches(e.outcome, e.decision) }))
    .filter((x): x is { e: Example; positive: boolean } => x.positive !== null);
  const positives = labelled.filter((x) => x.positive).length;
  const balance = (labelled.length - positives) / Math.max(1, positives);
  const samples: Sample[] = labelled.map(({ e, positive }) => ({
    row: sparseRow(e.features, index),
    positive,
    weight: positive ? balance : 1,
  }));
  const model = fitLogistic(samples, vocabulary.length, { C });
  // Pruned here, not only when writing: the out-of-fold figures are those of the model that ships.
  const weights = model.weights.map((w) => (Math.abs(w) < PRUNE_BELOW ? 0 : w));
  const router: RouterModel = {
    featureVersion: FEATURE_VERSION,
    threshold: 0,
    signalsSeen: vocabulary.filter(isSignalFeature),
    bias: model.bias,
    weights: Object.fromEntries(vocabulary.flatMap((f, i) => (weights[i] ? [[f, weights[i]]] : []))),
  };
  return { vocabulary, router };
}

/** The score the router would give the example with this model: learnedScore, policy signals included. */
export function scoreWith(trained: TrainedModel, example: Example): number {
  return learnedScore(example.hunk, example.evidence, trained.router).score;
}

/** The outcomes with every decision's security score replaced by `score(example)`. */
export function rescored<T extends RowOutcome>(
  outcomes: readonly T[],
  examples: readonly Example[],
  score: (example: Example) => number,
): T[] {
  const byDecision = new Map(examples.map((e) => [e.decision, score(e)]));
  return outcomes.map((o) => {
    const swap = (d: RouteDecision) => ({ ...d, securityScore: byDecision.get(d) ?? d.securityScore });
    const decisions = o.decisions.map(swap);
    const at = (d: RouteDecision | null) => (d ? (decisions[o.decisions.indexOf(d)] ?? null) : null);
    return { ...o, decisions, target: at(o.target), reviewed: at(o.reviewed) };
  });
}

/** The outcomes with each hunk scored by a model trained without its package's fold. */
export function outOfFold<T extends RowOutcome>(
  outcomes: readonly T[],
  examples: readonly Example[],
  folds: number,
  C = REGULARISATION_C,
): T[] {
  const scores = new Map<Example, number>();
  for (let k = 0; k < folds; k++) {
    const trained = train(
      examples.filter((e) => foldOf(e.package, folds) !== k),
      C,
    );
    for (const e of examples) if (foldOf(e.package, folds) === k) scores.set(e, scoreWith(trained, e));
  }
  return rescored(outcomes, examples, (e) => scores.get(e) ?? e.decision.securityScore);
}

export const THRESHOLD_CANDIDATES = Array.from(
  { length: 95 },
  (_, i) => Math.round((0.04 + i * 0.01) * 100) / 100,
);

export function thresholdFor(outcomes: readonly RowOutcome[], goals: CostGoals): number | null {
  return chooseThreshold(outcomes, THRESHOLD_CANDIDATES, goals);
}
