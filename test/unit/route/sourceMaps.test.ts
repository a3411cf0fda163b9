import { expect, test } from 'vitest';
import { elideSourceMaps } from '../../../src/route/sourceMaps.js';
import { makeHunk } from './diffBuilders.js';

const map = `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${'eyJ2'.repeat(500)}`;

test('a long inline source map is sent as what it is, in its place, with the same hash', () => {
  const hunk = makeHunk('dist/x.js', ['-  return obj[name];', '+  return lookup(obj, name);', `+${map}`], {
    newStart: 10,
  });
  const sent = elideSourceMaps(hunk);
  expect(sent.hash).toBe(hunk.hash);
  expect(sent.lines.map((l) => l.kind)).toEqual(['del', 'add', 'add']);
  expect(sent.lines[2]).toMatchObject({ kind: 'add', newLine: 11 });
  expect(sent.lines[2]!.text).toBe(
    '//# sourceMappingURL=data:application/json;… (inline source map, 2021 characters not shown)',
  );
  expect(sent.lines.slice(0, 2)).toEqual(hunk.lines.slice(0, 2));
});

test('a hunk without one is sent unchanged', () => {
  const hunk = makeHunk('dist/x.js', ['+//# sourceMappingURL=x.js.map', '+  return 1;']);
  expect(elideSourceMaps(hunk)).toBe(hunk);
});
