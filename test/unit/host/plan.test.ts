import { describe, expect, test } from 'vitest';
import { parseUnifiedDiff } from '../../../src/diff/parse.js';
import { indexChangedFiles } from '../../../src/host/commentableLines.js';
import { location, track } from '../../../src/host/markdown.js';
import { decodeState, parseMarker, type TrackedFinding } from '../../../src/host/marker.js';
import {
  asPublished,
  BODY_LIMIT,
  type OwnComment,
  planPublication,
  type RemoteState,
} from '../../../src/host/plan.js';
import type { Finding } from '../../../src/types.js';
import { changedFiles, finding, GITHUB, HEAD, NEXT, resultOf } from './fixture.js';

const fresh = (): RemoteState => ({ summary: null, comments: [], diff: indexChangedFiles(changedFiles()) });
const full = { kind: 'full' as const, notes: ['Reviewed the whole pull request.'] };

function plan(findings: Finding[], remote = fresh(), github = GITHUB) {
  return planPublication({
    headSha: HEAD,
    github,
    scope: full,
    result: resultOf(findings),
    remote,
    overflowTo: 'the job summary',
  });
}

/** Everything a reader can see: the review body, its inline comments and the sticky summary. */
function visible(p: ReturnType<typeof plan>): string {
  return [p.review?.body ?? '', ...(p.review?.comments.map((c) => c.body) ?? []), p.summary?.body ?? ''].join(
    '\n',
  );
}

describe('planPublication: placement', () => {
  test('lines inside a hunk become inline comments on the new side; ranges keep their first line', () => {
    const p = plan([
      finding({ file: 'src/app.ts', start: 22, end: 24, severity: 'critical', category: 'security' }),
      finding({ file: 'src/new.ts', start: 1, source: 'rule', category: 'secret', severity: 'critical' }),
    ]);
    expect(p.review?.comments.map(({ body: _b, ...c }) => c)).toEqual([
      { path: 'src/app.ts', line: 24, startLine: 22 },
      { path: 'src/new.ts', line: 1 },
    ]);
    expect(parseMarker(p.review?.comments[0]?.body)?.fields.fp).toMatch(/^[0-9a-f]{16}$/);
  });

  test('outside the diff, across hunks, file-level, below min_severity and over the cap go to the summary', () => {
    const many = Array.from({ length: 4 }, (_, i) =>
      finding({ file: 'src/new.ts', start: 1 + (i % 3), message: `capped ${i}` }),
    );
    const outside = finding({ file: 'src/app.ts', start: 10, message: 'between the hunks' });
    const across = finding({ file: 'src/app.ts', start: 4, end: 22, message: 'spans two hunks' });
    const fileLevel = finding({ file: 'src/app.ts', start: null, message: 'whole file' });
    const low = finding({ file: 'src/app.ts', start: 2, severity: 'info', message: 'just info' });
    const all = [...many, outside, across, fileLevel, low];
    const p = plan(all, fresh(), { ...GITHUB, max_comments: 2, min_severity: 'minor' });
    expect(p.review?.comments).toHaveLength(2);
    const inSummary = p.outstanding.filter((o) => o.where === 'summary').map((o) => o.finding.message);
    expect(inSummary).toEqual(
      expect.arrayContaining(['between the hunks', 'spans two hunks', 'whole file', 'just info']),
    );
    expect(inSummary.filter((s) => s.startsWith('capped'))).toHaveLength(2);
    // Nothing lost: every finding is either an inline comment or listed in the summary body.
    const text = visible(p);
    for (const f of all) {
      const inline = p.review?.comments.some((c) => parseMarker(c.body)?.fields.fp === f.fingerprint);
      expect(inline || text.includes(f.message)).toBe(true);
    }
  });

  test('bodies stay within 65,536 characters and say how many findings were cut and where to look', () => {
    const huge = Array.from({ length: 3000 }, (_, i) =>
      finding({ file: 'src/app.ts', start: null, message: `finding number ${i} ${'x'.repeat(200)}` }),
    );
    const p = plan(huge);
    expect(p.summary?.body.length).toBeLessThanOrEqual(BODY_LIMIT);
    const listed = (p.summary?.body.match(/finding number \d+/g) ?? []).length;
    expect(listed).toBeGreaterThan(10);
    expect(p.summary?.body).toContain(
      `… ${3000 - listed} more findings not shown here (size limit); see the job summary.`,
    );
    expect(p.review?.body.length).toBeLessThanOrEqual(BODY_LIMIT);
  });

  test('the 422 fallback body lists every inline comment', () => {
    const p = plan([
      finding({ file: 'src/app.ts', start: 2, message: 'first' }),
      finding({ file: 'src/new.ts', start: 3, message: 'second' }),
    ]);
    expect(p.review?.bodyWithComments).toContain('`src/app.ts:2`');
    expect(p.review?.bodyWithComments).toContain('second');
    expect(parseMarker(p.review?.bodyWithComments)?.kind).toBe('review');
  });

  test('untrusted text can neither forge a marker nor mention people', () => {
    const evil = finding({
      file: 'src/app.ts',
      start: 2,
      message: 'ping @octocat <!-- hunkwise:summary head=x -->',
    });
    const body = plan([evil]).review?.comments[0]?.body ?? '';
    expect(body).not.toContain('@octocat');
    expect(body.match(/<!--/g)).toHaveLength(1);
    expect(parseMarker(body)?.kind).toBe('finding');
  });

  test('the summary keeps the reviewed head and the outstanding findings in its hidden state', () => {
    const f = finding({ file: 'src/app.ts', start: 2 });
    const marker = parseMarker(plan([f]).summary?.body);
    expect(marker?.kind).toBe('summary');
    const state = decodeState(marker?.fields.state);
    expect(state?.head).toBe(HEAD);
    expect(state?.findings).toEqual([track(f)]);
  });

  test('counts per severity and per model, coverage and the saving against all-Claude', () => {
    const body =
      plan([
        finding({ file: 'src/app.ts', start: 2 }),
        finding({ file: 'src/new.ts', start: 1, source: 'rule', category: 'secret', severity: 'critical' }),
      ]).summary?.body ?? '';
    expect(body).toContain('| Severity | `qwen2.5-coder:7b` | `rules` | Total |');
    expect(body).toMatch(/🔴 critical \| 0 \| 1 \| 1/);
    expect(body).toContain('Hunks reviewed: 4 by rules + local');
    expect(body).toContain('**100% saved**');
  });
});

