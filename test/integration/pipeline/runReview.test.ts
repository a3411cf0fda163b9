import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import type { Config } from '../../../src/config/schema.js';
import { describeNote, describeNotice, describeReason } from '../../../src/messages/outcomes.js';
import { type RunReviewOptions, runReview } from '../../../src/pipeline/runReview.js';
import type { HunkOutcome } from '../../../src/types.js';
import { type Script, scriptedReviewer } from '../../fakes/scriptedReviewer.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';

const AWS_KEY = ['AKIA', 'Z3X5Q7W9E1R3T5Y7'].join('');

let repo: TempRepo;
afterEach(() => repo?.cleanup());

function setUp(): TempRepo {
  repo = createRepo();
  repo.commit('base', {
    'src/util.ts': 'export const a = 1;\nexport const b = 2;\n',
    'src/auth/login.ts': 'export function login(user: string) {\n  return user;\n}\n',
  });
  repo.commit('change', {
    'src/util.ts': 'export const a = 1;\nexport const b = 3;\n',
    'src/auth/login.ts': `export function login(user: string) {\n  const key = "${AWS_KEY}";\n  return db.query("SELECT * FROM u WHERE n=" + user);\n}\n`,
  });
  return repo;
}

function config(over: (c: Config) => void = () => {}): Config {
  const c = defaultConfig();
  c.routing.always_claude = ['src/auth/**'];
  c.cache.dir = mkdtempSync(join(tmpdir(), 'hw-pipeline-cache-'));
  over(c);
  return c;
}

function options(local: Script, claude: Script, over: Partial<RunReviewOptions> = {}) {
  const reviewers = { local: scriptedReviewer(local), escalation: scriptedReviewer(claude) };
  const opts: RunReviewOptions = {
    cwd: repo.dir,
    env: {},
    config: config(),
    spec: { kind: 'range', range: 'HEAD~1' },
    mode: 'cli',
    dryRun: false,
    signal: new AbortController().signal,
    allowClaude: true,
    reviewers,
    ...over,
  };
  return { opts, reviewers };
}

const byFile = (outcomes: HunkOutcome[]) =>
  Object.fromEntries(
    outcomes.map((o) => [
      o.hunk.file,
      o.status === 'reviewed' ? `reviewed by ${o.by.join('+')}` : `${o.status}: ${describeReason(o.reason)}`,
    ]),
  );

