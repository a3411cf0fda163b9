#!/usr/bin/env node
// Claude tokens and estimated cost under the default routing versus the all-Claude baseline (every hunk sent
// to Claude), per corpus row and in total, computed in the same run with the same request builder. Usage:
//   node bench/claude-tokens.mjs [corpus.tsv]
// Tarballs are cached in test/.cache/npm/; figures are written to bench/results/claude-tokens.md.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from '../scripts/importTs.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
// The given development set sits beside the checkout, or beside a worktree's parent (as in routing.mjs).
const devSet = ['../shared', '../../shared']
  .map((dir) => join(root, dir, 'corpus/dev-security-routing.tsv'))
  .find((path) => existsSync(path));
const corpusPath = resolve(
  args.find((a) => !a.startsWith('--')) ?? devSet ?? '../shared/corpus/dev-security-routing.tsv',
);
const cacheDir = join(root, 'test/.cache/npm');

const lib = await importTs('claude-tokens', ['bench/claude-tokens.ts']);
const corpus = await importTs('routing-corpus', ['bench/routing.corpus.ts']);
const { defaultConfig } = await importTs('defaults', ['src/config/defaults.ts']);

const config = corpus.corpusConfig(defaultConfig());
const rows = corpus.readCorpus(corpusPath);
const results = [];
for (const row of rows) results.push(await lib.measureRow(row, cacheDir, config));

const sum = (pick) => results.reduce((n, r) => n + pick(r), 0);
const saving = (routed, all) =>
  all === 0 ? '—' : `${(Math.round((1 - routed / all) * 1000) / 10).toFixed(1)}%`;
const usd = (v) => (Number.isNaN(v) ? 'no price' : `$${v.toFixed(4)}`);
const price = config.claude.prices[config.claude.model];

const lines = [];
const say = (s = '') => lines.push(s);
say('# Claude tokens: default routing vs all-Claude');
say();
say(`Command: \`node bench/claude-tokens.mjs${args.length ? ` ${relative(root, corpusPath)}` : ''}\``);
say(
  `Run: ${new Date().toISOString().slice(0, 16)}Z, ${rows.length} rows of \`${corpusPath}\`, default config (model ${config.claude.model}, context_tokens ${config.claude.context_tokens}, request_tokens ${config.claude.request_tokens}, budget_tokens ${config.claude.budget_tokens}), except that \`dist/**\` and \`build/**\` are not ignored (as in bench/routing.mjs).`,
);
say(
  `Prices: ${config.claude.model} $${price?.input}/$${price?.output} per M input/output, cache write $${price?.cache_write}, cache read $${price?.cache_read} (read ${price?.read_on}).`,
);
say();
say(
  'Both sides are built by the Claude reviewer\'s own code: redacted hunk + new-side context, packed into requests, each request carrying the cached system prefix (written once per run, then read). Tokens are estimates (3.2 chars/token); output is assumed at 0.15× input, as in the run report. "all-Claude" sends every reviewable (not skipped) hunk; "routed" sends the hunks the default router escalates, within the budget and never_send.',
);
say();
const totalRouted = sum((r) => r.routed.requestTokens);
const totalAll = sum((r) => r.allClaude.requestTokens);
say('| measure | routed | all-Claude | saving |');
say('| --- | --- | --- | --- |');
say(
  `| hunks sent to Claude | ${sum((r) => r.routed.hunks)} | ${sum((r) => r.allClaude.hunks)} | ${saving(
    sum((r) => r.routed.hunks),
    sum((r) => r.allClaude.hunks),
  )} |`,
);
say(
  `| requests | ${sum((r) => r.routed.requests)} | ${sum((r) => r.allClaude.requests)} | ${saving(
    sum((r) => r.routed.requests),
    sum((r) => r.allClaude.requests),
  )} |`,
);
say(
  `| hunk tokens (router estimate) | ${sum((r) => r.routed.hunkTokens)} | ${sum((r) => r.allClaude.hunkTokens)} | ${saving(
    sum((r) => r.routed.hunkTokens),
    sum((r) => r.allClaude.hunkTokens),
  )} |`,
);
say(
  `| **request input tokens** (prefix + context + hunks) | **${totalRouted}** | **${totalAll}** | **${saving(totalRouted, totalAll)}** |`,
);
say(
  `| **estimated cost** | **${usd(sum((r) => r.routed.costUsd))}** | **${usd(sum((r) => r.allClaude.costUsd))}** | **${saving(
    sum((r) => r.routed.costUsd),
    sum((r) => r.allClaude.costUsd),
  )}** |`,
);
say();
const repeatedRouted = sum((r) => r.routedRepeated.requestTokens);
const repeatedAll = sum((r) => r.allClaudeRepeated.requestTokens);
say(
  `Sending a file's shared context once per request (instead of once per hunk) cut request input tokens by ${saving(totalRouted, repeatedRouted)} on the routed side (${repeatedRouted} → ${totalRouted}) and by ${saving(totalAll, repeatedAll)} for all-Claude (${repeatedAll} → ${totalAll}); with repeated context the routing saving would read ${saving(repeatedRouted, repeatedAll)}.`,
);
say();
say('## Per row');
say();
say(
  '| package | versions | label | hunks | to Claude | routed tokens | all-Claude tokens | routed $ | all-Claude $ | saving |',
);
say('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of results) {
  say(
    `| ${r.row.package} | ${r.row.from} → ${r.row.to} | ${r.row.label} | ${r.reviewable} | ${r.routed.hunks}${r.leftOver ? ` (+${r.leftOver} left)` : ''} | ${r.routed.requestTokens} | ${r.allClaude.requestTokens} | ${usd(r.routed.costUsd)} | ${usd(r.allClaude.costUsd)} | ${saving(r.routed.costUsd, r.allClaude.costUsd)} |`,
  );
}

const report = `${lines.join('\n')}\n`;
mkdirSync(join(root, 'bench/results'), { recursive: true });
if (!args.some((a) => !a.startsWith('--')))
  writeFileSync(join(root, 'bench/results/claude-tokens.md'), report);
process.stdout.write(report);
