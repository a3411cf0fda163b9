// Escalated hunks travel with more of their file: the whole new side when it fits, else the enclosing region.
import { estimateTokens } from '../route/tokens.js';
import type { Hunk } from '../types.js';

export interface HunkContext {
  text: string;
  startLine: number;
}

/** Lines that open a top-level declaration: where an enclosing function most likely starts. */
const DECLARATION =
  /^(export\s+)?(async\s+)?(function|class|const|let|var|def|func|fn|pub|public|private|protected|static|interface|type|impl|module)\b/;

function enclosingStart(lines: readonly string[], from: number, floor: number): number {
  for (let i = from; i >= floor; i -= 1) if (DECLARATION.test(lines[i] ?? '')) return i;
  return floor;
}

/**
 * New-side context for a hunk within a token budget: the whole file if it fits, otherwise a window that
 * starts at the nearest declaration above the hunk and grows downwards while the budget lasts.
 */
export function contextForHunk(fileText: string, hunk: Hunk, budgetTokens: number): HunkContext | null {
  if (budgetTokens <= 0 || fileText.length === 0) return null;
  if (estimateTokens(fileText) <= budgetTokens) return { text: fileText, startLine: 1 };
  const lines = fileText.split('\n');
  const hunkFirst = Math.max(0, hunk.newStart - 1);
  const hunkLast = Math.min(lines.length - 1, hunk.newStart + Math.max(hunk.newLines, 1) - 2);
  const budgetChars = budgetTokens * 3.2;
  const floor = Math.max(0, hunkFirst - 200);
  let first = enclosingStart(lines, hunkFirst, floor);
  let last = hunkLast;
  const size = () => lines.slice(first, last + 1).join('\n').length;
  while (first < hunkFirst && size() > budgetChars) first += 1;
  while (last + 1 < lines.length && size() + (lines[last + 1]?.length ?? 0) + 1 <= budgetChars) last += 1;
  if (size() > budgetChars) return null;
  return { text: lines.slice(first, last + 1).join('\n'), startLine: first + 1 };
}
