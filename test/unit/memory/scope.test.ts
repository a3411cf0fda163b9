import { expect, test } from 'vitest';
import { inScope } from '../../../src/memory/scope.js';

test('a glob matches dot files and nested paths; a file matches itself, also under its old name', () => {
  expect(inScope({ glob: 'config/**' }, 'config/.env.example')).toBe(true);
  expect(inScope({ glob: '**/*.sql' }, 'db/migrations/001.sql')).toBe(true);
  expect(inScope({ glob: 'src/*.ts' }, 'src/deep/a.ts')).toBe(false);
  expect(inScope({ file: 'src/old.ts' }, 'src/new.ts', new Map([['src/new.ts', 'src/old.ts']]))).toBe(true);
  expect(inScope({}, 'anything')).toBe(true);
});

test('a glob from the memory file runs in RE2: a catastrophic one answers at once', () => {
  // picomatch's backtracking regex runs for minutes on this pair.
  expect(inScope({ glob: '*a*a*a*a*a*a*a*a*a*a*a*a*b' }, `${'a'.repeat(5000)}c`)).toBe(false);
});

test('a glob RE2 cannot run (lookaround) applies nowhere rather than failing the run', () => {
  expect(inScope({ glob: 'src/!(*.test).ts' }, 'src/a.ts')).toBe(false);
});
