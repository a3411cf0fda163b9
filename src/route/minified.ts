// Minified or bundled-into-one-line code: nobody reviews it line by line, and a model is no exception.
// The default `ignore` globs skip `*.min.js` by name; this catches the same content under other names
// (`underscore-min.js`, `*.pack.js`, a one-line `lib/parse.js`). Pure.
import type { Hunk } from '../types.js';

/** A changed line at least this long is machine-written: people wrap far earlier. */
export const MINIFIED_LINE_CHARS = 1000;
/** Lines over this length count towards the minified share. */
const LONG_LINE_CHARS = 500;
/** Share of the hunk's changed characters that must sit in long lines. */
const MINIFIED_SHARE = 0.8;

/** An inline source map: one long generated line at the end of many hand-written files. */
const SOURCE_MAP_COMMENT = /^\s*\/[/*][#@]\s*sourceMappingURL=/;

/** True when most of what the hunk changes is in lines only a minifier or bundler writes. */
export function isMinified(hunk: Hunk): boolean {
  let total = 0;
  let long = 0;
  let longest = 0;
  for (const line of hunk.lines) {
    if (line.kind === 'ctx' || SOURCE_MAP_COMMENT.test(line.text)) continue;
    const length = line.text.length;
    total += length;
    if (length > LONG_LINE_CHARS) long += length;
    if (length > longest) longest = length;
  }
  return longest >= MINIFIED_LINE_CHARS && long >= MINIFIED_SHARE * total;
}
