// Real `git diff` output (test/fixtures/gen-diffs.mjs) parsed, then checked against git's own
// --raw/--numstat view of the same change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseUnifiedDiff } from '../../../src/diff/parse.js';
import type { FileDiff } from '../../../src/types.js';

const DIR = join(import.meta.dirname, '../../fixtures/diffs');
const STATUS = {
  A: 'added',
  C: 'copied',
  D: 'deleted',
  M: 'modified',
  R: 'renamed',
  T: 'typechange',
} as const;

interface GitRecord {
  status: keyof typeof STATUS;
  oldMode: string;
  newMode: string;
  oldPath: string;
  newPath: string;
  added: number | null;
  deleted: number | null;
}

// A rename or copy without edits prints no `index` line, so the patch does not show its mode.
const modeShown = (r: GitRecord, mode: string) =>
  /^0+$/.test(mode) ||
  ('RC'.includes(r.status) && r.added === 0 && r.deleted === 0 && r.oldMode === r.newMode)
    ? null
    : mode;

const fromGit = (r: GitRecord) => ({
  status: STATUS[r.status],
  oldPath: r.status === 'A' ? null : r.oldPath,
  newPath: r.status === 'D' ? null : r.newPath,
  oldMode: modeShown(r, r.oldMode),
  newMode: modeShown(r, r.newMode),
  binary: r.added === null,
  added: r.added ?? 0,
  deleted: r.deleted ?? 0,
});

const fromParser = (f: FileDiff) => ({
  status: f.status,
  oldPath: f.oldPath,
  newPath: f.newPath,
  oldMode: f.oldMode,
  newMode: f.newMode,
  binary: f.kind === 'binary',
  added: f.added,
  deleted: f.deleted,
});

const byPath = (a: { oldPath: string | null; newPath: string | null }) => `${a.newPath ?? a.oldPath}`;

describe.each(['situations', 'encodings', 'submodule'])('%s.diff', (name) => {
  test('parses to what git itself reports for the change', () => {
    const files = parseUnifiedDiff(readFileSync(join(DIR, `${name}.diff`)));
    const expected = (JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as GitRecord[]).map(
      fromGit,
    );
    const sort = <T extends { oldPath: string | null; newPath: string | null }>(list: T[]) =>
      [...list].sort((a, b) => byPath(a).localeCompare(byPath(b)));
    expect(sort(files.map(fromParser))).toEqual(sort(expected));
  });
});

test('encodings.diff keeps CRLF and latin1 bytes', () => {
  const files = parseUnifiedDiff(readFileSync(join(DIR, 'encodings.diff')));
  const crlf = files.find((f) => f.path === 'crlf.txt');
  const latin1 = files.find((f) => f.path === 'latin1.txt');
  expect(crlf?.hunks[0]?.lines.filter((l) => l.kind !== 'ctx').map((l) => l.text)).toEqual([
    'two\r',
    'TWO\r',
  ]);
  expect(latin1?.encoding).toBe('latin1');
  expect(latin1?.hunks[0]?.lines.at(-1)?.text).toBe('na\xefve!');
});
