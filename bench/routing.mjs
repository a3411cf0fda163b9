#!/usr/bin/env node
// Routing quality on labelled npm version pairs. For each set: security fixes whose fixing hunk goes to
// Claude (recall), routine hunks that go to Claude, all hunks of the security releases that go to Claude,
// and Claude's share of the all-Claude tokens. Usage:
//   node bench/routing.mjs [--label TEXT] [--check-rows]    all four sets; writes bench/results/routing.md
//   node bench/routing.mjs --sets dev,holdout,tuning          a subset, printed only (never the check part)
//   node bench/routing.mjs other.tsv                         any set in the same format, printed only
// The four sets: the given development set, bench/routing.holdout.tsv, and the two parts of
// bench/corpus/rows-*.tsv recorded in bench/corpus/split.tsv. The check part is measured only by a full
// run, and every full run appends its figures (time, commit, --label) to the history kept at the end of
// routing.md, so each look at the check part is on record. --check-rows adds the check part's per-row
// tables (leave it off while tuning). Tarballs are cached in test/.cache/npm/, diffs in
// test/.cache/routing-diffs/ (keyed by row, ignore globs, limits and the diff reader's source);
// --verbose prints every hunk's route on stderr.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from '../scripts/importTs.mjs';
import { option as argOption } from './args.mjs';
import { routerCommit } from './commit.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => argOption(name.replace(/^--/, ''), null);
const verbose = args.includes('--verbose');
const checkRows = args.includes('--check-rows');
const label = option('--label') ?? '';
const optionValues = new Set([option('--label'), option('--sets')]);
const custom = args.find((a) => !a.startsWith('--') && !optionValues.has(a));
const resultsPath = join(root, 'bench/results/routing.md');

const HISTORY_START =
  '<!-- measurement history: kept by bench/routing.mjs across runs; do not edit by hand -->';
const HISTORY_END = '<!-- end of measurement history -->';

const lib = await importTs('routing', ['bench/routing.corpus.ts', 'src/config/defaults.ts']);
const config = lib.corpusConfig(lib.defaultConfig());
const caches = lib.corpusCaches(root);

const partRows = (part) => lib.corpusPartRows(root, part);

const HOLDOUT_NOTE = `\`bench/routing.holdout.tsv\` was built by hand to test whether the signals generalise beyond the
development set: 23 published npm security fixes (advisory in the \`advisory\` column) and 10 routine
releases, none of them packages of the development set, the fixing hunk chosen by reading each diff.
It is not blind any more. It was built in three rounds. Round one (10 fixes, 10 routine releases) and
round two (7 fixes): the router missed 3 of 17 fixes (ansi-regex: a pattern kept in strings; ejs: option
names spliced into generated code; body-parser: a nesting-depth limit) and escalated 1 routine hunk.
Those misses led to three general signals (regex-like strings, code generation, size/depth limits with
input rejection), not to rules about these packages. Round three (6 fixes: moment, minimatch, async,
hosted-git-info, marked, ip) was run once afterwards, unchanged: 6 of 6 reached Claude. Unseen, then,
20 of 23 (87%).`;

const SETS = {
  dev: {
    title: 'Development set (given)',
    source: '/work/shared/corpus/dev-security-routing.tsv',
    rows: () => lib.readCorpus(lib.devSetPath(root)),
  },
  holdout: {
    title: 'Old check set (self-made, not blind)',
    source: 'bench/routing.holdout.tsv',
    rows: () => lib.readCorpus(join(root, 'bench/routing.holdout.tsv')),
    note: HOLDOUT_NOTE,
  },
  tuning: {
    title: 'New corpus, tuning part',
    source: 'bench/corpus/rows-*.tsv, packages marked `tuning` in split.tsv',
    rows: () => partRows('tuning'),
  },
  check: {
    title: 'New corpus, check part',
    source: 'bench/corpus/rows-*.tsv, packages marked `check` in split.tsv',
    rows: () => partRows('check'),
    rowsHidden: !checkRows,
  },
};

const requested = option('--sets')?.split(',').filter(Boolean) ?? null;
if (requested?.includes('check')) {
  console.error('the check part is measured only by a full run (no --sets), so that the run is recorded');
  process.exit(2);
}
const unknown = (requested ?? []).filter((s) => !SETS[s]);
if (unknown.length > 0) {
  console.error(`unknown set: ${unknown.join(', ')} (known: dev, holdout, tuning)`);
  process.exit(2);
}
const chosen = custom
  ? [
      {
        key: 'custom',
        title: 'Custom set',
        source: shown(resolve(custom)),
        rows: () => lib.readCorpus(resolve(custom)),
      },
    ]
  : (requested ?? Object.keys(SETS)).map((key) => ({ key, ...SETS[key] }));
const full = !custom && !requested;

