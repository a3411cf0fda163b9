#!/usr/bin/env node
// Extraction speed: readDiff (list + skip plan + patches + parse) against plain `git diff` on the same
// two commits, in the same run. Two versions of a large npm package are committed into a temp repo.
//   node bench/extract.mjs [name from to] [--runs N]
// Writes bench/results/extract.md. Other benches import prepareExtractBench / measureExtract.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from '../scripts/importTs.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const WORK = join(ROOT, 'bench/.work');
const NPM_CACHE = join(ROOT, 'test/.cache/npm');
export const DEFAULT_PAIR = { name: 'typescript', from: '5.4.5', to: '5.5.2' };
const HUGE = { ignore: [], maxFileChangedLines: 1e12, maxTotalChangedLines: 1e12 };

/** The TypeScript modules the bench needs, bundled so plain Node 20 can run them. */
export function loadExtractModules() {
  return importTs('extract', [
    'src/git/readDiff.ts',
    'src/config/schema.ts',
    'src/config/defaults.ts',
    'src/route/route.ts',
    'src/rules/runRules.ts',
    'test/helpers/npmPack.ts',
    'test/integration/git/applyHunks.ts',
  ]);
}

function git(dir, args) {
  return new Promise((ok, fail) => {
    const child = spawn('git', args, {
      cwd: dir,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    });
    const out = [];
    let bytes = 0;
    child.stdout.on('data', (chunk) => {
      bytes += chunk.length;
      if (out.length < 64) out.push(chunk);
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0
        ? ok({ text: Buffer.concat(out).toString('utf8'), bytes })
        : fail(new Error(`git ${args[0]} exited ${code}`)),
    );
  });
}

/** Commits both versions into bench/.work/extract-<pair> once; later runs reuse the repository. */
export async function prepareExtractBench(pair = DEFAULT_PAIR) {
  const modules = await loadExtractModules();
  const dir = join(WORK, `extract-${pair.name.replace('/', '+')}-${pair.from}-${pair.to}`);
  const marker = join(dir, '.git/hunkwise-bench-ready');
  const oldTree = await modules.packedTree(pair.name, pair.from, NPM_CACHE);
  const newTree = await modules.packedTree(pair.name, pair.to, NPM_CACHE);
  if (!existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await git(dir, ['init', '-q', '-b', 'main']);
    writeFileSync(join(dir, '.git/info/attributes'), '* -text !diff !filter\n');
    for (const [tree, version] of [
      [oldTree, pair.from],
      [newTree, pair.to],
    ]) {
      for (const entry of readdirSync(dir))
        if (entry !== '.git') rmSync(join(dir, entry), { recursive: true });
      cpSync(tree, dir, { recursive: true });
      await git(dir, ['add', '-A', '-f']);
      await git(dir, [
        '-c',
        'user.name=bench',
        '-c',
        'user.email=bench@example.com',
        'commit',
        '-q',
        '--no-verify',
        '-m',
        version,
      ]);
    }
    writeFileSync(marker, '');
  }
  const base = (await git(dir, ['rev-parse', 'HEAD~1'])).text.trim();
  const head = (await git(dir, ['rev-parse', 'HEAD'])).text.trim();
  return { pair, dir, base, head, modules, oldTree, newTree };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function time(fn) {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** Median timings of `git diff` and readDiff (everything kept, then default skips) over `runs` alternating runs. */
export async function measureExtract(prepared, { runs = 5 } = {}) {
  const { dir, base, head, modules } = prepared;
  const spec = { kind: 'range', range: `${base}..${head}` };
  const gitMs = [];
  const listMs = [];
  const fullMs = [];
  const defaultMs = [];
  const routeMs = [];
  const endToEndMs = [];
  const config = modules.defaultConfig();
  const rulesAndRoutes = async (files) =>
    modules.routeHunks(files, config, await modules.runRules(files, config));
  let full;
  let decisions;
  let withDefaults;
  let gitBytes = 0;
  for (let i = 0; i < runs; i++) {
    const g = await time(() => git(dir, ['diff', '--no-color', base, head]));
    gitMs.push(g.ms);
    gitBytes = g.value.bytes;
    const l = await time(() =>
      git(dir, ['diff-tree', '-r', '-z', '--raw', '--numstat', '-M', '-C', base, head]),
    );
    listMs.push(l.ms);
    const f = await time(() => modules.readDiff(spec, { cwd: dir, ...HUGE }));
    fullMs.push(f.ms);
    full = f.value;
    const d = await time(() =>
      modules.readDiff(spec, {
        cwd: dir,
        ignore: modules.DEFAULT_IGNORE,
        maxFileChangedLines: 5000,
        maxTotalChangedLines: 100000,
      }),
    );
    defaultMs.push(d.ms);
    withDefaults = d.value;
    const r = await time(() => rulesAndRoutes(full.files));
    routeMs.push(r.ms);
    decisions = r.value;
    const e = await time(async () => {
      const diff = await modules.readDiff(spec, {
        cwd: dir,
        ignore: config.ignore,
        maxFileChangedLines: config.limits.max_file_changed_lines,
        maxTotalChangedLines: config.limits.max_total_changed_lines,
      });
      return rulesAndRoutes(diff.files);
    });
    endToEndMs.push(e.ms);
  }
  const changed = (files) => files.filter((f) => !f.skipped).reduce((n, f) => n + f.added + f.deleted, 0);
  const changedLines = changed(full.files);
  const hunks = full.files.reduce((n, f) => n + f.hunks.length, 0);
  const result = {
    files: full.files.length,
    hunks,
    changedLines,
    gitDiffBytes: gitBytes,
    gitDiffMs: median(gitMs),
    listingMs: median(listMs),
    readDiffMs: median(fullMs),
    defaultsMs: median(defaultMs),
    defaultsKeptLines: changed(withDefaults.files),
    routeMs: median(routeMs),
    endToEndMs: median(endToEndMs),
    routes: Object.fromEntries(
      ['local', 'claude', 'skip'].map((r) => [r, decisions.filter((d) => d.route === r).length]),
    ),
    defaultsSkipped: withDefaults.files.filter((f) => f.skipped).length,
    memoryMb: Math.round(process.resourceUsage().maxRSS / 1024),
    runs,
    diff: full,
  };
  return {
    ...result,
    gitLinesPerSec: changedLines / (result.gitDiffMs / 1000),
    readDiffLinesPerSec: changedLines / (result.readDiffMs / 1000),
    ratio: result.readDiffMs / result.gitDiffMs,
    routeLinesPerSec: changedLines / (result.routeMs / 1000),
    extractAndRouteLinesPerSec: changedLines / ((result.readDiffMs + result.routeMs) / 1000),
  };
}

/** Rebuilds every extracted text file from its old side plus the hunks; throws on the first difference. */
export function verifyRebuild(prepared, diff) {
  const read = (tree, path) => (path && existsSync(join(tree, path)) ? readFileSync(join(tree, path)) : null);
  let rebuilt = 0;
  for (const file of diff.files) {
    if (file.skipped) continue;
    const after = read(prepared.newTree, file.newPath) ?? Buffer.alloc(0);
    if (!prepared.modules.applyHunks(read(prepared.oldTree, file.oldPath), file).equals(after))
      throw new Error(`${file.path}: rebuilt new side differs from the published file`);
    rebuilt++;
  }
  return rebuilt;
}

function report(prepared, m, command, gitVersion, rebuilt) {
  const { name, from, to } = prepared.pair;
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  return `# Extraction benchmark

Command: \`${command}\` (Node ${process.version}, git ${gitVersion}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)} at the end, ${new Date().toISOString().slice(0, 10)}).
Times are wall-clock on a shared machine; compare the ratio column, which comes from alternating runs in one process.

Input: \`${name}\` ${from} → ${to} from \`npm pack\`, committed into a temp repository:
${fmt(m.files)} changed files, ${fmt(m.hunks)} hunks, ${fmt(m.changedLines)} changed lines, \`git diff\` prints ${(m.gitDiffBytes / 1e6).toFixed(1)} MB.

Median of ${m.runs} alternating runs in one process:

| what | time | changed lines / s | vs \`git diff\` |
|---|---:|---:|---:|
| \`git diff --no-color A B\` (output drained, not parsed) | ${m.gitDiffMs.toFixed(0)} ms | ${fmt(m.gitLinesPerSec)} | 1.00× |
| \`git diff-tree --raw --numstat -M -C A B\` (readDiff's first pass alone) | ${m.listingMs.toFixed(0)} ms | — | ${(m.listingMs / m.gitDiffMs).toFixed(2)}× |
| \`readDiff\`, nothing skipped (list + plan + patches + parse) | ${m.readDiffMs.toFixed(0)} ms | ${fmt(m.readDiffLinesPerSec)} | ${m.ratio.toFixed(2)}× |
| \`readDiff\`, default ignore globs and limits | ${m.defaultsMs.toFixed(0)} ms | — | ${(m.defaultsMs / m.gitDiffMs).toFixed(2)}× |
| rules + router over every hunk of the full diff (in-process, no git) | ${m.routeMs.toFixed(0)} ms | ${fmt(m.routeLinesPerSec)} | ${(m.routeMs / m.gitDiffMs).toFixed(2)}× |
| extract + rules + route, nothing skipped (sum of the two rows above) | ${(m.readDiffMs + m.routeMs).toFixed(0)} ms | ${fmt(m.extractAndRouteLinesPerSec)} | ${((m.readDiffMs + m.routeMs) / m.gitDiffMs).toFixed(2)}× |
| extract + rules + route with the default config (what \`review --dry-run\` does) | ${m.endToEndMs.toFixed(0)} ms | — | ${(m.endToEndMs / m.gitDiffMs).toFixed(2)}× |

Routes of the full diff's ${fmt(m.hunks)} hunks with the default config: ${m.routes.local} local, ${m.routes.claude} Claude, ${m.routes.skip} skip.

Check: all ${fmt(rebuilt)} extracted files rebuild byte for byte from their old side plus the hunks.

With the defaults ${fmt(m.defaultsSkipped)} files are skipped (ignored, binary, over 5000 lines or over the
100000-line budget) and ${fmt(m.defaultsKeptLines)} changed lines are kept. Peak RSS of the bench process: ${m.memoryMb} MB.

readDiff runs git twice (the \`--raw --numstat\` listing, then \`-p\` for the kept paths) and parses
every line into \`Hunk\` objects with line numbers and a sha256 hash each, so it cannot beat one \`git diff\`;
the ratio is the price of that structure.
`;
}

async function main() {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt === -1 ? 3 : Number(args[runsAt + 1]);
  const positional = args.filter((_, i) => i !== runsAt && i !== runsAt + 1);
  const pair =
    positional.length === 3 ? { name: positional[0], from: positional[1], to: positional[2] } : DEFAULT_PAIR;
  const prepared = await prepareExtractBench(pair);
  const gitVersion = (await git(prepared.dir, ['--version'])).text.trim().replace('git version ', '');
  const m = await measureExtract(prepared, { runs });
  const command = `node bench/extract.mjs${positional.length === 3 ? ` ${positional.join(' ')}` : ''}${runsAt === -1 ? '' : ` --runs ${runs}`}`;
  const { diff, routes, ...figures } = m;
  const rebuilt = verifyRebuild(prepared, diff);
  console.log(JSON.stringify(figures, null, 2));
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/extract.md'), report(prepared, m, command, gitVersion, rebuilt));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
