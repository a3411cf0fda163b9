import { describe, expect, test } from 'vitest';
import { colorEnabled } from '../../../src/report/colorEnabled.js';
import { formatDuration, renderTerminal } from '../../../src/report/terminal.js';
import type { ReviewResult } from '../../../src/types.js';
import { sampleResult } from '../../helpers/result.js';
import {
  decision,
  fileDiff,
  finding,
  hunk,
  localDown,
  notReviewed,
  placed,
  result,
  reviewed,
  skipped,
  usage,
} from '../policy/buildResult.js';

const plain = { color: false, verbose: false };
const ESC = '\u001b[';

const appA = hunk('src/app.ts', 10, 5);
const appB = hunk('src/app.ts', 40, 3);
const auth = hunk('src/auth.ts', 1, 80);
const util = hunk('src/util.ts', 7, 2);
const docs = hunk('docs/guide.md', 1, 4);

function fullResult(over: Partial<ReviewResult> = {}): ReviewResult {
  return result({
    files: [
      fileDiff('src/app.ts', [appA, appB]),
      fileDiff('src/auth.ts', [auth]),
      fileDiff('src/util.ts', [util]),
      fileDiff('docs/guide.md', [docs]),
      fileDiff('package-lock.json', [], {
        reason: 'ignored',
        detail: 'matches ignore glob **/package-lock.json',
      }),
    ],
    decisions: [
      decision(appA, 'local'),
      decision(appB, 'local'),
      decision(auth, 'claude'),
      decision(util, 'local'),
      decision(docs, 'skip'),
    ],
    outcomes: [
      reviewed(appA, ['local']),
      reviewed(appB, ['local']),
      notReviewed(auth, { code: 'left-for-ci' }, 'claude'),
      notReviewed(util, { code: 'time-budget' }),
      skipped(docs, 'matches routing.skip docs/**'),
    ],
    findings: [
      placed(
        finding('src/app.ts', 12, 'major', {
          message: 'user may be undefined here',
          suggestion: 'if (!user) return;',
          fingerprint: 'f1',
        }),
      ),
      placed(
        finding('src/app.ts', 41, 'minor', {
          category: 'style',
          message: 'unused variable tmp',
          fingerprint: 'f2',
        }),
      ),
      placed(
        finding('src/auth.ts', 3, 'critical', {
          category: 'secret',
          source: 'rule',
          origin: 'secrets',
          message: 'AWS access key committed',
          fingerprint: 'f3',
        }),
      ),
    ],
    usage: [
      usage('qwen2.5-coder:7b', 'ollama', {
        requests: 1,
        inputTokens: 1830,
        outputTokens: 212,
        cacheHits: 1,
      }),
    ],
    notices: [
      {
        code: 'model-note',
        role: 'local',
        detail: 'Ollama answered slowly; 1 hunk hit the time budget (hook.time_budget_seconds: 60).',
      },
    ],
    durationMs: 2345,
    ...over,
  });
}

