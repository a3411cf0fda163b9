// Pure: the security score the router decides on (issue 13, round 3). A logistic model over the hand-written
// signals' evidence and the change's general words (hunkFeatures.ts), trained on labelled releases by
// scripts/train-router.mjs. Every score keeps the features that raised it most, so an escalation still
// says why: the signals first, then the words.
import type { Hunk } from '../types.js';
import { hunkFeatures, signalFeature, type WordEvidence, wordOfFeature } from './hunkFeatures.js';
import { ROUTER_MODEL } from './routerModel.js';
import { combineScores, type SecurityAssessment } from './securityScore.js';
import type { SignalHit } from './securitySignals.js';

export interface RouterModel {
  featureVersion: number;
  threshold: number;
  signalsSeen: readonly string[];
  bias: number;
  weights: Readonly<Record<string, number>>;
}

export interface LearnedScore {
  score: number;
  /** The hand-written signals' hits that raised the score, most first. */
  signals: SignalHit[];
  /** The words that raised it most. */
  words: WordEvidence[];
}

/** Words named in an explanation: enough to say why, few enough to read. */
const WORDS_SHOWN = 3;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * The hand-written router's threshold, still used for evidence the model does not judge: signals the training
 * corpus never showed, and signals escalated for where the code runs rather than for what a fix looks like
 * (a CI workflow, a container, git hooks, install scripts, registry config: they hold or reach credentials).
 * Their hand-written scores combined at or above this escalate on their own, as before the model.
 */
export const HAND_THRESHOLD = 0.5;

/** Signals about where code runs: escalated by policy, whatever a model learned about fixes. */
export const POLICY_SIGNALS: ReadonlySet<string> = new Set([
  'path-ci',
  'path-container',
  'path-hooks',
  'path-registry',
  'path-install-script',
  'install-script',
  'registry-config',
]);

function wordsOfContributions(raised: ReadonlyMap<string, number>): WordEvidence[] {
  const seen = new Set<string>();
  const words: WordEvidence[] = [];
  for (const [feature] of [...raised].sort((a, b) => b[1] - a[1])) {
    const evidence = wordOfFeature(feature);
    if (!evidence || seen.has(evidence.word)) continue;
    seen.add(evidence.word);
    words.push(evidence);
    if (words.length === WORDS_SHOWN) break;
  }
  return words;
}

export function learnedScore(
  hunk: Hunk,
  evidence: SecurityAssessment,
  model: RouterModel = ROUTER_MODEL,
): LearnedScore {
  const features = hunkFeatures(hunk, evidence);
  let z = model.bias;
  const raised = new Map<string, number>();
  for (const [feature, value] of features) {
    const weight = model.weights[feature];
    if (weight === undefined) continue;
    z += weight * value;
    if (weight * value > 0) raised.set(feature, weight * value);
  }
  const signalWeight = (hit: SignalHit) => raised.get(signalFeature(hit)) ?? 0;
  const learned = evidence.hits
    .filter((hit) => signalWeight(hit) > 0)
    .sort((a, b) => signalWeight(b) - signalWeight(a));
  const score = Math.round(sigmoid(z) * 1000) / 1000;
  const unjudged = evidence.hits.filter(
    (hit) =>
      hit.signal !== 'security-pattern' &&
      (POLICY_SIGNALS.has(hit.signal) || !model.signalsSeen.includes(signalFeature(hit))),
  );
  const handScore = combineScores(unjudged.map((hit) => hit.score));
  if (handScore >= HAND_THRESHOLD && handScore > score)
    return { score: handScore, signals: [...unjudged, ...learned], words: [] };
  return { score, signals: learned, words: wordsOfContributions(raised) };
}
