// Hunks that change a table of data written as code: locale lists, MIME types, entity tables, CA bundles,
// regenerated lookup arrays. Their size says nothing about how hard they are to review, so size alone does
// not escalate them; their content signals still count. Pure and linear.
import type { Hunk } from '../types.js';

/** Below this many changed lines a hunk is judged by its size as usual: tables are long. */
export const DATA_TABLE_MIN_LINES = 20;
/** Share of the changed lines (comments and blank lines aside) that must be data entries. */
const DATA_TABLE_SHARE = 0.9;

const STRING = /'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:\\.|[^`\\$])*`/g;
const REGEX = /(?<![\w$)\]])\/(?![/*])(?:\\.|\[(?:\\.|[^\]\\])*\]|[^/\\[])+\/[dgimsuyv]*/g;
const NUMBER =
  /\b(?:0[xob][\da-fA-F_]+|\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?n?)\b|\b(?:true|false|null|undefined)\b/g;
const KEY = /^\s*[\w$-]+\s*:/;
/** What is left of a data entry once its literals are gone: keys, separators and brackets. */
const ONLY_PUNCTUATION = /^[\s\w$:[\]{}(),;+.-]*$/;
const CODE_WORD =
  /\b(?:function|return|if|for|while|const|let|var|new|class|import|export|require|=>)\b|=>|[=!<>]=?|&&|\|\|/;

/** A line that holds literals and separators only: `'ar-EG': /^(\+?20)?1\d{9}$/,`, `["json", "map"],`. */
export function isDataLine(text: string): boolean {
  const stripped = text.replace(STRING, '""').replace(REGEX, '""').replace(NUMBER, '0');
  if (CODE_WORD.test(stripped)) return false;
  const rest = stripped.replace(KEY, '').replace(/""|0/g, '');
  return ONLY_PUNCTUATION.test(rest) && !/[A-Za-z_$]/.test(rest);
}

/** True when at least DATA_TABLE_MIN_LINES changed lines are, nearly all, data entries. */
export function isDataTable(hunk: Hunk): boolean {
  const changed: string[] = [];
  for (const line of hunk.lines) {
    if (line.kind === 'ctx') continue;
    const text = line.text.trim();
    if (text !== '' && !/^(?:\/\/|\/\*|\*)/.test(text)) changed.push(text);
  }
  if (changed.length < DATA_TABLE_MIN_LINES) return false;
  // Stops at the first line too many that is code: a rewritten module is not read to its end.
  const allowed = Math.floor((1 - DATA_TABLE_SHARE) * changed.length);
  let code = 0;
  for (const text of changed) if (!isDataLine(text) && ++code > allowed) return false;
  return true;
}
