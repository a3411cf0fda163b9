import { expect, test } from 'vitest';
import { escapeControls, escapeName, isPlainName, quoteName } from '../../../src/text/controls.js';

test.for([
  [
    'ESC sequences (clear screen, OSC title, OSC 8 link)',
    '\u001b[2J\u001b]0;t\u0007\u001b]8;;u\u0007x',
    '\\u001b[2J\\u001b]0;t\\u0007\\u001b]8;;u\\u0007x',
  ],
  [
    'CR alone, NUL, BEL, backspace, DEL',
    'a\rb\u0000c\u0007d\u0008e\u007f',
    'a\\rb\\u0000c\\u0007d\\u0008e\\u007f',
  ],
  ['CRLF becomes LF', 'a\r\nb', 'a\nb'],
  ['C1 controls (U+009B is a one-character CSI)', '\u009b2J\u0085', '\\u009b2J\\u0085'],
  [
    'bidi overrides, isolates and marks',
    '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c',
    '\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c',
  ],
  ['line and paragraph separators', 'a\u2028b\u2029', 'a\\u2028b\\u2029'],
  ['line feeds, tabs and ordinary Unicode stay', 'a\n\tb · é 👨‍👩‍👧', 'a\n\tb · é 👨‍👩‍👧'],
] as const)('escapeControls: %s', ([, input, expected]) => {
  expect(escapeControls(input)).toBe(expected);
});

test('escapeName: one line, nothing invisible', () => {
  expect(escapeName('src/we\nird\t\u200b\ufeff\u202e.ts')).toBe('src/we\\nird\\t\\u200b\\ufeff\\u202e.ts');
  expect(isPlainName('src/a b/ü.ts')).toBe(true);
  expect(isPlainName('src/a\nb.ts')).toBe(false);
});

test('quoteName is a JSON string literal that parses back to the name, with no raw control left', () => {
  const name = 'src/"we"\\\nird\u001b\u007f\u0085\u202e\u2028.ts';
  const quoted = quoteName(name);
  expect(quoted).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2028]/);
  expect(JSON.parse(quoted)).toBe(name);
});

test('escaping twice changes nothing more: the CLI may wrap a stream that is already wrapped', () => {
  const once = escapeControls('\u001b[31mx\u202e');
  expect(escapeControls(once)).toBe(once);
});
