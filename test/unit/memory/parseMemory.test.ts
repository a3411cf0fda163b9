import { expect, test } from 'vitest';
import { formatRecord } from '../../../src/memory/formatRecord.js';
import { parseMemory } from '../../../src/memory/parseMemory.js';
import type { MemoryRecord } from '../../../src/memory/record.js';

const WHEN = '2026-11-26T09:00:00.000Z';
const dismiss: MemoryRecord = {
  kind: 'dismiss',
  fingerprint: '0123456789abcdef',
  file: 'src/a.ts',
  category: 'bug',
  message: 'Missing await',
  quote: 'save()',
  reason: 'save is synchronous',
  who: 'Ada <ada@example.com>',
  when: WHEN,
};
const note: MemoryRecord = {
  kind: 'note',
  glob: 'migrations/**',
  message: 'db.raw is allowed',
  who: 'Ada',
  when: WHEN,
};

test('records round-trip through one line each, keys in a fixed order', () => {
  const text = `${formatRecord(dismiss)}\n${formatRecord(note)}\n`;
  expect(text.split('\n')[0]).toBe(
    '{"kind":"dismiss","fingerprint":"0123456789abcdef","file":"src/a.ts","category":"bug","message":"Missing await","quote":"save()","reason":"save is synchronous","who":"Ada <ada@example.com>","when":"2026-11-26T09:00:00.000Z"}',
  );
  expect(parseMemory(text)).toEqual({ records: [dismiss, note], issues: [] });
});

test.for([
  ['<<<<<<< HEAD', /^not JSON/],
  [
    '{"kind":"dismiss","fingerprint":"zz","file":"a","message":"m","who":"w","when":"2026-11-26T09:00:00Z"}',
    /^fingerprint: must be the hex fingerprint/,
  ],
  [
    '{"kind":"dismiss","fingerprint":"0123456789abcdef","message":"m","who":"w","when":"2026-11-26T09:00:00Z"}',
    /exactly one of "file" or "glob"/,
  ],
  ['{"kind":"note","message":"","who":"w","when":"2026-11-26T09:00:00Z"}', /^message:/],
  ['{"kind":"note","message":"m","who":"w","when":"yesterday"}', /^when:/],
  ['{"kind":"vector","v":[1,2]}', /^kind:/],
  ['[1,2]', /./],
  // A pull request can edit the memory file: a glob only lookaround expresses cannot run in RE2.
  [
    '{"kind":"note","glob":"src/!(*.test).ts","message":"m","who":"w","when":"2026-11-26T09:00:00Z"}',
    /^glob: glob "src\/!\(\*\.test\)\.ts" needs lookaround/,
  ],
] as const)('a bad line is an issue with its line number, never a crash: %s', ([line, message]) => {
  const parsed = parseMemory(`\n${formatRecord(note)}\n${line}\n\n`);
  expect(parsed.records).toEqual([note]);
  expect(parsed.issues).toEqual([{ line: 3, message: expect.stringMatching(message) }]);
});

test('unknown keys from a newer hunkwise are ignored, not fatal', () => {
  const parsed = parseMemory(JSON.stringify({ ...note, tags: ['x'] }));
  expect(parsed).toEqual({ records: [note], issues: [] });
});
