import { describe, expect, test } from 'vitest';
import { mergeFindings } from '../../../src/findings/merge.js';
import type { PlacedFinding } from '../../../src/types.js';
import { findingOf } from '../../helpers/build.js';

const placed = (f: Parameters<typeof findingOf>[0]): PlacedFinding => ({
  finding: findingOf(f),
  placement: 'inline',
});

describe('mergeFindings', () => {
  test('collapses the same category on overlapping lines, keeping the more severe', () => {
    const merged = mergeFindings([
      placed({ file: 'a.ts', range: { start: 3, end: 5 }, severity: 'minor', message: 'possible null' }),
      placed({
        file: 'a.ts',
        range: { start: 5, end: 5 },
        severity: 'major',
        message: 'null dereference',
        source: 'claude',
      }),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.finding.message).toBe('null dereference');
  });

  test('keeps findings of different categories on the same line', () => {
    const merged = mergeFindings([
      placed({ file: 'a.ts', category: 'style', message: 'naming' }),
      placed({ file: 'a.ts', category: 'security', message: 'injection' }),
    ]);
    expect(merged).toHaveLength(2);
  });

  test('collapses findings with the same fingerprint even when the lines differ', () => {
    const merged = mergeFindings([
      placed({
        file: 'a.ts',
        range: { start: 1, end: 1 },
        quote: 'eval(x)',
        category: 'security',
        message: 'eval',
      }),
      placed({
        file: 'a.ts',
        range: { start: 40, end: 40 },
        quote: 'eval( x )',
        category: 'security',
        message: 'eval!',
      }),
    ]);
    expect(merged).toHaveLength(1);
  });

  test('prefers the rule over a model on a tie in severity', () => {
    const merged = mergeFindings([
      placed({ file: 'a.ts', severity: 'critical', category: 'secret', source: 'local', message: 'key' }),
      placed({ file: 'a.ts', severity: 'critical', category: 'secret', source: 'rule', message: 'AWS key' }),
    ]);
    expect(merged.map((m) => m.finding.source)).toEqual(['rule']);
  });

  test('orders by severity, then file, then line', () => {
    const merged = mergeFindings([
      placed({ file: 'b.ts', range: { start: 1, end: 1 }, severity: 'minor', message: 'm1' }),
      placed({ file: 'a.ts', range: { start: 9, end: 9 }, severity: 'minor', message: 'm2' }),
      placed({ file: 'a.ts', range: { start: 2, end: 2 }, severity: 'minor', message: 'm3' }),
      placed({
        file: 'z.ts',
        range: { start: 1, end: 1 },
        severity: 'critical',
        category: 'security',
        message: 'c',
      }),
    ]);
    expect(merged.map((m) => `${m.finding.severity} ${m.finding.file}:${m.finding.range?.start}`)).toEqual([
      'critical z.ts:1',
      'minor a.ts:2',
      'minor a.ts:9',
      'minor b.ts:1',
    ]);
  });
});

describe('mergeFindings: a line beats "whole file"', () => {
  const quote = 'eval(input)';
  const fileLevel = (over: Partial<Parameters<typeof findingOf>[0]>): PlacedFinding => ({
    finding: findingOf({ file: 'a.ts', range: null, quote, category: 'security', message: 'eval', ...over }),
    placement: 'file',
  });
  const onLine = (over: Partial<Parameters<typeof findingOf>[0]>): PlacedFinding => ({
    finding: findingOf({ file: 'a.ts', range: { start: 7, end: 7 }, quote, category: 'security', ...over }),
    placement: 'inline',
    snappedFrom: { start: 3, end: 3 },
  });

  test.for([
    ['file-level first', true],
    ['on a line first', false],
  ] as const)('the same finding at file level and on a line keeps the line (%s)', ([, fileFirst]) => {
    const pair = [fileLevel({ message: 'eval at file level' }), onLine({ message: 'eval on line 7' })];
    const merged = mergeFindings(fileFirst ? pair : pair.reverse());
    expect(merged).toEqual([
      {
        finding: expect.objectContaining({ range: { start: 7, end: 7 }, message: 'eval on line 7' }),
        placement: 'inline',
        snappedFrom: { start: 3, end: 3 },
      },
    ]);
  });

  test('a more severe file-level twin lends its judgement, and takes the line of the other', () => {
    const merged = mergeFindings([
      onLine({ severity: 'minor', source: 'local', message: 'eval is slow' }),
      fileLevel({ severity: 'critical', source: 'claude', message: 'eval of user input: code injection' }),
    ]);
    expect(merged).toEqual([
      expect.objectContaining({
        finding: expect.objectContaining({
          range: { start: 7, end: 7 },
          severity: 'critical',
          source: 'claude',
          message: 'eval of user input: code injection',
        }),
        placement: 'inline',
      }),
    ]);
  });
});