describe('renderTerminal', () => {
  test('groups findings by file with path:line, badges, suggestion, coverage, notices and a last line', () => {
    expect(renderTerminal(fullResult(), plain)).toMatchInlineSnapshot(`
      "src/app.ts
        MAJOR    src/app.ts:12  bug  user may be undefined here (qwen2.5-coder:7b)
                 suggestion: if (!user) return;
        minor    src/app.ts:41  style  unused variable tmp (qwen2.5-coder:7b)

      src/auth.ts
        CRITICAL src/auth.ts:3  secret  AWS access key committed (rule secrets)

      Coverage
        reviewed: 2 of 5 hunks (qwen2.5-coder:7b 2)
        not reviewed (1) — nothing is known about these:
          1 hunk: time budget reached before this hunk was reviewed
            src/util.ts:7-8
        left for CI review (1): escalated to Claude; hook.escalate is off
            src/auth.ts:1-80
        skipped hunks (1):
          1 hunk: matched routing.skip: not sent to any model
            docs/guide.md:1-4
        skipped files (1):
          package-lock.json  matches ignore glob **/package-lock.json

      ! Ollama answered slowly; 1 hunk hit the time budget (hook.time_budget_seconds: 60).

      Claude ~0 tok, billed $0.00 · all-Claude baseline ~400 tok ≈ $0.0014 (estimate for the hunks alone) · saved 100% over the reviewed hunks (hunks: 2 reviewed, 1 left for CI, 1 not reviewed)

      3 findings (1 critical, 1 major, 1 minor) · 2/5 hunks reviewed · 1 not reviewed, 1 left for CI · 2.3s · qwen2.5-coder:7b 1 req, 1,830→212 tok, 1 cached
      "
    `);
  });

  test('without colour there is not a single escape sequence; with colour badges are coloured', () => {
    expect(renderTerminal(fullResult(), plain)).not.toContain(ESC);
    const coloured = renderTerminal(fullResult(), { color: true, verbose: false });
    expect(coloured).toContain(`${ESC}31mMAJOR`);
    expect(coloured).toContain(`${ESC}33mminor`);
    // Same text once the colours are stripped.
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(renderTerminal(fullResult(), plain));
  });

  test('the last line is the last line, and says "No findings" only about reviewed hunks', () => {
    const clean = fullResult({ findings: [] });
    const lines = renderTerminal(clean, plain).trimEnd().split('\n');
    expect(lines.at(-1)).toBe(
      'No findings in 2 reviewed hunks · 2/5 hunks reviewed · 1 not reviewed, 1 left for CI · 2.3s · qwen2.5-coder:7b 1 req, 1,830→212 tok, 1 cached',
    );
  });

  test("a pool's usage names each server with its requests; one server is not spelled out", () => {
    const servers = [
      { host: 'http://gpu-box:8000/v1', requests: 7, inputTokens: 9000, outputTokens: 700 },
      { host: 'http://laptop:11434', requests: 3, inputTokens: 3000, outputTokens: 200 },
    ];
    const pooled = usage('qwen2.5-coder:7b', 'openai', { role: 'local', requests: 10, hosts: servers });
    const last = (hosts: typeof servers) =>
      renderTerminal(fullResult({ findings: [], usage: [{ ...pooled, hosts }] }), plain)
        .trimEnd()
        .split('\n')
        .at(-1);
    expect(last(servers)).toMatch(
      /qwen2\.5-coder:7b 10 req, 1,200→150 tok \(per server: gpu-box:8000\/v1 7, laptop:11434 3\)$/,
    );
    expect(last(servers.slice(0, 1))).toMatch(/qwen2\.5-coder:7b 10 req, 1,200→150 tok$/);
  });

  test('nothing reviewed (Ollama down): never "No findings", and each hunk is named with the reason', () => {
    const down = result({
      files: [fileDiff('src/app.ts', [appA, appB])],
      decisions: [decision(appA, 'local'), decision(appB, 'local')],
      outcomes: [appA, appB].map((h) =>
        notReviewed(h, {
          code: 'unavailable',
          reviewers: [localDown('Ollama is not reachable at http://127.0.0.1:9')],
        }),
      ),
      notices: [
        {
          code: 'reviewer-unavailable',
          unavailable: localDown('Ollama is not reachable at http://127.0.0.1:9'),
        },
      ],
      durationMs: 80,
    });
    const text = renderTerminal(down, plain);
    expect(text).not.toMatch(/no findings/i);
    expect(text).toMatchInlineSnapshot(`
      "Coverage
        reviewed: 0 of 2 hunks
        not reviewed (2) — nothing is known about these:
          2 hunks: local model unavailable (see the note below)
            src/app.ts:10-14, src/app.ts:40-42

      ! Ollama is not reachable at http://127.0.0.1:9 — start it with \`ollama serve\`

      all-Claude baseline ~200 tok ≈ $0.0007 · no hunk was reviewed by a model, so no saving is claimed (hunks: 0 reviewed, 0 left for CI, 2 not reviewed)

      No hunk was reviewed by a model (see "Coverage" above) · 0/2 hunks reviewed · 2 not reviewed · 80ms
      "
    `);
  });

  test('Ctrl-C in the hook: one line, since git has already returned to the prompt', () => {
    const r = result({
      outcomes: [
        reviewed(appA, ['local']),
        notReviewed(appB, { code: 'interrupted' }),
        notReviewed(util, { code: 'interrupted' }),
      ],
      findings: [placed(finding('src/app.ts', 12, 'major'))],
    });
    expect(renderTerminal(r, { color: true, verbose: false, mode: 'hook' })).toBe(
      'review: interrupted; 2 of 3 hunks not reviewed, nothing committed.\n',
    );
    // By hand, the partial report is still worth reading.
    expect(renderTerminal(r, { ...plain, mode: 'cli' })).toContain('src/app.ts:12');
  });

  test('nothing staged', () => {
    expect(renderTerminal(result({ durationMs: 40 }), plain)).toBe('Nothing staged to review · 40ms\n');
    expect(renderTerminal(result({ source: 'HEAD~1..HEAD', durationMs: 40 }), plain)).toBe(
      'Nothing to review in HEAD~1..HEAD · 40ms\n',
    );
  });

  test('file-level, out-of-diff and multi-line findings, multi-line suggestions, Claude usage', () => {
    const text = renderTerminal(
      result({
        files: [fileDiff('src/app.ts', [appA])],
        decisions: [decision(appA, 'claude')],
        outcomes: [reviewed(appA, ['claude'])],
        findings: [
          placed(
            finding('src/app.ts', null, 'info', {
              message: 'consider splitting this file',
              fingerprint: 'a',
            }),
          ),
          placed(
            { ...finding('src/app.ts', 200, 'minor', { message: 'caller not updated', fingerprint: 'b' }) },
            'summary',
          ),
          placed(
            finding('src/app.ts', 11, 'major', {
              range: { start: 11, end: 13 },
              message: 'off by one',
              suggestion: 'for (let i = 0; i < n; i++) {\n  sum += a[i];\n}',
              source: 'claude',
              origin: 'claude-sonnet-5-5',
              fingerprint: 'c',
            }),
          ),
        ],
        usage: [
          usage('claude-sonnet-5-5', 'anthropic', {
            requests: 2,
            inputTokens: 5000,
            outputTokens: 600,
            costUsd: 0.016,
          }),
        ],
      }),
      plain,
    );
    expect(text).toMatchInlineSnapshot(`
      "src/app.ts
        info     src/app.ts (whole file)  bug  consider splitting this file (qwen2.5-coder:7b)
        MAJOR    src/app.ts:11-13  bug  off by one (claude-sonnet-5-5)
                 suggestion: for (let i = 0; i < n; i++) {
                               sum += a[i];
                             }
        minor    src/app.ts:200 (outside the diff)  bug  caller not updated (qwen2.5-coder:7b)

      Coverage
        reviewed: 1 of 1 hunk (claude-sonnet-5-5 1)

      Claude ~100 tok, billed $0.0160 · all-Claude baseline ~100 tok ≈ $0.0003 (estimate for the hunks alone) · saved 0% over the reviewed hunks (hunks: 1 reviewed, 0 left for CI, 0 not reviewed)

      3 findings (1 major, 1 minor, 1 info) · 1/1 hunks reviewed · 1.2s · claude-sonnet-5-5 2 req, 5,000→600 tok
      "
    `);
  });

  test('verbose lists every reviewed hunk with its model and notes', () => {
    const r = fullResult();
    r.outcomes[0] = { ...reviewed(appA, ['local']), notes: [{ code: 'from-cache' }] };
    const text = renderTerminal(r, { color: false, verbose: true });
    expect(text).toContain(
      '    src/app.ts:10-14  qwen2.5-coder:7b\n      · from cache\n    src/app.ts:40-42  qwen2.5-coder:7b\n',
    );
  });

  test('hunks not reviewed for the same reason: one line with the count, the hunks folded under it', () => {
    const hunks = Array.from({ length: 25 }, (_, i) => hunk(`src/f${String(i).padStart(2, '0')}.ts`, 1, 2));
    const down = {
      code: 'unavailable' as const,
      reviewers: [localDown('Ollama is not reachable at http://127.0.0.1:9')],
    };
    const r = result({
      decisions: hunks.map((h) => decision(h, 'local')),
      // In the order the lanes finished, which is not the order of the files.
      outcomes: [...hunks.slice(0, 2).map((h) => notReviewed(h, { code: 'time-budget' }))]
        .concat(hunks.slice(2).map((h) => notReviewed(h, down)))
        .reverse(),
    });
    const short = renderTerminal(r, plain);
    // The server's own sentence belongs to the run's notice (none here); the group points at it.
    expect(short.split('\n').filter((l) => l.includes('local model unavailable'))).toEqual([
      '    23 hunks: local model unavailable (see the note below)',
    ]);
    expect(short).toContain(
      [
        '  not reviewed (25) — nothing is known about these:',
        '    23 hunks: local model unavailable (see the note below)',
        '      src/f02.ts:1-2, src/f03.ts:1-2, src/f04.ts:1-2, src/f05.ts:1-2, src/f06.ts:1-2, src/f07.ts:1-2,',
        '      src/f08.ts:1-2, src/f09.ts:1-2, src/f10.ts:1-2, src/f11.ts:1-2',
        '      … and 13 more (--verbose lists all)',
        '    2 hunks: time budget reached before this hunk was reviewed',
        '      src/f00.ts:1-2, src/f01.ts:1-2',
      ].join('\n'),
    );
    const verbose = renderTerminal(r, { color: false, verbose: true });
    expect(verbose.match(/src\/f\d+\.ts:1-2/g)).toHaveLength(25);
    expect(verbose).toContain(
      '    23 hunks: local model unavailable (see the note below)\n      src/f02.ts:1-2\n',
    );
  });

  test('grouping is by typed code and the details that matter, never by sentence', () => {
    const [one, two, three] = [hunk('a.ts', 1, 1), hunk('b.ts', 1, 1), hunk('c.ts', 1, 1)];
    const r = result({
      decisions: [one, two, three].map((h) => decision(h, 'claude')),
      outcomes: [
        notReviewed(one, { code: 'over-budget', tokens: 4000, left: 100 }, 'claude'),
        notReviewed(two, { code: 'over-budget', tokens: 3500, left: 100 }, 'claude'),
        notReviewed(
          three,
          { code: 'model-failed', role: 'escalation', detail: 'HTTP 529 overloaded' },
          'claude',
        ),
      ],
    });
    const text = renderTerminal(r, plain);
    expect(text).toContain(
      '    2 hunks: did not fit what was left of the Claude budget (claude.budget_tokens)\n      a.ts:1, b.ts:1\n    1 hunk: HTTP 529 overloaded\n      c.ts:1\n',
    );
    // Each hunk's own detail is there with --verbose.
    expect(renderTerminal(r, { color: false, verbose: true })).toContain(
      '      a.ts:1  needs ~4000 tokens but only 100 of claude.budget_tokens were left\n',
    );
  });

  test('dry run: the plan with routes, reasons, estimated tokens and totals against the all-Claude baseline', () => {
    const dry = result({
      dryRun: true,
      files: [
        fileDiff('src/app.ts', [appA]),
        fileDiff('src/auth.ts', [auth]),
        fileDiff('docs/guide.md', [docs]),
      ],
      decisions: [
        decision(appA, 'local', 340, [{ code: 'small', detail: 'small hunk (5 changed lines)' }]),
        decision(auth, 'claude', 2100, [
          { code: 'security-path', detail: 'security-sensitive path src/auth.ts' },
        ]),
        decision(docs, 'skip', 0, [{ code: 'skip-glob', detail: 'matches routing.skip docs/**' }]),
      ],
      outcomes: [
        notReviewed(appA, { code: 'dry-run' }),
        notReviewed(auth, { code: 'dry-run' }, 'claude'),
        skipped(docs, 'matches routing.skip docs/**'),
      ],
      durationMs: 95,
    });
    expect(renderTerminal(dry, plain)).toMatchInlineSnapshot(`
      "Plan for staged (dry run: no model was called)
        src/app.ts:10-14   local    ~340 tok  small hunk (5 changed lines)
        src/auth.ts:1-80   claude ~2,100 tok  security-sensitive path src/auth.ts
        docs/guide.md:1-4  skip   —           matches routing.skip docs/**

      Totals: local ~340 tok · Claude ~2,100 tok ≈ $0.0073 · all-Claude baseline ~2,440 tok ≈ $0.0085 · no model was called, so no saving is claimed

      dry run · 3 hunks: 1 local, 1 claude, 1 skip · 95ms
      "
    `);
  });
});

