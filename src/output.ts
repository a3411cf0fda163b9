// The streams hunkwise prints to, and the one place where what it prints is made safe for a terminal.
import { escapeControls } from './text/controls.js';

/** A writable hunkwise prints to: process.stdout / stderr in real life, a string buffer in tests. */
export interface Output {
  write(chunk: string): unknown;
  /**
   * Like write, but hunkwise's own colour (SGR) and line-clearing escapes pass: for text whose outside parts
   * were already escaped where it was put together (the text report, the progress line).
   */
  writeStyled?(chunk: string): unknown;
  isTTY?: boolean;
}

/** Back to the start of the line and erase it: how a progress line is redrawn. */
export const CLEAR_LINE = '\r\u001b[2K';

/** The only escapes hunkwise writes itself: SGR colours (picocolors) and `\r` + erase line (progress lines). */
const OWN_ESCAPES = /\u001b\[[0-9;]*m|\r\u001b\[2K/g;

/** Keeps OWN_ESCAPES and escapes every other control character around them. */
function escapeAroundOwn(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(OWN_ESCAPES)) {
    out += escapeControls(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + escapeControls(text.slice(last));
}

/**
 * The CLI's streams: everything written shows control characters, escape sequences, carriage returns and
 * bidi overrides as visible escapes, whoever produced the text (a model, a file name, a server's error, git).
 */
export function safeOutput(stream: Output): Output {
  return {
    write: (chunk) => stream.write(escapeControls(chunk)),
    writeStyled: (chunk) => stream.write(escapeAroundOwn(chunk)),
    ...(stream.isTTY !== undefined ? { isTTY: stream.isTTY } : {}),
  };
}

/** Writes hunkwise's own styled text: through writeStyled where the stream has it (safeOutput's). */
export function writeStyled(out: Output, chunk: string): void {
  if (out.writeStyled) out.writeStyled(chunk);
  else out.write(chunk);
}
