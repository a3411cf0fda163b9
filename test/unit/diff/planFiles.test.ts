import { expect, test } from 'vitest';
import type { NumStat, RawRecord } from '../../../src/diff/parseRaw.js';
import { planFiles } from '../../../src/diff/planFiles.js';

const record = (path: string, status: RawRecord['status'] = 'M', oldPath = path): RawRecord => ({
  status,
  score: null,
  oldMode: '100644',
  newMode: '100644',
  oldId: '1',
  newId: '2',
  oldPath,
  newPath: path,
});
const stat = (added: number | null, deleted: number | null = added === null ? null : 0): NumStat => ({
  added,
  deleted,
});

test('skips by glob, then binary, then size, then budget, keeping order', () => {
  const plan = planFiles(
    [
      record('src/a.ts'),
      record('pkg/package-lock.json'),
      record('.github/x.min.js'),
      record('img.png'),
      record('gen.ts'),
      record('b.ts'),
      record('c.ts'),
      record('d.ts'),
    ],
    [stat(10), stat(500), stat(3), stat(null), stat(900, 200), stat(50), stat(45), stat(1)],
    { ignore: ['**/package-lock.json', '**/*.min.js'], maxFileChangedLines: 1000, maxTotalChangedLines: 100 },
  );
  expect(plan.map((p) => [p.record.newPath, p.skipped?.reason ?? 'kept'])).toEqual([
    ['src/a.ts', 'kept'],
    ['pkg/package-lock.json', 'ignored'],
    ['.github/x.min.js', 'ignored'],
    ['img.png', 'binary'],
    ['gen.ts', 'too-large'],
    ['b.ts', 'kept'],
    ['c.ts', 'diff-budget'],
    ['d.ts', 'diff-budget'],
  ]);
  expect(plan[2]?.skipped?.detail).toContain('**/*.min.js');
  expect(plan[4]?.skipped?.detail).toContain('1100 changed lines');
});

test('a deleted file is matched by its old path', () => {
  const plan = planFiles([record('dist/x.js', 'D')], [stat(0, 10)], {
    ignore: ['dist/**'],
    maxFileChangedLines: 10,
    maxTotalChangedLines: 10,
  });
  expect(plan[0]?.skipped?.reason).toBe('ignored');
});
