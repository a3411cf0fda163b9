#!/usr/bin/env node
// Secret detection and redaction on peers' own fixtures, side by side with secretlint's recommended preset, plus
// blocking false positives on real releases. Fixtures are read from checkouts you make (never committed here):
//   git clone --depth 1 https://github.com/secretlint/secretlint test/.cache/secretlint
//   git clone --depth 1 https://github.com/gitleaks/gitleaks test/.cache/gitleaks
//   npm run build && node bench/secrets.mjs --secretlint test/.cache/secretlint --gitleaks test/.cache/gitleaks
// (--no-releases skips the npm pack part; --tune measures the tuning parts only and lists their misses and leaks,
// and every finding on the releases, in test/.cache/secrets-tune.md, without touching the results file). The load-cost line reads dist/: build first.
// Tarballs are cached in test/.cache/npm/; figures are written to bench/results/secrets.md.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { importTs } from '../scripts/importTs.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    secretlint: { type: 'string' },
    gitleaks: { type: 'string' },
    'no-releases': { type: 'boolean', default: false },
    tune: { type: 'boolean', default: false },
  },
});
const missing = ['secretlint', 'gitleaks'].filter((peer) => args[peer] && !existsSync(args[peer]));
if ((!args.secretlint && !args.gitleaks) || missing.length > 0) {
  const clone = (peer) =>
    `no checkout at ${args[peer]}: git clone --depth 1 https://github.com/${peer}/${peer} ${args[peer]}`;
  const usage = 'usage: node bench/secrets.mjs --secretlint <checkout> --gitleaks <checkout> [--no-releases]';
  process.stderr.write(`${[usage, ...missing.map(clone)].join('\n')}\n`);
  process.exit(2);
}
const cacheDir = join(root, 'test/.cache/npm');

const fx = await importTs('secrets-fixtures', ['bench/secretsFixtures.ts']);
const lib = await importTs('secrets-bench', ['bench/secrets.ts']);
const { defaultConfig } = await importTs('defaults', ['src/config/defaults.ts']);

const commitOf = (dir) => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
};

/** ≥ 20 real releases: version pairs, and full trees where the issue names one (aws-sdk 2.x). */
const RELEASES = [
  { name: 'aws-sdk', from: null, to: '2.1692.0' },
  { name: 'prettier', from: '3.2.5', to: '3.3.0' },
  { name: 'picomatch', from: '2.3.0', to: '2.3.1' },
  { name: 'lodash', from: null, to: '4.17.21' },
  { name: 'moment', from: null, to: '2.30.1' },
  { name: '@octokit/rest', from: null, to: '20.1.1' },
  { name: 'express', from: '4.19.2', to: '4.21.0' },
  { name: 'axios', from: '1.6.8', to: '1.7.2' },
  { name: 'jsonwebtoken', from: '8.5.1', to: '9.0.0' },
  { name: 'node-forge', from: '1.3.0', to: '1.3.1' },
  { name: 'dotenv', from: '16.3.1', to: '16.4.5' },
  { name: 'stripe', from: '14.20.0', to: '14.21.0' },
  { name: 'aws4', from: '1.12.0', to: '1.13.0' },
  { name: 'ssh2', from: '1.14.0', to: '1.15.0' },
  { name: 'jose', from: '5.2.0', to: '5.2.4' },
  { name: 'react-dom', from: '18.2.0', to: '18.3.1' },
  { name: 'webpack', from: '5.90.0', to: '5.91.0' },
  { name: 'eslint', from: '8.56.0', to: '8.57.0' },
  { name: 'ini', from: '1.3.5', to: '1.3.6' },
  { name: 'postcss', from: '8.4.30', to: '8.4.31' },
  { name: 'mongoose', from: '8.0.0', to: '8.1.0' },
  { name: 'pg', from: '8.11.0', to: '8.11.3' },
  { name: 'nodemailer', from: '6.9.8', to: '6.9.9' },
  { name: 'passport', from: null, to: '0.7.0' },
];

