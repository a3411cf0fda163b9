import { expect, test } from 'vitest';
import { classifyFile, pathSignals } from '../../../src/route/pathSignals.js';

test.for([
  ['.github/workflows/ci.yml', 'path-ci'],
  ['.gitlab-ci.yml', 'path-ci'],
  ['.npmrc', 'path-registry'],
  ['docker/Dockerfile', 'path-container'],
  ['scripts/postinstall.js', 'path-install-script'],
  ['.husky/pre-commit', 'path-hooks'],
  ['src/auth/login.ts', 'path-auth'],
  ['lib/session-store.js', 'path-session'],
  ['src/crypto/sign.ts', 'path-crypto'],
  ['app/permissions.py', 'path-access'],
  ['server/csrf/index.js', 'path-security'],
] as const)('%s → %s', ([path, signal]) => {
  expect(pathSignals(path).map((h) => h.signal)).toContain(signal);
});

test.for([
  'src/tokenize.js',
  'lib/author.js',
  'src/utils/format.ts',
  'docs/auth.md',
  'README.md',
  'server/middleware/index.js',
  'lib/validator.js',
])('%s has no path signal', (path) => {
  expect(pathSignals(path)).toEqual([]);
});

test('tests and type declarations weigh less than code', () => {
  const code = pathSignals('src/auth/login.ts')[0]!.score;
  expect(pathSignals('test/auth/login.test.ts')[0]!.score).toBeLessThan(code);
  expect(pathSignals('types/auth/index.d.ts')[0]!.score).toBeLessThan(code);
});

test.for([
  ['README.md', 'prose'],
  ['LICENSE', 'prose'],
  ['CHANGELOG.md', 'prose'],
  ['package.json', 'data'],
  ['index.d.ts', 'types'],
  ['test/index.js', 'test'],
  ['src/a.spec.ts', 'test'],
  ['src/index.js', 'code'],
  ['.github/workflows/ci.yml', 'config'],
  ['config.yml', 'config'],
] as const)('classifyFile(%s) = %s', ([path, cls]) => {
  expect(classifyFile(path)).toBe(cls);
});

test('an area word in a path is evidence, not a verdict: alone it stays below the threshold', () => {
  for (const path of [
    'src/auth/login.ts',
    'lib/session-store.js',
    'src/crypto/sign.ts',
    'server/csrf/index.js',
  ])
    for (const hit of pathSignals(path)) expect(hit.score, path).toBeLessThan(0.5);
});
