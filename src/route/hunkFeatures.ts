// Pure: what the learned security score (learnedScore.ts) reads of a hunk. The hand-written signals'
// evidence (securityScore.ts) plus the general words of the change, its size and the kind of file. The
// training script (scripts/train-router.mjs) and the router call this one function, so a model never
// sees features computed differently from those it was trained on.
import type { Hunk } from '../types.js';
import { buildRank } from './copies.js';
import { classifyFile } from './pathSignals.js';
import type { SecurityAssessment } from './securityScore.js';
import type { SignalHit } from './securitySignals.js';

/**
 * Bumped whenever what a feature means changes (a signal, a word rule, a size bin): the committed model
 * records the version it was trained with and a test fails until the model is trained again.
 */
export const FEATURE_VERSION = 1;

/** A hunk's changed text read for words: enough for any fix, bounded for a rebuilt bundle. */
const CHANGED_TEXT_CHARS = 4000;
const CONTEXT_TEXT_CHARS = 2000;
/** Hunks this small are where fixes nobody names hide: their added words are read again on their own. */
export const SMALL_HUNK_LINES = 12;
const SIZE_BINS = [2, 5, 10, 20, 50, 100];

export type Features = Map<string, number>;

/** Where a word was read. */
export type WordPlace = 'added' | 'removed' | 'around' | 'path';

/** The prefix of each kind of word feature; a small hunk's added words are read a second time under `S:`. */
const WORD_PREFIX = { added: 'a:', removed: 'd:', around: 'c:', path: 'f:', smallAdded: 'S:' } as const;

const PLACE_OF_PREFIX: ReadonlyMap<string, WordPlace> = new Map([
  [WORD_PREFIX.added, 'added'],
  [WORD_PREFIX.smallAdded, 'added'],
  [WORD_PREFIX.removed, 'removed'],
  [WORD_PREFIX.around, 'around'],
  [WORD_PREFIX.path, 'path'],
]);

export interface WordEvidence {
  word: string;
  place: WordPlace;
}

/** A word feature's word and where it was read; null for any other feature. */
export function wordOfFeature(feature: string): WordEvidence | null {
  const place = PLACE_OF_PREFIX.get(feature.slice(0, 2));
  return place ? { word: feature.slice(2), place } : null;
}

/** The feature a signal's hit sets: `p:` when it read the path, `s:` when it read the content. */
export const signalFeature = (hit: SignalHit) => `${hit.from === 'path' ? 'p:' : 's:'}${hit.signal}`;

export const isSignalFeature = (feature: string) => feature.startsWith('s:') || feature.startsWith('p:');

const IDENTIFIER = /[A-Za-z_$][\w$]*/g;
const WORD_PART = /[A-Za-z][a-z]+|[A-Z]+(?![a-z])/g;

/** Lower-cased parts of the identifiers in a text: `isPrototypeOf` → is, prototype, of. */
export function wordsOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const identifier of text.match(IDENTIFIER) ?? []) {
    if (identifier === '__proto__') {
      words.add('__proto__');
      continue;
    }
    for (const part of identifier.match(WORD_PART) ?? []) {
      if (part.length >= 2 && part.length <= 20) words.add(part.toLowerCase());
    }
  }
  return words;
}

/** The first `chars` characters of the lines of one kind, joined: read line by line, never the whole of a big hunk. */
function textOf(hunk: Hunk, kind: 'add' | 'del' | 'ctx', chars: number): string {
  const parts: string[] = [];
  let length = 0;
  for (const line of hunk.lines) {
    if (line.kind !== kind) continue;
    parts.push(line.text);
    length += line.text.length + 1;
    if (length >= chars) break;
  }
  return parts.join('\n').slice(0, chars);
}

function setMax(features: Features, key: string, value: number): void {
  features.set(key, Math.max(features.get(key) ?? 0, value));
}

function addWords(features: Features, prefix: string, words: Iterable<string>): void {
  for (const word of words) features.set(prefix + word, 1);
}

/** Feature names: signalFeature for the hits, WORD_PREFIX for the words, plain names for the rest. */
export function hunkFeatures(hunk: Hunk, evidence: SecurityAssessment): Features {
  const features: Features = new Map();
  for (const hit of evidence.hits) {
    if (hit.signal === 'security-pattern') continue;
    setMax(features, signalFeature(hit), hit.score);
  }
  features.set('score', evidence.score);
  features.set(`cls:${classifyFile(hunk.file)}`, 1);
  features.set('build', buildRank(hunk.file));
  let added = 0;
  let deleted = 0;
  for (const line of hunk.lines) {
    if (line.kind === 'add') added += 1;
    else if (line.kind === 'del') deleted += 1;
  }
  features.set('ladd', Math.log1p(added));
  features.set('ldel', Math.log1p(deleted));
  if (added === 0) features.set('noadd', 1);
  if (deleted === 0) features.set('nodel', 1);
  for (const bin of SIZE_BINS) if (added + deleted <= bin) features.set(`le${bin}`, 1);
  const addedWords = wordsOf(textOf(hunk, 'add', CHANGED_TEXT_CHARS));
  addWords(features, WORD_PREFIX.added, addedWords);
  addWords(features, WORD_PREFIX.removed, wordsOf(textOf(hunk, 'del', CHANGED_TEXT_CHARS)));
  addWords(features, WORD_PREFIX.around, wordsOf(textOf(hunk, 'ctx', CONTEXT_TEXT_CHARS)));
  // Without the extension: the corpus is published JavaScript, a repository is often TypeScript.
  addWords(features, WORD_PREFIX.path, wordsOf(hunk.file.replace(/\.[^./]+$/, '')));
  if (added + deleted <= SMALL_HUNK_LINES) {
    features.set('small', 1);
    addWords(features, WORD_PREFIX.smallAdded, addedWords);
  }
  return features;
}