/**
 * gitleaks' rules split in two halves by a digest of the rule's name: the detector may be tuned on what the
 * "tune" half misses; the "check" half is reported in aggregate only, so nobody tunes on it by reading this.
 */
const halfOf = (placed) =>
  placed.source !== 'gitleaks'
    ? 'tune'
    : createHash('sha256').update(placed.rule).digest()[0] % 2 === 0
      ? 'tune'
      : 'check';

const started = Date.now();
const fixtures = fx.readFixtures({ secretlint: args.secretlint, gitleaks: args.gitleaks });
const placed = lib.place(fixtures).filter((p) => !args.tune || halfOf(p) === 'tune');
const corpus = await lib.measureCorpus(placed, defaultConfig());
process.stderr.write(`corpus: ${placed.length} placed secrets, ${corpus.requests} requests\n`);
if (corpus.notReviewed.length > 0) {
  // A hunk that never reached the server proves nothing about leaks: the figures would flatter.
  process.stderr.write(
    `${corpus.notReviewed.length} hunks not reviewed, e.g. ${corpus.notReviewed[0].reason}\n`,
  );
  process.exit(1);
}

if (args.tune) {
  // Tuning loop: the tuning parts only (the check half is never placed), every miss and leak with its file and
  // every release finding with its line, written under test/.cache (ignored by git), no results file.
  const detail = (o) =>
    `## ${o.placed.source} ${o.placed.rule} (${o.placed.context}) ${o.hunkwise ?? 'missed'}${o.leaked ? ', leaked' : ''}${o.leakedAlone ? ', leaked alone' : ''}\n${o.placed.path}\n${o.placed.content.slice(0, 600)}\n`;
  const bad = corpus.outcomes.filter((o) => o.leaked || o.leakedAlone || o.hunkwise === null);
  const notes = bad.map(detail);
  if (!args['no-releases'])
    for (const release of RELEASES) {
      const r = await lib.measureRelease(release, cacheDir, defaultConfig());
      process.stdout.write(
        `${release.name}@${release.to}: ${r.blocking.length} blocking, ${r.possible} possible\n`,
      );
      for (const f of [...r.blocking.map((b) => ({ ...b, text: 'BLOCKING' })), ...r.possibleFindings])
        notes.push(`- ${release.name} ${f.file}:${f.line} ${f.kind}: ${f.text}`);
    }
  writeFileSync(join(root, 'test/.cache/secrets-tune.md'), notes.join('\n'));
  const parts = [
    ['secretlint', corpus.outcomes.filter((o) => o.placed.source === 'secretlint')],
    ['gitleaks tune half', corpus.outcomes.filter((o) => o.placed.source === 'gitleaks')],
  ];
  for (const [name, part] of parts) {
    const flagged = part.filter((o) => o.hunkwise !== null).length;
    const leaked = part.filter((o) => o.leaked).length;
    const alone = part.filter((o) => o.leakedAlone).length;
    process.stdout.write(
      `${name}: ${part.length} secrets, recall ${(flagged / part.length).toFixed(3)}, leaks ${((100 * leaked) / part.length).toFixed(1)}% (each file alone ${((100 * alone) / part.length).toFixed(1)}%)\n`,
    );
  }
  process.stdout.write(`${bad.length} misses or leaks in test/.cache/secrets-tune.md\n`);
  process.exit(0);
}

