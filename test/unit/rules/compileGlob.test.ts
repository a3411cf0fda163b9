import picomatch from 'picomatch';
import { describe, expect, test } from 'vitest';
import { DEFAULT_GLOB_REGEXES } from '../../../src/config/defaultGlobRegexes.js';
import { BUILT_IN_GLOBS, DEFAULT_IGNORE, DEFAULT_NEVER_SEND } from '../../../src/config/defaultGlobs.js';
import { anyGlob, compileGlob, firstMatchingGlob, globProblem } from '../../../src/rules/compileGlob.js';

// Globs nobody ships as a default, so they take the RE2 path; picomatch is the reference for what they mean.
const globs = [
  'src/**',
  'src/**/*.ts',
  '**/*.{js,mjs}',
  '**/test/**',
  '*.md',
  'docs/*',
  'a/**/b/**/c.txt',
  '**/.github/workflows/*.yml',
  '[abc]/?.js',
  'lib/+(x|y).js',
  '@(api|web)/**',
  '!vendor/**',
  '**/*.test.*',
  'packages/*/src/**',
  '**/secret*',
];
const paths = [
  'src/a.ts',
  'src/deep/b/c.ts',
  'src',
  'lib/x.js',
  'lib/xy.js',
  'lib/xyx.js',
  'a.mjs',
  'x/y/z.js',
  'test/a.js',
  'pkg/test/a/b.js',
  'README.md',
  'docs/README.md',
  'docs/a/b.md',
  'a/b/c.txt',
  'a/x/b/y/c.txt',
  '.github/workflows/ci.yml',
  'x/.github/workflows/ci.yml',
  'a/b.js',
  'd/b.js',
  'api/x',
  'web',
  'vendor/a.js',
  'src/a.test.ts',
  'packages/core/src/index.ts',
  'packages/core/lib/index.ts',
  'config/secrets.yml',
  '.env',
];

describe('user globs run in RE2 and mean what picomatch means', () => {
  test.for(globs)('%s', (glob) => {
    const reference = picomatch(glob, { dot: true });
    const linear = compileGlob(glob);
    expect(paths.filter((p) => linear(p))).toEqual(paths.filter((p) => reference(p)));
  });

  test('ignoring case when asked', () => {
    expect(compileGlob('**/secrets/**', { nocase: true })('Secrets/db.yml')).toBe(true);
    expect(compileGlob('**/secrets/**')('Secrets/db.yml')).toBe(false);
    expect(compileGlob('**/.env', { nocase: true })('app/.ENV')).toBe(true);
  });

  test('a glob picomatch would backtrack on for hours is matched at once', () => {
    const name = `${'a'.repeat(5000)}c`;
    expect(compileGlob('*a*a*a*a*a*a*a*a*a*a*a*a*b')(name)).toBe(false);
    expect(compileGlob('+(a+)b')(name)).toBe(false);
  });

  test('lists: the first glob that matched, or any', () => {
    expect(firstMatchingGlob(['docs/**', '**/*.md'])('docs/a.md')).toBe('docs/**');
    expect(firstMatchingGlob(['docs/**'])('src/a.md')).toBeNull();
    expect(anyGlob(['docs/**', '**/*.md'])('x/y.md')).toBe(true);
    expect(anyGlob([])('x')).toBe(false);
  });

  test('a negated extglob needs lookaround: refused with the glob named', () => {
    expect(globProblem('src/!(*.test).ts')).toContain('"src/!(*.test).ts"');
    expect(globProblem('src/**')).toBeNull();
  });
});

describe('a plain path is compared as a string, meaning what picomatch means', () => {
  const plain = ['.hunkwise/memory.jsonl', 'src/a.ts', 'README.md', 'a b/c=d.txt', 'src/', 'a//b', 'a/./b'];
  const candidates = [
    ...plain,
    'src/a.tsx',
    'x/src/a.ts',
    'readme.md',
    'SRC/A.TS',
    'src',
    'a/b',
    'İsrc/a.ts',
  ];

  test.for(plain)('%s', (glob) => {
    for (const nocase of [false, true]) {
      const reference = picomatch(glob, { dot: true, nocase });
      const fast = compileGlob(glob, { nocase });
      expect(candidates.filter((p) => fast(p))).toEqual(candidates.filter((p) => reference(p)));
    }
  });

  test('ignoring case, a non-ASCII character never stands for an ASCII one', () => {
    // U+212A KELVIN SIGN lower-cases to `k`, but a case-insensitive regex does not match it against `k`.
    expect(compileGlob('k.txt', { nocase: true })('\u212A.txt')).toBe(false);
    expect(picomatch('k.txt', { nocase: true })('\u212A.txt')).toBe(false);
    expect(compileGlob('k.txt', { nocase: true })('K.TXT')).toBe(true);
  });

  test('a list compiles a glob only when a path reaches it', () => {
    // The second glob needs lookaround RE2 cannot run: reached, it throws; not reached, it costs nothing.
    const first = firstMatchingGlob(['src/**', 'src/!(*.test).ts']);
    expect(first('src/a.ts')).toBe('src/**');
    expect(() => first('lib/a.ts')).toThrow(/lookaround/);
  });
});

describe('built-in globs: picomatch regexes generated ahead of time', () => {
  test('the table is current (else run `node scripts/gen-glob-regexes.mjs`)', () => {
    const expected = Object.fromEntries(
      BUILT_IN_GLOBS.map((g) => [g, picomatch.makeRe(g, { dot: true }).source]),
    );
    expect(DEFAULT_GLOB_REGEXES).toEqual(expected);
  });

  const samples = [
    'package-lock.json',
    'web/package-lock.json',
    'a/b/dist/x.js',
    'dist',
    'src/app.min.js',
    'x.map',
    '.env',
    'app/.ENV',
    'config/.env.local',
    'prod.env',
    'Secrets/db.yml',
    'deploy/id_rsa.pub',
    'certs/site.CRT',
    'home/.npmrc',
    'src/index.ts',
    'README.md',
    'vendor',
    'a/vendor/b',
    '.git-credentials',
    '**/dist/**',
    '',
  ];

  test.for([DEFAULT_IGNORE, DEFAULT_NEVER_SEND, ['**']])(
    'one glob or the whole list: picomatch’s answers',
    (list) => {
      for (const nocase of [false, true]) {
        const reference = (p: string) => list.find((g) => picomatch(g, { dot: true, nocase })(p)) ?? null;
        const first = firstMatchingGlob(list, { nocase });
        const any = anyGlob(list, { nocase });
        expect(samples.map(first)).toEqual(samples.map(reference));
        expect(samples.map(any)).toEqual(samples.map((p) => reference(p) !== null));
        for (const glob of list) {
          const pm = picomatch(glob, { dot: true, nocase });
          const ours = compileGlob(glob, { nocase });
          expect(samples.filter(ours), glob).toEqual(samples.filter((p) => pm(p)));
        }
      }
    },
  );
});
