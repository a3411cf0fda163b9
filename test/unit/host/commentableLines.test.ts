import { describe, expect, test } from 'vitest';
import {
  canComment,
  hunksOfPatch,
  indexChangedFiles,
  indexFileDiffs,
} from '../../../src/host/commentableLines.js';
import { filesFromDiff } from '../../fakes/githubServer.js';
import { changedFiles, DIFF, FILES } from './fixture.js';

describe('change-request diff index', () => {
  const index = indexChangedFiles(changedFiles());

  test('RIGHT-side lines of each hunk: context and additions, not deletions', () => {
    const hunks = hunksOfPatch('src/app.ts', changedFiles()[0]?.patch ?? '');
    const right = (h: (typeof hunks)[number]) =>
      h.lines.flatMap((l) => (l.kind === 'del' ? [] : [l.newLine]));
    expect(hunks.map(right)).toEqual([
      [1, 2, 3, 4, 5],
      [21, 22, 23, 24, 25],
    ]);
  });

  test.for([
    ['src/app.ts', 2, 2, true],
    ['src/app.ts', 22, 24, true],
    ['src/app.ts', 4, 22, false], // spans two hunks
    ['src/app.ts', 10, 10, false], // between hunks
    ['src/app.ts', 24, 22, false], // start after end
    ['src/new.ts', 1, 3, true],
    ['src/renamed.ts', 1, 1, true],
    ['src/old.ts', 1, 1, false], // the old name is not in the PR
    ['README.md', 1, 1, false],
  ] as const)('%s:%i-%i commentable: %s', ([path, start, end, ok]) => {
    expect(canComment(index, path, start, end)).toBe(ok);
  });

  test('agrees with the fake GitHub line by line, and with the local FileDiff index', () => {
    const fake = filesFromDiff(DIFF);
    const local = indexFileDiffs(FILES);
    for (const file of fake) {
      for (let line = 1; line <= 40; line++) {
        const github = file.right.some((lines) => lines.has(line));
        expect(canComment(index, file.filename, line, line)).toBe(github);
        expect(canComment(local, file.filename, line, line)).toBe(github);
      }
    }
    expect(index.renamedFrom.get('src/old.ts')).toBe('src/renamed.ts');
  });

  test('a file without a patch (binary, too large) takes no inline comment', () => {
    const noPatch = indexChangedFiles([{ path: 'big.bin', previousPath: null, patch: null }]);
    expect(noPatch.paths.has('big.bin')).toBe(true);
    expect(canComment(noPatch, 'big.bin', 1, 1)).toBe(false);
  });
});
