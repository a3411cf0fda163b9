import { expect, test } from 'vitest';
import type { DismissRecord } from '../../../src/memory/record.js';
import { suppressFindings } from '../../../src/memory/suppress.js';
import { finding, placed } from '../policy/buildResult.js';

const record = (over: Partial<DismissRecord> = {}): DismissRecord =>
  ({
    kind: 'dismiss',
    fingerprint: 'aaaa000011112222',
    file: 'src/a.ts',
    message: 'Missing await on save()',
    quote: 'user.save()',
    who: 'Ada',
    when: '2026-11-26T09:00:00.000Z',
    ...over,
  }) as DismissRecord;

const f = (over: Parameters<typeof finding>[3] = {}, file = 'src/a.ts') =>
  placed(
    finding(file, 10, 'major', {
      message: 'Missing await on save()',
      quote: 'user.save()',
      fingerprint: 'bbbb',
      ...over,
    }),
  );

test('same fingerprint suppresses wherever the finding moved', () => {
  const out = suppressFindings({
    findings: [f({ fingerprint: 'aaaa000011112222' })],
    records: [record()],
    similarity: null,
    threshold: 0.9,
  });
  expect(out.findings).toEqual([]);
  expect(out.suppressed).toMatchObject([{ match: 'fingerprint', similarity: null }]);
});

test('same normalised message and quote suppresses within the record file only', () => {
  const reworded = f({ message: 'missing AWAIT on save().', quote: '  user.save( )'.replace('( )', '()') });
  const elsewhere = f({}, 'src/b.ts');
  const out = suppressFindings({
    findings: [reworded, elsewhere],
    records: [record()],
    similarity: null,
    threshold: 0.9,
  });
  expect(out.suppressed.map((s) => s.match)).toEqual(['text']);
  expect(out.findings).toEqual([elsewhere]);
});

test('by meaning: the most similar in-scope record at or above the threshold, rounded similarity kept', () => {
  const findings = [
    f({ message: 'save() returns a promise; await it', quote: 'await? user.save()' }),
    f({ message: 'other' }, 'test/x.ts'),
  ];
  const records = [
    record(),
    record({ fingerprint: 'cccc', file: undefined, glob: 'test/**', message: 'x' } as Partial<DismissRecord>),
  ];
  const similarity = [
    [0.93456, 0.99],
    [0.95, 0.899],
  ];
  const out = suppressFindings({ findings, records, similarity, threshold: 0.9 });
  // finding 0: record 1 is more similar but its glob does not cover src/a.ts; finding 1: 0.899 < 0.9.
  expect(out.suppressed).toMatchObject([
    { match: 'embedding', similarity: 0.935, record: { fingerprint: 'aaaa000011112222' } },
  ]);
  expect(out.findings).toEqual([findings[1]]);
});

test('a record made before a rename applies to the renamed file', () => {
  const moved = f({ message: 'Missing await on save()' }, 'src/models/a.ts');
  const out = suppressFindings({
    findings: [moved],
    records: [record()],
    similarity: null,
    threshold: 0.9,
    renamedFrom: new Map([['src/models/a.ts', 'src/a.ts']]),
  });
  expect(out.suppressed.map((s) => s.match)).toEqual(['text']);
});

test('secrets match by fingerprint only, never by text or meaning', () => {
  const secret = f({ category: 'secret', message: 'AWS key', quote: undefined });
  const out = suppressFindings({
    findings: [secret],
    records: [record({ category: 'secret', message: 'AWS key', quote: undefined })],
    similarity: [[1]],
    threshold: 0.5,
  });
  expect(out.suppressed).toEqual([]);
});
