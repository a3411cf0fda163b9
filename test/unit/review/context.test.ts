import { expect, test } from 'vitest';
import { contextForHunk } from '../../../src/review/context.js';
import { hunkOf } from '../../helpers/build.js';

const file = Array.from({ length: 400 }, (_, i) =>
  i % 50 === 0 ? `function f${i}() {` : `  line ${i + 1};`,
).join('\n');

test('a file that fits the budget travels whole', () => {
  const small = 'const a = 1;\nconst b = 2;\n';
  expect(contextForHunk(small, hunkOf('a.ts', 2, 2, ['+const b = 2;']), 1000)).toEqual({
    text: small,
    startLine: 1,
  });
});

test('a large file gives the region from the enclosing declaration down, within the budget', () => {
  const context = contextForHunk(file, hunkOf('a.ts', 120, 120, ['+  line 120;']), 200);
  expect(context).not.toBeNull();
  expect(context!.startLine).toBe(101);
  expect(context!.text.startsWith('function f100() {')).toBe(true);
  expect(context!.text.length).toBeLessThanOrEqual(200 * 3.2);
  expect(context!.text).toContain('line 120;');
});

test('no budget, no context', () => {
  expect(contextForHunk(file, hunkOf('a.ts', 1, 1, ['+x']), 0)).toBeNull();
});
