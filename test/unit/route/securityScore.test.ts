import { expect, test } from 'vitest';
import { assessSecurity, combineScores, onePathHit } from '../../../src/route/securityScore.js';
import { makeHunk } from './diffBuilders.js';

test('scores combine as independent evidence', () => {
  expect(combineScores([])).toBe(0);
  expect(combineScores([0.5])).toBe(0.5);
  expect(combineScores([0.5, 0.5])).toBe(0.75);
  expect(combineScores([1, 0.2])).toBe(1);
});

test('prose files carry no code signals', () => {
  const hunk = makeHunk('README.md', ['+Call `eval(input)` and `exec(cmd)` at your own risk.']);
  expect(assessSecurity(hunk).score).toBe(0);
});

test('a re-formatting of dangerous code is not re-escalated', () => {
  const hunk = makeHunk('src/run.js', ['-  exec("ls " + dir)', "+  exec('ls ' + dir);"]);
  expect(assessSecurity(hunk).score).toBe(0);
});

test('test files weigh less than the code they test', () => {
  const line = ["+  if (key === '__proto__') return"];
  expect(assessSecurity(makeHunk('test/merge.test.js', line)).score).toBeLessThan(
    assessSecurity(makeHunk('src/merge.js', line)).score,
  );
});

test('user patterns are decisive, also with the built-in signals off', () => {
  const hunk = makeHunk('src/billing.js', ['+  chargeCard(amount)']);
  expect(assessSecurity(hunk).score).toBe(0);
  const withPattern = assessSecurity(hunk, [/chargeCard/], { signals: false });
  expect(withPattern.score).toBe(1);
  expect(withPattern.hits[0]!.signal).toBe('security-pattern');
});

test('hits are sorted strongest first', () => {
  const hunk = makeHunk('src/x.js', ['+const id = Math.random()', "+if (k === '__proto__') return"]);
  const scores = assessSecurity(hunk).hits.map((h) => h.score);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
});

test('every file class yields a finite score', () => {
  for (const file of ['a.js', 'a.yml', 'a.test.js', 'a.d.ts', 'README.md', 'a.json', 'Dockerfile']) {
    const score = assessSecurity(makeHunk(file, ["+exec('x' + input)"])).score;
    expect(Number.isFinite(score), file).toBe(true);
  }
});

test('re-wrapping arguments around a regex is formatting, a changed grouping is not', () => {
  const rewrapped = makeHunk('src/x.js', [
    '-  return s.replace(/(a|b)(c)/, function (',
    '-    $0,',
    '-    $1',
    '-  ) {',
    '+  return s.replace(',
    '+    /(a|b)(c)/,',
    '+    function ($0, $1) {',
  ]);
  expect(assessSecurity(rewrapped).score).toBe(0);
  const regrouped = makeHunk('src/x.js', [
    '-  if (!a || b) return exec(cmd)',
    '+  if (!(a || b)) return exec(cmd)',
  ]);
  expect(assessSecurity(regrouped).score).toBeGreaterThan(0.5);
});

test('the words of a table of data are data: a regenerated CA bundle is not cryptographic code', () => {
  const certificates = Array.from(
    { length: 30 },
    (_, i) => `+    '-----BEGIN CERTIFICATE-----\\nMIIF${i}…',`,
  );
  const table = assessSecurity(makeHunk('lib/constants/profiles.js', certificates));
  expect(table.hits.map((h) => h.signal)).not.toContain('crypto');
  const code = assessSecurity(makeHunk('lib/tls.js', ["+  const ca = '-----BEGIN CERTIFICATE-----';"]));
  expect(code.hits.map((h) => h.signal)).toContain('crypto');
});

test('a regex in a table of data still counts', () => {
  const rows = Array.from({ length: 25 }, (_, i) => `+  lang${i}: /^(a+)+$/,`);
  expect(assessSecurity(makeHunk('lib/locales.js', rows)).hits.map((h) => h.signal)).toContain('regex');
});

test('a path is one piece of evidence: its area and the role it names count once, the strongest', () => {
  const hunk = makeHunk('lib/ssl/profiles.js', ['+  x = 1;']);
  const fromPath = assessSecurity(hunk).hits.filter((h) => h.from === 'path');
  expect(fromPath).toHaveLength(1);
  expect(fromPath[0]!.signal).toBe('path-crypto');
  const hits = [
    { signal: 'path-auth', score: 0.35, detail: '', from: 'path' as const },
    { signal: 'code-role', score: 0.3, detail: '', from: 'path' as const },
    { signal: 'guard', score: 0.28, detail: '' },
  ];
  expect(onePathHit(hits).map((h) => h.signal)).toEqual(['path-auth', 'guard']);
});
