import { describe, expect, test } from 'vitest';
import { codeSpan, cutAtLine, oneLine, sanitize } from '../../../src/host/markdown.js';

describe('sanitize: untrusted text renders as the text it is', () => {
  test.for([
    ['an image', '![x](https://a.example/b.png)', '!&#91;x&#93;(https://a.example/b.png)'],
    [
      'a reference image and its definition',
      '![y][r]\n[r]: https://a.example/r.png',
      '!&#91;y&#93;&#91;r&#93;\n&#91;r&#93;: https://a.example/r.png',
    ],
    [
      'raw HTML and an autolink',
      '<img src=x></details><https://a.example>',
      '&lt;img src=x&gt;&lt;/details&gt;&lt;https://a.example&gt;',
    ],
    ['a script link', '[c](javascript:alert(1))', '&#91;c&#93;(javascript:alert(1))'],
    ['a backslash cannot cancel an escape', '\\[c](javascript:x)', '&#92;&#91;c&#93;(javascript:x)'],
    ['an entity is shown, not decoded', '&lt;img&gt;', '&amp;lt;img&amp;gt;'],
    ['a marker look-alike', '<!-- hunkwise:summary head=x -->', '&lt;!-- hunkwise:summary head=x --&gt;'],
    [
      'mentions, teams and references',
      '@octocat @org/team #12 o/r#3 GH-4 a@b.io',
      '@\u200boctocat @\u200borg/team #\u200b12 o/r#\u200b3 GH\u200b-4 a@b.io',
    ],
    [
      'a fenced block opener at a line start',
      '```mermaid\nx\n```',
      '&#96;&#96;&#96;mermaid\nx\n&#96;&#96;&#96;',
    ],
    ['a tilde fence', '  ~~~\nx', '  &#126;~~\nx'],
    ['table pipes', 'a | b', 'a &#124; b'],
    ['controls and bidi, shown escaped', 'a\u001b[2J\u202eb', 'a&#92;u001b&#91;2J&#92;u202eb'],
  ] as const)('%s', ([, input, expected]) => {
    expect(sanitize(input)).toBe(expected);
  });

  test('code spans stay code spans (raw inside, where GitHub shows text); only a marker look-alike is broken', () => {
    expect(sanitize('use `a <b> [c](d)` here')).toBe('use `a <b> [c](d)` here');
    expect(sanitize('``a ` b`` and `<!-- x`')).toBe('``a ` b`` and `<!\u200b-- x`');
  });

  test('a span never crosses a line, and an unclosed backtick is text', () => {
    expect(sanitize('`open\n<img>`')).toBe('&#96;open\n&lt;img&gt;&#96;');
    expect(sanitize('x `y')).toBe('x &#96;y');
  });
});

test('oneLine flattens, cuts the raw text (never an entity or a span) and escapes', () => {
  expect(oneLine('a\n\n<b>  c', 100)).toBe('a &lt;b&gt; c');
  const cut = oneLine(`${'x'.repeat(10)} \`<img src=y>\``, 14);
  expect(cut).toBe('xxxxxxxxxx &#96;&lt;…');
});

test('codeSpan holds any name on one line: backticks, line breaks, marker look-alikes', () => {
  expect(codeSpan('src/a.ts')).toBe('`src/a.ts`');
  expect(codeSpan('a`b')).toBe('``a`b``');
  expect(codeSpan('`x')).toBe('`` `x ``');
  expect(codeSpan('we\nird<!--.ts')).toBe('`we\\nird<!\u200b--.ts`');
});

test('cutAtLine cuts between lines only', () => {
  expect(cutAtLine('one\n`two <b>`\nthree', 12)).toBe('one\n…');
  expect(cutAtLine('short', 10)).toBe('short');
});
