// The text report's one door for outside text. Every string in a ReviewResult came from outside hunkwise
// (model output, file names, rule messages quoting code, config, git, a server's error) or can hold such
// text, so the report renders a copy in which their control characters are escapes. Its own colours are
// then the only escapes in the report, which is what lets the CLI's stream keep them (output.ts).
import { escapeControls, escapeName } from '../text/controls.js';
import type { ReviewResult } from '../types.js';

/** Fields that hold a name shown on one line: a line break in a file name is escaped, not printed. */
const NAME_KEYS: ReadonlySet<string> = new Set([
  'file',
  'path',
  'oldPath',
  'newPath',
  'glob',
  'host',
  'model',
]);
/** Diff lines: the text report never prints them, and copying them would cost the hook on a large commit. */
const NOT_PRINTED: ReadonlySet<string> = new Set(['lines']);

/**
 * A line of outside text that starts with `::` would be a workflow command when the report is printed in a
 * GitHub Actions job (the runner reads every stdout line, leading spaces trimmed): its first colon is escaped.
 * @see https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands
 */
function noWorkflowCommands(text: string): string {
  return text.replace(/^(\s*):(?=:)/gm, '$1\\u003a');
}

function safe(value: unknown, key: string | null, seen: WeakMap<object, unknown>): unknown {
  if (typeof value === 'string')
    return noWorkflowCommands(key !== null && NAME_KEYS.has(key) ? escapeName(value) : escapeControls(value));
  if (typeof value !== 'object' || value === null) return value;
  // The same hunk sits in a decision and an outcome: one copy keeps them the same object.
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of value) copy.push(safe(item, key, seen));
    return copy;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const copy: Record<string, unknown> = {};
  seen.set(value, copy);
  for (const [k, v] of Object.entries(value)) copy[k] = NOT_PRINTED.has(k) ? v : safe(v, k, seen);
  return copy;
}

/** A copy of `result` whose every string is safe to print (see the file comment). */
export function terminalSafeResult(result: ReviewResult): ReviewResult {
  return safe(result, null, new WeakMap()) as ReviewResult;
}
