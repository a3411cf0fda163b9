import { describe, expect, test } from 'vitest';
import { coverageGaps, newSideLines } from '../../../src/report/coverageGaps.js';
import { hunkOf } from '../../helpers/build.js';
import { sampleResult } from '../../helpers/result.js';

describe('coverageGaps', () => {
  test('a hunk names its new-side lines; a pure deletion the line it follows; a deleted file none', () => {
    expect(newSideLines(hunkOf('a.ts', 3, 3, [' a', '+b', ' c']))).toEqual({ start: 3, end: 5 });
    expect(newSideLines({ ...hunkOf('a.ts', 6, 5, ['-gone']), newLines: 0 })).toEqual({ start: 5, end: 5 });
    expect(newSideLines({ ...hunkOf('a.ts', 1, 0, ['-gone']), newStart: 0, newLines: 0 })).toBeNull();
  });

  test('reviewed hunks are not gaps; the rest come in path and line order whatever the outcome order', () => {
    const result = sampleResult();
    const ids = (r: typeof result) => coverageGaps(r).map((g) => `${g.file} ${g.id}`);
    expect(ids(result)).toEqual([
      'docs/guide.md skipped/routing-skip',
      'package-lock.json skipped-file/ignored',
    ]);
    expect(ids({ ...result, outcomes: [...result.outcomes].reverse() })).toEqual(ids(result));
  });

  test('failures are told apart from choices (dry run, left for CI, routing)', () => {
    const result = sampleResult();
    const [small, risky] = result.outcomes;
    result.outcomes = [
      { hunk: small!.hunk, route: 'local', status: 'notReviewed', reason: { code: 'dry-run' }, notes: [] },
      {
        hunk: risky!.hunk,
        route: 'claude',
        status: 'notReviewed',
        reason: { code: 'model-failed', role: 'escalation', detail: 'HTTP 529 overloaded' },
        notes: [],
      },
    ];
    expect(coverageGaps(result).map((g) => [g.id, g.failure])).toEqual([
      ['skipped-file/ignored', false],
      ['not-reviewed/model-failed', true],
      ['not-reviewed/dry-run', false],
    ]);
  });
});
