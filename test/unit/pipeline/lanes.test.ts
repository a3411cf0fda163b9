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

  test('in the hook without hook.escalate, escalated hunks are left for CI', () => {
    const [plan] = planLanes([decisionOf(hunk(), 'claude')], context({ mode: 'hook' }));
    expect(plan?.chain).toEqual([]);
    expect(plan?.unreviewed).toEqual({ code: 'left-for-ci' });
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
    expect(plan?.unreviewed && describeReason(plan.unreviewed)).toBe(
      'Ollama is not reachable; Claude unavailable: ANTHROPIC_API_KEY is not set',
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