const releases = [];
if (!args['no-releases']) {
  for (const release of RELEASES) {
    const t = Date.now();
    releases.push(await lib.measureRelease(release, cacheDir, defaultConfig()));
    process.stderr.write(`${release.name}@${release.to}: ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  }
}

/** Median ms to import secretlint's chunk from dist/ in a fresh process, against importing the CLI entry alone. */
function loadCost() {
  const chunks = join(root, 'dist/chunks');
  let chunk;
  try {
    chunk = readdirSync(chunks).find(
      (f) =>
        f.endsWith('.js') &&
        readFileSync(join(chunks, f), 'utf8').includes('secretlint-rule-preset-recommend'),
    );
  } catch {
    return null;
  }
  if (!chunk) return null;
  const time = (target) =>
    Number(
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const t = performance.now(); await import(${JSON.stringify(target)}); process.stdout.write(String(performance.now() - t));`,
        ],
        { encoding: 'utf8' },
      ),
    );
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const entry = [];
  const both = [];
  for (let i = 0; i < 7; i++) {
    entry.push(time(join(root, 'dist/cli.js')));
    both.push(time(join(chunks, chunk)));
  }
  return { entry: median(entry), secretlint: median(both) };
}
const load = loadCost();

/**
 * In a fresh process: the first detectSecrets call (secretlint imported and every rule's regex compiled) and a
 * warm one, both on a two-line hunk; and the first RE2 compile of a config pattern (re2js loaded).
 */
async function firstCallCost() {
  await importTs('secrets-first-call', ['src/rules/detectSecrets.ts', 'src/rules/compilePattern.ts']);
  const bundle = join(root, 'node_modules/.cache/hunkwise/secrets-first-call.bundle.mjs');
  const script = `
    const m = await import(${JSON.stringify(bundle)});
    const hunk = 'export const a = 1;\\nexport function f(name) { return lookUp(name); }';
    let t = performance.now(); await m.detectSecrets(hunk, 'src/a.js'); const first = performance.now() - t;
    t = performance.now(); await m.detectSecrets(hunk.replace('a = 1', 'b = 2'), 'src/a.js'); const warm = performance.now() - t;
    t = performance.now(); m.compilePattern('\\\\beval\\\\(').test('x'); const re2 = performance.now() - t;
    process.stdout.write(JSON.stringify({ first, warm, re2 }));`;
  const runs = [];
  for (let i = 0; i < 7; i++)
    runs.push(
      JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })),
    );
  const median = (pick) => runs.map(pick).sort((a, b) => a - b)[3];
  return { first: median((r) => r.first), warm: median((r) => r.warm), re2: median((r) => r.re2) };
}
const firstCall = await firstCallCost();

