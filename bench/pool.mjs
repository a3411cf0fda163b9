#!/usr/bin/env node
// A pool of local servers (local.hosts) against one server: 100 hunks of a real change reviewed over 1, 2
// and 4 loopback servers, each answering after a fixed latency with one slot, for both providers (Ollama's
// wire format and the OpenAI-compatible one, through their real clients); then a pool of two where one
// server is killed mid-run. Usage:
//   node bench/pool.mjs [--rounds 3] [--latency-ms 200] [--hunks 100] [--package postcss@8.4.20..8.4.31]
// Figures go to bench/results/pool.md; the script exits non-zero when a target is missed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from '../scripts/importTs.mjs';
import { option, parseChange } from './args.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const rounds = Number(option('rounds', '3'));
const latencyMs = Number(option('latency-ms', '200'));
const hunkCount = Number(option('hunks', '100'));
const spec = option('package', 'postcss@8.4.20..8.4.31');
const { name, from, to } = parseChange(spec);
/** Targets from issue 11: wall time against one server. */
const TARGET = { 2: 0.6, 4: 0.35 };
const KILL_AFTER = 3;

const lib = await importTs('pool', ['bench/pool.ts']);

const hunks = (await lib.hunksOf({ name, from, to }, join(root, 'test/.cache/npm'))).slice(0, hunkCount);
if (hunks.length < hunkCount) throw new Error(`${spec} has only ${hunks.length} local-sized hunks`);
const items = lib.itemsOf(hunks);
const files = new Set(hunks.map((h) => h.file)).size;
console.error(`${name} ${from} → ${to}: ${hunks.length} hunks in ${files} files; ${rounds} round(s)`);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [];
const kills = [];
const missed = [];
for (const provider of lib.PROVIDERS) {
  const runs = { 1: [], 2: [], 4: [] };
  // Interleaved per round, so a noisy moment hits every server count alike.
  for (let round = 0; round < rounds; round += 1)
    for (const servers of [1, 2, 4])
      runs[servers].push(await lib.measure(items, { provider, servers, latencyMs }));
  const base = median(runs[1].map((r) => r.wallMs));
  for (const servers of [1, 2, 4]) {
    const all = runs[servers];
    const wall = median(all.map((r) => r.wallMs));
    const ratio = wall / base;
    const target = TARGET[servers];
    if (target && ratio > target)
      missed.push(`${provider}, ${servers} servers: ${ratio.toFixed(2)} > ${target}`);
    if (all.some((r) => r.failed > 0)) missed.push(`${provider}, ${servers} servers: hunks not reviewed`);
    rows.push({
      provider,
      servers,
      wall,
      ratio,
      target,
      first: all[0],
      walls: all.map((r) => Math.round(r.wallMs)),
    });
  }
  const killed = await lib.measure(items, { provider, servers: 2, latencyMs, killAfter: KILL_AFTER });
  if (killed.failed > 0) missed.push(`${provider}, one of two killed: ${killed.failed} hunks not reviewed`);
  kills.push({ ...killed, ratio: killed.wallMs / base });
}

const table = rows
  .map(
    (r) =>
      `| ${r.provider} | ${r.servers} | ${r.first.requests} | ${r.first.perServer.join(' / ')} | ${(r.wall / 1000).toFixed(2)} s | ${r.ratio.toFixed(2)} | ${r.target ? `≤ ${r.target}` : '—'} | ${r.first.reviewed}/${hunks.length} | ${r.walls.join(', ')} |`,
  )
  .join('\n');
const killTable = kills
  .map(
    (k) =>
      `| ${k.provider} | ${k.requests} | ${k.perServer.join(' / ')} | ${(k.wallMs / 1000).toFixed(2)} s | ${k.ratio.toFixed(2)} | **${k.reviewed}/${hunks.length}** | ${k.notes.filter((n) => n.includes('mid-run')).join('; ')} |`,
  )
  .join('\n');

const md = `# A pool of local servers

Command: \`node bench/pool.mjs --rounds ${rounds} --latency-ms ${latencyMs} --hunks ${hunkCount}\`
(${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform}/${process.arch}).

Change: the first ${hunks.length} local-sized hunks (≤ 100 changed lines) of \`${name}\` ${from} → ${to} from
\`npm pack\`, in ${files} files. They go through the local role as a run builds it (the batch runner, packing
hunks up to \`local.batch_tokens\` 3000, over the provider the registry makes; one server is plain
\`local.host\`, more are \`local.hosts\`, i.e. the pool) → the real \`ollama\` or \`openai\` client → HTTP →
loopback fakes (\`test/fakes/ollamaServer.ts\`, \`test/fakes/openaiServer.ts\`). Each fake answers every
request after a fixed **${latencyMs} ms** and has **one slot** (a second request waits in its queue);
\`local.concurrency: 1\` per server. Wall time is the median of ${rounds} round(s); the server counts are
interleaved within each round.

| provider | servers | requests | requests per server | wall time (median) | vs one server | target | hunks reviewed | wall per round (ms) |
|---|---:|---:|---|---:|---:|---:|---:|---|
${table}

## One server of two killed mid-run

The first server is closed (its sockets destroyed, as a crash would) while its ${KILL_AFTER + 1}th answer is
pending; its later requests are refused. The request it held is re-sent to the other server.

| provider | requests (usage) | requests received per server | wall time | vs one server | hunks reviewed | note in the report |
|---|---:|---|---:|---:|---:|---|
${killTable}

Reading it:
- With one slot per server and a fixed latency, wall time is the number of request rounds: ${rows[0].first.requests} requests take
  ${rows[0].first.requests} rounds on one server, ⌈${rows[0].first.requests}/2⌉ on two and ⌈${rows[0].first.requests}/4⌉ on four; the least-busy choice keeps
  the servers within one request of each other.
- The killed server costs one request's latency at most (the request it held is re-sent) and then drops
  out: every hunk is still reviewed.
- Real servers differ in speed; a slow laptop next to a GPU box gets fewer requests because it stays busy
  longer. Ratios, not seconds, are the result.
${missed.length ? `\n**Targets missed:** ${missed.join('; ')}\n` : ''}`;

const resultsDir = join(root, 'bench/results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'pool.md'), md);
console.log(md);
if (missed.length > 0) process.exitCode = 1;
