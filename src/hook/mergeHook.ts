// Pure: an existing .husky/pre-commit (or none) → the file with exactly one current hunkwise block.
import { BLOCK_END, BLOCK_START, hookBlock } from './hookScript.js';

export type HookAction = 'created' | 'added' | 'updated' | 'unchanged';

export interface HookPlan {
  text: string;
  action: HookAction;
  /** The user's file ends the script before our block (`exit …` at the top level). */
  exitBeforeBlock: boolean;
}

/** An `exit` at column 0 ends the script, so nothing after it runs. */
const TOP_LEVEL_EXIT = /^exit\b/;

function blockBounds(lines: string[]): { start: number; end: number } | null {
  const start = lines.findIndex((line) => line.trim() === BLOCK_START);
  if (start < 0) return null;
  const end = lines.findIndex((line, i) => i > start && line.trim() === BLOCK_END);
  return end < 0 ? null : { start, end };
}

export function planHookFile(existing: string | null, block: string = hookBlock()): HookPlan {
  if (existing === null || existing.trim() === '')
    return { text: block, action: 'created', exitBeforeBlock: false };
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const lines = existing.split(/\r?\n/);
  const blockLines = block.replace(/\n$/, '').split('\n');
  const bounds = blockBounds(lines);
  let next: string[];
  let action: HookAction;
  let blockAt: number;
  if (bounds) {
    const current = lines.slice(bounds.start, bounds.end + 1);
    action = current.join('\n') === blockLines.join('\n') ? 'unchanged' : 'updated';
    next = [...lines.slice(0, bounds.start), ...blockLines, ...lines.slice(bounds.end + 1)];
    blockAt = bounds.start;
  } else {
    // Appended, so the user's own steps (lint-staged may restage fixes) run first and we review the final index.
    const body = lines.at(-1) === '' ? lines.slice(0, -1) : lines;
    const spacer = body.length > 0 && body.at(-1)?.trim() !== '' ? [''] : [];
    next = [...body, ...spacer, ...blockLines, ''];
    action = 'added';
    blockAt = body.length + spacer.length;
  }
  const exitBeforeBlock = next.slice(0, blockAt).some((line) => TOP_LEVEL_EXIT.test(line));
  const text = next.join(eol);
  return { text: action === 'unchanged' ? existing : text, action, exitBeforeBlock };
}
