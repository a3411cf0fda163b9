// Recognises hunks that only re-format code (indentation, line wrapping, quote style, separators).
import type { HunkView } from './securitySignals.js';

/**
 * Whitespace, quote style, commas and semicolons: what a formatter such as Prettier changes when it
 * re-wraps arguments or adds trailing commas. Parentheses are kept: they can change precedence.
 */
function normalise(line: string): string {
  return line.replace(/[\s,;]+/g, '').replace(/["`]/g, "'");
}

/** True when the added lines are the deleted ones re-formatted: nothing a reviewer must re-judge. */
export function isFormattingOnly(view: HunkView): boolean {
  if (view.added.length === 0 || view.deleted.length === 0) return false;
  return view.added.map(normalise).join('') === view.deleted.map(normalise).join('');
}
