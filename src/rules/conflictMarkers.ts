// Merge-conflict markers in added lines. `=======` alone is also a Markdown/RST heading underline, so
// it only counts inside a `<<<<<<<` block or in files that are not prose.
import { rulesMessages } from '../messages/rules.js';
import type { FileDiff, Finding } from '../types.js';
import { type AddedLine, addedLines } from './addedLines.js';
import { ruleFinding } from './ruleFinding.js';

export const CONFLICT_RULE_ID = 'conflict-markers';

const OPEN = /^<{7}(?: |$)/;
const BASE = /^\|{7}(?: |$)/;
const SPLIT = /^={7}$/;
const CLOSE = /^>{7}(?: |$)/;
const PROSE = /\.(?:md|markdown|mdx|rst|adoc|asciidoc|txt)$/i;

function markerKind(text: string): 'open' | 'base' | 'split' | 'close' | null {
  const line = text.replace(/\r$/, '');
  if (OPEN.test(line)) return 'open';
  if (BASE.test(line)) return 'base';
  if (SPLIT.test(line)) return 'split';
  if (CLOSE.test(line)) return 'close';
  return null;
}

function finding(file: string, start: number, end: number, message: string, quote: string): Finding {
  return ruleFinding({
    file,
    start,
    end,
    severity: 'major',
    category: 'conflict',
    message,
    origin: CONFLICT_RULE_ID,
    quote,
  });
}

/** One finding per conflict block (open → close), one per stray marker. */
export function findConflictMarkers(files: readonly FileDiff[]): Finding[] {
  const findings: Finding[] = [];
  let open: AddedLine | null = null;
  const flushOpen = () => {
    if (open)
      findings.push(finding(open.file, open.newLine, open.newLine, rulesMessages.conflictBlock(), open.text));
    open = null;
  };
  let lastFile = '';
  for (const line of addedLines(files)) {
    if (line.file !== lastFile) flushOpen();
    lastFile = line.file;
    const kind = markerKind(line.text);
    if (kind === 'open') {
      flushOpen();
      open = line;
    } else if (kind === 'close' && open) {
      const start: AddedLine = open;
      findings.push(
        finding(line.file, start.newLine, line.newLine, rulesMessages.conflictBlock(), start.text),
      );
      open = null;
    } else if (kind !== null && !open && !(kind === 'split' && PROSE.test(line.file))) {
      findings.push(
        finding(
          line.file,
          line.newLine,
          line.newLine,
          rulesMessages.conflictMarker(line.text.trim()),
          line.text,
        ),
      );
    }
  }
  flushOpen();
  return findings;
}
