#!/usr/bin/env node
// Suppression by meaning: precision and recall of "same remark?" at several thresholds over the labelled pairs in
// bench/memory.pairs.tsv. With --host, against a real Ollama and its embedding model; without, against the loopback
// fake returning fixed bag-of-words vectors (checks the plumbing end to end; its figures say nothing about the model).
//   node bench/memory.mjs [--host http://127.0.0.1:11434] [--model nomic-embed-text] [--pairs bench/memory.pairs.tsv]
// Results go to bench/results/memory.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from '../scripts/importTs.mjs';
import { option } from './args.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const host = option('host', null);
const model = option('model', 'nomic-embed-text');
const pairsPath = resolve(root, option('pairs', 'bench/memory.pairs.tsv'));
const THRESHOLDS = [0.6, 0.7, 0.75, 0.8, 0.85, 0.88, 0.9, 0.92, 0.95];

const lib = await importTs('memory-bench', ['bench/memory.ts']);
const pairs = lib.readPairs(pairsPath);
const same = pairs.filter((p) => p.same).length;
console.error(`${pairs.length} pairs (${same} same remark, ${pairs.length - same} different remarks)`);

let server = null;
let url = host;
if (!url) {
  server = await lib.plumbingServer(model);
  url = server.url;
}
const endpoint = { url, model, timeoutMs: 120_000 };
const sections = [];
try {
  for (const prefix of host ? lib.PREFIXES : ['clustering: ']) {
    const scored = await lib.scorePairs(pairs, endpoint, prefix);
    const rows = lib.sweep(scored, THRESHOLDS);
    const pct = (x) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
    const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
    const sims = (label) => scored.filter((s) => s.pair.same === label).map((s) => s.similarity);
    sections.push(
      [
        `### Prefix \`${prefix || '(none)'}\``,
        '',
        `Mean similarity: same remark ${mean(sims(true)).toFixed(3)}, different remarks ${mean(sims(false)).toFixed(3)}.`,
        '',
        '| threshold | precision | recall | suppressed | wrongly suppressed |',
        '|---:|---:|---:|---:|---:|',
        ...rows.map(
          (r) => `| ${r.threshold} | ${pct(r.precision)} | ${pct(r.recall)} | ${r.suppressed} | ${r.wrong} |`,
        ),
      ].join('\n'),
    );
  }
} finally {
  await server?.close();
}

const md = `# Team memory: suppression by meaning

Command: \`node bench/memory.mjs${host ? ` --host ${host}` : ''} --model ${model}\`
(${new Date().toISOString().slice(0, 10)}, Node ${process.version}).

Data: \`${pairsPath.slice(root.length + 1)}\`, ${pairs.length} pairs of review findings on JS/TS code (message + quoted
code): ${same} say the same thing in other words (should be suppressed by a dismissal of the other), ${pairs.length - same}
are different remarks on the same or similar code (should not). Each text is embedded the way hunkwise embeds a
finding (\`message\\nquote\`), through hunkwise's own client and the real \`ollama\` package.

${
  host
    ? `Server: ${host}, model \`${model}\`. A real measurement.`
    : `**No embedding model was reachable**: the server is the loopback fake (\`test/fakes/ollamaServer.ts\`) returning
fixed bag-of-words vectors. This checks the plumbing (client, batching, cosine, sweep) end to end; the figures
below describe word overlap, not nomic-embed-text, and must not be used to choose a threshold. Re-run with
\`--host\` against an Ollama that has \`${model}\` pulled.`
}

${sections.join('\n\n')}
`;
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/memory.md'), md);
console.log(md);
