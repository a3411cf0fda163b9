// SARIF keeps suppressed findings as results with `suppressions`, so code scanning shows them as dismissed.
import { expect, test } from 'vitest';
import { toSarif } from '../../../src/report/sarif.js';
import { finding, placed, result } from '../policy/buildResult.js';

test('a suppressed finding is a result with an external, accepted suppression and its justification', () => {
  const kept = finding('src/a.ts', 3, 'minor', { fingerprint: 'aaaa1111' });
  const dismissed = finding('src/a.ts', 9, 'major', { fingerprint: 'bbbb2222', message: 'Missing await' });
  const sarif = toSarif(
    result({
      findings: [placed(kept)],
      suppressed: [
        {
          finding: placed(dismissed),
          record: {
            kind: 'dismiss',
            fingerprint: 'bbbb2222',
            file: 'src/a.ts',
            message: 'Missing await',
            reason: 'sync API',
            who: '@carol',
            when: '2026-11-26T09:00:00Z',
          },
          match: 'fingerprint',
          similarity: null,
        },
      ],
    }),
  ) as {
    runs: Array<{ results: Array<{ partialFingerprints: Record<string, string>; suppressions?: unknown }> }>;
  };
  const results = sarif.runs[0]!.results;
  expect(results.map((r) => r.partialFingerprints['hunkwise/v1'])).toEqual(['aaaa1111', 'bbbb2222']);
  expect(results[0]!.suppressions).toBeUndefined();
  expect(results[1]!.suppressions).toEqual([
    { kind: 'external', status: 'accepted', justification: 'dismissed by @carol: sync API (team memory)' },
  ]);
});
