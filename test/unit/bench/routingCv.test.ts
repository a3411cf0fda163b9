// The cross-validation arithmetic of bench/routing-cv.mjs: a package's fold is fixed by its name, a route is
// re-read at another threshold without routing again, and a threshold is chosen on some folds only.
import { describe, expect, test } from 'vitest';
import type { CorpusRow, RowOutcome } from '../../../bench/routing.corpus.js';
import { reviewedAs } from '../../../bench/routing.corpus.js';
import {
  CV_FOLDS,
  chooseThreshold,
  crossValidatedThreshold,
  figuresAt,
  foldOf,
  routeAtThreshold,
} from '../../../bench/routingCv.js';
import { defaultConfig } from '../../../src/config/defaults.js';
import { routeHunks } from '../../../src/route/route.js';
import type { Reason, RouteDecision } from '../../../src/types.js';
import { makeFile, makeHunk } from '../route/diffBuilders.js';

const decision = (
  route: RouteDecision['route'],
  score: number,
  codes: string[],
  tokens = 100,
): RouteDecision => ({
  hunk: makeHunk('lib/x.js', ['+x']),
  route,
  securityScore: score,
  estimatedTokens: tokens,
  reasons: codes.map((code) => ({ code, detail: '' }) as Reason),
});

const row = (pkg: string, label: CorpusRow['label']): CorpusRow => ({
  package: pkg,
  from: '1.0.0',
  to: '1.0.1',
  label,
  file: '',
  addedSubstring: '',
  advisory: '',
  kind: '',
  note: '',
});

/** A security row whose fix scores `score`, or a routine row with one hunk scoring `score`. */
function outcome(pkg: string, label: CorpusRow['label'], score: number): RowOutcome {
  const d = decision(score >= 0.5 ? 'claude' : 'local', score, score >= 0.5 ? ['security'] : ['small']);
  return {
    row: row(pkg, label),
    decisions: [d],
    target: label === 'security' ? d : null,
    reviewed: label === 'security' ? d : null,
    hunks: 1,
    toClaude: d.route === 'claude' ? 1 : 0,
    tokens: 100,
    claudeTokens: d.route === 'claude' ? 100 : 0,
    skippedTokens: 0,
    oversizedLocalTokens: 0,
    skippedFiles: 0,
  };
}

describe('foldOf', () => {
  test('is fixed by the package name: sha256, first 8 hex digits as a number, mod 5', () => {
    // sha256('lodash') starts 94a75553… → 0x94a75553 = 2493994323, mod 5 = 3
    expect(foldOf('lodash')).toBe(3);
    expect(foldOf('lodash')).toBe(foldOf('lodash'));
  });

  test('spreads packages over every fold', () => {
    const folds = new Set(Array.from({ length: 100 }, (_, i) => foldOf(`package-${i}`)));
    expect([...folds].sort()).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('routeAtThreshold', () => {
  test('a score-only route moves with the threshold', () => {
    expect(routeAtThreshold(decision('local', 0.42, ['small', 'below-threshold']), 0.4)).toBe('claude');
    expect(routeAtThreshold(decision('claude', 0.55, ['security']), 0.6)).toBe('local');
  });

  test('size escalations and skips hold at any threshold', () => {
    expect(routeAtThreshold(decision('claude', 0.1, ['hunk-size']), 0.9)).toBe('claude');
    expect(routeAtThreshold(decision('skip', 0.9, ['copy']), 0.1)).toBe('skip');
  });
});

describe('choosing a threshold', () => {
  const outcomes = [
    outcome('a', 'security', 0.6),
    outcome('b', 'security', 0.4),
    outcome('c', 'routine', 0.45),
    outcome('d', 'routine', 0.1),
    outcome('e', 'routine', 0.1),
  ];

  test('figures are re-read at the threshold', () => {
    expect(figuresAt(outcomes, 0.5)).toMatchObject({ fixes: 2, fixesToClaude: 1, routineToClaude: 0 });
    expect(figuresAt(outcomes, 0.35)).toMatchObject({ fixesToClaude: 2, routineToClaude: 1 });
  });

  test('the highest recall within the cost goals, the cheaper threshold on ties', () => {
    const goals = { routineShare: 0.34, tokenShare: 1 };
    expect(chooseThreshold(outcomes, [0.35, 0.4, 0.5, 0.6], goals)).toBe(0.4);
    expect(chooseThreshold(outcomes, [0.35, 0.5], { routineShare: 0, tokenShare: 1 })).toBe(0.5);
    expect(chooseThreshold(outcomes, [0.1], { routineShare: 0, tokenShare: 1 })).toBeNull();
  });

  test('nested: each fold is measured at a threshold chosen without it', () => {
    const nested = crossValidatedThreshold(outcomes, [0.35, 0.5], { routineShare: 0.34, tokenShare: 1 });
    expect(nested).toHaveLength(CV_FOLDS);
    const measured = nested.reduce((n, f) => n + f.heldOut.fixes, 0);
    expect(measured).toBe(2);
  });
});

describe('reviewedAs', () => {
  test('a fix skipped as a built copy counts as the source hunk it copies', () => {
    const lines = [
      '+  if (key === "__proto__") return;',
      '+  const safe = check(key);',
      '+  target[safe] = value;',
    ];
    const files = [
      makeFile('lib/merge.js', [makeHunk('lib/merge.js', lines)]),
      makeFile('dist/merge.js', [makeHunk('dist/merge.js', lines)]),
    ];
    const decisions = routeHunks(files, defaultConfig(), []);
    const copy = decisions.find((d) => d.hunk.file === 'dist/merge.js')!;
    expect(copy.route).toBe('skip');
    expect(reviewedAs(copy, decisions, files).hunk.file).toBe('lib/merge.js');
  });

  test('a target routed on its own merits is its own review', () => {
    const d = decision('local', 0.2, ['small']);
    expect(reviewedAs(d, [d], [])).toBe(d);
  });
});
