#!/usr/bin/env node
// Whole files on real releases: what a review reads of a copied file and of a file deleted whole.
//   node bench/whole-files.mjs
// Copies: typescript 5.3.3 → 5.4.2, where git's copy detection (-C, the peer) pairs six new lib files with
// an existing one and would show only their edits; hunkwise reads them as added. Deletions: express
// 4.19.2's History.md deleted; the estimate of its whole hunk (the peer) against the digest that is planned
// and sent. Writes bench/results/whole-files.md. Tarballs are cached in test/.cache/npm/.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from '../scripts/importTs.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const NPM_CACHE = join(ROOT, 'test/.cache/npm');
const lib = await importTs('whole-files', [
  'src/git/readDiff.ts',
  'src/config/defaults.ts',
  'src/route/route.ts',
  'test/helpers/npmPack.ts',
]);
const HUGE = { ignore: [], maxFileChangedLines: 1e12, maxTotalChangedLines: 1e12 };
const ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
const git = (dir, ...args) =>
  execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], {
    cwd: dir,
    env: ENV,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });

/** A repository whose two commits are `from` and `to` (trees copied as published). */
function twoCommits(from, to) {
  const dir = mkdtempSync(join(tmpdir(), 'hunkwise-whole-'));
  git(dir, 'init', '-q', '-b', 'main');
  writeFileSync(join(dir, '.git/info/attributes'), '* -text !diff !filter\n');
  for (const [tree, message] of [from, to]) {
    git(dir, 'rm', '-q', '-r', '--cached', '--ignore-unmatch', '.');
    for (const entry of execFileSync('ls', ['-A', dir], { encoding: 'utf8' }).split('\n').filter(Boolean))
      if (entry !== '.git') rmSync(join(dir, entry), { recursive: true });
    if (typeof tree === 'string') cpSync(tree, dir, { recursive: true });
    else for (const [path, text] of Object.entries(tree)) writeFileSync(join(dir, path), text);
    git(dir, 'add', '-A', '-f');
    git(dir, 'commit', '-q', '--allow-empty', '--no-verify', '-m', message);
  }
  return dir;
}

const lines = [
  '# Whole files on real releases',
  '',
  `Run: ${new Date().toISOString().slice(0, 10)}, \`node bench/whole-files.mjs\`.`,
  '',
];

// Copies.
const ts = [
  await lib.packedTree('typescript', '5.3.3', NPM_CACHE),
  await lib.packedTree('typescript', '5.4.2', NPM_CACHE),
];
const tsRepo = twoCommits([ts[0], '5.3.3'], [ts[1], '5.4.2']);
// With -z a copy's numstat is `added\tdeleted\t` then the source and the destination, each NUL-terminated.
const fields = git(
  tsRepo,
  'diff-tree',
  '-r',
  '-z',
  '-C',
  '--numstat',
  '--diff-filter=C',
  'HEAD~1',
  'HEAD',
).split('\0');
const copies = [];
for (let i = 0; i + 2 < fields.length; i += 3) {
  const [added, deleted] = fields[i].split('\t');
  copies.push({ added, deleted, from: fields[i + 1], path: fields[i + 2] });
}
const read = await lib.readDiff({ kind: 'range', range: 'HEAD~1..HEAD' }, { cwd: tsRepo, ...HUGE });
const byPath = new Map(read.files.map((f) => [f.path, f]));
lines.push(
  '## Copies: typescript 5.3.3 → 5.4.2',
  '',
  '| file | git `-C` (copy) | hunkwise |',
  '| --- | ---: | ---: |',
);
for (const copy of copies) {
  const file = byPath.get(copy.path);
  lines.push(
    `| \`${copy.path}\` (from \`${copy.from}\`) | +${copy.added}/-${copy.deleted} | ${file?.status} +${file?.added}/-${file?.deleted} |`,
  );
}
rmSync(tsRepo, { recursive: true, force: true });

// Deletions.
const express = await lib.packedTree('express', '4.19.2', NPM_CACHE);
const history = readFileSync(join(express, 'History.md'), 'utf8');
const manifest = readFileSync(join(express, 'package.json'), 'utf8');
const exRepo = twoCommits(
  [{ 'History.md': history, 'package.json': manifest }, 'express 4.19.2'],
  [{ 'package.json': manifest.replace('    "History.md",\n', '') }, 'History.md deleted'],
);
const diff = await lib.readDiff({ kind: 'range', range: 'HEAD~1..HEAD' }, { cwd: exRepo, ...HUGE });
const deleted = diff.files.find((f) => f.path === 'History.md');
const [decision] = lib
  .routeHunks(diff.files, lib.defaultConfig(), [])
  .filter((d) => d.hunk.file === 'History.md');
lines.push(
  '',
  '## Deletions: express 4.19.2, History.md deleted',
  '',
  '| what | lines | estimated tokens |',
  '| --- | ---: | ---: |',
  `| the whole deleted hunk (peer) | ${deleted.deleted} | ${lib.estimateHunkTokens(deleted.hunks[0])} |`,
  `| the digest planned and sent | ${decision.hunk.lines.length} | ${decision.estimatedTokens} |`,
  '',
  `Digest header: \`${decision.hunk.section}\``,
  '',
);
rmSync(exRepo, { recursive: true, force: true });

mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results/whole-files.md'), lines.join('\n'));
process.stdout.write(`${lines.join('\n')}\n`);
