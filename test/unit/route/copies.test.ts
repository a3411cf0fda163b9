import { describe, expect, test } from 'vitest';
import { buildRank, COPY_MAX_OWN_LINES, findCopies } from '../../../src/route/copies.js';
import { makeFile, makeHunk } from './diffBuilders.js';

const change = [
  '-  if (typeof value !== "string") return value;',
  '+  if (typeof value !== "string") throw new TypeError("value");',
  '+  const checked = validateValue(value);',
  '+  return sanitizeValue(checked);',
];

describe('buildRank', () => {
  test('source ranks before build output, the CommonJS build before browser flavours, minified last', () => {
    const ordered = ['lib/x.js', 'dist/cjs/x.js', 'dist/x.js', 'dist/esm/x.js', 'dist/x.min.js'];
    const ranks = ordered.map(buildRank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(buildRank('lib/x.js')).toBe(0);
    expect(buildRank('dist/cjs/x.js')).toBeLessThan(buildRank('dist/esm/x.js'));
  });

  test('build folders with a prefix or suffix are build output too', () => {
    for (const path of [
      'client-dist/socket.io.js',
      'dist-node/index.js',
      'dist-web/index.js',
      'build_cjs/x.js',
    ])
      expect(buildRank(path), path).toBeGreaterThanOrEqual(1);
    expect(buildRank('lib/distance.js')).toBe(0);
    expect(buildRank('src/builder.js')).toBe(0);
  });

  test.for([
    'dist.es2015/index.js',
    'dist.esm/index.js',
    'dist-es/index.js',
    'lib.esm/index.js',
    'es2015/index.js',
    'esm/index.js',
    'esm2020/index.mjs',
    'fesm2015/core.mjs',
    'cjs/index.js',
    'umd/index.js',
    'packages/core/dist.cjs/index.js',
  ])('%s is build output, whatever joins the build word to the folder name', (path) => {
    expect(buildRank(path)).toBeGreaterThanOrEqual(1);
  });

  test('only folders count: a file named like a build flavour is source', () => {
    expect(buildRank('lib/esm.js')).toBe(0);
    expect(buildRank('src/dist.es2015.js')).toBe(0);
    expect(buildRank('lib/redistribute/x.js')).toBe(0);
    expect(buildRank('src/rebuild-tree/x.js')).toBe(0);
  });

  test('the main build ranks before a transpiled flavour beside it', () => {
    expect(buildRank('dist/index.js')).toBeLessThan(buildRank('dist.es2015/index.js'));
    expect(buildRank('dist/index.js')).toBeLessThan(buildRank('dist.esm/index.js'));
    expect(buildRank('dist.cjs/index.js')).toBeLessThan(buildRank('dist.esm/index.js'));
  });

  test('a module file is source wherever it sits', () => {
    expect(buildRank('src/modules/template.js')).toBe(0);
    expect(buildRank('underscore.js')).toBe(0);
  });
});

describe('findCopies', () => {
  test('a built copy of a source change is a copy of the source', () => {
    const source = makeFile('lib/x.js', [makeHunk('lib/x.js', change)]);
    const built = makeFile('dist/x.js', [
      makeHunk(
        'dist/x.js',
        change.map((l) => `${l[0]}  ${l.slice(1)}`),
      ),
    ]);
    const copies = findCopies([built, source]);
    expect(copies.get(built.hunks[0]!)).toEqual({ path: 'lib/x.js', lines: 4, covered: 4 });
    expect(copies.has(source.hunks[0]!)).toBe(false);
  });

  test('a transpiled flavour in a compound build folder is the copy, not the main build beside it', () => {
    // path-to-regexp 6.3.0 ships dist/index.js (main) and dist.es2015/index.js with the same fix.
    const main = makeFile('package/dist/index.js', [makeHunk('package/dist/index.js', change)]);
    const flavour = makeFile('package/dist.es2015/index.js', [
      makeHunk('package/dist.es2015/index.js', change),
    ]);
    const copies = findCopies([flavour, main]);
    expect(copies.has(main.hunks[0]!)).toBe(false);
    expect(copies.get(flavour.hunks[0]!)?.path).toBe('package/dist/index.js');
  });

  test('between files of the same rank neither is a copy: both are reviewed', () => {
    const a = makeFile('lib/a.js', [makeHunk('lib/a.js', change)]);
    const b = makeFile('lib/b.js', [makeHunk('lib/b.js', change)]);
    expect(findCopies([a, b]).size).toBe(0);
  });

  test('a copy that adds code of its own is routed on its merits', () => {
    const own = Array.from(
      { length: COPY_MAX_OWN_LINES + 1 },
      (_, i) => `+  extra${i} = compute(input, ${i});`,
    );
    const source = makeFile('lib/x.js', [makeHunk('lib/x.js', change)]);
    const built = makeFile('dist/x.js', [makeHunk('dist/x.js', [...change, ...own])]);
    expect(findCopies([source, built]).size).toBe(0);
  });

  test('a short hunk can coincide with another by chance and is not a copy', () => {
    const line = ['+  const checked = validateValue(value);'];
    const source = makeFile('lib/x.js', [makeHunk('lib/x.js', line)]);
    const built = makeFile('dist/x.js', [makeHunk('dist/x.js', line)]);
    expect(findCopies([source, built]).size).toBe(0);
  });
});
