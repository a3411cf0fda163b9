#!/usr/bin/env node
// Package-level cross-validation of the router over the five development sets (issue 13). Every row's
// package goes to one of 5 folds by a fixed hash (bench/routingCv.ts foldOf: the first 8 hex digits of
// sha256(package name), as a number, mod 5), so a package's releases never sit in two folds. Reports fixes
// to Claude, routine hunks to Claude and Claude's token share per fold and pooled, the same figures over a
// range of security thresholds (the recall/cost curve), and a nested choice of the threshold (chosen on four
// folds, measured on the fifth). Usage:
//   node bench/routing-cv.mjs [--threshold 0.5]              print the figures
//   node bench/routing-cv.mjs --write --label "what changed"  also record them in bench/results/routing.md
//   node bench/routing-cv.mjs --misses 0,1,2,3               missed fixes of those folds, with every signal
//   node bench/routing-cv.mjs --escalated 0,1,2,3            routine hunks of those folds escalated by score
// While deriving a change from misses, read the misses of four folds only (--misses without the fifth) and
// judge the change by what it does on the fold left out. Diffs come from the cache bench/routing.mjs fills.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from '../scripts/importTs.mjs';
import { option as argOption } from './args.mjs';
import { routerCommit } from './commit.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => argOption(name.replace(/^--/, ''), null);
const foldList = (name) =>
  option(name) === null ? null : option(name).split(',').filter(Boolean).map(Number);
const write = args.includes('--write');
const label = option('--label') ?? '';
const resultsPath = join(root, 'bench/results/routing.md');

const lib = await importTs('routing-cv', [
  'bench/routing.corpus.ts',
  'bench/routingCv.ts',
  'bench/trainRouter.ts',
  'src/config/defaults.ts',
  'src/route/securityScore.ts',
]);
const config = lib.corpusConfig(lib.defaultConfig());
const threshold = Number(option('--threshold') ?? config.routing.security_threshold);

const GOALS = lib.MARGIN_GOALS;
const CURVE = Array.from({ length: 17 }, (_, i) => Math.round((0.05 + i * 0.025) * 1000) / 1000);

const started = performance.now();
const routed = await lib.routeDevelopmentSets(root, config);
const routeMs = performance.now() - started;
// The committed model was trained on every row here: each hunk is scored instead by a model trained without
// its package's fold (bench/trainRouter.ts outOfFold), so the figures below are out of fold.
const outcomes = lib.outOfFold(routed, lib.examplesOf(routed), lib.CV_FOLDS);

const fmt = (n) => n.toLocaleString('en-US');
const r3 = (x) => x.toFixed(3);
const lines = [];
const say = (s = '') => lines.push(s);

function figureCells(f) {
  return `${r3(lib.recall(f))} (${f.fixesToClaude}/${f.fixes}) | ${r3(lib.routineShare(f))} (${f.routineToClaude}/${fmt(f.routineHunks)}) | ${r3(lib.tokenShare(f))}`;
}

const packages = new Set(outcomes.map((o) => o.row.package));
const { perFold, pooled } = lib.foldFigures(outcomes, threshold);
say(
  `Command: \`node bench/routing-cv.mjs${option('--threshold') ? ` --threshold ${threshold}` : ''}\` at commit ${routerCommit(root)}, ${new Date().toISOString().slice(0, 16)}Z.`,
);
say(
  `${outcomes.length} rows over ${packages.size} packages (the five development sets), each hunk scored out of fold; routing them took ${Math.round(routeMs)} ms with cached diffs. Threshold ${threshold}.`,
);
say();
say('| fold | packages | fixes to Claude | routine hunks to Claude | Claude token share |');
say('| --- | --- | --- | --- | --- |');
perFold.forEach((f, k) => {
  const n = [...packages].filter((p) => lib.foldOf(p) === k).length;
  say(`| ${k} | ${n} | ${figureCells(f)} |`);
});
say(`| pooled | ${packages.size} | ${figureCells(pooled)} |`);
const worst = (pick, low) => perFold.map(pick).reduce((a, b) => (low ? Math.min(a, b) : Math.max(a, b)));
say(
  `| worst fold | | ${r3(worst(lib.recall, true))} | ${r3(worst(lib.routineShare, false))} | ${r3(worst(lib.tokenShare, false))} |`,
);
say();
say('Recall and cost over thresholds (pooled; worst fold in brackets):');
say();
say('| threshold | fixes to Claude | routine hunks to Claude | Claude token share | within 0.13 / 0.27 |');
say('| --- | --- | --- | --- | --- |');
for (const t of CURVE) {
  const c = lib.foldFigures(outcomes, t);
  const w = (pick, low) => r3(c.perFold.map(pick).reduce((a, b) => (low ? Math.min(a, b) : Math.max(a, b))));
  const within =
    lib.routineShare(c.pooled) <= GOALS.routineShare && lib.tokenShare(c.pooled) <= GOALS.tokenShare;
  say(
    `| ${t} | ${r3(lib.recall(c.pooled))} [${w(lib.recall, true)}] | ${r3(lib.routineShare(c.pooled))} [${w(lib.routineShare, false)}] | ${r3(lib.tokenShare(c.pooled))} [${w(lib.tokenShare, false)}] | ${within ? 'yes' : 'no'} |`,
  );
}
say();
const nested = lib.crossValidatedThreshold(outcomes, CURVE, GOALS);
const heldOut = nested.reduce(
  (sum, n) => ({
    fixes: sum.fixes + n.heldOut.fixes,
    fixesToClaude: sum.fixesToClaude + n.heldOut.fixesToClaude,
    routineHunks: sum.routineHunks + n.heldOut.routineHunks,
    routineToClaude: sum.routineToClaude + n.heldOut.routineToClaude,
    tokens: sum.tokens + n.heldOut.tokens,
    claudeTokens: sum.claudeTokens + n.heldOut.claudeTokens,
  }),
  { fixes: 0, fixesToClaude: 0, routineHunks: 0, routineToClaude: 0, tokens: 0, claudeTokens: 0 },
);
say(
  `Threshold chosen on four folds (highest recall within routine ≤ ${GOALS.routineShare} and tokens ≤ ${GOALS.tokenShare}), measured on the fifth: ${nested.map((n) => `fold ${n.fold} → ${n.threshold ?? 'none'}`).join(', ')}; held-out pooled ${figureCells(heldOut).replaceAll(' | ', ', ')}.`,
);