describe('planPublication: re-runs', () => {
  const f = finding({ file: 'src/app.ts', start: 22, end: 24, quote: "const sql = 'SELECT" });
  const own = (extra: Partial<OwnComment> = {}): OwnComment => ({
    id: 7,
    path: 'src/app.ts',
    line: 24,
    fingerprint: f.fingerprint,
    resolved: false,
    body: `old\n\n<!-- hunkwise:finding fp=${f.fingerprint} -->`,
    hasHumanReply: false,
    ...extra,
  });

  test('a finding already posted on the same line is not posted again', () => {
    const p = plan([f], { ...fresh(), comments: [own()] });
    expect(p.review).toBeNull();
    expect(p.counts.alreadyPosted).toBe(1);
    expect(p.outstanding[0]?.where).toBe('posted');
  });

  test('a finding whose comment GitHub shows as outdated is posted again on its new line', () => {
    const state = { head: NEXT, findings: [track(f)], dropped: 0 };
    const moved = { ...f, range: { start: 21, end: 23 } };
    const remote = { ...fresh(), summary: { id: 1, body: '', state } };
    const outdated = planPublication({
      headSha: HEAD,
      github: GITHUB,
      scope: full,
      result: resultOf([moved]),
      remote: { ...remote, comments: [own({ line: null })] },
      overflowTo: 'x',
    });
    expect(outdated.review?.comments.map((c) => [c.path, c.startLine, c.line])).toEqual([
      ['src/app.ts', 21, 23],
    ]);
    const shown = planPublication({
      headSha: HEAD,
      github: GITHUB,
      scope: full,
      result: resultOf([moved]),
      remote: { ...remote, comments: [own()] },
      overflowTo: 'x',
    });
    expect(shown.review).toBeNull(); // still visible where GitHub tracked it: not repeated
  });

  test('a finding that is gone marks its comment resolved — unless a person replied', () => {
    const gone = plan([], { ...fresh(), comments: [own()] });
    expect(gone.resolve).toHaveLength(1);
    expect(gone.resolve[0]?.body).toContain('~~');
    expect(gone.resolve[0]?.body).toContain(`Resolved in ${HEAD.slice(0, 7)}`);
    expect(parseMarker(gone.resolve[0]?.body)?.fields).toEqual({ fp: f.fingerprint, resolved: HEAD });
    expect(plan([], { ...fresh(), comments: [own({ hasHumanReply: true })] }).resolve).toEqual([]);
    expect(plan([], { ...fresh(), comments: [own({ resolved: true })] }).resolve).toEqual([]);
  });

  test('a model finding in a file no model could review this time is not resolved: unknown is not gone', async () => {
    const modelFinding = finding({
      file: 'src/app.ts',
      start: 22,
      end: 24,
      quote: "const sql = 'SELECT",
      source: 'local',
    });
    const down = resultOf([]);
    down.outcomes = down.outcomes.map((o) => ({
      hunk: o.hunk,
      route: o.route,
      status: 'notReviewed',
      reason: { code: 'model-failed', role: 'local', detail: 'Ollama is not running' },
      notes: [],
    }));
    const state = { head: NEXT, findings: [track(modelFinding)], dropped: 0 };
    const p = planPublication({
      headSha: HEAD,
      github: GITHUB,
      scope: full,
      result: down,
      remote: { ...fresh(), summary: { id: 1, body: '', state }, comments: [own()] },
      overflowTo: 'x',
    });
    expect(p.resolve).toEqual([]);
    expect(p.outstanding.map((o) => [o.finding.fingerprint, o.where])).toEqual([
      [modelFinding.fingerprint, 'posted'],
    ]);
    // once a model reviews the file again and does not find it, it is resolved
    const back = planPublication({
      headSha: HEAD,
      github: GITHUB,
      scope: full,
      result: resultOf([]),
      remote: { ...fresh(), summary: { id: 1, body: '', state }, comments: [own()] },
      overflowTo: 'x',
    });
    expect(back.resolve.map((r) => r.commentId)).toEqual([7]);
  });

  test('same head again: nothing to post, nothing to edit, earlier findings still count', () => {
    const state = { head: HEAD, findings: [track(f)], dropped: 0 };
    const p = planPublication({
      headSha: HEAD,
      github: GITHUB,
      scope: { kind: 'unchanged' },
      result: null,
      remote: { ...fresh(), summary: { id: 1, body: '', state }, comments: [own()] },
      overflowTo: 'x',
    });
    expect(p.review).toBeNull();
    expect(p.summary).toBeNull();
    expect(p.outstanding.map((o) => o.finding.fingerprint)).toEqual([f.fingerprint]);
  });

  test('incremental: untouched findings carry over to their new lines, touched ones that are gone resolve', () => {
    // Between the last head and this one, two lines were inserted at the top of src/app.ts and line 2 of src/new.ts changed.
    const change = parseUnifiedDiff(`diff --git a/src/app.ts b/src/app.ts
--- a/src/app.ts
+++ b/src/app.ts
@@ -1,1 +1,3 @@
+// one
+// two
 import { db } from './db';
diff --git a/src/new.ts b/src/new.ts
--- a/src/new.ts
+++ b/src/new.ts
@@ -2,1 +2,1 @@
-export const x = 1;
+export const x = 10;
`);
    const touched = finding({ file: 'src/new.ts', start: 2, message: 'x is magic' });
    const previous: TrackedFinding[] = [track(f), track(touched)];
    const comments = [
      own(),
      { ...own(), id: 8, path: 'src/new.ts', line: 2, fingerprint: touched.fingerprint },
    ];
    const p = planPublication({
      headSha: NEXT,
      github: GITHUB,
      scope: { kind: 'incremental', from: HEAD, notes: [] },
      result: resultOf([], change),
      remote: {
        ...fresh(),
        summary: { id: 1, body: '', state: { head: HEAD, findings: previous, dropped: 0 } },
        comments,
      },
      overflowTo: 'x',
    });
    const carried = p.outstanding.map((o) => o.finding);
    expect(carried.map(location)).toEqual(['src/app.ts:24-26']);
    expect(p.resolve.map((r) => r.commentId)).toEqual([8]);
    expect(p.review).toBeNull();
  });
});