describe('runReview', () => {
  test('small hunks go to the local model, escalated ones to Claude, and rules run on everything', async () => {
    setUp();
    const { opts, reviewers } = options(
      { role: 'local', answer: () => 'prefer a named constant' },
      { role: 'escalation', answer: () => 'SQL built from input' },
    );
    const result = await runReview(opts);
    expect(byFile(result.outcomes)).toEqual({
      'src/util.ts': 'reviewed by rule+local',
      'src/auth/login.ts': 'reviewed by rule+claude',
    });
    expect(
      result.findings.map((p) => `${p.finding.source}:${p.finding.file}:${p.finding.range?.start}`).sort(),
    ).toEqual(['claude:src/auth/login.ts:2', 'local:src/util.ts:2', 'rule:src/auth/login.ts:2']);
    const sentToClaude = JSON.stringify(reviewers.escalation.calls);
    expect(sentToClaude).not.toContain(AWS_KEY);
    expect(sentToClaude).toContain('[REDACTED:');
    expect(result.notices.map(describeNotice).join('\n')).toMatch(/Secrets were replaced by placeholders/);
    expect(result.usage.map((u) => u.model).sort()).toEqual(['claude-model', 'local-model']);
  });

  test('a second run over the same hunks is answered from the cache', async () => {
    setUp();
    const first = options({ role: 'local', answer: () => 'x' }, { role: 'escalation' });
    await runReview(first.opts);
    const second = options({ role: 'local' }, { role: 'escalation' }, { config: first.opts.config });
    const result = await runReview(second.opts);
    expect(second.reviewers.local.calls).toEqual([]);
    expect(second.reviewers.escalation.calls).toEqual([]);
    expect(result.findings.some((p) => p.finding.source === 'local' && p.finding.message === 'x')).toBe(true);
    expect(result.usage.reduce((n, u) => n + u.cacheHits, 0)).toBe(2);
  });

  test('with every hunk cached no service is contacted, even one that is down', async () => {
    setUp();
    const first = options({ role: 'local', answer: () => 'x' }, { role: 'escalation' });
    await runReview(first.opts);
    const down = { ok: false as const, reason: 'Ollama is not reachable', fix: 'ollama serve' };
    const second = options(
      { role: 'local', availability: down },
      { role: 'escalation', availability: down },
      { config: first.opts.config },
    );
    let checks = 0;
    for (const reviewer of [second.reviewers.local, second.reviewers.escalation]) {
      const check = reviewer.check;
      reviewer.check = (signal) => {
        checks += 1;
        return check(signal);
      };
    }
    const result = await runReview(second.opts);
    expect(checks).toBe(0);
    expect(result.notices.map(describeNotice).join()).not.toMatch(/not reachable/);
    expect(
      result.outcomes.every((o) => o.status === 'reviewed' && o.notes.some((n) => n.code === 'from-cache')),
    ).toBe(true);
  });

  test('with the local model down, its hunks fall back to Claude and the user is told how to start it', async () => {
    setUp();
    const { opts } = options(
      {
        role: 'local',
        availability: {
          ok: false,
          reason: 'Ollama is not reachable at http://127.0.0.1:9',
          fix: 'start it with `ollama serve`',
        },
      },
      { role: 'escalation' },
    );
    const result = await runReview(opts);
    expect(byFile(result.outcomes)['src/util.ts']).toBe('reviewed by rule+claude');
    expect(result.notices.map(describeNotice)).toContain(
      'Ollama is not reachable at http://127.0.0.1:9 — start it with `ollama serve`',
    );
  });

  test('with no model at all, rules still report and every hunk says why it was not reviewed', async () => {
    setUp();
    const { opts } = options(
      { role: 'local', availability: { ok: false, reason: 'Ollama is not reachable', fix: 'ollama serve' } },
      { role: 'escalation' },
      { allowClaude: false },
    );
    const result = await runReview(opts);
    expect(result.outcomes.every((o) => o.status === 'notReviewed')).toBe(true);
    expect(byFile(result.outcomes)['src/util.ts']).toMatch(/local model unavailable \(see the note below\)/);
    expect(result.notices.map(describeNotice)).toEqual(['Ollama is not reachable — ollama serve']);
    expect(result.findings.map((p) => p.finding.source)).toEqual(['rule']);
  });

  test('a Claude failure falls back to the local review with a note', async () => {
    setUp();
    const { opts } = options(
      { role: 'local' },
      { role: 'escalation', answer: () => 'fail:Claude rejected the API key (401)' },
    );
    const result = await runReview(opts);
    const login = result.outcomes.find((o) => o.hunk.file === 'src/auth/login.ts');
    expect(login).toMatchObject({ status: 'reviewed', by: ['rule', 'local'] });
    expect(login?.notes.map(describeNote).join()).toMatch(
      /Claude failed \(Claude rejected the API key \(401\)\); reviewed locally instead/,
    );
  });

  test('in the hook without escalation, an escalated hunk is reviewed locally, Claude is left for CI and gets nothing', async () => {
    setUp();
    const { opts, reviewers } = options(
      { role: 'local', answer: () => 'looks off' },
      { role: 'escalation' },
      { mode: 'hook', allowClaude: false },
    );
    const result = await runReview(opts);
    const login = result.outcomes.find((o) => o.hunk.file === 'src/auth/login.ts');
    expect(login).toMatchObject({
      status: 'reviewed',
      by: ['rule', 'local'],
      notes: [{ code: 'escalation-left-for-ci' }],
    });
    expect(reviewers.local.calls.flat().map((item) => item.hunk.file)).toContain('src/auth/login.ts');
    expect(reviewers.escalation.calls).toEqual([]);
  });

  test('in the hook with the local model down too, an escalated hunk is left for CI, not failed', async () => {
    setUp();
    const down = { ok: false as const, reason: 'Ollama is not reachable', fix: 'ollama serve' };
    const { opts } = options(
      { role: 'local', availability: down },
      { role: 'escalation' },
      { mode: 'hook', allowClaude: false },
    );
    const result = await runReview(opts);
    expect(byFile(result.outcomes)['src/auth/login.ts']).toMatch(/^notReviewed: left for CI review/);
  });

  test('a hanging model is cut off at the deadline and its hunks are named, not waited for', async () => {
    setUp();
    const { opts } = options(
      { role: 'local', hang: true },
      { role: 'escalation' },
      { deadline: Date.now() + 300, allowClaude: false },
    );
    const result = await runReview(opts);
    expect(byFile(result.outcomes)['src/util.ts']).toBe(
      'notReviewed: time budget reached before this hunk was reviewed',
    );
  });

  test('over the Claude budget, the rest is reviewed locally and the report says so', async () => {
    setUp();
    const { opts, reviewers } = options(
      { role: 'local' },
      { role: 'escalation' },
      {
        config: config((c) => {
          c.claude.budget_tokens = 1;
        }),
      },
    );
    const result = await runReview(opts);
    expect(reviewers.escalation.calls).toEqual([]);
    expect(byFile(result.outcomes)['src/auth/login.ts']).toBe('reviewed by rule+local');
    expect(result.notices.map(describeNotice).join()).toMatch(/did not fit the Claude budget/);
  });

  test('a dry run calls no model and still plans every hunk with its tokens and the all-Claude baseline', async () => {
    setUp();
    const { opts, reviewers } = options({ role: 'local' }, { role: 'escalation' }, { dryRun: true });
    const result = await runReview(opts);
    expect(reviewers.local.calls).toEqual([]);
    expect(reviewers.escalation.calls).toEqual([]);
    expect(result.decisions.map((d) => [d.hunk.file, d.route])).toEqual([
      ['src/auth/login.ts', 'claude'],
      ['src/util.ts', 'local'],
    ]);
    expect(result.cost.allClaudeTokens).toBe(result.cost.localTokens + result.cost.claudeTokens);
    expect(result.cost.localTokens).toBeGreaterThan(0);
  });
});