const lines = [];
const say = (s = '') => lines.push(s);
const codes = (d) => d.reasons.map((r) => r.code).join(', ');
const fmt = (n) => n.toLocaleString('en-US');
const runAt = `${new Date().toISOString().slice(0, 16)}Z`;

function shown(path) {
  return relative(root, path).startsWith('..') ? path : relative(root, path);
}

const measured = [];
for (const set of chosen) measured.push({ set, ...(await measure(set)) });

say('# Routing on labelled npm version pairs');
say();
say(
  `Command: \`node bench/routing.mjs${custom ? ` ${shown(resolve(custom))}` : ''}${requested ? ` --sets ${requested.join(',')}` : ''}${label ? ` --label "${label}"` : ''}${checkRows ? ' --check-rows' : ''}\` at commit ${routerCommit(root)}.`,
);
say(
  `Run: ${runAt} with the default config, except that \`dist/**\` and \`build/**\` are not ignored (a tarball's dist/ is its shipped code, and several labelled fixes live there).`,
);
say();
say(
  '**Counted.** *Fixes to Claude*: security rows whose fixing hunk (the hunk holding `added_substring`) is routed to Claude; a fixing hunk skipped as a copy counts as the hunk of the file it copies (the change is reviewed there, and the table says so). *Routine hunks to Claude*: hunks of routine releases routed to Claude ÷ all their hunks. *Security-release hunks*: the same over every hunk of the security releases (fix, tests, docs, bundled copies). *Claude token share*: estimated tokens (`RouteDecision.estimatedTokens`: the hunk text at 3.2 characters a token plus 40 of framing) of the hunks routed to Claude ÷ estimated tokens of every hunk the router decided, over all releases of the set, security and routine. Hunks the router sends to no model (route `skip`: copies of a change reviewed in another file, minified code, pure re-formatting) stay in both denominators, so skipping cannot shrink the baseline; their share of the tokens is the *skipped by the router* column. A hunk routed local that is larger than one local request holds (`local.num_ctx` less the answer, the system prompt and framing) goes to Claude in a real run when `local.fallback` is `claude` (the default): the *falling back* column counts those tokens as sent to Claude. Files left out before routing (ignore globs such as lock files and `*.min.js`, binary files, files over `limits.max_file_changed_lines`) have no hunks and count nowhere, as in the run report; their number is given.',
);
say();
summaryTable(measured);
for (const m of measured) reportSet(m);
if (full) {
  const history = appendHistory(previousHistory(), measured);
  say();
  say(history);
  const rest = sectionsAfterHistory();
  if (rest) {
    say();
    say(rest);
  }
}

