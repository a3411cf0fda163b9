#!/usr/bin/env node
// Pre-commit cost as a PAIRED ratio against bare Node: every run of a variant is preceded by a run of
// `node -e 0`, and the variant's figure is the median of (variant time / that bare run's time), so a busy
// machine's noise hits both sides of each ratio alike. Variants, all in one temp repository with the same
// staged files:
//   (v) review --version                                  start-up of the bin alone
//   (b) review --staged --hook with nothing to send        every staged file ignored: no hunks
//   (c) review --staged --hook with every hunk cached      the everyday commit of an unchanged hunk set
//   (m) the same with the remembered secret findings and route plans deleted before each run: reviews cached,
//       but the rules and the router run as on the first commit of these hunks
//   (d) review --staged --hook, cache off, instant local server (loopback fake)
//   (l) lint-staged with a do-nothing task                 the peer users know
// It also counts the git processes one cached hook run starts (GIT_TRACE). With --before, the same cached
// run of another build (e.g. main's, checked out and built elsewhere) joins the rounds, for a before/after.
// Usage: npm run build && node bench/hook.mjs [--runs 15] [--bin path/to/review.js] [--before other/bin/review.js]
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { option } from './args.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench/.work');
const LINT_STAGED_VERSION = '16.4.0';
const RUNS = Number(option('runs')) || 15;
/** Another build's entry (e.g. an instrumented copy) instead of this checkout's bin/review.js. */
const BIN = resolve(option('bin', join(ROOT, 'bin/review.js')));
const BEFORE = option('before') ? resolve(option('before')) : null;
const RESULTS = join(ROOT, 'bench/results/hook.md');
/** The goal set in issue 10: a fully cached hook run costs at most twice a bare `node -e 0`. */
const GOAL = 2.0;

const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};

function cleanEnv(extra = {}) {
  const env = { ...process.env, ...GIT_ENV, NO_COLOR: '1' };
  for (const key of Object.keys(env)) {
    if (/^(ANTHROPIC_|GITHUB_|REVIEW_|HUNKWISE_|OLLAMA_|CI$|NODE_OPTIONS$|GIT_TRACE)/.test(key))
      delete env[key];
  }
  return { ...env, ...extra };
}

/** lint-staged in a directory of its own, installed once (npm's cache makes reruns offline). */
function lintStagedBin() {
  const dir = join(WORK, `lint-staged-${LINT_STAGED_VERSION}`);
  const bin = join(dir, 'node_modules/lint-staged/bin/lint-staged.js');
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
    execFileSync(
      'npm',
      ['install', '--no-save', '--no-audit', '--no-fund', `lint-staged@${LINT_STAGED_VERSION}`],
      { cwd: dir, stdio: 'inherit' },
    );
  }
  return bin;
}

