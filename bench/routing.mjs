#!/usr/bin/env node
// Routing quality on the labelled corpus: % of security fixes whose fixing hunk goes to Claude, and
// % of all hunks of routine releases that go to Claude. Usage:
//   node bench/routing.mjs [corpus.tsv] [--verbose]
// Tarballs are cached in test/.cache/npm/; figures are written to bench/results/routing.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const corpusPath = resolve(
  args.find((a) => !a.startsWith('--')) ?? '/work/shared/corpus/dev-security-routing.tsv',
);
const cacheDir = join(root, 'test/.cache/npm');

// Bundle the TypeScript measurement once, so this script runs with plain `node`.
const outfile = join(root, 'bench/.work/routing.bundle.mjs');
mkdirSync(dirname(outfile), { recursive: true });
await build({
  entryPoints: [join(root, 'bench/routing.corpus.ts')],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const lib = await import(pathToFileURL(outfile).href);
const { defaultConfig } = await import(pathToFileURL(await bundleDefaults()).href);

async function bundleDefaults() {
  const file = join(root, 'bench/.work/defaults.bundle.mjs');
  await build({
    entryPoints: [join(root, 'src/config/defaults.ts')],
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return file;
}

const config = lib.corpusConfig(defaultConfig());
const rows = lib.readCorpus(corpusPath);
const outcomes = [];
let diffMs = 0;
let routeMs = 0;
for (const row of rows) {
  const t0 = performance.now();
  const files = await lib.diffRow(row, cacheDir, config);
  const t1 = performance.now();
  outcomes.push(lib.routeRow(row, files, config));
  routeMs += performance.now() - t1;
  diffMs += t1 - t0;
}
const summary = lib.summarise(outcomes);

const codes = (d) => d.reasons.map((r) => r.code).join(', ');
const lines = [];
const say = (s = '') => lines.push(s);
say('# Routing on the labelled corpus');
say();
say(
  `Command: \`node bench/routing.mjs ${relative(root, corpusPath).startsWith('..') ? corpusPath : relative(root, corpusPath)}\``,
);
say(
  `Run: ${new Date().toISOString().slice(0, 16)}Z, ${rows.length} rows, default config except that \`dist/**\` and \`build/**\` are not ignored (a tarball's dist/ is its shipped code).`,
);
say();
say('| measure | result | target |');
say('| --- | --- | --- |');
say(
  `| security fixes whose fixing hunk goes to Claude | **${summary.securityPercent}%** (${summary.securityHit}/${summary.securityRows}) | ≥ 90% |`,
);
say(
  `| hunks of routine releases that go to Claude | **${summary.routinePercent}%** (${summary.routineToClaude}/${summary.routineHunks}) | ≤ 25% |`,
);
say(
  `| all hunks of security releases that go to Claude | ${pctOf(outcomes.filter((o) => o.row.label === 'security'))} | (context) |`,
);
say();
say(
  `Time: reading the diffs (git + parse) ${Math.round(diffMs)} ms; rules + routing ${routeMs.toFixed(1)} ms (${(diffMs / Math.max(routeMs, 0.001)).toFixed(0)}× faster than reading the diff).`,
);
say();
say('## Security rows (the hunk holding `added_substring`)');
say();
say('| package | versions | kind | route | score | reasons |');
say('| --- | --- | --- | --- | --- | --- |');
for (const o of outcomes.filter((o) => o.row.label === 'security')) {
  const t = o.target;
  const detail = t ? (t.reasons.find((r) => r.code === 'security')?.detail ?? codes(t)) : 'hunk not found';
  say(
    `| ${o.row.package} | ${o.row.from} → ${o.row.to} | ${o.row.kind} | ${t?.route ?? '—'} | ${t ? t.securityScore.toFixed(2) : '—'} | ${cell(detail)} |`,
  );
}
say();
say('## Routine rows (every hunk)');
say();
say('| package | versions | kind | hunks | to Claude | escalated hunks |');
say('| --- | --- | --- | --- | --- | --- |');
for (const o of outcomes.filter((o) => o.row.label === 'routine')) {
  const up = o.decisions
    .filter((d) => d.route === 'claude')
    .map((d) => `${d.hunk.file}:${d.hunk.newStart} (${codes(d)})`);
  say(
    `| ${o.row.package} | ${o.row.from} → ${o.row.to} | ${o.row.kind} | ${o.hunks} | ${o.toClaude} | ${cell(up.join('; ')) || '—'} |`,
  );
}

function pctOf(list) {
  const all = list.reduce((n, o) => n + o.hunks, 0);
  const up = list.reduce((n, o) => n + o.toClaude, 0);
  return `${all ? Math.round((up / all) * 1000) / 10 : 0}% (${up}/${all})`;
}
function cell(s) {
  return s.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

const report = `${lines.join('\n')}\n`;
mkdirSync(join(root, 'bench/results'), { recursive: true });
if (!args.some((a) => !a.startsWith('--'))) writeFileSync(join(root, 'bench/results/routing.md'), report);
process.stdout.write(report);
if (verbose) {
  for (const o of outcomes) {
    process.stdout.write(`\n## ${o.row.label} ${o.row.package} ${o.row.from} → ${o.row.to}\n`);
    for (const d of o.decisions)
      process.stdout.write(
        `  ${d.route.padEnd(6)} ${d.securityScore.toFixed(2)} ${d.hunk.file}:${d.hunk.newStart}  ${d.reasons.map((r) => `[${r.code}] ${r.detail}`).join(' | ')}\n`,
      );
  }
}