function summaryTable(list) {
  say(
    '| set | rows (security / routine) | fixes to Claude (goal ≥ 0.95) | routine hunks to Claude (goal ≤ 0.15) | security-release hunks to Claude | Claude token share (goal ≤ 0.30) | … with oversized local hunks falling back | tokens skipped by the router | files skipped before routing |',
  );
  say('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const { set, summary: s } of list)
    say(
      `| ${set.title} | ${s.securityRows} / ${s.routineRows} | **${ratio(s.securityHit, s.securityRows)}** (${s.securityHit}/${s.securityRows}) | **${ratio(s.routineToClaude, s.routineHunks)}** (${s.routineToClaude}/${fmt(s.routineHunks)}) | ${ratio(s.securityReleaseToClaude, s.securityReleaseHunks)} (${s.securityReleaseToClaude}/${fmt(s.securityReleaseHunks)}) | **${s.tokenShare.toFixed(3)}** (${fmt(s.claudeTokens)}/${fmt(s.allTokens)}) | ${s.tokenShareWithFallback.toFixed(3)} | ${s.skippedTokenShare.toFixed(3)} | ${s.skippedFiles} |`,
    );
}

function ratio(a, b) {
  return b ? (a / b).toFixed(3) : '—';
}

async function measure(set) {
  const rows = set.rows();
  const outcomes = [];
  let diffMs = 0;
  let routeMs = 0;
  for (const row of rows) {
    const t0 = performance.now();
    const files = await lib.cachedDiffRow(row, caches.npm, config, caches.diffs);
    const t1 = performance.now();
    outcomes.push(await lib.routeRow(row, files, config));
    routeMs += performance.now() - t1;
    diffMs += t1 - t0;
  }
  const summary = {
    ...lib.summarise(outcomes),
    routineRows: outcomes.filter((o) => o.row.label === 'routine').length,
  };
  return { outcomes, summary, diffMs, routeMs };
}

function reportSet({ set, outcomes, diffMs, routeMs }) {
  say();
  say(`## ${set.title}: \`${set.source}\``);
  say();
  say(
    `Time: reading the diffs (packing and committing on first use, then cached) ${Math.round(diffMs)} ms; rules + routing of all hunks ${routeMs.toFixed(1)} ms.`,
  );
  if (set.note) {
    say();
    say(set.note);
  }
  if (set.rowsHidden) {
    say();
    say(
      'Per-row outcomes of the check part are not printed (run with `--check-rows`): while the router is being tuned nobody reads which check rows it misses.',
    );
    return;
  }
  say();
  say('### Security rows (the hunk holding `added_substring`)');
  say();
  say('| package | versions | kind | route | score | reasons |');
  say('| --- | --- | --- | --- | --- | --- |');
  for (const o of outcomes.filter((x) => x.row.label === 'security')) {
    const t = o.target;
    const detail = t
      ? (t.reasons.find((r) => r.code === 'security')?.detail ?? reasonsOf(t))
      : 'hunk not found';
    const via =
      o.reviewed && o.reviewed !== t
        ? ` (copy: reviewed in ${o.reviewed.hunk.file}, ${o.reviewed.route})`
        : '';
    say(
      `| ${o.row.package} | ${o.row.from} → ${o.row.to} | ${o.row.kind} | ${t?.route ?? '—'}${via} | ${t ? t.securityScore.toFixed(2) : '—'} | ${cell(detail)} |`,
    );
  }
  say();
  say('### Routine rows (every hunk)');
  say();
  say('| package | versions | kind | hunks | to Claude | tokens to Claude / all | escalated hunks |');
  say('| --- | --- | --- | --- | --- | --- | --- |');
  for (const o of outcomes.filter((x) => x.row.label === 'routine')) {
    const up = o.decisions
      .filter((d) => d.route === 'claude')
      .map((d) => `${d.hunk.file}:${d.hunk.newStart} (${codes(d)})`);
    say(
      `| ${o.row.package} | ${o.row.from} → ${o.row.to} | ${o.row.kind} | ${o.hunks} | ${o.toClaude} | ${fmt(o.claudeTokens)} / ${fmt(o.tokens)} | ${cell(shorten(up)) || '—'} |`,
    );
  }
  if (verbose) {
    for (const o of outcomes) {
      process.stderr.write(`\n## ${o.row.label} ${o.row.package} ${o.row.from} → ${o.row.to}\n`);
      for (const d of o.decisions)
        process.stderr.write(
          `  ${d.route.padEnd(6)} ${d.securityScore.toFixed(2)} ${String(d.estimatedTokens).padStart(6)}t ${d.hunk.file}:${d.hunk.newStart}  ${d.reasons.map((r) => `[${r.code}] ${r.detail}`).join(' | ')}\n`,
        );
    }
  }
}

/** A routine release can escalate hundreds of hunks: list the first few, count the rest. */
function shorten(list) {
  return list.length > 6 ? `${list.slice(0, 6).join('; ')}; … ${list.length - 6} more` : list.join('; ');
}

function reasonsOf(decision) {
  return decision.reasons.map((r) => `${r.code}: ${r.detail}`).join('; ');
}

function cell(s) {
  return s.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function previousHistory() {
  if (!existsSync(resultsPath)) return [];
  const text = readFileSync(resultsPath, 'utf8');
  const start = text.indexOf(HISTORY_START);
  const end = text.indexOf(HISTORY_END);
  if (start === -1 || end === -1) return [];
  return text
    .slice(start, end)
    .split('\n')
    .filter((l) => /^\| \d{4}-/.test(l));
}

/** What follows the history (round 2's cross-validation section, kept by bench/routing-cv.mjs): kept as it is. */
function sectionsAfterHistory() {
  if (!existsSync(resultsPath)) return '';
  const text = readFileSync(resultsPath, 'utf8');
  const end = text.indexOf(HISTORY_END);
  return end === -1 ? '' : text.slice(end + HISTORY_END.length).trim();
}

/** Every full run measures the check part: each one is a row group here, oldest first. */
function appendHistory(previous, list) {
  const rows = list.map(
    ({ set, summary: s }) =>
      `| ${runAt} | ${routerCommit(root)} | ${cell(label || '—')} | ${set.title} | ${ratio(s.securityHit, s.securityRows)} (${s.securityHit}/${s.securityRows}) | ${ratio(s.routineToClaude, s.routineHunks)} (${s.routineToClaude}/${s.routineHunks}) | ${ratio(s.securityReleaseToClaude, s.securityReleaseHunks)} | ${s.tokenShare.toFixed(3)} |`,
  );
  return [
    HISTORY_START,
    '## Measurement history',
    '',
    'Every full run of this bench measures the check part, so every look at it is listed here, with its time,',
    'the commit measured and what the run was for.',
    '',
    '| run (UTC) | commit | label | set | fixes to Claude | routine hunks to Claude | security-release hunks to Claude | Claude token share |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...previous,
    ...rows,
    '',
    HISTORY_END,
  ].join('\n');
}

const markdown = `${lines.join('\n')}\n`;
if (full) {
  mkdirSync(dirname(resultsPath), { recursive: true });
  writeFileSync(resultsPath, markdown);
}
process.stdout.write(markdown);
