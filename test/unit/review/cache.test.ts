import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { cacheKey, ReviewCache } from '../../../src/review/cache.js';
import { findingOf, hunkOf } from '../../helpers/build.js';

const key = cacheKey({ hunkHash: 'h1', reviewer: 'local', model: 'm', promptVersion: '1', settings: 's' });

test('findings come back relative to where the hunk is now', () => {
  const cache = new ReviewCache(mkdtempSync(join(tmpdir(), 'hw-cache-')));
  const before = hunkOf('a.ts', 10, 10, ['+x', '+y']);
  cache.set(key, before, [
    findingOf({ file: 'a.ts', range: { start: 11, end: 11 } }),
    findingOf({ file: 'a.ts', range: null, message: 'file' }),
  ]);
  const moved = { ...before, newStart: 30 };
  expect(cache.get(key, moved)?.map((f) => f.range)).toEqual([{ start: 31, end: 31 }, null]);
});

test('a corrupt entry is ignored and counted, never fatal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hw-cache-'));
  mkdirSync(join(dir, key.slice(0, 2)));
  writeFileSync(join(dir, key.slice(0, 2), `${key}.json`), '{"v":1,"findings":[{"file":');
  const cache = new ReviewCache(dir);
  expect(cache.get(key, hunkOf('a.ts', 1, 1, ['+x']))).toBeNull();
  expect(cache.corrupt).toBe(1);
});

test('the key changes with the model and the prompt version', () => {
  const other = cacheKey({
    hunkHash: 'h1',
    reviewer: 'local',
    model: 'm2',
    promptVersion: '1',
    settings: 's',
  });
  const newer = cacheKey({
    hunkHash: 'h1',
    reviewer: 'local',
    model: 'm',
    promptVersion: '2',
    settings: 's',
  });
  expect(new Set([key, other, newer]).size).toBe(3);
});

test('a disabled cache stores nothing', () => {
  const cache = new ReviewCache(null);
  expect(cache.set(key, hunkOf('a.ts', 1, 1, ['+x']), [])).toBe(false);
  expect(cache.get(key, hunkOf('a.ts', 1, 1, ['+x']))).toBeNull();
});
