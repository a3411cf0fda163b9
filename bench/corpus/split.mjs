#!/usr/bin/env node
// Splits the routing corpus into a tuning part and a check part BY PACKAGE, before any router change:
// a package's part is fixed by the first byte of sha256(package name) (even → tuning, odd → check), so
// nobody chooses where a package goes. Writes bench/corpus/split.tsv (package, part). Run once; later
// runs only append packages that are new, never move one (the committed file is the record).
// Usage: node bench/corpus/split.mjs [--check]   (--check: exit 1 if a row's package has no part)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const splitPath = join(here, 'split.tsv');
const rowFiles = readdirSync(here).filter((f) => /^rows-.*\.tsv$/.test(f));

function packagesOf(file) {
  const [header, ...lines] = readFileSync(join(here, file), 'utf8').split('\n').filter(Boolean);
  const at = header.split('\t').indexOf('package');
  return lines.map((line) => line.split('\t')[at]);
}

function partOf(name) {
  return createHash('sha256').update(name).digest()[0] % 2 === 0 ? 'tuning' : 'check';
}

const recorded = new Map(
  existsSync(splitPath)
    ? readFileSync(splitPath, 'utf8')
        .split('\n')
        .filter(Boolean)
        .slice(1)
        .map((line) => line.split('\t'))
    : [],
);
const all = [...new Set(rowFiles.flatMap(packagesOf))].sort();
const missing = all.filter((name) => !recorded.has(name));
if (process.argv.includes('--check')) {
  if (missing.length > 0) {
    console.error(`no part recorded for: ${missing.join(', ')} (run node bench/corpus/split.mjs)`);
    process.exit(1);
  }
  process.exit(0);
}
for (const name of missing) recorded.set(name, partOf(name));
const lines = ['package\tpart', ...[...recorded].map(([name, part]) => `${name}\t${part}`)];
writeFileSync(splitPath, `${lines.join('\n')}\n`);
const count = (part) => [...recorded.values()].filter((p) => p === part).length;
console.log(
  `${recorded.size} packages: ${count('tuning')} tuning, ${count('check')} check (${missing.length} new)`,
);
