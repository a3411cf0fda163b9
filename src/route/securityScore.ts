// Combines path, manifest and content signals into one 0..1 score per hunk (noisy-OR: each hit is
// independent evidence), keeping the hits so the route can explain itself.
import type { LinearRegex } from '../rules/linearRegex.js';
import type { Hunk } from '../types.js';
import { SHAPE_SIGNALS } from './changeShape.js';
import { roleSignal } from './fileRole.js';
import { isFormattingOnly } from './formatting.js';
import { manifestSignal } from './manifestSignal.js';
import { CONTENT_FACTOR, classifyFile, pathSignals } from './pathSignals.js';
import { CONTENT_SIGNALS, type HunkView, type SignalHit, viewOf } from './securitySignals.js';

export interface SecurityAssessment {
  score: number;
  /** Strongest first. */
  hits: SignalHit[];
  /** The hunk only re-formats code (formatting.ts): it carries no content signal. */
  formattingOnly: boolean;
}

export function combineScores(scores: readonly number[]): number {
  const miss = scores.reduce((p, s) => p * (1 - (Number.isFinite(s) ? Math.min(1, Math.max(0, s)) : 0)), 1);
  return Math.round((1 - miss) * 1000) / 1000;
}

/** What the code is (its role), what it touches (lexical signals) and what the change does (its shape). */
const ALL_CONTENT_SIGNALS = [roleSignal, ...CONTENT_SIGNALS, ...SHAPE_SIGNALS];

/** Hits from the hunk's content, scaled by what kind of file it is. */
function contentHits(hunk: Hunk, view: HunkView, formattingOnly: boolean): SignalHit[] {
  const factor = CONTENT_FACTOR[classifyFile(hunk.file)];
  if (factor === 0 || formattingOnly) return [];
  const hits: SignalHit[] = [];
  for (const signal of ALL_CONTENT_SIGNALS) {
    const hit = signal(view);
    if (hit) hits.push({ ...hit, score: hit.score * factor });
  }
  return hits;
}

function builtInHits(hunk: Hunk, view: HunkView, formattingOnly: boolean): SignalHit[] {
  const manifest = manifestSignal(hunk);
  return [
    ...pathSignals(hunk.file),
    ...(manifest ? [manifest] : []),
    ...contentHits(hunk, view, formattingOnly),
  ];
}

/** Extra patterns from config over changed lines: each match is decisive. */
function patternHits(view: HunkView, patterns: readonly LinearRegex[]): SignalHit[] {
  const changed = [...view.added, ...view.deleted];
  return patterns
    .filter((p) => changed.some((line) => p.test(line)))
    .map((p) => ({
      signal: 'security-pattern',
      score: 1,
      detail: `matches routing.security_patterns \`${p.source}\``,
    }));
}

/** `signals: false` (routing.security off) keeps only the user's own patterns. */
export function assessSecurity(
  hunk: Hunk,
  extraPatterns: readonly LinearRegex[] = [],
  options: { signals?: boolean } = {},
): SecurityAssessment {
  const view = viewOf(hunk);
  const formattingOnly = isFormattingOnly(hunk);
  const builtIn = options.signals === false ? [] : builtInHits(hunk, view, formattingOnly);
  const hits = [...builtIn, ...patternHits(view, extraPatterns)].sort((a, b) => b.score - a.score);
  return { score: combineScores(hits.map((h) => h.score)), hits, formattingOnly };
}
