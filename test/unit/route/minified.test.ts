import { expect, test } from 'vitest';
import { isMinified, MINIFIED_LINE_CHARS } from '../../../src/route/minified.js';
import { makeHunk } from './diffBuilders.js';

const bundle = `!function(e){${'var a=e.b(c,d);'.repeat(MINIFIED_LINE_CHARS / 10)}}(this);`;

test('a changed line only a minifier writes makes the hunk minified', () => {
  expect(isMinified(makeHunk('lib/parse.js', [`-${bundle}`, `+${bundle.replace('e.b', 'e.c')}`]))).toBe(true);
});

test('hand-written code is not minified', () => {
  expect(isMinified(makeHunk('lib/parse.js', ['-  return a + b;', '+  return a - b;']))).toBe(false);
});

test('an inline source map does not make a hand-written change minified', () => {
  const map = `//# sourceMappingURL=data:application/json;base64,${'A'.repeat(3 * MINIFIED_LINE_CHARS)}`;
  expect(
    isMinified(
      makeHunk('lib/helpers/lookup.js', ['-  return obj[name];', '+  return lookup(obj, name);', `+${map}`]),
    ),
  ).toBe(false);
});

test('one long line among much ordinary code is not minified', () => {
  const ordinary = Array.from({ length: 200 }, (_, i) => `+  const value${i} = compute(input, ${i});`);
  expect(
    isMinified(
      makeHunk('lib/table.js', [...ordinary, `+const DATA = '${'x'.repeat(MINIFIED_LINE_CHARS)}';`]),
    ),
  ).toBe(false);
});