// ------------------------------------------------------------------------------------------------ report
const pct = (n, d) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`);
const ratio = (n, d) => (d === 0 ? '—' : (n / d).toFixed(3));
const summarise = (outcomes) => {
  const n = outcomes.length;
  const hw = outcomes.filter((o) => o.hunkwise !== null).length;
  const hwBlock = outcomes.filter((o) => o.hunkwise === 'block').length;
  const sl = outcomes.filter((o) => o.secretlint).length;
  const leaks = outcomes.filter((o) => o.leaked).length;
  const alone = outcomes.filter((o) => o.leakedAlone).length;
  const slLeaks = outcomes.filter((o) => o.secretlintLeaks).length;
  return { n, hw, hwBlock, sl, leaks, alone, slLeaks };
};
const row = (label, o) => {
  const s = summarise(o);
  return `| ${label} | ${s.n} | **${ratio(s.hw, s.n)}** (${ratio(s.hwBlock, s.n)} blocking) | ${ratio(s.sl, s.n)} | **${pct(s.leaks, s.n)}** | ${pct(s.alone, s.n)} | ${pct(s.slLeaks, s.n)} |`;
};
/**
 * The figures of the last run before the context rules (2026-12-04, secretlint 18346ba3, gitleaks b58d3f10, the
 * same corpus): recall, blocking recall, leaks, and releases' possible findings. Written down, not recomputed.
 */
const BEFORE = {
  all: ['0.919', '0.345', '9.0%'],
  secretlint: ['0.959', '0.601', '4.1%'],
  tune: ['0.910', '0.277', '9.8%'],
  check: ['0.903', '0.250', '11.3%'],
  possible: 161,
};
const all = corpus.outcomes;
const half = (o) => halfOf(o.placed);
const of = (source, part) => all.filter((o) => o.placed.source === source && (!part || half(o) === part));
const lines = [];
const say = (s = '') => lines.push(s);
say('# Secrets: recall, leaks and blocking false positives');
say();
say(
  `Command: \`node bench/secrets.mjs --secretlint <checkout> --gitleaks <checkout>\` (secretlint ${commitOf(args.secretlint)}, gitleaks ${commitOf(args.gitleaks)}); run ${new Date().toISOString().slice(0, 16)}Z, ${((Date.now() - started) / 1000).toFixed(0)} s.`,
);
say();
say('## Fixture corpus');
say();
say(
  `${fixtures.values.length} single-line values (each placed in .js, .env, YAML and JSON), ${fixtures.files.length} fixture files as written (secretlint's multi-line fixtures, gitleaks' true-positive lines): ${all.length} placed secrets. ${corpus.hunksSent} hunks went to the recording loopback Anthropic server in ${corpus.requests} requests, every one routed to Claude with never_send emptied (redaction alone is measured). Recall: a finding of either tier on the secret's lines. Leak: the secret, or any 16 characters of it, in a request. secretlint's leak column: the secret is not wholly inside the ranges it reports (what redacting exactly those ranges would leave).`,
);
say();
say(
  '| part | secrets | hunkwise recall | secretlint recall | hunkwise leaks | hunkwise leaks, each file alone | secretlint leaks |',
);
say('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
say(row('**all**', all));
say(row('secretlint fixtures (tuned on)', of('secretlint')));
say(row('gitleaks true positives, tune half', of('gitleaks', 'tune')));
say(row('**gitleaks true positives, check half**', of('gitleaks', 'check')));
// By context: the tuning parts only (the check half is reported in aggregate).
for (const source of ['secretlint', 'gitleaks'])
  for (const context of ['js', 'env', 'yaml', 'json', 'multi-line', 'line']) {
    const part = of(source, 'tune').filter((o) => o.placed.context === context);
    if (part.length > 0) say(row(`${source}${source === 'gitleaks' ? ' tune half' : ''} · ${context}`, part));
  }
say();
say(
  '"Each file alone": the file redacted by itself with a fresh redactor. In the run, a value the redactor replaced once is replaced wherever it reappears, and the corpus places each value in four files, so a value found in one context is also hidden in the others; this column does not count that help.',
);
say();
say('Before the context rules (run of 2026-12-04 on the same corpus):');
say();
say('| part | recall (blocking) | leaks |');
say('| --- | ---: | ---: |');
for (const [label, key] of [
  ['all', 'all'],
  ['secretlint fixtures', 'secretlint'],
  ['gitleaks, tune half', 'tune'],
  ['gitleaks, check half', 'check'],
])
  say(`| ${label} | ${BEFORE[key][0]} (${BEFORE[key][1]}) | ${BEFORE[key][2]} |`);
say();
const tally = (keys) => {
  const counts = new Map();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts];
};
say(
  `Left out (${fixtures.excluded.length}): ${tally(fixtures.excluded.map((e) => e.why))
    .map(([why, n]) => `${why} (${n})`)
    .join('; ')}.`,
);
say();
say('### Missed by hunkwise, by rule');
say();
say('Tuning parts only (secretlint, gitleaks tune half); the check half is reported in aggregate above.');
say();
const missed = all.filter((o) => o.hunkwise === null && half(o) === 'tune');
const byRule = missed.reduce((a, o) => {
  const key = `${o.placed.source} ${o.placed.rule}`;
  a[key] = [...(a[key] ?? []), o.placed.context];
  return a;
}, {});
for (const [rule, contexts] of Object.entries(byRule).sort())
  say(`- ${rule}: ${contexts.length} (${[...new Set(contexts)].join(', ')})`);
