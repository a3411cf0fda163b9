import { expect, test } from 'vitest';
import { toJsonReport } from '../../../src/report/json.js';
import { reportSchema } from '../../../src/report/reportSchema.js';
import { sampleResult } from '../../helpers/result.js';

test('the JSON report satisfies its published schema', () => {
  const report = toJsonReport(sampleResult());
  expect(reportSchema.safeParse(report).error).toBeUndefined();
});

test('each hunk carries its ranges, counts, route, reasons, tokens and what became of it', () => {
  const [small, risky, docs] = toJsonReport(sampleResult()).hunks;
  expect(small).toMatchObject({
    file: 'src/util.ts',
    oldStart: 3,
    oldLines: 3,
    newStart: 3,
    newLines: 3,
    added: 1,
    deleted: 1,
    route: 'local',
  });
  expect(risky).toMatchObject({
    route: 'claude',
    reasons: [{ code: 'security-sql' }],
    review: { status: 'reviewed', by: ['rule', 'claude'] },
  });
  expect(docs?.review).toEqual({
    status: 'skipped',
    reason: {
      code: 'routing-skip',
      detail: 'matches routing.skip docs/**',
      message: 'matches routing.skip docs/**',
    },
    notes: [],
  });
});

test('reasons, notes and notices carry their code, its details and the sentence shown for it', () => {
  const result = sampleResult();
  const [small] = result.outcomes;
  result.outcomes[0] = {
    hunk: small!.hunk,
    route: 'local',
    status: 'notReviewed',
    reason: { code: 'time-budget' },
    notes: [
      {
        code: 'fell-back',
        from: 'local',
        to: 'escalation',
        because: { code: 'model-failed', role: 'local', detail: 'timed out after 180 s' },
      },
    ],
  };
  const report = toJsonReport(result);
  expect(reportSchema.safeParse(report).error).toBeUndefined();
  expect(report.hunks[0]?.review).toEqual({
    status: 'notReviewed',
    reason: { code: 'time-budget', message: 'time budget reached before this hunk was reviewed' },
    notes: [
      {
        code: 'fell-back',
        from: 'local',
        to: 'escalation',
        because: { code: 'model-failed', role: 'local', detail: 'timed out after 180 s' },
        message: 'local model failed (timed out after 180 s); sent to Claude instead',
      },
    ],
  });
  expect(report.notices).toEqual([
    {
      code: 'output-repaired',
      role: 'local',
      reanchored: 1,
      fileLevel: 0,
      dropped: 0,
      retried: 0,
      message: 'Local model output repaired: 1 finding(s) moved to the line their quote is on.',
    },
  ]);
  expect(report.usage.map((u) => [u.role, u.provider])).toEqual([
    ['local', 'ollama'],
    ['escalation', 'anthropic'],
  ]);
});

test('totals hold the tokens per lane, the all-Claude baseline and the saving', () => {
  const { totals } = toJsonReport(sampleResult());
  expect(totals).toMatchObject({
    localTokens: 120,
    claudeTokens: 300,
    allClaudeTokens: 420,
    findings: { critical: 1, info: 1 },
  });
  expect(totals.savingPercent).toBeCloseTo(28.6, 1);
});

test('findings keep their source and line', () => {
  const { findings } = toJsonReport(sampleResult());
  expect(findings.map((f) => [f.file, f.line, f.severity, f.source, f.placement])).toEqual([
    ['src/util.ts', 4, 'info', 'local', 'inline'],
    ['src/auth/login.ts', 11, 'critical', 'claude', 'inline'],
  ]);
});
