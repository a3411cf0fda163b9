// A hunk the deterministic rules alone checked (review.by is only `rule`, as an artifact may carry) is neither
// model coverage nor a loss, and every report says so the same way: coverage.ts sorts outcomes once for all.
import { describe, expect, test } from 'vitest';
import { countOutcomes, coverageOf } from '../../../src/coverage.js';
import { parseArtifact, resultFromReport } from '../../../src/host/artifact.js';
import { undecidedIn } from '../../../src/host/plan.js';
import { buildSummary } from '../../../src/host/summary.js';
import { coverageGaps } from '../../../src/report/coverageGaps.js';
import { toArtifact, toJsonReport } from '../../../src/report/json.js';
import { toSarif } from '../../../src/report/sarif.js';
import { renderTerminal } from '../../../src/report/terminal.js';
import type { HunkOutcome } from '../../../src/types.js';
import { decision, fileDiff, hunk, notReviewed, result, reviewed, usage } from '../policy/buildResult.js';

const byModel = hunk('src/app.ts', 10, 3);
const byRules = hunk('src/rules.ts', 1, 4);
const down = hunk('src/down.ts', 5, 2);

const rulesOnly: HunkOutcome = { hunk: byRules, route: 'local', status: 'reviewed', by: ['rule'], notes: [] };

const run = result({
  files: [
    fileDiff('src/app.ts', [byModel]),
    fileDiff('src/rules.ts', [byRules]),
    fileDiff('src/down.ts', [down]),
  ],
  decisions: [decision(byModel, 'local', 300), decision(byRules, 'local', 500), decision(down, 'local', 100)],
  outcomes: [
    reviewed(byModel, ['local']),
    rulesOnly,
    notReviewed(down, { code: 'model-failed', role: 'local', detail: 'HTTP 500' }),
  ],
  usage: [usage('qwen2.5-coder:7b', 'ollama')],
});

test('one sort: reviewed by a model, by the rules only, not reviewed', () => {
  const cov = coverageOf(run.outcomes);
  expect(cov.reviewed.map((o) => o.hunk.file)).toEqual(['src/app.ts']);
  expect(cov.rulesOnly.map((o) => o.hunk.file)).toEqual(['src/rules.ts']);
  expect(cov.notReviewed.map((o) => o.hunk.file)).toEqual(['src/down.ts']);
  expect(countOutcomes(run.outcomes)).toEqual({
    reviewed: 1,
    rulesOnly: 1,
    leftForCi: 0,
    notReviewed: 1,
    skipped: 0,
  });
  // An empty `by` says no more than `rule` alone.
  expect(coverageOf([{ ...rulesOnly, by: [] }]).rulesOnly).toHaveLength(1);
});

test('the saving speaks only for the hunk a model read', () => {
  expect(run.cost.hunks).toEqual(countOutcomes(run.outcomes));
  expect(run.cost.localTokens).toBe(300);
  expect(run.cost.reviewedTokens).toBe(300);
});

describe('every report', () => {
  test('terminal: not in the reviewed count, not under "not reviewed", listed as rules only', () => {
    const text = renderTerminal(run, { color: false, verbose: false });
    expect(text).toContain('reviewed: 1 of 3 hunks (qwen2.5-coder:7b 1)');
    expect(text).toContain(
      '  rules only (1): checked by the deterministic rules; no model read them:\n      src/rules.ts:1-4\n',
    );
    expect(text).toContain('not reviewed (1) — nothing is known about these:');
    expect(text).toContain('(hunks: 1 reviewed, 1 by the rules only, 0 left for CI, 1 not reviewed)');
    expect(text.trimEnd().split('\n').at(-1)).toMatch(
      /^No findings in 1 reviewed hunk · 1\/3 hunks reviewed · 1 by the rules only · 1 not reviewed · /,
    );
  });

  test('JSON: the hunk says by rule, the totals count it apart', () => {
    const report = toJsonReport(run);
    expect(report.hunks[1]!.review).toEqual({ status: 'reviewed', by: ['rule'], notes: [] });
    expect(report.totals.hunks).toEqual({
      reviewed: 1,
      rulesOnly: 1,
      leftForCi: 0,
      notReviewed: 1,
      skipped: 0,
    });
  });

  test('markdown summary: reviewed by a model, rules only, and the failure, each on its line', () => {
    const summary = buildSummary(
      {
        headSha: 'abcdef0123456789',
        scope: [],
        findings: [],
        result: run,
        resolved: 0,
        listInline: false,
        overflowTo: 'the job summary',
      },
      60_000,
    );
    expect(summary).toContain(
      [
        '### Coverage',
        '- Hunks reviewed: 1 by rules + local',
        '- 1 hunk checked by the deterministic rules only: no model read it',
        '- ⚠️ 1 hunk not reviewed: ',
      ].join('\n'),
    );
    expect(summary).toContain('1 by the rules only');
  });

  test('SARIF and rdjson gaps: a note, not a failure', () => {
    expect(coverageGaps(run).map((g) => [g.id, g.file, g.failure])).toEqual([
      ['not-reviewed/model-failed', 'src/down.ts', true],
      ['rules-only', 'src/rules.ts', false],
    ]);
    const sarif = toSarif(run) as {
      runs: [
        { invocations: [{ toolExecutionNotifications: { descriptor: { id: string }; level: string }[] }] },
      ];
    };
    expect(
      sarif.runs[0].invocations[0].toolExecutionNotifications.map((n) => [n.descriptor.id, n.level]),
    ).toEqual([
      ['hunkwise/not-reviewed/model-failed', 'warning'],
      ['hunkwise/rules-only', 'note'],
    ]);
  });

  test('the pull request: a model finding missing from a rules-only file is unknown, not resolved', () => {
    const undecided = undecidedIn(run);
    expect(undecided('src/rules.ts', 'local')).toBe(true);
    expect(undecided('src/rules.ts', 'rule')).toBe(false);
    expect(undecided('src/app.ts', 'local')).toBe(false);
  });
});

test('an artifact round-trips the count; one written before the count existed reads as 0', () => {
  const pr = { repository: 'octo/repo', number: 7, headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40) };
  const doc = JSON.parse(JSON.stringify(toArtifact(run, pr)));
  const parsed = parseArtifact(doc);
  if (!('artifact' in parsed)) throw new Error(parsed.issues.join('; '));
  expect(resultFromReport(parsed.artifact.report).cost.hunks.rulesOnly).toBe(1);
  delete doc.report.totals.hunks.rulesOnly;
  const older = parseArtifact(doc);
  if (!('artifact' in older)) throw new Error(older.issues.join('; '));
  expect(resultFromReport(older.artifact.report).cost.hunks.rulesOnly).toBe(0);
});