describe('colorEnabled', () => {
  test.for([
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
    [false, { FORCE_COLOR: '1' }, true],
    [true, { FORCE_COLOR: '0' }, false],
    [true, { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
  ] as const)('tty=%s env=%j → %s', ([isTTY, env, expected]) => {
    expect(colorEnabled({ isTTY }, env)).toBe(expected);
  });
});

test('formatDuration', () => {
  expect([formatDuration(12.4), formatDuration(999), formatDuration(1000), formatDuration(61_234)]).toEqual([
    '12ms',
    '999ms',
    '1.0s',
    '61.2s',
  ]);
});

test('no saving is claimed when no hunk went to a model', () => {
  const sample = sampleResult();
  const unreviewed = result({
    ...sample,
    outcomes: sample.outcomes.map((o) => ({
      hunk: o.hunk,
      route: o.route,
      status: 'notReviewed' as const,
      reason: { code: 'unavailable' as const, reviewers: [localDown('Ollama is not reachable')] },
      notes: [],
    })),
    usage: [],
    cost: undefined,
  });
  const text = renderTerminal(unreviewed, { color: false, verbose: false, mode: 'cli' });
  expect(text).toContain(
    'all-Claude baseline ~420 tok ≈ $0.0015 · no hunk was reviewed by a model, so no saving is claimed (hunks: 0 reviewed, 0 left for CI, 3 not reviewed)',
  );
  expect(text).not.toMatch(/saved/);
});
