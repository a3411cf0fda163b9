// Combines path, manifest and content signals into one 0..1 score per hunk (noisy-OR: each hit is
// independent evidence), keeping the hits so the route can explain itself.
import type { LinearRegex } from '../rules/linearRegex.js';
import type { Hunk } from '../types.js';
import { SHAPE_SIGNALS } from './changeShape.js';
import { isDataLine, isDataTable } from './dataTable.js';
import { roleSignal } from './fileRole.js';
import { isFormattingOnly } from './formatting.js';
import { manifestSignal } from './manifestSignal.js';
import { CONTENT_FACTOR, classifyFile, pathSignals } from './pathSignals.js';
import { CONTENT_SIGNALS, type HunkView, regexSignal, type SignalHit, viewOf } from './securitySignals.js';

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
/** Signals that read words in lines: in a table of data they read its code lines only. */
const WORD_SIGNALS = new Set(CONTENT_SIGNALS.filter((signal) => signal !== regexSignal));

/**
 * The view word signals read: a table of data (dataTable.ts) without its data entries, whose words are data
 * (a CA bundle's `CERTIFICATE`, a MIME table's `application/x-sh`), not what the code does. A regex in a
 * table is still a regex: the regex signal and the change shapes read every line.
 */
function wordView(hunk: Hunk, view: HunkView): HunkView {
  if (!isDataTable(hunk)) return view;
  const code = (lines: string[]) => lines.filter((line) => !isDataLine(line.trim()));
  return { ...view, added: code(view.added), deleted: code(view.deleted) };
}

/** Hits from the hunk's content, scaled by what kind of file it is. */
function contentHits(hunk: Hunk, view: HunkView, formattingOnly: boolean): SignalHit[] {
  const factor = CONTENT_FACTOR[classifyFile(hunk.file)];
  if (factor === 0 || formattingOnly) return [];
  const words = wordView(hunk, view);
  const hits: SignalHit[] = [];
  for (const signal of ALL_CONTENT_SIGNALS) {
    const hit = signal(WORD_SIGNALS.has(signal) ? words : view);
    if (hit) hits.push({ ...hit, score: hit.score * factor });
  }
  return hits;
}

/** Hits that read the file's path are one piece of evidence: the strongest of them stays, the others go. */
export function onePathHit(hits: readonly SignalHit[]): SignalHit[] {
  let strongest: SignalHit | null = null;
  for (const hit of hits)
    if (hit.from === 'path' && (!strongest || hit.score > strongest.score)) strongest = hit;
  return hits.filter((hit) => hit.from !== 'path' || hit === strongest);
}

function builtInHits(hunk: Hunk, view: HunkView, formattingOnly: boolean): SignalHit[] {
  const manifest = manifestSignal(hunk);
  return onePathHit([
    ...pathSignals(hunk.file),
    ...(manifest ? [manifest] : []),
    ...contentHits(hunk, view, formattingOnly),
  ]);
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
