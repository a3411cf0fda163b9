#!/usr/bin/env node
// Verifies rows of a routing corpus (TSV, the columns of /work/shared/corpus/dev-security-routing.tsv):
// for each row both published versions are packed with `npm pack` (cached in test/.cache/npm/), and
//  - the row's `file` exists in the new version,
//  - `added_substring` occurs in the new version of that file, on a line that the old version does not have,
//  - and nowhere in the old version of that file (so it marks the change, not code that was already there),
//  - security rows cite an advisory id (GHSA-xxxx-xxxx-xxxx or CVE-YYYY-NNNN) in `advisory` or `note`,
//  - `from` and `to` differ and both exist on the registry (npm pack fails otherwise).
// Routine rows may leave `file` / `added_substring` empty (every hunk of a routine release counts); when
// they give them, the same checks apply.
// Usage: node bench/corpus/verify.mjs FILE.tsv [FILE.tsv …] [--jobs N]
// Prints one line per failing row and a summary; exits 1 if any row fails.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTs, ROOT } from '../../scripts/importTs.mjs';

const args = process.argv.slice(2);
const jobsAt = args.indexOf('--jobs');
const jobs = jobsAt >= 0 ? Number(args[jobsAt + 1]) : 4;
const files = args.filter((a, i) => !a.startsWith('--') && (jobsAt < 0 || i !== jobsAt + 1));
if (files.length === 0) {
  console.error('usage: node bench/corpus/verify.mjs FILE.tsv [FILE.tsv …] [--jobs N]');
  process.exit(2);
}

const { packedTree, readCorpus } = await importTs('corpus-verify', [
  'test/helpers/npmPack.ts',
  'bench/routing.corpus.ts',
]);

const cacheDir = join(ROOT, 'test/.cache/npm');
const ADVISORY = /\b(GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}|CVE-\d{4}-\d{4,})\b/i;
const TOP = /^package\//;

/** The row's path inside the unpacked tree (rows keep the tarball's `package/` prefix, the tree strips it). */
function inTree(tree, file) {
  return join(tree, file.replace(TOP, ''));
}

async function check(row) {
  const problems = [];
  if (row.from === row.to) problems.push('from and to are the same version');
  const marked = Boolean(row.file && row.addedSubstring);
  if (row.label === 'security' && !marked) problems.push('file and added_substring are required');
  if (row.label === 'security' && !ADVISORY.test(`${row.advisory} ${row.note}`))
    problems.push('security row cites no GHSA or CVE id');
  if (problems.length > 0) return problems;
  let oldTree;
  let newTree;
  try {
    [oldTree, newTree] = await Promise.all([
      packedTree(row.package, row.from, cacheDir),
      packedTree(row.package, row.to, cacheDir),
    ]);
  } catch (error) {
    return [`npm pack failed: ${String(error.message ?? error).split('\n')[0]}`];
  }
  if (!marked) return problems; // a routine row without a marked hunk: every hunk of it counts
  const newPath = inTree(newTree, row.file);
  if (!existsSync(newPath)) return [`${row.file} does not exist in ${row.to}`];
  const newText = readFileSync(newPath, 'latin1');
  if (!newText.includes(row.addedSubstring)) return [`added_substring not found in ${row.file}@${row.to}`];
  const oldPath = inTree(oldTree, row.file);
  const oldText = existsSync(oldPath) ? readFileSync(oldPath, 'latin1') : '';
  if (oldText.includes(row.addedSubstring))
    problems.push(`added_substring already in ${row.file}@${row.from}`);
  const oldLines = new Set(oldText.split('\n'));
  const addedLine = newText
    .split('\n')
    .some((line) => line.includes(row.addedSubstring) && !oldLines.has(line));
  if (!addedLine) problems.push('added_substring is on no added line');
  return problems;
}

const rows = files.flatMap((file) => readCorpus(file).map((row) => ({ ...row, source: file })));
const seen = new Map();
let failed = 0;
let next = 0;
async function worker() {
  while (next < rows.length) {
    const row = rows[next++];
    const key = `${row.package}@${row.from}..${row.to}:${row.label}`;
    const problems = await check(row);
    if (seen.has(key)) problems.push(`duplicate of a row in ${seen.get(key)}`);
    seen.set(key, row.source);
    if (problems.length > 0) {
      failed += 1;
      console.log(`FAIL ${row.package} ${row.from} → ${row.to} (${row.label}): ${problems.join('; ')}`);
    }
  }
}
await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
const security = rows.filter((r) => r.label === 'security');
const packages = new Set(rows.map((r) => r.package));
console.log(
  `${rows.length - failed}/${rows.length} rows verified (${security.length} security, ${rows.length - security.length} routine, ${packages.size} packages)`,
);
process.exit(failed > 0 ? 1 : 0);
