import { describe, expect, test } from 'vitest';
import {
  annotationFor,
  annotationLines,
  escapeData,
  escapeProperty,
  jobSummaryMarkdown,
  STEP_SUMMARY_BYTES,
} from '../../../../src/host/github/actions.js';
import { track } from '../../../../src/host/markdown.js';
import type { ReviewResult, Severity } from '../../../../src/types.js';
import { sampleResult } from '../../../helpers/result.js';
import { finding, HEAD, resultOf } from '../fixture.js';

describe('workflow-command annotations', () => {
  test('escape data and properties the way the Actions toolkit does', () => {
    expect(escapeData('100% sure\r\nnext')).toBe('100%25 sure%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });

  test('one line per finding, with file, lines and a title; a newline cannot start a second command', () => {
    const line = annotationFor(
      track(
        finding({
          file: 'src/a,b.ts',
          start: 3,
          end: 5,
          message: 'bad\n::error::injected',
          severity: 'critical',
        }),
      ),
    );
    expect(line).toBe(
      '::error file=src/a%2Cb.ts,line=3,endLine=5,title=hunkwise critical bug (qwen2.5-coder%3A7b)::bad%0A::error::injected',
    );
    expect(line.split('\n')).toHaveLength(1);
  });

  test('at most ten per level, most severe first, and a note that the job summary has the rest', () => {
    const severities: Severity[] = ['info', 'minor', 'major', 'critical'];
    const findings = Array.from({ length: 60 }, (_, i) =>
      track(
        finding({ file: `f${i}.ts`, start: 1, severity: severities[i % 4] as Severity, message: `m${i}` }),
      ),
    );
    const lines = annotationLines(findings);
    const errors = lines.filter((l) => l.startsWith('::error '));
    expect(errors).toHaveLength(10);
    expect(errors.every((l) => l.includes('critical'))).toBe(true); // 15 critical beat 15 major
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(10);
    expect(lines.at(-1)).toMatch(
      /^::notice::GitHub shows only 10 warning and 10 error annotations per step: 30 of 60/,
    );
  });
});

describe('job summary', () => {
  test('lists every finding, inline ones included, and stays under 1 MiB of UTF-8', () => {
    const findings = Array.from({ length: 12_000 }, (_, i) =>
      finding({ file: 'src/app.ts', start: null, message: `é${i} ${'ü'.repeat(80)}` }),
    );
    const md = jobSummaryMarkdown({
      headSha: HEAD,
      scope: [],
      findings: findings.map((f) => ({ finding: track(f), where: 'inline' })),
      result: resultOf(findings),
      resolved: 0,
      listInline: true,
      overflowTo: 'the workflow log',
    });
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThan(STEP_SUMMARY_BYTES);
    expect(md).toMatch(/more findings not shown here \(size limit\); see the workflow log/);
    expect(md).toContain('_(inline comment)_');
  });
});

describe('the summary: coverage and cost', () => {
  const summaryOf = (result: ReviewResult) =>
    jobSummaryMarkdown({
      headSha: HEAD,
      scope: [],
      findings: [],
      result,
      resolved: 0,
      listInline: true,
      overflowTo: 'the workflow log',
    });

  test('hunks not reviewed for the same typed reason are one line with a count, whatever their details', () => {
    const r = sampleResult();
    const [small, risky] = r.outcomes;
    r.outcomes = [
      { ...small!, status: 'notReviewed', reason: { code: 'over-budget', tokens: 900, left: 10 }, notes: [] },
      {
        ...risky!,
        status: 'notReviewed',
        reason: { code: 'over-budget', tokens: 3300, left: 10 },
        notes: [],
      },
    ] as ReviewResult['outcomes'];
    const md = summaryOf(r);
    expect(md.match(/not reviewed:/g)).toHaveLength(1);
    expect(md).toContain(
      '- ⚠️ 2 hunks not reviewed: did not fit what was left of the Claude budget (claude.budget_tokens)',
    );
  });

  test('a saving is claimed with the counts beside it, and none when no model reviewed a hunk', () => {
    const r = sampleResult();
    expect(summaryOf(r)).toContain('**28.6% saved** (hunks: 2 reviewed, 0 left for CI, 0 not reviewed)');
    const none = { ...r, usage: [], cost: { ...r.cost, savingPercent: null } };
    const md = summaryOf(none);
    expect(md).toContain('No model was called.');
    expect(md).toContain('no hunk was reviewed by a model, so no saving is claimed');
    expect(md).not.toMatch(/% saved/);
  });
});
