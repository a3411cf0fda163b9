import { expect, test } from 'vitest';
import { manifestSignal } from '../../../src/route/manifestSignal.js';
import { makeHunk } from './diffBuilders.js';

const hunk = (lines: string[]) => makeHunk('package.json', lines);

test.for([
  {
    name: 'an install-time script',
    lines: ['   "scripts": {', '+    "postinstall": "node setup.js",', '     "test": "vitest"'],
    signal: 'install-script',
    min: 0.8,
  },
  {
    name: 'a dependency from a git URL',
    lines: ['   "dependencies": {', '+    "left-pad": "git+https://example.com/x.git",', '   }'],
    signal: 'dependency-source',
    min: 0.7,
  },
  {
    name: 'a new runtime dependency',
    lines: ['   "dependencies": {', '+    "left-pad": "^1.3.0",', '     "zod": "^4.0.0"'],
    signal: 'new-dependency',
    min: 0.5,
  },
])('$name escalates on its own', ({ lines, signal, min }) => {
  const hit = manifestSignal(hunk(lines));
  expect(hit?.signal).toBe(signal);
  expect(hit!.score).toBeGreaterThanOrEqual(min);
});

test.for([
  { name: 'a version bump of the package', lines: ['-  "version": "1.0.0",', '+  "version": "1.0.1",'] },
  {
    name: 'a dependency version bump',
    lines: ['   "dependencies": {', '-    "zod": "^4.0.0",', '+    "zod": "^4.1.0",'],
  },
  { name: 'a new dev dependency', lines: ['   "devDependencies": {', '+    "tsd": "^0.25.0",', '   }'] },
  {
    name: 'a test script change',
    lines: ['   "scripts": {', '-    "test": "ava",', '+    "test": "ava && tsd",'],
  },
  {
    name: 're-indentation',
    lines: ['-  "name": "x",', '-  "main": "index.js"', '+\t"name": "x",', '+\t"main": "index.js"'],
  },
])('$name stays below the threshold', ({ lines }) => {
  expect(manifestSignal(hunk(lines))?.score ?? 0).toBeLessThan(0.5);
});

test('only package.json files count', () => {
  expect(manifestSignal(makeHunk('src/package.ts', ['+  "postinstall": "x",']))).toBeNull();
});
