// Inline source maps (`//# sourceMappingURL=data:application/json;base64,…`) are machine-written data at the
// end of built files, often larger than the code above them. No reviewer reads base64: the hunk is sent
// with each such line shortened to what it is, keeping its place and line number. Pure.
import type { DiffLine, Hunk } from '../types.js';

const INLINE_SOURCE_MAP = /^(\s*\/[/*][#@]\s*sourceMappingURL=data:[^,;]{0,80}[,;])(.*)$/;
/** Shorter lines are left alone: eliding them would save nothing. */
const MIN_ELIDED_CHARS = 200;

/** The line as sent: its prefix up to the data, and how much data was left out. */
function elided(line: DiffLine): DiffLine {
  if (line.text.length < MIN_ELIDED_CHARS) return line;
  const m = INLINE_SOURCE_MAP.exec(line.text);
  if (!m) return line;
  return { ...line, text: `${m[1]}… (inline source map, ${m[2]!.length} characters not shown)` };
}

/** The hunk to send: itself when it has no long inline source map, else a copy (same hash) with them elided. */
export function elideSourceMaps(hunk: Hunk): Hunk {
  const lines = hunk.lines.map(elided);
  return lines.every((line, i) => line === hunk.lines[i]) ? hunk : { ...hunk, lines };
}