// The triage band (routing.triage: local): hunks kept local with a score in [threshold − band, threshold).
const band = config.routing.triage_band;
const low = Math.round((threshold - band) * 1000) / 1000;
const inBand = lib.figuresAt(outcomes, low);
say();
say(
  `Triage band [${low}, ${threshold}) (routing.triage_band ${band}): ${inBand.fixesToClaude - pooled.fixesToClaude} of the ${pooled.fixes - pooled.fixesToClaude} fixes kept local fall in it (a "yes" from the local model would escalate them), and ${inBand.routineToClaude - pooled.routineToClaude} routine hunks (${r3((inBand.routineToClaude - pooled.routineToClaude) / pooled.routineHunks)} of all) would be asked about; triage's answers are not measured here (no model).`,
);

const misses = foldList('--misses');
if (misses) {
  say();
  say(`Missed fixes of folds ${misses.join(', ')} at ${threshold}:`);
  for (const o of outcomes) {
    if (o.row.label !== 'security' || !misses.includes(lib.foldOf(o.row.package))) continue;
    if (o.reviewed && lib.routeAtThreshold(o.reviewed, threshold) === 'claude') continue;
    say();
    say(
      `- [${lib.foldOf(o.row.package)}/${o.set}] ${o.row.package} ${o.row.from} → ${o.row.to} (${o.row.kind}) ${o.row.file}`,
    );
    if (!o.target) {
      say('  hunk not found');
      continue;
    }
    say(
      `  route ${o.target.route}, score ${o.target.securityScore}: ${o.target.reasons.map((r) => r.code).join(', ')}`,
    );
    for (const h of lib.assessSecurity(o.target.hunk).hits)
      say(`  ${h.score.toFixed(3)} ${h.signal}: ${h.detail}`);
    for (const l of o.target.hunk.lines.filter((x) => x.kind !== 'ctx').slice(0, 14))
      say(`  ${l.kind === 'add' ? '+' : '-'} ${l.text.slice(0, 150)}`);
  }
}

const escalated = foldList('--escalated');
if (escalated) {
  say();
  say(`Routine hunks of folds ${escalated.join(', ')} escalated by their score alone at ${threshold}:`);
  for (const o of outcomes) {
    if (o.row.label !== 'routine' || !escalated.includes(lib.foldOf(o.row.package))) continue;
    for (const d of o.decisions) {
      if (lib.routeAtThreshold(d, threshold) !== 'claude') continue;
      if (lib.routeAtThreshold(d, Number.POSITIVE_INFINITY) === 'claude') continue;
      const hits = lib.assessSecurity(d.hunk).hits;
      say(
        `- [${lib.foldOf(o.row.package)}] ${o.row.package} ${o.row.to} ${d.hunk.file}:${d.hunk.newStart} ${d.securityScore} ${d.estimatedTokens}t: ${hits.map((h) => `${h.signal} ${h.score.toFixed(2)}`).join('; ')}`,
      );
    }
  }
}

const markdown = lines.join('\n');
process.stdout.write(`${markdown}\n`);

const CV_START =
  '<!-- cross-validation runs: appended by bench/routing-cv.mjs --write; do not edit by hand -->';
const CV_END = '<!-- end of cross-validation runs -->';
if (write) {
  const text = readFileSync(resultsPath, 'utf8');
  const start = text.indexOf(CV_START);
  const end = text.indexOf(CV_END);
  const entry = [
    `### ${label || 'run'}`,
    '',
    markdown.split('\nMissed fixes')[0].split('\nRoutine hunks of folds')[0],
    '',
  ].join('\n');
  const updated =
    start === -1 || end === -1
      ? `${text.trimEnd()}\n\n${CV_START}\n${entry}\n${CV_END}\n`
      : `${text.slice(0, end)}${entry}\n${text.slice(end)}`;
  writeFileSync(resultsPath, updated);
}
