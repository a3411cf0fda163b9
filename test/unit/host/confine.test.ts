import { expect, test } from 'vitest';
import { FINDING_CAPS } from '../../../src/host/caps.js';
import { indexChangedFiles } from '../../../src/host/commentableLines.js';
import { confineToChangeRequest } from '../../../src/host/confine.js';
import type { Finding, ReviewResult } from '../../../src/types.js';
import { changedFiles, finding, resultOf } from './fixture.js';

const diff = indexChangedFiles(changedFiles());

/** As an artifact would carry them: every finding claiming to be inline. */
function claimed(findings: Finding[]): ReviewResult {
  return resultOf(findings);
}

test('findings about files outside the change request are dropped and counted; the others are placed again', () => {
  const confined = confineToChangeRequest(
    claimed([
      finding({ file: 'src/app.ts', start: 22 }),
      finding({ file: 'src/app.ts', start: 12 }), // between the hunks: not commentable
      finding({ file: 'src/new.ts', start: null }),
      finding({ file: 'etc/elsewhere.ts', start: 1 }),
    ]),
    diff,
  );
  expect(confined.outside).toBe(1);
  expect(
    confined.result.findings.map((p) => [p.finding.file, p.finding.range?.start ?? null, p.placement]),
  ).toEqual([
    ['src/app.ts', 12, 'summary'],
    ['src/app.ts', 22, 'inline'],
    ['src/new.ts', null, 'file'],
  ]);
  expect(confined.result.files.map((f) => f.path)).not.toContain('etc/elsewhere.ts');
});

test('texts are cut to the caps; repeated fingerprints and findings over the count cap are dropped, least severe first', () => {
  const long = finding({ file: 'src/app.ts', start: 22, message: 'm'.repeat(FINDING_CAPS.message + 50) });
  const withSuggestion = {
    ...long,
    quote: 'q'.repeat(FINDING_CAPS.quote + 1),
    suggestion: 's'.repeat(FINDING_CAPS.suggestion + 1),
  };
  const noise = Array.from({ length: FINDING_CAPS.findings }, (_, i) =>
    finding({ file: 'src/app.ts', start: 2, severity: 'info', message: `noise ${i}` }),
  );
  const confined = confineToChangeRequest(claimed([withSuggestion, withSuggestion, ...noise]), diff);
  expect(confined.result.findings).toHaveLength(FINDING_CAPS.findings);
  expect(confined.overCap).toBe(2); // the repeat, and the last info finding
  const kept = confined.result.findings[0]?.finding;
  expect(kept?.severity).toBe('major');
  expect(kept?.message).toHaveLength(FINDING_CAPS.message);
  expect(kept?.message.endsWith('…')).toBe(true);
  expect(kept?.quote).toHaveLength(FINDING_CAPS.quote);
  expect(kept?.suggestion).toHaveLength(FINDING_CAPS.suggestion);
});
