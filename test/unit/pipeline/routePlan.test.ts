// A remembered route plan is replayed only for the very input it was made for, and replays to the same
// decisions the router makes.
import { describe, expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { planKey, replayPlan, storePlan } from '../../../src/pipeline/routePlan.js';
import { routeHunks } from '../../../src/route/route.js';
import type { FileDiff, Finding } from '../../../src/types.js';
import { fileOf, hunkOf } from '../../helpers/build.js';

const files = (): FileDiff[] => [
  fileOf('src/a.ts', [hunkOf('src/a.ts', 5, 5, [' x', '-const a = 1;', '+const a = 2;'])]),
  fileOf('src/run.ts', [hunkOf('src/run.ts', 1, 1, ['+exec("ls " + dir);'])]),
];

const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('planKey', () => {
  test('is the same for the same input and changes with what the router reads', () => {
    const config = defaultConfig();
    const key = planKey(files(), config, [], 'build-1');
    expect(planKey(files(), config, [], 'build-1')).toBe(key);
    expect(planKey(files(), config, [], 'build-2')).not.toBe(key);
    const stricter = { ...config, routing: { ...config.routing, security_threshold: 0.4 } };
    expect(planKey(files(), stricter, [], 'build-1')).not.toBe(key);
    const moved = files();
    moved[0] = fileOf('src/a.ts', [hunkOf('src/a.ts', 9, 9, [' x', '-const a = 1;', '+const a = 2;'])]);
    expect(planKey(moved, config, [], 'build-1')).not.toBe(key);
    const secret = { file: 'src/a.ts', category: 'secret', range: { start: 6, end: 6 } } as Finding;
    expect(planKey(files(), config, [secret], 'build-1')).not.toBe(key);
  });

  test('ignores files skipped before routing', () => {
    const config = defaultConfig();
    const withSkipped = [
      ...files(),
      { ...fileOf('yarn.lock', []), skipped: { reason: 'ignored' } } as FileDiff,
    ];
    expect(planKey(withSkipped, config, [], 'b')).toBe(planKey(files(), config, [], 'b'));
  });
});

describe('replayPlan', () => {
  test('replays the decisions the router made, on the diff’s own hunks', () => {
    const config = defaultConfig();
    const input = files();
    const decisions = routeHunks(input, config, []);
    const key = planKey(input, config, [], 'b');
    const again = files();
    const replayed = replayPlan(roundTrip(storePlan(key, decisions, input)), key, again);
    expect(replayed).toEqual(decisions);
    expect(replayed![0]!.hunk).toBe(again[0]!.hunks[0]);
    expect(replayed!.map((d) => d.route)).toEqual(['local', 'claude']);
  });

  test('keeps the hunk as sent where it is not the diff’s own', () => {
    const config = defaultConfig();
    const input = files();
    const decisions = routeHunks(input, config, []);
    const digest = { ...decisions[1]!.hunk, lines: [] };
    const changed = [decisions[0]!, { ...decisions[1]!, hunk: digest }];
    const stored = roundTrip(storePlan('k', changed, input));
    expect(replayPlan(stored, 'k', files())![1]!.hunk).toEqual(digest);
  });

  test('refuses a plan made for another input, another version, or garbage', () => {
    const input = files();
    const stored = storePlan('k', routeHunks(input, defaultConfig(), []), input);
    expect(replayPlan(roundTrip(stored), 'other', input)).toBeNull();
    expect(replayPlan({ ...stored, v: 0 }, 'k', input)).toBeNull();
    expect(replayPlan({ ...stored, decisions: stored.decisions.slice(1) }, 'k', input)).toBeNull();
    expect(replayPlan('not a plan', 'k', input)).toBeNull();
    expect(replayPlan(null, 'k', input)).toBeNull();
  });
});
