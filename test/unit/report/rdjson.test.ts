import { describe, expect, test } from 'vitest';
import { toRdjson } from '../../../src/report/rdjson.js';
import { sampleResult } from '../../helpers/result.js';
import { finding, resultOf } from '../host/fixture.js';

describe('toRdjson', () => {
  const withSuggestion = {
    ...finding({
      file: 'src/app.ts',
      start: 22,
      end: 23,
      severity: 'major',
      source: 'claude',
      origin: 'claude-sonnet-5-5',
    }),
    suggestion: 'return db.query(sql, [input]);',
  };
  const rule = {
    ...finding({ file: 'src/new.ts', start: 1, severity: 'critical', category: 'secret', source: 'rule' }),
    suggestion: 'Revoke the token.',
  };
  const doc = toRdjson(
    resultOf([withSuggestion, rule, finding({ file: 'src/x.ts', start: null, severity: 'info' })]),
  ) as {
    source: { name: string };
    diagnostics: Array<{
      message: string;
      severity: string;
      location: { path: string; range?: { start: { line: number }; end: { line: number } } };
      code: { value: string };
      suggestions?: Array<{ range: unknown; text: string }>;
    }>;
  };

  test('reviewdog Diagnostic Format: source, severities, paths and 1-based line ranges', () => {
    expect(doc.source.name).toBe('hunkwise');
    expect(
      doc.diagnostics.map((d) => [
        d.location.path,
        d.location.range?.start.line,
        d.location.range?.end.line,
        d.severity,
      ]),
    ).toEqual([
      ['src/app.ts', 22, 23, 'ERROR'],
      ['src/new.ts', 1, 1, 'ERROR'],
      ['src/x.ts', undefined, undefined, 'INFO'],
    ]);
    expect(doc.diagnostics[1]?.code.value).toBe('secret/github-token');
  });

  test('a file-level finding has a path and no range: no made-up line 1', () => {
    expect(doc.diagnostics[2]?.location).toEqual({ path: 'src/x.ts' });
  });

  test('hunks and files no model reviewed follow the findings as INFO diagnostics with their reason', () => {
    const result = sampleResult();
    result.outcomes[0] = {
      hunk: result.outcomes[0]!.hunk,
      route: 'local',
      status: 'notReviewed',
      reason: { code: 'time-budget' },
      notes: [],
    };
    const gaps = (toRdjson(result) as typeof doc).diagnostics.slice(result.findings.length);
    expect(gaps).toEqual([
      {
        message: 'Not reviewed by a model: matches routing.skip docs/**',
        location: { path: 'docs/guide.md', range: { start: { line: 1 }, end: { line: 1 } } },
        severity: 'INFO',
        source: { name: 'hunkwise', url: expect.any(String) },
        code: { value: 'hunkwise/skipped/routing-skip' },
      },
      expect.objectContaining({
        location: { path: 'package-lock.json' },
        severity: 'INFO',
        code: { value: 'hunkwise/skipped-file/ignored' },
      }),
      expect.objectContaining({
        message: 'Not reviewed by a model: time budget reached before this hunk was reviewed',
        location: { path: 'src/util.ts', range: { start: { line: 3 }, end: { line: 5 } } },
        code: { value: 'hunkwise/not-reviewed/time-budget' },
      }),
    ]);
  });

  test("a model's replacement code becomes a suggestion over the whole lines; rule advice stays in the message", () => {
    expect(doc.diagnostics[0]?.suggestions).toEqual([
      {
        range: { start: { line: 22, column: 1 }, end: { line: 24, column: 1 } },
        text: 'return db.query(sql, [input]);\n',
      },
    ]);
    expect(doc.diagnostics[1]?.suggestions).toBeUndefined();
    expect(doc.diagnostics[1]?.message).toContain('Revoke the token.');
  });
});
