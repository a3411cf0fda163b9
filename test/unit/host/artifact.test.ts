import { describe, expect, test } from 'vitest';
import { parseArtifact, resultFromReport } from '../../../src/host/artifact.js';
import { toArtifact } from '../../../src/report/json.js';
import { finding, HEAD, NEXT, resultOf } from './fixture.js';

/** The artifact as JSON, loose enough to be broken on purpose. */
interface Doc {
  kind: string;
  extra?: number;
  pullRequest: { headSha: string };
  report: { findings: [Record<string, unknown>, ...Array<Record<string, unknown>>] };
}

const pr = { repository: 'octo/repo', number: 7, headSha: HEAD, baseSha: NEXT };

function roundTrip(value: unknown) {
  return parseArtifact(JSON.parse(JSON.stringify(value)));
}

describe('fork-safe artifact', () => {
  const original = resultOf([
    { ...finding({ file: 'src/app.ts', start: 22, end: 24, quote: 'db.query' }), suggestion: 'use params' },
    finding({ file: 'src/new.ts', start: null, source: 'rule', category: 'secret' }),
  ]);

  test('round-trips the findings, usage and cost a post needs', () => {
    const parsed = roundTrip(toArtifact(original, pr));
    if (!('artifact' in parsed)) throw new Error(parsed.issues.join('; '));
    expect(parsed.artifact.pullRequest).toEqual(pr);
    const back = resultFromReport(parsed.artifact.report);
    expect(back.findings).toEqual(original.findings);
    expect(back.usage).toEqual(original.usage);
    expect(back.cost).toEqual(original.cost);
    expect(back.outcomes.map((o) => [o.hunk.file, o.status])).toEqual(
      original.outcomes.map((o) => [o.hunk.file, o.status]),
    );
  });

  test.for([
    [
      'an unknown top-level key',
      (a: Doc) => {
        a.extra = 1;
      },
      /Unrecognized key/,
    ],
    [
      'a path escaping the repository',
      (a: Doc) => {
        a.report.findings[0].file = '../../etc/passwd';
      },
      /not a safe relative path/,
    ],
    [
      'an absolute path',
      (a: Doc) => {
        a.report.findings[0].file = '/etc/passwd';
      },
      /not a safe relative path/,
    ],
    [
      'a fingerprint that could break a marker',
      (a: Doc) => {
        a.report.findings[0].fingerprint = 'x --> <b>';
      },
      /not a hex fingerprint/,
    ],
    [
      'a bad severity',
      (a: Doc) => {
        a.report.findings[0].severity = 'blocker';
      },
      /severity/,
    ],
    [
      'a short head sha',
      (a: Doc) => {
        a.pullRequest.headSha = 'abc';
      },
      /headSha/,
    ],
    [
      'a different kind',
      (a: Doc) => {
        a.kind = 'other';
      },
      /kind/,
    ],
    [
      'an inverted range',
      (a: Doc) => {
        a.report.findings[0].endLine = 1;
      },
      /bad range/,
    ],
  ] as const)('rejects %s', ([, mutate, issue]) => {
    const artifact = JSON.parse(JSON.stringify(toArtifact(original, pr)));
    mutate(artifact);
    const parsed = parseArtifact(artifact);
    expect('issues' in parsed && parsed.issues.join('; ')).toMatch(issue);
  });
});
