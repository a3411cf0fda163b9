#!/usr/bin/env node
// Local reviewer: batched + concurrent requests versus one request per hunk, same change, same run.
// The Ollama server is the loopback fake (test/fakes/ollamaServer.ts) answering after a fixed latency per
// request plus a per-prompt-token cost, driven through the real `ollama` client. Usage:
//   node bench/local-batching.mjs [--rounds 3] [--fixed-ms 150] [--per-token-ms 0.5] [--package postcss@8.4.20..8.4.31]
// Figures go to bench/results/local-batching.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from '../scripts/importTs.mjs';
import { option, parseChange } from './args.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const rounds = Number(option('rounds', '3'));
const latency = {
  fixedMs: Number(option('fixed-ms', '150')),
  perTokenMs: Number(option('per-token-ms', '0.5')),
};
const spec = option('package', 'postcss@8.4.20..8.4.31');
const { name, from, to } = parseChange(spec);

const lib = await importTs('local-batching', ['bench/local-batching.ts']);

const hunks = await lib.hunksOf({ name, from, to }, join(root, 'test/.cache/npm'));
const files = new Set(hunks.map((h) => h.file)).size;
const items = lib.itemsOf(hunks);
console.error(`${name} ${from} → ${to}: ${hunks.length} hunks in ${files} files; ${rounds} round(s)`);

const all = await lib.runModes(items, latency, rounds);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const summary = lib.MODES.map((_mode, i) => {
  const runs = all.map((round) => round[i]);
  return {
    ...runs[0],
    wallMs: median(runs.map((r) => r.wallMs)),
    walls: runs.map((r) => Math.round(r.wallMs)),
  };
});
const base = summary[0];

const rows = summary.map((s) =>
  [
    s.label,
    s.requests,
    `${(s.wallMs / 1000).toFixed(2)} s`,
    `${(base.wallMs / s.wallMs).toFixed(2)}×`,
    `${(base.requests / s.requests).toFixed(1)}×`,
    s.promptTokensSent,
    `${s.reviewed}/${s.reviewed + s.failed}`,
    s.walls.join(', '),
  ].join(' | '),
);

const md = `# Local reviewer: batching and concurrency

Command: \`node bench/local-batching.mjs --rounds ${rounds} --fixed-ms ${latency.fixedMs} --per-token-ms ${latency.perTokenMs}\`
(${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform}/${process.arch}).

Change: \`${name}\` ${from} → ${to} from \`npm pack\`, ${hunks.length} hunks in ${files} files (hunks with ≤ 100
changed lines, i.e. what routing sends to the local model). Every hunk goes through the real
local reviewer (the batch runner over the Ollama provider) → \`ollama\` client → HTTP → the loopback fake server (\`test/fakes/ollamaServer.ts\`),
which answers each \`/api/chat\` after **${latency.fixedMs} ms + ${latency.perTokenMs} ms per user-prompt token**
(the system prefix is treated as cached, which favours the one-per-hunk baseline). The fake queues requests
beyond its \`NUM_PARALLEL\` slots like Ollama's scheduler. Wall time is the median of ${rounds} round(s); all
modes run in the same process, one after another, per round.

| Mode | Requests | Wall time (median) | Speed-up vs baseline | Fewer requests | Prompt tokens counted by server | Hunks reviewed | Wall per round (ms) |
|---|---|---|---|---|---|---|---|
${rows.map((r) => `| ${r} |`).join('\n')}

Reading it:
- Batching removes the fixed per-request cost ${(base.requests / summary[1].requests).toFixed(1)}× over; the prompt tokens
  themselves still have to be read, and the server counts the system prompt once per request, so batching
  also cuts the prompt tokens the server evaluates.
- With Ollama's default \`OLLAMA_NUM_PARALLEL=1\` a second request in flight mostly waits in the server's
  queue (compare rows 2 and 3: it only hides the client's own gaps), so \`local.concurrency\` above 1 pays
  off when the server runs parallel slots (last row).
- Real latencies depend on the hardware (PROTOCOLS.md 1.10); the ratios, not the seconds, are the result.
`;

const resultsDir = join(root, 'bench/results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'local-batching.md'), md);
console.log(md);
