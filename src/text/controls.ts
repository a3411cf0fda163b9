// Untrusted text (model output, file names, config strings, git data) → text whose invisible and
// controlling characters are shown as escapes instead of acting: no terminal escape sequence (clear screen,
// window title, OSC 8 hyperlink), no carriage return or NUL, no bidi override that reorders what a reader sees.
// The escapes are JSON's (`\u001b`, `\n`), so inside a JSON string they still mean the same character.
// @see https://trojansource.codes/ (bidi overrides)
// @see https://invisible-island.net/xterm/ctlseqs/ctlseqs.html (C0/C1 controls, CSI and OSC sequences)

/**
 * C0 controls (tab and line feed aside), DEL, the C1 controls (U+009B is a one-character CSI to some
 * terminals), the bidi embedding/override/isolate marks and ALM/LRM/RLM, and the Unicode line and
 * paragraph separators.
 */
const CONTROL =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** In a name, line breaks and tabs are escaped too, and so are characters that take no space at all. */
const NAME_CONTROL =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

const SHORT: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

function escapeChar(ch: string): string {
  return SHORT[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Multi-line text (a message, a sentence): line feeds and tabs stay, every other control is escaped. */
export function escapeControls(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(CONTROL, escapeChar);
}

/** A name shown on one line (a file path, a model id): line breaks, tabs and zero-width characters too. */
export function escapeName(name: string): string {
  return name.replace(NAME_CONTROL, escapeChar);
}

/** True when `name` shows as itself: nothing escapeName would change. */
export function isPlainName(name: string): boolean {
  return !new RegExp(NAME_CONTROL.source).test(name);
}

/**
 * A name as a JSON string literal in which every control, bidi and zero-width character is escaped
 * (JSON.stringify leaves DEL, C1 and the Unicode marks raw): how file names enter a prompt.
 */
export function quoteName(name: string): string {
  return escapeName(JSON.stringify(name));
}
