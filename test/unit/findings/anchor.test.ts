import { describe, expect, test } from 'vitest';
import { anchorFindings, type FindingCandidate } from '../../../src/findings/anchor.js';
import { fingerprintOf } from '../../../src/findings/fingerprint.js';
import { makeHunk } from '../review/reviewItems.js';

const first = makeHunk('src/a.ts', { old: 10, new: 10 }, [
  ' function total(items) {',
  '-  let sum = 1;',
  '+  let sum = 0;',
  '+  for (let i = 0; i <= items.length; i++) {',
  '+    sum += items[i].price;',
  '+  }',
  '   return sum;',
]);
const second = makeHunk('src/a.ts', { old: 40, new: 43 }, [
  ' const x = 1;',
  '+console.log(x)',
  ' export { x };',
]);
const other = makeHunk('lib/b.py', { old: 1, new: 1 }, ['+import os', '+os.system(cmd)']);
const hunks = [first, second, other];
const options = { source: 'local', origin: 'qwen2.5-coder:7b' } as const;

function candidate(overrides: Partial<FindingCandidate>): FindingCandidate {
  return {
    file: 'src/a.ts',
    line: 12,
    severity: 'major',
    category: 'bug',
    message: 'off by one',
    ...overrides,
  };
}

describe('anchorFindings', () => {
  test('a correct line and quote stay where they are, with source, origin and fingerprint', () => {
    const c = candidate({ line: 12, quote: 'i <= items.length' });
    const { findings, repairs } = anchorFindings([c], hunks, options);
    expect(findings).toEqual([
      {
        file: 'src/a.ts',
        range: { start: 12, end: 12 },
        severity: 'major',
        category: 'bug',
        message: 'off by one',
        quote: 'i <= items.length',
        source: 'local',
        origin: 'qwen2.5-coder:7b',
        fingerprint: fingerprintOf({
          file: 'src/a.ts',
          category: 'bug',
          quote: 'i <= items.length',
          message: 'off by one',
        }),
      },
    ]);
    expect(repairs).toEqual({ reanchored: 0, fileLevel: 0, dropped: 0 });
  });

  test('a wrong line number is corrected by the quote and counted', () => {
    const { findings, repairs } = anchorFindings(
      [candidate({ line: 3, quote: 'sum += items[i].price;' })],
      hunks,
      options,
    );
    expect(findings[0]!.range).toEqual({ start: 13, end: 13 });
    expect(repairs.reanchored).toBe(1);
  });

  test('the quote is matched whitespace-insensitively and across lines', () => {
    const multi = candidate({
      line: 99,
      quote: 'for (let i = 0;   i <= items.length; i++) {\n sum += items[i].price;',
    });
    const squashed = candidate({ line: 99, quote: 'console.log( x )' });
    const { findings, repairs } = anchorFindings([multi, squashed], hunks, options);
    expect(findings.map((f) => f.range)).toEqual([
      { start: 12, end: 13 },
      { start: 44, end: 44 },
    ]);
    expect(repairs.reanchored).toBe(2);
  });

  test('a quote copied with the prompt gutter still anchors', () => {
    const { findings } = anchorFindings(
      [candidate({ line: 1, quote: '  13 +     sum += items[i].price;' })],
      hunks,
      options,
    );
    expect(findings[0]!.range).toEqual({ start: 13, end: 13 });
  });

  test('among several matches the one nearest the given line wins', () => {
    const twice = makeHunk('c.js', { old: 1, new: 1 }, ['+x++;', '+y();', '+x++;']);
    const { findings } = anchorFindings(
      [candidate({ file: 'c.js', line: 3, quote: 'x++;' })],
      [twice],
      options,
    );
    expect(findings[0]!.range).toEqual({ start: 3, end: 3 });
  });

  test('without a matching quote, a line inside a hunk is used, with a valid end line', () => {
    const { findings, repairs } = anchorFindings(
      [
        candidate({ line: 11, end_line: 14, quote: 'not in the diff' }),
        candidate({ line: 44, end_line: 400 }),
      ],
      hunks,
      options,
    );
    expect(findings.map((f) => f.range)).toEqual([
      { start: 11, end: 14 },
      { start: 44, end: 44 },
    ]);
    expect(repairs).toEqual({ reanchored: 0, fileLevel: 0, dropped: 0 });
  });

  test('a quote of removed code points at the nearest new-side line', () => {
    const { findings } = anchorFindings([candidate({ line: 500, quote: 'let sum = 1;' })], hunks, options);
    expect(findings[0]!.range).toEqual({ start: 11, end: 11 });
  });

  test('neither quote nor line in a hunk: kept at file level, counted', () => {
    const { findings, repairs } = anchorFindings(
      [candidate({ line: 30, quote: 'nothing like this' })],
      hunks,
      options,
    );
    expect(findings[0]!.range).toBeNull();
    expect(repairs).toEqual({ reanchored: 0, fileLevel: 1, dropped: 0 });
  });

  test('line 0 (what the checked answer holds for "the whole file") is a file-level finding, counted', () => {
    const { findings, repairs } = anchorFindings(
      [candidate({ line: 0, message: 'the module has no tests' })],
      hunks,
      options,
    );
    expect(findings).toEqual([expect.objectContaining({ file: 'src/a.ts', range: null })]);
    expect(repairs).toEqual({ reanchored: 0, fileLevel: 1, dropped: 0 });
  });

  test('line 0 with a quote found in the diff is placed on the quoted line', () => {
    const { findings } = anchorFindings([candidate({ line: 0, quote: 'console.log(x)' })], hunks, options);
    expect(findings[0]!.range).toEqual({ start: 44, end: 44 });
  });
  test('a line of another file in the request does not count', () => {
    const { findings } = anchorFindings([candidate({ file: 'lib/b.py', line: 12 })], hunks, options);
    expect(findings[0]!.range).toBeNull();
  });

  test('quotes too short to mean anything fall back to the line', () => {
    const { findings } = anchorFindings([candidate({ line: 15, quote: '}' })], hunks, options);
    expect(findings[0]!.range).toEqual({ start: 15, end: 15 });
  });

  test('files outside the request are dropped and counted; diff prefixes are forgiven', () => {
    const { findings, repairs } = anchorFindings(
      [
        candidate({ file: 'src/other.ts' }),
        candidate({ file: 'b/src/a.ts', line: 12 }),
        candidate({ file: './lib/b.py', line: 2 }),
      ],
      hunks,
      options,
    );
    expect(findings.map((f) => [f.file, f.range?.start])).toEqual([
      ['src/a.ts', 12],
      ['lib/b.py', 2],
    ]);
    expect(repairs.dropped).toBe(1);
  });

  test('the fingerprint does not depend on the line', () => {
    const a = anchorFindings([candidate({ line: 12, quote: 'i <= items.length' })], hunks, options)
      .findings[0]!;
    const b = anchorFindings([candidate({ line: 2, quote: 'i <= items.length' })], hunks, options)
      .findings[0]!;
    expect(a.fingerprint).toBe(b.fingerprint);
  });
});
