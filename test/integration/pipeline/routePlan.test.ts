// The route plans on disk: written after routing, read back for the same input, ignored when unreadable,
// the last few kept, and never used from source (no build id), with the cache off or for an empty diff.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { PLANS_KEPT, routeRemembered } from '../../../src/pipeline/routePlan.js';
import { routeHunks } from '../../../src/route/route.js';
import type { FileDiff } from '../../../src/types.js';
import { fileOf, hunkOf } from '../../helpers/build.js';

let gitDir: string;
const planPath = () => join(gitDir, 'hunkwise', 'route-plan.json');
const files = (): FileDiff[] => [
  fileOf('src/run.ts', [hunkOf('src/run.ts', 1, 1, ['+exec("ls " + dir);'])]),
  fileOf('src/a.ts', [hunkOf('src/a.ts', 5, 5, [' x', '-const a = 1;', '+const a = 2;'])]),
];

beforeEach(() => {
  gitDir = mkdtempSync(join(tmpdir(), 'hunkwise-plan-'));
});
afterEach(() => rmSync(gitDir, { recursive: true, force: true }));

test('the first run routes and remembers; the same input is then read back, not routed again', () => {
  const config = defaultConfig();
  const first = routeRemembered(files(), config, [], gitDir, 'build-1');
  expect(first).toEqual(routeHunks(files(), config, []));
  expect(existsSync(planPath())).toBe(true);
  // Prove the second run reads the file: a plan edited on disk (same key) is what comes back.
  const plan = JSON.parse(readFileSync(planPath(), 'utf8'));
  plan.plans[0].decisions[1].reasons = [{ code: 'small', detail: 'from the remembered plan' }];
  writeFileSync(planPath(), JSON.stringify(plan));
  const second = routeRemembered(files(), config, [], gitDir, 'build-1');
  expect(second[1]!.reasons[0]!.detail).toBe('from the remembered plan');
  expect(second.map((d) => d.route)).toEqual(first.map((d) => d.route));
});

test('another build or another input routes afresh; the last few plans are kept, most recent first', () => {
  const config = defaultConfig();
  const plans = () => JSON.parse(readFileSync(planPath(), 'utf8')).plans as { key: string }[];
  routeRemembered(files(), config, [], gitDir, 'build-1');
  const [first] = plans();
  routeRemembered(files(), config, [], gitDir, 'build-2');
  expect(plans().map((p) => p.key)).toEqual([expect.not.stringMatching(first!.key), first!.key]);
  // A run over other hunks in between (a range review, a hook run with everything ignored) keeps this one.
  const other = [fileOf('src/b.ts', [hunkOf('src/b.ts', 1, 1, ['+export const b = 1;'])])];
  routeRemembered(other, config, [], gitDir, 'build-2');
  const before = readFileSync(planPath(), 'utf8');
  routeRemembered(files(), config, [], gitDir, 'build-2');
  expect(readFileSync(planPath(), 'utf8')).toBe(before);
  for (let i = 0; i < PLANS_KEPT + 2; i++) routeRemembered(files(), config, [], gitDir, `build-x${i}`);
  expect(plans()).toHaveLength(PLANS_KEPT);
});

test('an unreadable plan only costs the routing', () => {
  const config = defaultConfig();
  routeRemembered(files(), config, [], gitDir, 'build-1');
  writeFileSync(planPath(), '{ not json');
  expect(routeRemembered(files(), config, [], gitDir, 'build-1')).toEqual(routeHunks(files(), config, []));
});

test('nothing is remembered from source, with the cache off, without a git directory or for an empty diff', () => {
  const config = defaultConfig();
  routeRemembered(
    [{ ...fileOf('yarn.lock', []), skipped: { reason: 'ignored' } } as FileDiff],
    config,
    [],
    gitDir,
    'build-1',
  );
  routeRemembered(files(), config, [], gitDir, null);
  routeRemembered(files(), { ...config, cache: { ...config.cache, enabled: false } }, [], gitDir, 'build-1');
  expect(existsSync(planPath())).toBe(false);
  expect(routeRemembered(files(), config, [], undefined, 'build-1')).toEqual(routeHunks(files(), config, []));
});