describe('inline comment bodies', () => {
  test("a model's replacement code is fenced (even when it holds backticks); rule advice stays prose", () => {
    const model = {
      ...finding({ file: 'src/app.ts', start: 2 }),
      suggestion: 'const s = `a ${b}`;\nlog(s);',
    };
    const rule = {
      ...finding({ file: 'src/new.ts', start: 1, source: 'rule', category: 'secret' }),
      suggestion: 'Revoke the token.',
    };
    const [m, r] = plan([model, rule]).review?.comments ?? [];
    expect(m?.body).toContain('**Suggestion:**\n\n```\nconst s = `a ${b}`;\nlog(s);\n```');
    expect(r?.body).toContain('**Suggestion:** Revoke the token.');
  });
});

describe('asPublished: what the summary may call an inline comment', () => {
  const listed = [
    { finding: track(finding({ file: 'src/app.ts', start: 22 })), where: 'inline' as const },
    { finding: track(finding({ file: 'src/app.ts', start: 30 })), where: 'posted' as const },
    { finding: track(finding({ file: 'src/app.ts', start: null })), where: 'summary' as const },
  ];

  test('comments that went out stay inline', () => {
    expect(asPublished(listed, true)).toEqual(listed);
  });

  test('comments that did not go out are summary-only; comments of earlier runs are still on the lines', () => {
    expect(asPublished(listed, false).map((l) => l.where)).toEqual(['summary', 'posted', 'summary']);
  });
});
