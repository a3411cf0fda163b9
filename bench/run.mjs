#!/usr/bin/env node
// `npm run bench [-- name …]`: runs the benchmarks of bench/README.md one after another, each in its own
// process (so one's warm caches and JIT do not flatter the next), and stops at the first that fails. Each
// writes its report to bench/results/<name>.md. No names: all of them, in the README's order.
//   npm run bench -- --list          the names and the command each runs
//   npm run bench -- routing hook    only these
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The table of bench/README.md: name, script and arguments, and whether it runs the built bin. */
export const BENCHES = [
  { name: 'extract', script: 'bench/extract.mjs', args: ['--runs', '3'] },
  { name: 'routing', script: 'bench/routing.mjs', args: [] },
  { name: 'routing-cv', script: 'bench/routing-cv.mjs', args: ['--write', '--label', 'npm run bench'] },
  { name: 'claude-tokens', script: 'bench/claude-tokens.mjs', args: [] },
  { name: 'local-batching', script: 'bench/local-batching.mjs', args: [] },
  { name: 'whole-files', script: 'bench/whole-files.mjs', args: [] },
  { name: 'pool', script: 'bench/pool.mjs', args: [] },
  { name: 'hook', script: 'bench/hook.mjs', args: [], needsBuild: true },
  {
    name: 'secrets',
    script: 'bench/secrets.mjs',
    args: ['--secretlint', 'test/.cache/secretlint', '--gitleaks', 'test/.cache/gitleaks'],
    needsBuild: true,
  },
  // Without --host: the plumbing check against the loopback fake (no embedding model is reachable here).
  { name: 'memory', script: 'bench/memory.mjs', args: [] },
];

function run(command, args) {
  process.stdout.write(`\n$ ${[command, ...args].join(' ')}\n`);
  return spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' }).status ?? 1;
}

function main(argv) {
  if (argv.includes('--list')) {
    for (const b of BENCHES)
      process.stdout.write(`${b.name.padEnd(16)} node ${[b.script, ...b.args].join(' ')}\n`);
    return 0;
  }
  const unknown = argv.filter((name) => !BENCHES.some((b) => b.name === name));
  if (unknown.length > 0) {
    process.stderr.write(
      `bench: unknown ${unknown.join(', ')}; one of ${BENCHES.map((b) => b.name).join(', ')}\n`,
    );
    return 2;
  }
  const chosen = argv.length > 0 ? BENCHES.filter((b) => argv.includes(b.name)) : BENCHES;
  if (chosen.some((b) => b.needsBuild)) {
    const built = run(process.execPath, ['scripts/build.mjs']);
    if (built !== 0) return built;
  }
  for (const bench of chosen) {
    const status = run(process.execPath, [bench.script, ...bench.args]);
    if (status !== 0) {
      process.stderr.write(`bench: ${bench.name} failed (exit ${status}); the ones after it did not run\n`);
      return status;
    }
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = main(process.argv.slice(2));
