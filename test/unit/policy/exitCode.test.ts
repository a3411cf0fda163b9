import { describe, expect, test } from 'vitest';
import { configSchema, type WrittenConfig } from '../../../src/config/schema.js';
import { EXIT } from '../../../src/errors.js';
import { blockingFindings, decideExit, unreachableOutcomes } from '../../../src/policy/exitCode.js';
import type { Severity } from '../../../src/types.js';
import { finding, hunk, localDown, notReviewed, placed, result, reviewed } from './buildResult.js';

const config = (written: WrittenConfig = {}) => configSchema.parse(written);
const withFindings = (...severities: Severity[]) =>
  result({ findings: severities.map((s, i) => placed(finding('src/a.ts', i + 1, s))) });

describe('decideExit', () => {
  test('advisory by default: findings never block, and the line says how to block', () => {
    const decision = decideExit(withFindings('critical', 'minor'), config(), 'hook');
    expect(decision.code).toBe(EXIT.ok);
    expect(decision.reason).toBe('advisory: 2 findings, commit not blocked (set fail_on.hook to block).');
  });

  test('nothing to say when there are no findings', () => {
    expect(decideExit(result(), config(), 'hook')).toEqual({ code: EXIT.ok, reason: null });
  });

  test.for([
    // mode, fail_on.hook, fail_on.ci, severities, expected code
    ['hook', 'major', 'never', ['minor'], EXIT.ok],
    ['hook', 'major', 'never', ['major'], EXIT.findings],
    ['hook', 'major', 'never', ['critical', 'info'], EXIT.findings],
    ['hook', 'info', 'never', ['info'], EXIT.findings],
    ['hook', 'never', 'info', ['critical'], EXIT.ok],
    ['ci', 'never', 'minor', ['minor'], EXIT.findings],
    ['ci', 'critical', 'never', ['critical'], EXIT.ok],
    ['ci', 'never', 'critical', ['major'], EXIT.ok],
    ['cli', 'never', 'major', ['critical'], EXIT.findings],
    ['cli', 'critical', 'never', ['critical'], EXIT.ok],
  ] as const)('%s with hook=%s ci=%s and %j exits %i', ([mode, hook, ci, severities, code]) => {
    const decision = decideExit(withFindings(...severities), config({ fail_on: { hook, ci } }), mode);
    expect(decision.code).toBe(code);
  });

  test('the blocking line names the key, the level and, in the hook, how to skip', () => {
    const decision = decideExit(
      withFindings('major', 'critical'),
      config({ fail_on: { hook: 'major' } }),
      'hook',
    );
    expect(decision.reason).toBe(
      'commit blocked: 2 findings at or above major (fail_on.hook: major) (to commit anyway: git commit --no-verify, or REVIEW_SKIP=1 git commit).',
    );
    const ci = decideExit(withFindings('major'), config({ fail_on: { ci: 'minor' } }), 'ci');
    expect(ci.reason).toBe('failing the job: 1 finding at or above minor (fail_on.ci: minor).');
  });

  test('a secret found by the rules blocks by default, even when advisory', () => {
    const secret = finding('.env.example', 3, 'critical', {
      category: 'secret',
      source: 'rule',
      origin: 'secrets',
    });
    const decision = decideExit(result({ findings: [placed(secret)] }), config(), 'hook');
    expect(decision.code).toBe(EXIT.findings);
    expect(decision.reason).toMatch(/^commit blocked: 1 secret found; remove it .*fail_on\.secrets/);
  });

  test('fail_on.secrets: false lets a secret through', () => {
    const secret = finding('a.ts', 3, 'critical', { category: 'secret', source: 'rule' });
    expect(
      decideExit(result({ findings: [placed(secret)] }), config({ fail_on: { secrets: false } }), 'hook')
        .code,
    ).toBe(EXIT.ok);
  });

  const conflict = finding('src/a.ts', 4, 'major', {
    category: 'conflict',
    source: 'rule',
    origin: 'conflict-markers',
  });

  test('committed conflict markers block by default, even when advisory, in the hook and in CI', () => {
    const hook = decideExit(result({ findings: [placed(conflict)] }), config(), 'hook');
    expect(hook.code).toBe(EXIT.findings);
    expect(hook.reason).toBe(
      'commit blocked: merge-conflict markers committed in 1 place; resolve the conflict first (fail_on.conflicts) (to commit anyway: git commit --no-verify, or REVIEW_SKIP=1 git commit).',
    );
    expect(blockingFindings(result({ findings: [placed(conflict)] }), config(), 'ci')).toEqual([conflict]);
    expect(decideExit(result({ findings: [placed(conflict)] }), config(), 'ci').reason).toMatch(
      /^failing the job: merge-conflict markers/,
    );
  });

  test('fail_on.conflicts: false makes them ordinary major findings again', () => {
    const off = config({ fail_on: { conflicts: false } });
    expect(decideExit(result({ findings: [placed(conflict)] }), off, 'hook').code).toBe(EXIT.ok);
    expect(blockingFindings(result({ findings: [placed(conflict)] }), off, 'hook')).toEqual([]);
  });

  test("a model's remark about a conflict does not block by itself", () => {
    const remark = finding('a.ts', 3, 'major', { category: 'conflict', source: 'local' });
    expect(decideExit(result({ findings: [placed(remark)] }), config(), 'hook').code).toBe(EXIT.ok);
  });

  test("a model's secret guess does not block by itself", () => {
    const guess = finding('a.ts', 3, 'major', { category: 'secret', source: 'local' });
    expect(decideExit(result({ findings: [placed(guess)] }), config(), 'hook').code).toBe(EXIT.ok);
  });

  const down = result({
    outcomes: [
      reviewed(hunk('a.ts', 1, 2), ['local']),
      notReviewed(hunk('b.ts', 1, 2), {
        code: 'unavailable',
        reviewers: [localDown('Ollama is not reachable at http://127.0.0.1:11434')],
      }),
      notReviewed(hunk('c.ts', 1, 2), { code: 'left-for-ci' }, 'claude'),
    ],
  });

  test('an unreachable model never blocks by default', () => {
    expect(decideExit(down, config(), 'hook')).toEqual({ code: EXIT.ok, reason: null });
  });

  test('fail_on.unreachable blocks, counting only real failures', () => {
    const decision = decideExit(down, config({ fail_on: { unreachable: true } }), 'hook');
    expect(decision.code).toBe(EXIT.service);
    expect(decision.reason).toMatch(/^commit blocked: 1 hunk could not be reviewed/);
  });

  test('a time budget reached counts as unreachable; hunks left for CI, dry runs and Ctrl-C do not', () => {
    const outcomes = [
      notReviewed(hunk('a.ts', 1, 1), { code: 'time-budget' }),
      notReviewed(hunk('b.ts', 1, 1), { code: 'left-for-ci' }),
      notReviewed(hunk('c.ts', 1, 1), { code: 'dry-run' }),
      notReviewed(hunk('d.ts', 1, 1), { code: 'interrupted' }),
    ];
    expect(unreachableOutcomes(outcomes).map((o) => o.hunk.file)).toEqual(['a.ts']);
  });

  test('the policy reads codes, not sentences: a failure worded like a choice still counts', () => {
    const worded = notReviewed(hunk('a.ts', 1, 1), {
      code: 'model-failed',
      role: 'local',
      detail: 'left for CI review (interrupted)',
    });
    expect(unreachableOutcomes([worded])).toHaveLength(1);
  });

  test('a dry run never blocks on unreachable models', () => {
    const dry = { ...down, dryRun: true };
    expect(decideExit(dry, config({ fail_on: { unreachable: true } }), 'hook').code).toBe(EXIT.ok);
  });

  test('secrets win over severity and unreachable', () => {
    const secret = finding('k.pem', 1, 'critical', { category: 'secret', source: 'rule' });
    const mixed = { ...down, findings: [placed(secret), placed(finding('a.ts', 1, 'major'))] };
    const decision = decideExit(mixed, config({ fail_on: { hook: 'major', unreachable: true } }), 'hook');
    expect(decision.reason).toMatch(/secret/);
  });

  test('a possible secret (found only by its label) never blocks on fail_on.secrets', () => {
    const possible = finding('.env', 1, 'info', {
      category: 'secret',
      source: 'rule',
      origin: 'possible-secrets',
    });
    const result = { ...down, outcomes: [], findings: [placed(possible)] };
    expect(decideExit(result, config({}), 'hook').code).toBe(EXIT.ok);
    expect(decideExit(result, config({}), 'ci').code).toBe(EXIT.ok);
  });
});
