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
    review: { status: 'reviewed', by: ['rules', 'claude'] },
  });
  expect(docs?.review).toEqual({ status: 'skipped', reason: 'matches routing.skip docs/**', notes: [] });
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