say();
say('### Leaked by hunkwise');
say();
say('Tuning parts only, as above; "alone" marks a leak only when the file is redacted by itself.');
say();
for (const o of all.filter((o) => (o.leaked || o.leakedAlone) && half(o) === 'tune'))
  say(`- ${o.placed.source} ${o.placed.rule} (${o.placed.context})${o.leaked ? '' : ' (alone)'}`);
if (releases.length > 0) {
  say();
  say('## Blocking false positives on real releases');
  say();
  say(
    'Every file scanned (ignore globs and size limits off). hunkwise counts findings that block (`fail_on.secrets`); "possible" are the other tier (label-only values, JWTs, random tokens, made-up bodies), reported and redacted, never blocking. secretlint counts every message its recommended preset reports on added lines (each is an error to secretlint).',
  );
  say();
  say('| release | files | added lines | hunkwise blocking | hunkwise possible | secretlint |');
  say('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of releases) {
    const name = r.release.from
      ? `${r.release.name} ${r.release.from} → ${r.release.to}`
      : `${r.release.name}@${r.release.to} (full tree)`;
    say(
      `| ${name} | ${r.files} | ${r.addedLines} | **${r.blocking.length}** | ${r.possible} | ${r.secretlint} |`,
    );
  }
  const blocking = releases.flatMap((r) => r.blocking.map((b) => ({ ...b, release: r.release.name })));
  say(
    `| **total** | ${releases.reduce((n, r) => n + r.files, 0)} | ${releases.reduce((n, r) => n + r.addedLines, 0)} | **${blocking.length}** | ${releases.reduce((n, r) => n + r.possible, 0)} | ${releases.reduce((n, r) => n + r.secretlint, 0)} |`,
  );
  const possible = releases.flatMap((r) =>
    r.possibleFindings.map((f) => ({ ...f, release: r.release.name })),
  );
  say();
  say(
    `Possible findings: ${possible.length} (${BEFORE.possible} before the context rules). Each is an info note in the report, never blocking. By kind: ${tally(
      possible.map((f) => f.kind),
    )
      .sort((a, b) => b[1] - a[1])
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ')}. By file: ${tally(possible.map((f) => `${f.release} ${f.file.replace(/^package\//, '')}`))
      .sort((a, b) => b[1] - a[1])
      .map(([file, n]) => `\`${file}\` ${n}`)
      .join(', ')}.`,
  );
  if (blocking.length > 0) {
    say();
    for (const b of blocking) say(`- ${b.release}: \`${b.file}:${b.line}\` ${b.kind}`);
  }
}
if (load) {
  say();
  say('## Load cost');
  say();
  say(
    `Importing secretlint's chunk from dist/ in a fresh Node process: median ${load.secretlint.toFixed(1)} ms, against ${load.entry.toFixed(1)} ms for the CLI entry alone (7 runs each). It is imported only when a run has text to scan.`,
  );
}
say();
say(
  `First \`detectSecrets\` call on a two-line hunk in a fresh process (secretlint imported, every rule's regex compiled): median ${firstCall.first.toFixed(1)} ms; the next call ${firstCall.warm.toFixed(2)} ms. First RE2 compile of a config pattern (re2js loaded; only runs with user patterns or globs pay it): ${firstCall.re2.toFixed(1)} ms. 7 runs each.`,
);
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/secrets.md'), `${lines.join('\n')}\n`);
const s = summarise(all);
process.stdout.write(
  `recall hunkwise ${ratio(s.hw, s.n)} secretlint ${ratio(s.sl, s.n)}; leaks hunkwise ${pct(s.leaks, s.n)} secretlint ${pct(s.slLeaks, s.n)}; blocking FPs ${releases.reduce((n, r) => n + r.blocking.length, 0)} (secretlint ${releases.reduce((n, r) => n + r.secretlint, 0)})\n`,
);