/** The fake Ollama server is TypeScript (test/fakes); bundle it once so this plain script can start it. */
async function fakeOllama() {
  const out = join(WORK, 'ollamaServer.mjs');
  await build({
    entryPoints: [join(ROOT, 'test/fakes/ollamaServer.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
  const { startFakeOllama } = await import(out);
  return startFakeOllama({ defaultReply: { findings: [] } });
}

/** A repository with a realistic small commit staged: 6 files, 9 hunks. */
function stagedRepo() {
  const dir = mkdtempSync(join(WORK, 'repo-'));
  const git = (...args) => execFileSync('git', args, { cwd: dir, env: cleanEnv(), encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('config', 'commit.gpgsign', 'false');
  git('config', 'core.hooksPath', '/dev/null');
  const lines = (n, tag) => Array.from({ length: n }, (_, i) => `export const ${tag}${i} = ${i};`).join('\n');
  const files = {
    'src/a.ts': lines(60, 'a'),
    'src/b.ts': lines(40, 'b'),
    'src/c.ts': lines(80, 'c'),
    'lib/d.js': lines(30, 'd'),
    'README.md': '# bench\n\nSome text.\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), `${text}\n`);
  }
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  const edit = (path, at, text) => {
    const body = `${files[path]}\n`.split('\n');
    for (const line of at) body[line] = text(line);
    writeFileSync(join(dir, path), body.join('\n'));
  };
  edit('src/a.ts', [5, 40], (i) => `export const a${i} = ${i} * 2; // changed`);
  edit('src/b.ts', [10], (i) => `export const b${i} = String(${i});`);
  edit('src/c.ts', [3, 30, 70], (i) => `export const c${i} = -${i};`);
  edit('lib/d.js', [20], (i) => `export const d${i} = null;`);
  writeFileSync(join(dir, 'src/new.ts'), 'export function fresh(x: number) {\n  return x + 1;\n}\n');
  writeFileSync(join(dir, 'README.md'), '# bench\n\nSome text, edited.\n');
  git('add', '-A');
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
  symlinkSync(ROOT, join(dir, 'node_modules/hunkwise'), 'dir');
  return { dir, git };
}

function timeOnce(cmd, args, cwd, env) {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', fail);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) fail(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${stderr}`));
      else done(ms);
    });
  });
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const BARE = { cmd: process.execPath, args: ['-e', '0'] };

/**
 * RUNS rounds after one warm-up round; in each round every variant runs right after a bare `node -e 0`,
 * and the pair gives one ratio. The median ratio is the figure; milliseconds are shown for orientation.
 */
async function measurePaired(variants, cwd, env) {
  for (const v of variants) {
    v.prepare?.();
    await timeOnce(v.cmd, v.args, cwd, env);
  }
  const rows = variants.map((v) => ({ name: v.name, ratios: [], times: [], bare: [] }));
  for (let round = 0; round < RUNS; round++) {
    for (const [i, v] of variants.entries()) {
      v.prepare?.();
      const bare = await timeOnce(BARE.cmd, BARE.args, cwd, env);
      const ms = await timeOnce(v.cmd, v.args, cwd, env);
      rows[i].ratios.push(ms / bare);
      rows[i].times.push(ms);
      rows[i].bare.push(bare);
    }
  }
  return rows.map((r) => {
    const row = {
      name: r.name,
      ratio: median(r.ratios),
      minRatio: Math.min(...r.ratios),
      maxRatio: Math.max(...r.ratios),
      ms: median(r.times),
      bareMs: median(r.bare),
    };
    process.stderr.write(
      `${r.name.padEnd(60)} ${row.ratio.toFixed(2)}× bare node  (${row.minRatio.toFixed(2)}–${row.maxRatio.toFixed(2)}; ${row.ms.toFixed(0)} ms vs ${row.bareMs.toFixed(0)} ms)\n`,
    );
    return row;
  });
}

/** How many git processes one run starts: GIT_TRACE writes one `trace: built-in` or `exec` line per process. */
async function gitProcesses(cmd, args, cwd, env) {
  const trace = join(WORK, `git-trace-${process.pid}.txt`);
  rmSync(trace, { force: true });
  await timeOnce(cmd, args, cwd, { ...env, GIT_TRACE: trace });
  const lines = existsSync(trace) ? readFileSync(trace, 'utf8').split('\n') : [];
  rmSync(trace, { force: true });
  return lines.filter((l) => /trace: built-in: git /.test(l)).map((l) => l.replace(/^.*built-in: git /, ''));
}

async function main() {
  const load = loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
  if (!existsSync(join(ROOT, 'dist/cli.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  mkdirSync(WORK, { recursive: true });
  const lintStaged = lintStagedBin();
  const server = await fakeOllama();
  const repo = stagedRepo();
  const cfg = (name, text) => {
    const path = join(repo.dir, `.bench-${name}.yml`);
    writeFileSync(path, text);
    return path;
  };
  const lsConfig = join(repo.dir, '.lintstagedrc.json');
  writeFileSync(lsConfig, '{"*": "true"}\n');
  const hook = (config) => [BIN, '--staged', '--hook', '--config', config];
  // The review cache in its default place (the repository's .git/hunkwise/cache), as a user's hook finds it.
  const env = cleanEnv({ OLLAMA_HOST: server.url });
  try {
    // Keep the bench's own files out of what lint-staged and review see as staged.
    writeFileSync(join(repo.dir, '.git/info/exclude'), '.bench-*\n.lintstagedrc.json\n');
    const staged = repo.git('diff', '--cached', '--name-only').trim().split('\n');
    const cached = cfg('cached', 'cache:\n  enabled: true\n');
    await timeOnce(process.execPath, hook(cached), repo.dir, env); // fills the cache
    if (BEFORE) await timeOnce(process.execPath, [BEFORE, ...hook(cached).slice(1)], repo.dir, env);
    const variants = [
      { name: '(v) review --version', cmd: process.execPath, args: [BIN, '--version'] },
      {
        name: '(b) review --staged --hook, nothing to send (all ignored)',
        cmd: process.execPath,
        args: hook(cfg('skip', "ignore: ['**']\n")),
      },
      { name: '(c) review --staged --hook, every hunk cached', cmd: process.execPath, args: hook(cached) },
      {
        name: '(m) every hunk cached, secret and route memos deleted',
        cmd: process.execPath,
        args: hook(cached),
        prepare: () => {
          for (const memo of ['secret-scan.json', 'route-plan.json'])
            rmSync(join(repo.dir, '.git/hunkwise', memo), { force: true });
        },
      },
      {
        name: '(d) review --staged --hook, instant local server, no cache',
        cmd: process.execPath,
        args: hook(cfg('live', 'cache:\n  enabled: false\n')),
      },
      {
        name: '(l) lint-staged, task "true"',
        cmd: process.execPath,
        args: [lintStaged, '--config', lsConfig],
      },
      ...(BEFORE
        ? [
            {
              name: '(c, before) every hunk cached, the --before build',
              cmd: process.execPath,
              args: [BEFORE, ...hook(cached).slice(1)],
            },
          ]
        : []),
    ];
    const chatsBefore = server.chats().length;
    const rows = await measurePaired(variants, repo.dir, env);
    // Only (d) may talk to the server; (c) answering from the cache means zero requests of its own.
    const chatsPerRun = (server.chats().length - chatsBefore) / (RUNS + 1);
    const git = await gitProcesses(process.execPath, hook(cached), repo.dir, env);
    process.stderr.write(`git processes in one cached hook run: ${git.length}\n  ${git.join('\n  ')}\n`);
    writeResults(rows, { staged, chatsPerRun, load, git });
  } finally {
    await server.close();
    rmSync(repo.dir, { recursive: true, force: true });
  }
}

function writeResults(rows, facts) {
  const table = rows
    .map(
      (r) =>
        `| ${r.name} | **${r.ratio.toFixed(2)}×** | ${r.minRatio.toFixed(2)}–${r.maxRatio.toFixed(2)} | ${r.ms.toFixed(0)} | ${r.bareMs.toFixed(0)} |`,
    )
    .join('\n');
  const cachedRow = rows.find((r) => r.name.startsWith('(c)'));
  const verdict = cachedRow.ratio <= GOAL ? 'meets' : 'misses';
  const text = `# Pre-commit hook cost (bench/hook.mjs)

Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}.
One temp repository, the same ${facts.staged.length} staged files (9 hunks) for every variant. ${RUNS} rounds after one warm-up
round; in each round every variant runs right after a bare \`node -e 0\`, and each pair gives one ratio (wall time
from spawn to exit). The figure is the median ratio; milliseconds are medians, for orientation only. Load average
at the start: ${facts.load}.

| variant | median ratio to bare node | range | median ms | bare node median ms |
|---|---:|---:|---:|---:|
${table}

The everyday cached commit (c) ${verdict} the goal of at most ${GOAL.toFixed(1)}× bare node.

- (b) all staged files match \`ignore\`, so no hunk is routed to a model: diff, rules, report.
- (c) the cache was filled by one run first, so (c) sends nothing; that run also left the secret findings and the route plan it remembers (\`.git/hunkwise/secret-scan.json\`, \`route-plan.json\`).
- (m) as (c), with those two files deleted before each run (not timed): the reviews come from the cache, the secret scan and the router run as on a first commit of these hunks.
- (d) cache off; the loopback server from test/fakes answers every chat at once (${facts.chatsPerRun.toFixed(1)} requests per round, all from (d)).${BEFORE ? `\n- (c, before): the same cached run of the build at \`${BEFORE}\`, in the same rounds.` : ''}
- Git processes in one cached hook run (GIT_TRACE): ${facts.git.length} — ${facts.git.map((g) => `\`git ${g.split(' ').slice(0, 3).join(' ')}…\``).join(', ')}.
- Run it: \`npm run build && node bench/hook.mjs\` (\`--runs N\` to change the count).
`;
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, text);
  process.stderr.write(`\nwrote ${RESULTS}\n`);
}

await main();
