import { describe, expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { describeNote, describeReason } from '../../../src/messages/outcomes.js';
import { type LaneContext, planLanes } from '../../../src/pipeline/lanes.js';
import { decisionOf, hunkOf } from '../../helpers/build.js';

const hunk = (file = 'src/a.ts') => hunkOf(file, 1, 1, ['+x']);
const noKey = {
  code: 'not-configured' as const,
  role: 'escalation' as const,
  reason: 'Claude unavailable: ANTHROPIC_API_KEY is not set',
  fix: 'set ANTHROPIC_API_KEY',
};
const ollamaDown = {
  code: 'check-failed' as const,
  role: 'local' as const,
  reason: 'Ollama is not reachable',
  fix: 'ollama serve',
};

function context(over: Partial<LaneContext> = {}): LaneContext {
  return {
    config: defaultConfig(),
    mode: 'cli',
    unavailable: { local: null, escalation: null },
    neverSend: (path) => path.endsWith('.env'),
    ...over,
  };
}

describe('planLanes', () => {
  test('a local hunk falls back to Claude by default', () => {
    const [plan] = planLanes([decisionOf(hunk(), 'local')], context());
    expect(plan?.chain).toEqual(['local', 'escalation']);
  });

  test('an escalated hunk falls back to the local model', () => {
    const [plan] = planLanes([decisionOf(hunk(), 'claude')], context());
    expect(plan?.chain).toEqual(['escalation', 'local']);
  });

  test('in the hook without hook.escalate, an escalated hunk is still reviewed locally; Claude is left for CI', () => {
    const [plan] = planLanes([decisionOf(hunk(), 'claude')], context({ mode: 'hook' }));
    expect(plan).toMatchObject({ chain: ['local'], escalationForCi: true });
    expect(plan?.unreviewed).toBeUndefined();
  });

  test('in the hook with hook.escalate but no key, the same: local review, Claude left for CI', () => {
    const config = defaultConfig();
    config.hook.escalate = true;
    const [plan] = planLanes(
      [decisionOf(hunk(), 'claude')],
      context({ mode: 'hook', config, unavailable: { local: null, escalation: noKey } }),
    );
    expect(plan).toMatchObject({ chain: ['local'], escalationForCi: true });
  });

  test('in the hook with the local model down too, an escalated hunk is left for CI (not a failure)', () => {
    const [plan] = planLanes(
      [decisionOf(hunk(), 'claude')],
      context({ mode: 'hook', unavailable: { local: ollamaDown, escalation: null } }),
    );
    expect(plan).toMatchObject({ chain: [], unreviewed: { code: 'left-for-ci' } });
  });

  test('never_send in the hook: reviewed locally, and no CI escalation is promised', () => {
    const [plan] = planLanes([decisionOf(hunk('.env'), 'claude')], context({ mode: 'hook' }));
    expect(plan).toMatchObject({ chain: ['local'], notes: [{ code: 'never-send' }] });
    expect(plan?.escalationForCi).toBeUndefined();
  });

  test('never_send paths never get Claude in their chain', () => {
    const plans = planLanes(
      [decisionOf(hunk('.env'), 'claude'), decisionOf(hunk('.env'), 'local')],
      context(),
    );
    expect(plans.map((p) => p.chain)).toEqual([['local'], ['local']]);
    expect(plans[0]?.notes).toEqual([{ code: 'never-send' }]);
    expect(plans[0]?.notes.map(describeNote)).toEqual([
      'matches never_send: reviewed locally instead of by Claude',
    ]);
  });

  test('Claude unavailable: escalated hunks are reviewed locally with a note', () => {
    const [plan] = planLanes(
      [decisionOf(hunk(), 'claude')],
      context({ unavailable: { local: null, escalation: noKey } }),
    );
    expect(plan?.chain).toEqual(['local']);
    expect(plan?.notes.map(describeNote)).toEqual([
      'Claude unavailable: ANTHROPIC_API_KEY is not set: reviewed locally instead',
    ]);
  });

  test('nothing available: the hunk says why it was not reviewed', () => {
    const [plan] = planLanes(
      [decisionOf(hunk(), 'local')],
      context({ unavailable: { local: ollamaDown, escalation: noKey } }),
    );
    expect(plan?.chain).toEqual([]);
    expect(plan?.unreviewed).toEqual({ code: 'unavailable', reviewers: [ollamaDown, noKey] });
    // The server's failure is said once, in the run's notice; the hunk points at it.
    expect(plan?.unreviewed && describeReason(plan.unreviewed)).toBe(
      'local model unavailable (see the note below); Claude unavailable: ANTHROPIC_API_KEY is not set',
    );
  });

  test('skipped hunks carry their routing reason', () => {
    const [plan] = planLanes(
      [decisionOf(hunk(), 'skip', { reasons: [{ code: 'skip-glob', detail: 'matches docs/**' }] })],
      context(),
    );
    expect(plan).toMatchObject({
      chain: [],
      unreviewed: { code: 'routing-skip', detail: 'matches docs/**' },
    });
  });
});
