// Recognises hunks that only re-format code: indentation, line wrapping, spacing, quote style, trailing
// commas, statement-ending semicolons, parentheses around a lone arrow parameter — what Prettier and its
// peers change. The comparison is over tokens, so `f(a, b)` → `f(ab)` is a change, not formatting.
import type { Hunk } from '../types.js';

/** Formatting comparisons stop at this many tokens a side: longer hunks are judged on their merits. */
const MAX_TOKENS = 200_000;

const TOKEN = /\s+|(['"`])(?:\\.|(?!\1)[^\\])*\1|[A-Za-z_$\d][\w$]*|=>|\S/g;

/** The tokens of some lines with quotes unified; whitespace is not a token. */
function tokensOf(lines: readonly string[]): string[] | null {
  const tokens: string[] = [];
  for (const line of lines) {
    for (const match of line.matchAll(TOKEN)) {
      const token = match[0];
      if (/^\s/.test(token)) continue;
      tokens.push(match[1] ? `'${token.slice(1, -1).replace(/\\?'/g, "\\'")}'` : token);
      if (tokens.length > MAX_TOKENS) return null;
    }
    tokens.push('\n');
  }
  return tokens;
}

const CLOSERS = new Set([')', ']', '}']);
/** A line starting with one of these continues the previous statement, so a `;` before it matters. */
const CONTINUES = /^[([`+\-/*,.?:=<>&|!]/;

/** Drops what formatters add or remove: trailing commas, `;` before a new statement, `(x) =>` parentheses. */
function canonical(tokens: readonly string[]): string {
  const out: string[] = [];
  const next = (i: number) => {
    for (let j = i + 1; j < tokens.length; j++) if (tokens[j] !== '\n') return tokens[j]!;
    return '';
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === '\n') continue;
    if (token === ',' && CLOSERS.has(next(i))) continue;
    if (token === ';' && !CONTINUES.test(next(i))) continue;
    if (
      token === '(' &&
      /^[A-Za-z_$]/.test(tokens[i + 1] ?? '') &&
      tokens[i + 2] === ')' &&
      tokens[i + 3] === '=>'
    ) {
      out.push(tokens[i + 1]!);
      i += 2;
      continue;
    }
    out.push(token);
  }
  return out.join(' ');
}

/** Letters and digits: a formatter moves and re-quotes them, never adds or drops one. */
function alphanumerics(lines: readonly string[]): number {
  let n = 0;
  for (const line of lines) n += line.replace(/[^A-Za-z\d]+/g, '').length;
  return n;
}

/** Characters without indentation: a re-format may re-indent and re-wrap, not double the text. */
function trimmedLength(lines: readonly string[]): number {
  let n = 0;
  for (const line of lines) n += line.trim().length;
  return n;
}

/** True when the added lines are the deleted ones re-formatted: nothing a reviewer must re-judge. */
export function isFormattingOnly(hunk: Hunk): boolean {
  const added: string[] = [];
  const deleted: string[] = [];
  for (const line of hunk.lines) {
    if (line.kind === 'add') added.push(line.text);
    else if (line.kind === 'del') deleted.push(line.text);
  }
  if (added.length === 0 || deleted.length === 0) return false;
  const [a, d] = [trimmedLength(added), trimmedLength(deleted)];
  if (Math.max(a, d) > 1.25 * Math.min(a, d) + 16 || alphanumerics(added) !== alphanumerics(deleted))
    return false;
  const after = tokensOf(added);
  const before = tokensOf(deleted);
  return after !== null && before !== null && canonical(after) === canonical(before);
}
