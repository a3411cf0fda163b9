// Recognises hunks that only re-format code (indentation, quote style, trailing separators).
import type { HunkView } from './securitySignals.js';

/** Whitespace, quote style and trailing separators: what a formatter changes. */
function normalise(line: string): string {
  return line
    .replace(/\s+/g, '')
    .replace(/["`]/g, "'")
    .replace(/[;,]+$/, '');
}

/** True when the added lines are the deleted ones re-formatted: nothing a reviewer must re-judge. */
export function isFormattingOnly(view: HunkView): boolean {
  if (view.added.length === 0 || view.deleted.length === 0) return false;
  return view.added.map(normalise).join('') === view.deleted.map(normalise).join('');
}
