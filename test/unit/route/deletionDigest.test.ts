import { describe, expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { DELETION_MAX_TOKENS, digestDeletion, referencesTo } from '../../../src/route/deletionDigest.js';
import { estimateHunkTokens, routeHunks } from '../../../src/route/route.js';
import { fileOf, hunkOf } from '../../helpers/build.js';

/** A deleted file as git shows it: one hunk `@@ -1,n +0,0 @@` of removed lines. */
function deletedFile(path: string, lines: string[]) {
  const hunk = hunkOf(
    path,
    1,
    0,
    lines.map((l) => `-${l}`),
  );
  return fileOf(path, [hunk], { status: 'deleted', newPath: null, newMode: null });
}

function guardModule(): string[] {
  const lines = ["'use strict';", '// Request guards for the admin API.', "const db = require('./db');", ''];
  for (let i = 0; lines.length < 2000; i++)
    lines.push(`  total += weights[${i}] * values[${i}]; // accumulate sample ${i}`);
  lines[900] = 'export function requireAdmin(user) {';
  lines[901] = "  if (!user || !user.isAdmin) throw new Error('forbidden: admin only');";
  return lines;
}

const options = (files: ReturnType<typeof deletedFile>[]) => ({
  files,
  patterns: [],
  measure: estimateHunkTokens,
});

describe('digestDeletion', () => {
  test('a short deleted file is sent whole', () => {
    const file = deletedFile('src/small.js', ['module.exports = 1;']);
    const hunk = file.hunks[0]!;
    expect(digestDeletion(file, hunk, options([file]))).toBe(hunk);
  });

  test('a long deleted file becomes a digest under the cap: size, first lines, surface, removed checks, references', () => {
    const file = deletedFile('src/guard.js', guardModule());
    const app = fileOf('src/app.js', [
      hunkOf('src/app.js', 3, 3, ["-const guard = require('./guard');", ' app.listen();']),
    ]);
    const hunk = file.hunks[0]!;
    const digest = digestDeletion(file, hunk, options([app, file]));
    expect(estimateHunkTokens(hunk)).toBeGreaterThan(20_000);
    expect(estimateHunkTokens(digest)).toBeLessThanOrEqual(DELETION_MAX_TOKENS);
    expect(digest).toMatchObject({ hash: hunk.hash, oldStart: 1, oldLines: 2000, newStart: 0, newLines: 0 });
    expect(digest.lines.map((l) => (l.kind === 'del' ? l.oldLine : -1))).toEqual(
      [...digest.lines].map((l) => (l.kind === 'del' ? l.oldLine : -1)).sort((a, b) => a - b),
    );
    const texts = digest.lines.map((l) => l.text);
    expect(texts.slice(0, 3)).toEqual([
      "'use strict';",
      '// Request guards for the admin API.',
      "const db = require('./db');",
    ]);
    expect(texts).toContain('export function requireAdmin(user) {');
    expect(texts).toContain("  if (!user || !user.isAdmin) throw new Error('forbidden: admin only');");
    expect(digest.lines.find((l) => l.text.includes('forbidden'))).toMatchObject({
      kind: 'del',
      oldLine: 902,
    });
    expect(digest.section).toMatch(
      /^deleted file: 2000 lines \(\d+ bytes\) removed whole; only \d+ of them are shown/,
    );
    expect(digest.section).toContain(
      "named elsewhere in this change: src/app.js:3 (removed) const guard = require('./guard');",
    );
  });

  test('the router plans the digest it will send, decided on the whole file', () => {
    const file = deletedFile('src/guard.js', guardModule());
    const [decision] = routeHunks([file], defaultConfig(), []);
    expect(decision?.hunk.section).toMatch(/^deleted file: 2000 lines/);
    expect(decision?.estimatedTokens).toBe(estimateHunkTokens(decision!.hunk));
    expect(decision?.estimatedTokens).toBeLessThanOrEqual(DELETION_MAX_TOKENS);
    expect(decision?.hunk.hash).toBe(file.hunks[0]?.hash);
  });
});

describe('referencesTo', () => {
  test.for([
    ["const x = require('./guard');", true],
    ["import { a } from '../lib/guard.js';", true],
    ['  "files": ["History.md", "index.js"],', true],
    ['See [the changes](docs/History.md).', true],
    ["const g = require('guard');", false],
    ["import g from './guardian';", false],
    ['// the guard is gone', false],
  ] as const)('%s → %s', ([text, expected]) => {
    const other = fileOf('src/x.js', [hunkOf('src/x.js', 1, 1, [`+${text}`])]);
    const path = text.includes('History') ? 'History.md' : 'src/lib/guard.js';
    expect(referencesTo(path, [other]).length > 0).toBe(expected);
  });
});
