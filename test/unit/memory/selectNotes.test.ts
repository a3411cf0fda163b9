import { expect, test } from 'vitest';
import type { NoteRecord } from '../../../src/memory/record.js';
import { NOTE_PROMPT_CHARS, selectNotes } from '../../../src/memory/selectNotes.js';
import { makeHunk } from '../review/reviewItems.js';

const note = (message: string, glob?: string): NoteRecord => ({
  kind: 'note',
  message,
  ...(glob ? { glob } : {}),
  who: 'Ada',
  when: '2026-11-26T09:00:00.000Z',
});
const src = makeHunk('src/a.ts', { old: 1, new: 1 }, ['+const a = 1;']);
const mig = makeHunk('migrations/1.js', { old: 1, new: 1 }, ['+db.raw("x")']);

test('notes go to hunks of their paths, most similar first, within the token budget', () => {
  const notes = [note('global one'), note('about src', 'src/**'), note('about migrations', 'migrations/**')];
  const out = selectNotes({
    hunks: [src, mig],
    notes,
    similarity: [
      [0.2, 0.7, 0.9],
      [0.8, 0.1, 0.3],
    ],
    budgetTokens: 100,
  });
  expect(out.byHunk.get(src.hash)).toEqual([{ text: 'about src', scope: 'src/**' }, { text: 'global one' }]);
  expect(out.byHunk.get(mig.hash)).toEqual([
    { text: 'global one' },
    { text: 'about migrations', scope: 'migrations/**' },
  ]);
  expect([...out.used].sort()).toEqual([0, 1, 2]);
});

test('a budget of one note takes the best one; zero takes none; long notes are capped', () => {
  const long = note('x'.repeat(NOTE_PROMPT_CHARS + 50), 'src/**');
  const one = selectNotes({
    hunks: [src],
    notes: [note('general'), long],
    similarity: null,
    budgetTokens: 170,
  });
  expect(one.byHunk.get(src.hash)?.map((n) => n.text.length)).toEqual([NOTE_PROMPT_CHARS]);
  expect(
    selectNotes({ hunks: [src], notes: [note('general')], similarity: null, budgetTokens: 0 }).byHunk.size,
  ).toBe(0);
});
