import { expect, test } from 'vitest';
import { alreadyDismissed, dismissRecordOf } from '../../../src/memory/dismissRecord.js';
import { findingInput, hunkInput, noteInput } from '../../../src/memory/embedText.js';
import { makeHunk } from '../review/reviewItems.js';

const by = { who: 'Ada', when: new Date('2026-11-26T09:00:00Z') };

test('a dismissal keeps the finding file, or the glob given instead', () => {
  const f = {
    fingerprint: 'ab12cd34ef56ab78',
    file: 'src/a.ts',
    category: 'bug' as const,
    message: 'm',
    quote: ' q ',
  };
  expect(dismissRecordOf(f, { ...by, reason: '  ok here ' })).toEqual({
    kind: 'dismiss',
    fingerprint: f.fingerprint,
    file: 'src/a.ts',
    category: 'bug',
    message: 'm',
    quote: 'q',
    reason: 'ok here',
    who: 'Ada',
    when: '2026-11-26T09:00:00.000Z',
  });
  const wide = dismissRecordOf(f, { ...by, glob: 'src/**' });
  expect(wide).toMatchObject({ glob: 'src/**' });
  expect(wide.file).toBeUndefined();
  expect(alreadyDismissed([wide], dismissRecordOf(f, by))).toBe(false);
  expect(alreadyDismissed([wide], dismissRecordOf(f, { ...by, glob: 'src/**' }))).toBe(true);
});

test('a secret is recorded without its quote: the memory file is committed', () => {
  const secret = {
    fingerprint: 'ab12cd34ef56ab78',
    file: '.env',
    category: 'secret' as const,
    message: 'AWS key',
    quote: 'AKIA…',
  };
  expect(dismissRecordOf(secret, by).quote).toBeUndefined();
});

test('task prefixes: findings are compared symmetrically, hunks query notes', () => {
  expect(findingInput({ message: 'Missing await', quote: 'save()' })).toEqual({
    prefix: 'clustering: ',
    text: 'Missing await\nsave()',
  });
  expect(noteInput({ message: 'we use assertNever' }).prefix).toBe('search_document: ');
  const hunk = makeHunk('src/a.ts', { old: 1, new: 1 }, [' keep', '-gone', '+added']);
  expect(hunkInput(hunk)).toEqual({ prefix: 'search_query: ', text: 'src/a.ts\nadded' });
});
