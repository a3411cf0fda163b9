// Proof that extraction loses nothing: for real package versions, every changed file's new side is
// rebuilt from its old side plus the extracted hunks and compared byte for byte with the real file.
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readDiff } from '../../../src/git/readDiff.js';
import type { FileDiff } from '../../../src/types.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';
import { packedTree } from '../../helpers/npmPack.js';
import { applyHunks } from './applyHunks.js';

const PAIRS: Array<[string, string, string]> = [
  ['cookie', '0.6.0', '0.7.0'],
  ['postcss', '8.4.30', '8.4.31'],
  ['simple-git', '3.19.0', '3.19.1'],
  ['ini', '1.3.5', '1.3.6'],
  ['lodash', '4.17.20', '4.17.21'],
  ['semver', '7.5.1', '7.5.2'],
];

const repos: TempRepo[] = [];
afterAll(() => {
  for (const repo of repos) repo.cleanup();
});

function walk(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    return entry.isDirectory() ? walk(full, root) : [relative(root, full)];
  });
}

/** Commits `tree` as the whole content of the repository, bytes untouched by attributes. */
function commitTree(repo: TempRepo, tree: string, message: string): string {
  repo.git('rm', '-q', '-r', '--cached', '--ignore-unmatch', '.');
  for (const entry of readdirSync(repo.dir))
    if (entry !== '.git') rmSync(join(repo.dir, entry), { recursive: true });
  cpSync(tree, repo.dir, { recursive: true });
  repo.git('add', '-A', '-f');
  repo.git('commit', '-q', '--allow-empty', '-m', message);
  return repo.git('rev-parse', 'HEAD').trim();
}

function readOrNull(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

describe.each(PAIRS)('%s %s → %s', (name, from, to) => {
  test('every changed file is rebuilt byte for byte from its old side plus the hunks', async () => {
    const [oldTree, newTree] = await Promise.all([packedTree(name, from), packedTree(name, to)]);
    const repo = createRepo();
    repos.push(repo);
    // Highest-precedence attributes: no eol conversion, no filters, binary detection by content only.
    writeFileSync(
      join(repo.dir, '.git/info/attributes'),
      '* -text !diff !filter !ident !working-tree-encoding\n',
    );
    const base = commitTree(repo, oldTree, from);
    const head = commitTree(repo, newTree, to);

    const diff = await readDiff(
      { kind: 'range', range: `${base}..${head}` },
      { cwd: repo.dir, ignore: [], maxFileChangedLines: 1e9, maxTotalChangedLines: 1e9 },
    );

    const byOld = new Map<string, FileDiff>();
    const byNew = new Map<string, FileDiff>();
    for (const file of diff.files) {
      if (file.oldPath !== null) byOld.set(file.oldPath, file);
      if (file.newPath !== null) byNew.set(file.newPath, file);
    }
    const oldFiles = new Set(walk(oldTree));
    const newFiles = new Set(walk(newTree));
    let rebuilt = 0;
    let binary = 0;
    for (const path of new Set([...oldFiles, ...newFiles])) {
      const before = oldFiles.has(path) ? readFileSync(join(oldTree, path)) : null;
      const after = newFiles.has(path) ? readFileSync(join(newTree, path)) : null;
      if (before && after && before.equals(after)) continue;
      // A changed, added or deleted path must be in the diff: as a new path, or as the old path of a deletion or rename.
      const file = after ? byNew.get(path) : byOld.get(path);
      expect(file, `${path} changed but is missing from the diff`).toBeDefined();
      if (!file || file.skipped) {
        expect(file?.skipped?.reason, path).toBe('binary');
        binary++;
        continue;
      }
      const source = file.oldPath === null ? null : readOrNull(join(oldTree, file.oldPath));
      const result = applyHunks(source, file);
      expect(result.equals(after ?? Buffer.alloc(0)), `${path} rebuilt differs`).toBe(true);
      rebuilt++;
    }
    expect(rebuilt + binary).toBeGreaterThan(0);
    expect(diff.files.every((f) => !f.skipped || f.skipped.reason === 'binary')).toBe(true);
  });
});
