import { expect, test } from 'vitest';
import { CLEAR_LINE, safeOutput, writeStyled } from '../../../src/output.js';

function captured(isTTY?: boolean) {
  const chunks: string[] = [];
  const out = safeOutput({ write: (s: string) => chunks.push(s), ...(isTTY !== undefined ? { isTTY } : {}) });
  return { out, chunks };
}

test('write escapes every control character and escape sequence; line feeds and tabs stay', () => {
  const { out, chunks } = captured();
  out.write('a\u001b[2Jb\rc\u0007\td\n\u202e');
  expect(chunks).toEqual(['a\\u001b[2Jb\\rc\\u0007\td\n\\u202e']);
});

test("writeStyled keeps hunkwise's own colours and line clearing, and escapes anything else around them", () => {
  const { out, chunks } = captured();
  writeStyled(out, `${CLEAR_LINE}\u001b[31mred\u001b[39m \u001b]0;title\u0007 \u001b[2J\r`);
  expect(chunks).toEqual([`${CLEAR_LINE}\u001b[31mred\u001b[39m \\u001b]0;title\\u0007 \\u001b[2J\\r`]);
});

test('the wrapper tells whether the stream is a terminal; a stream without writeStyled gets write', () => {
  expect(captured(true).out.isTTY).toBe(true);
  expect(captured().out.isTTY).toBeUndefined();
  const raw: string[] = [];
  writeStyled({ write: (s: string) => raw.push(s) }, 'x');
  expect(raw).toEqual(['x']);
});
