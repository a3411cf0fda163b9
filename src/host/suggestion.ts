// Pure: when a model's suggestion can be a GitHub suggestion (committed in one click from the pull request):
// it replaces exactly the whole lines the finding is anchored on, all in one hunk GitHub will comment on.
// Anything else — part of a line, lines outside the hunk, a remark about deleted code — stays a code block.
// @see https://docs.github.com/pull-requests/collaborating-with-pull-requests/reviewing-changes-in-pull-requests/incorporating-feedback-in-your-pull-request
import type { FileDiff, Finding } from '../types.js';
import { type ChangeRequestDiff, canComment } from './commentableLines.js';

export interface SuggestionFit {
  /** First and last new-side line the suggestion replaces (GitHub's start_line and line). */
  start: number;
  end: number;
  /** The replacement, indented like the lines it replaces. */
  code: string;
}

function trimBlankEdges(lines: string[]): string[] {
  let from = 0;
  let to = lines.length;
  while (from < to && lines[from]!.trim() === '') from += 1;
  while (to > from && lines[to - 1]!.trim() === '') to -= 1;
  return lines.slice(from, to);
}

/** New-side text of lines start..end when they are consecutive lines of one hunk; null otherwise. */
function anchoredLines(file: FileDiff | undefined, start: number, end: number): string[] | null {
  for (const hunk of file?.hunks ?? []) {
    const byLine = new Map<number, string>();
    for (const line of hunk.lines) if (line.kind !== 'del') byLine.set(line.newLine, line.text);
    const texts: string[] = [];
    for (let n = start; n <= end; n += 1) {
      const text = byLine.get(n);
      if (text === undefined) break;
      texts.push(text);
    }
    if (texts.length === end - start + 1) return texts;
  }
  return null;
}

function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

function commonIndent(lines: readonly string[]): string {
  const indents = lines.filter((l) => l.trim() !== '').map(indentOf);
  if (indents.length === 0) return '';
  return indents.reduce((common, indent) => {
    let i = 0;
    while (i < common.length && i < indent.length && common[i] === indent[i]) i += 1;
    return common.slice(0, i);
  });
}

/** Models often give the replacement without the code's indentation: put it back, as the quote left it out. */
function reindent(suggestion: string[], original: readonly string[]): string[] {
  const base = commonIndent(original);
  if (!base || commonIndent(suggestion) !== '') return suggestion;
  return suggestion.map((line) => (line.trim() === '' ? line : `${base}${line}`));
}

export function suggestionFor(
  finding: Finding,
  files: readonly FileDiff[],
  diff: ChangeRequestDiff,
): SuggestionFit | null {
  const { range, quote, suggestion } = finding;
  if (finding.source === 'rule' || !range || !quote?.trim() || suggestion === undefined) return null;
  if (!canComment(diff, finding.file, range.start, range.end)) return null;
  const original = anchoredLines(
    files.find((f) => f.path === finding.file),
    range.start,
    range.end,
  );
  if (!original) return null;
  const quoted = trimBlankEdges(quote.replace(/\r\n/g, '\n').split('\n'));
  const whole =
    quoted.length === original.length && quoted.every((line, i) => line.trim() === original[i]!.trim());
  if (!whole) return null;
  const replacement = reindent(suggestion.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n'), original);
  if (replacement.join('\n') === original.join('\n')) return null; // nothing to apply
  return { start: range.start, end: range.end, code: replacement.join('\n') };
}
