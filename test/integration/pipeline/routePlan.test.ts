// The route plan on disk: written after routing, read back for the same input, ignored when unreadable,
// and never used from source (no build id) or with the cache off.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { routeRemembered } from '../../../src/pipeline/routePlan.js';
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
  plan.decisions[1].reasons = [{ code: 'small', detail: 'from the remembered plan' }];
  writeFileSync(planPath(), JSON.stringify(plan));
  const second = routeRemembered(files(), config, [], gitDir, 'build-1');
  expect(second[1]!.reasons[0]!.detail).toBe('from the remembered plan');
  expect(second.map((d) => d.route)).toEqual(first.map((d) => d.route));
});

test('another build or another input routes afresh and replaces the plan', () => {
  const config = defaultConfig();
  routeRemembered(files(), config, [], gitDir, 'build-1');
  const before = readFileSync(planPath(), 'utf8');
  routeRemembered(files(), config, [], gitDir, 'build-2');
  expect(readFileSync(planPath(), 'utf8')).not.toBe(before);
});

test('an unreadable plan only costs the routing', () => {
  const config = defaultConfig();
  routeRemembered(files(), config, [], gitDir, 'build-1');
  writeFileSync(planPath(), '{ not json');
  expect(routeRemembered(files(), config, [], gitDir, 'build-1')).toEqual(routeHunks(files(), config, []));
});

test('nothing is remembered from source, with the cache off, or without a git directory', () => {
  const config = defaultConfig();
  routeRemembered(files(), config, [], gitDir, null);
  routeRemembered(files(), { ...config, cache: { ...config.cache, enabled: false } }, [], gitDir, 'build-1');
  expect(existsSync(planPath())).toBe(false);
  expect(routeRemembered(files(), config, [], undefined, 'build-1')).toEqual(routeHunks(files(), config, []));
});
