#!/usr/bin/env node
// Pre-commit cost, hyperfine style: the same temp repository with the same staged files, each variant run
// RUNS times after a warm-up, medians compared with lint-staged running a do-nothing task.
//   (a) lint-staged, config {"*": "true"}
//   (b) review --staged --hook with nothing to send (every staged file skipped: no hunks)
//   (c) review --staged --hook with every hunk already in hunkwise's cache
//   (d) review --staged --hook, cache off, against a loopback Ollama that answers instantly
// Usage: npm run build && node bench/hook.mjs [--runs 15] [--bin path/to/review.js]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench/.work');
const LINT_STAGED_VERSION = '16.4.0';
const flag = (name) =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined;
const RUNS = Number(flag('--runs')) || 15;
/** Another build's entry (e.g. an instrumented copy) instead of this checkout's bin/review.js. */
const BIN = flag('--bin') ? resolve(flag('--bin')) : join(ROOT, 'bin/review.js');
const RESULTS = join(ROOT, 'bench/results/hook.md');

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
    if (/^(ANTHROPIC_|GITHUB_|REVIEW_|HUNKWISE_|OLLAMA_|CI$)/.test(key)) delete env[key];
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
      {
        cwd: dir,
        stdio: 'inherit',
      },
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

function median(sorted) {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs every variant once per round, RUNS rounds, after one warm-up round. Interleaving (rather than
 * hyperfine's one-variant-at-a-time) spreads a busy machine's noise evenly over the variants being compared.
 */
async function measureInterleaved(variants, cwd, env) {
  for (const v of variants) await timeOnce(v.cmd, v.args, cwd, env);
  const times = variants.map(() => []);
  for (let round = 0; round < RUNS; round++) {
    for (const [i, v] of variants.entries()) times[i].push(await timeOnce(v.cmd, v.args, cwd, env));
  }
  return variants.map((v, i) => {
    const sorted = times[i].sort((x, y) => x - y);
    const row = { name: v.name, median: median(sorted), min: sorted[0], max: sorted.at(-1) };
    process.stderr.write(
      `${v.name.padEnd(58)} median ${row.median.toFixed(0).padStart(5)} ms  (min ${row.min.toFixed(0)}, max ${row.max.toFixed(0)})\n`,
    );
    return row;
  });
}

async function main() {
  const load = loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
  const bin = BIN;
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
  const hook = (config) => [bin, '--staged', '--hook', '--config', config];
  const env = cleanEnv({ OLLAMA_HOST: server.url, HUNKWISE_CACHE_DIR: join(repo.dir, '.bench-cache') });
  try {
    // Keep the bench's own files out of what lint-staged and review see as staged.
    writeFileSync(join(repo.dir, '.git/info/exclude'), '.bench-*\n.lintstagedrc.json\n');
    const staged = repo.git('diff', '--cached', '--name-only').trim().split('\n');
    const cached = cfg('cached', 'cache:\n  enabled: true\n');
    await timeOnce(process.execPath, hook(cached), repo.dir, env); // fills the cache
    const variants = [
      {
        name: '(a) lint-staged, task "true"',
        cmd: process.execPath,
        args: [lintStaged, '--config', lsConfig],
      },
      {
        name: '(b) review --staged --hook, nothing to send (all skipped)',
        cmd: process.execPath,
        args: hook(cfg('skip', "ignore: ['**']\n")),
      },
      { name: '(c) review --staged --hook, every hunk cached', cmd: process.execPath, args: hook(cached) },
      {
        name: '(d) review --staged --hook, instant local server, no cache',
        cmd: process.execPath,
        args: hook(cfg('live', 'cache:\n  enabled: false\n')),
      },
    ];
    const chatsBefore = server.chats().length;
    const rows = await measureInterleaved(variants, repo.dir, env);
    // Only (d) may talk to the server; (c) answering from the cache means zero requests of its own.
    const chatsPerRun = (server.chats().length - chatsBefore) / (RUNS + 1);
    writeResults(rows, {
      staged,
      chatsPerRun,
      load,
    });
  } finally {
    await server.close();
    rmSync(repo.dir, { recursive: true, force: true });
  }
}

function writeResults(rows, facts) {
  const base = rows[0].median;
  const table = rows
    .map(
      (r) =>
        `| ${r.name} | ${r.median.toFixed(0)} | ${r.min.toFixed(0)} | ${r.max.toFixed(0)} | ${(r.median / base).toFixed(2)}× |`,
    )
    .join('\n');
  const text = `# Pre-commit hook cost (bench/hook.mjs)

Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}.
One temp repository, the same ${facts.staged.length} staged files (9 hunks) for every variant; ${RUNS} rounds after one warm-up
round, each round running every variant once (interleaved, so a busy machine's noise hits all alike); wall
time from spawn to exit. lint-staged ${LINT_STAGED_VERSION} with \`{"*": "true"}\` is the peer. Load average at the
start: ${facts.load}.

| variant | median ms | min ms | max ms | vs lint-staged |
|---|---:|---:|---:|---:|
${table}

- (b) all staged files match \`ignore\`, so no hunk is routed to a model: diff, rules, report.
- (c) the cache was filled by one run first, so (c) sends nothing.
- (d) cache off; the loopback server from test/fakes answers every chat at once (${facts.chatsPerRun.toFixed(1)} requests per round, all from (d)).
- Run it: \`npm run build && node bench/hook.mjs\` (\`--runs N\` to change the count).
`;
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, text);
  process.stderr.write(`\nwrote ${RESULTS}\n`);
}

await main();
