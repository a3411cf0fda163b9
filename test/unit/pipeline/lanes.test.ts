import { describe, expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { type LaneContext, planLanes } from '../../../src/pipeline/lanes.js';
import { decisionOf, hunkOf } from '../../helpers/build.js';

const hunk = (file = 'src/a.ts') => hunkOf(file, 1, 1, ['+x']);

function context(over: Partial<LaneContext> = {}): LaneContext {
  return {
    config: defaultConfig(),
    mode: 'cli',
    localUnavailable: null,
    claudeUnavailable: null,
    neverSend: (path) => path.endsWith('.env'),
    ...over,
  };
}

describe('planLanes', () => {
  test('a local hunk falls back to Claude by default', () => {
    const [plan] = planLanes([decisionOf(hunk(), 'local')], context());
    expect(plan?.chain).toEqual(['local', 'claude']);
  });

  test('an escalated hunk falls back to the local model', () => {
    const [plan] = planLanes([decisionOf(hunk(), 'claude')], context());
    expect(plan?.chain).toEqual(['claude', 'local']);
  });

  test('in the hook without hook.escalate, escalated hunks are left for CI', () => {
    const [plan] = planLanes([decisionOf(hunk(), 'claude')], context({ mode: 'hook' }));
    expect(plan?.chain).toEqual([]);
    expect(plan?.unreviewedReason).toMatch(/left for CI review/);
  });

  test('never_send paths never get Claude in their chain', () => {
    const plans = planLanes(
      [decisionOf(hunk('.env'), 'claude'), decisionOf(hunk('.env'), 'local')],
      context(),
    );
    expect(plans.map((p) => p.chain)).toEqual([['local'], ['local']]);
    expect(plans[0]?.notes.join()).toMatch(/never_send/);
  });

  test('Claude unavailable: escalated hunks are reviewed locally with a note', () => {
    const [plan] = planLanes(
      [decisionOf(hunk(), 'claude')],
      context({ claudeUnavailable: 'Claude unavailable (ANTHROPIC_API_KEY is not set)' }),
    );
    expect(plan?.chain).toEqual(['local']);
    expect(plan?.notes).toEqual([
      'Claude unavailable (ANTHROPIC_API_KEY is not set): reviewed locally instead',
    ]);
  });

  test('nothing available: the hunk says why it was not reviewed', () => {
    const [plan] = planLanes(
      [decisionOf(hunk(), 'local')],
      context({ localUnavailable: 'Ollama is not reachable', claudeUnavailable: 'no key' }),
    );
    expect(plan?.chain).toEqual([]);
    expect(plan?.unreviewedReason).toBe('Ollama is not reachable; no key');
  });

  test('skipped hunks carry their routing reason', () => {
    const [plan] = planLanes(
      [decisionOf(hunk(), 'skip', { reasons: [{ code: 'skip-glob', detail: 'matches docs/**' }] })],
      context(),
    );
    expect(plan).toMatchObject({ chain: [], unreviewedReason: 'matches docs/**' });
  });
});
