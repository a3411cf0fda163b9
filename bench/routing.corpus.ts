// The routing measurement on the labelled corpus (/work/shared/corpus/dev-security-routing.tsv style):
// each row's two published versions are packed, committed into a temp git repo, diffed by hunkwise's
// own reader, run through the rules and the router. Shared by bench/routing.mjs and the integration test.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../src/config/schema.js';
import { readDiff } from '../src/git/readDiff.js';
import { buildSystemPrompt } from '../src/review/prompt.js';
import { findCopies } from '../src/route/copies.js';
import { routeHunks } from '../src/route/route.js';
import { estimateTokens } from '../src/route/tokens.js';
import { runRules } from '../src/rules/runRules.js';
import type { FileDiff, RouteDecision } from '../src/types.js';
import { GIT_ENV } from '../test/helpers/gitRepo.js';
import { packedTree } from '../test/helpers/npmPack.js';

export interface CorpusRow {
  package: string;
  from: string;
  to: string;
  label: 'security' | 'routine';
  file: string;
  addedSubstring: string;
  advisory: string;
  kind: string;
  note: string;
}

export interface RowOutcome {
  row: CorpusRow;
  decisions: RouteDecision[];
  /** Security rows: the decision of the hunk holding `addedSubstring`, or null when none was found. */
  target: RouteDecision | null;
  /**
   * The decision that says whether the fix reaches Claude: the target's own, or, when the target is skipped as
   * a copy of a change in a more source-like file, that file's hunk holding most of its changed lines (the
   * change is reviewed there). Null when no target was found.
   */
  reviewed: RouteDecision | null;
  /**
   * Every hunk the router decided, whatever its route: a hunk the router sends to no model (`skip`: a copy,
   * minified code, a re-format) stays in the all-Claude baseline, so skipping cannot shrink it.
   */
  hunks: number;
  toClaude: number;
  /** Estimated tokens (RouteDecision.estimatedTokens) of those hunks: the all-Claude baseline of the release. */
  tokens: number;
  /** Estimated tokens of the hunks routed to Claude. */
  claudeTokens: number;
  /** Estimated tokens of the hunks the router sends to no model. */
  skippedTokens: number;
  /**
   * Estimated tokens of hunks routed local that cannot fit one local request (local.num_ctx less the answer,
   * the system prompt and framing): a real run sends them to Claude when local.fallback is claude.
   */
  oversizedLocalTokens: number;
  /** Files left out before routing (ignore globs, binary, size limits): no hunk, no tokens on either side. */
  skippedFiles: number;
}

export interface CorpusSummary {
  securityRows: number;
  securityHit: number;
  securityPercent: number;
  routineHunks: number;
  routineToClaude: number;
  routinePercent: number;
  /** Every reviewable hunk of the security releases, not only the fixing one. */
  securityReleaseHunks: number;
  securityReleaseToClaude: number;
  securityReleasePercent: number;
  /** Over all releases (security and routine): estimated tokens of hunks routed to Claude ÷ of all hunks. */
  claudeTokens: number;
  allTokens: number;
  tokenShare: number;
  /** Share of the all-Claude tokens the router sends to no model. */
  skippedTokenShare: number;
  /** Claude's share once local hunks too large for one local request fall back to Claude. */
  tokenShareWithFallback: number;
  skippedFiles: number;
}

/** The two parts of the corpus, fixed by package in bench/corpus/split.tsv before any router change. */
export type CorpusPart = 'tuning' | 'check';

/** bench/corpus/split.tsv: `package<TAB>part`, one package a line, after a header. */
export function readSplit(path: string): Map<string, CorpusPart> {
  const [, ...lines] = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  const split = new Map<string, CorpusPart>();
  for (const line of lines) {
    const [name, part] = line.split('\t');
    if (part !== 'tuning' && part !== 'check') throw new Error(`split.tsv: bad part for ${name}: ${part}`);
    split.set(name!, part);
  }
  return split;
}

/** The rows of one part; a row whose package has no recorded part is an error, never silently dropped. */
export function rowsOfPart(rows: readonly CorpusRow[], split: Map<string, CorpusPart>, part: CorpusPart) {
  const unassigned = [...new Set(rows.filter((r) => !split.has(r.package)).map((r) => r.package))];
  if (unassigned.length > 0)
    throw new Error(
      `no part recorded in split.tsv for: ${unassigned.join(', ')} (node bench/corpus/split.mjs)`,
    );
  return rows.filter((r) => split.get(r.package) === part);
}

/** The diff reader's own source (src/git, src/diff): a change there invalidates every cached diff. */
export function diffReaderHash(root: string): string {
  const hash = createHash('sha256');
  for (const dir of ['src/git', 'src/diff'])
    for (const file of readdirSync(join(root, dir)).sort()) hash.update(readFileSync(join(root, dir, file)));
  return hash.digest('hex');
}

/**
 * The given development set lives beside the checkout (`../shared`), or beside a worktree's parent;
 * HUNKWISE_DEV_CORPUS names it anywhere else.
 */
export function devSetPath(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const candidates = env.HUNKWISE_DEV_CORPUS
    ? [env.HUNKWISE_DEV_CORPUS]
    : ['../shared', '../../shared'].map((dir) => join(root, dir, 'corpus/dev-security-routing.tsv'));
  const found = candidates.find((path) => existsSync(path));
  if (!found)
    throw new Error(`development set not found (tried ${candidates.join(', ')}; set HUNKWISE_DEV_CORPUS)`);
  return found;
}

/** The rows of one part of the issue-13 corpus: bench/corpus/rows-*.tsv, parted by bench/corpus/split.tsv. */
export function corpusPartRows(root: string, part: CorpusPart): CorpusRow[] {
  const dir = join(root, 'bench/corpus');
  const rows = readdirSync(dir)
    .filter((f) => /^rows-.*\.tsv$/.test(f))
    .sort()
    .flatMap((f) => readCorpus(join(dir, f)));
  return rowsOfPart(rows, readSplit(join(dir, 'split.tsv')), part);
}

/** Where the routing benches keep packed versions and read diffs (filled by bench/routing.mjs). */
export function corpusCaches(root: string): { npm: string; diffs: { dir: string; readerHash: string } } {
  return {
    npm: join(root, 'test/.cache/npm'),
    diffs: { dir: join(root, 'test/.cache/routing-diffs'), readerHash: diffReaderHash(root) },
  };
}

/** Every row of the development sets, routed with `config`, each outcome tagged with its set. */
export async function routeDevelopmentSets(
  root: string,
  config: Config,
): Promise<(RowOutcome & { set: string })[]> {
  const caches = corpusCaches(root);
  const outcomes: (RowOutcome & { set: string })[] = [];
  for (const [set, rows] of developmentSets(root))
    for (const row of rows()) {
      const files = await cachedDiffRow(row, caches.npm, config, caches.diffs);
      outcomes.push({ ...(await routeRow(row, files, config)), set });
    }
  return outcomes;
}

/**
 * The labelled sets the router is developed on (issue 13): the shared development set, the old check set,
 * both parts of the corpus and the first blind set (measured once, then development data). The second blind
 * set (bench/corpus/blind2-*.tsv) is not among them: it is measured once, by bench/routing.mjs.
 */
export function developmentSets(root: string): [string, () => CorpusRow[]][] {
  const blind = () =>
    ['blind-a-l.tsv', 'blind-m-z.tsv'].flatMap((f) => readCorpus(join(root, 'bench/corpus', f)));
  return [
    ['dev', () => readCorpus(devSetPath(root))],
    ['holdout', () => readCorpus(join(root, 'bench/routing.holdout.tsv'))],
    ['tuning', () => corpusPartRows(root, 'tuning')],
    ['check', () => corpusPartRows(root, 'check')],
    ['blind', blind],
  ];
}

export function readCorpus(path: string): CorpusRow[] {
  const [header, ...lines] = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  const columns = header!.split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    const get = (name: string) => cells[columns.indexOf(name)] ?? '';
    return {
      package: get('package'),
      from: get('from'),
      to: get('to'),
      label: get('label') === 'security' ? 'security' : 'routine',
      file: get('file'),
      addedSubstring: get('added_substring'),
      advisory: get('advisory'),
      kind: get('kind'),
      note: get('note'),
    };
  });
}

/**
 * Both versions committed under `package/` (the TSV's paths; npmPack strips whatever top folder the
 * tarball has), diffed HEAD~1..HEAD by hunkwise's own reader.
 */
export async function diffRow(row: CorpusRow, cacheDir: string, config: Config): Promise<FileDiff[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hunkwise-corpus-'));
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV }, stdio: 'pipe' });
  try {
    git('init', '-q', '-b', 'main');
    for (const version of [row.from, row.to]) {
      rmSync(join(dir, 'package'), { recursive: true, force: true });
      cpSync(await packedTree(row.package, version, cacheDir), join(dir, 'package'), { recursive: true });
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '--no-verify', '-m', version);
    }
    const diff = await readDiff(
      { kind: 'range', range: 'HEAD~1..HEAD' },
      {
        cwd: dir,
        ignore: config.ignore,
        maxFileChangedLines: config.limits.max_file_changed_lines,
        maxTotalChangedLines: config.limits.max_total_changed_lines,
      },
    );
    return diff.files;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The measurement's config: the defaults, except that `dist/` and `build/` are not ignored. A published
 * tarball's dist/ is its shipped code (one labelled fix lives there), not a build artefact of the change.
 */
/**
 * diffRow behind a JSON cache: `key` must change whenever the diff could (row, ignore globs, limits, and
 * the diff reader's own source), so a cached diff is always the one diffRow would produce now.
 */
export async function cachedDiffRow(
  row: CorpusRow,
  npmCacheDir: string,
  config: Config,
  diffCache: { dir: string; readerHash: string },
): Promise<FileDiff[]> {
  const key = createHash('sha256')
    .update(
      JSON.stringify([row.package, row.from, row.to, config.ignore, config.limits, diffCache.readerHash]),
    )
    .digest('hex')
    .slice(0, 24);
  const path = join(diffCache.dir, `${row.package.replace('/', '+')}@${row.from}-${row.to}.${key}.json`);
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as FileDiff[];
  const files = await diffRow(row, npmCacheDir, config);
  mkdirSync(diffCache.dir, { recursive: true });
  writeFileSync(path, JSON.stringify(files));
  return files;
}

export function corpusConfig(defaults: Config): Config {
  return { ...defaults, ignore: defaults.ignore.filter((g) => !/\/(?:dist|build)\/\*\*$/.test(g)) };
}

/** Ollama's framing around a request (chat template, fences), as its provider counts it. */
const LOCAL_FRAMING_TOKENS = 64;

/** The largest hunk one local request holds: the context less the answer, the system prompt and framing. */
export function localCapacity(config: Config): number {
  return (
    config.local.num_ctx -
    config.local.num_predict -
    estimateTokens(buildSystemPrompt('local')) -
    LOCAL_FRAMING_TOKENS
  );
}

const changedKeys = (decision: RouteDecision) =>
  decision.hunk.lines.filter((l) => l.kind !== 'ctx').map((l) => `${l.kind}${l.text.replace(/\s+/g, '')}`);

/**
 * Where a fix is reviewed: a target skipped as a copy (copies.ts) is reviewed in the file it copies, in the hunk
 * of that file sharing most of its changed lines; any other target is reviewed as routed.
 */
export function reviewedAs(
  target: RouteDecision,
  decisions: readonly RouteDecision[],
  files: readonly FileDiff[],
): RouteDecision {
  if (target.route !== 'skip' || !target.reasons.some((r) => r.code === 'copy')) return target;
  const source = findCopies(files.filter((f) => !f.skipped)).get(target.hunk);
  if (!source) return target;
  const keys = new Set(changedKeys(target));
  let best: { decision: RouteDecision; shared: number } | null = null;
  for (const d of decisions) {
    if (d.hunk.file !== source.path) continue;
    const shared = changedKeys(d).filter((k) => keys.has(k)).length;
    if (shared > 0 && (!best || shared > best.shared)) best = { decision: d, shared };
  }
  return best?.decision ?? target;
}

export async function routeRow(row: CorpusRow, files: FileDiff[], config: Config): Promise<RowOutcome> {
  const decisions = routeHunks(files, config, await runRules(files, config));
  const target =
    row.label === 'security'
      ? (decisions.find(
          (d) =>
            d.hunk.file === row.file &&
            d.hunk.lines.some((l) => l.kind === 'add' && l.text.includes(row.addedSubstring)),
        ) ?? null)
      : null;
  const reviewed = target ? reviewedAs(target, decisions, files) : null;
  const claude = decisions.filter((d) => d.route === 'claude');
  const sum = (list: readonly RouteDecision[]) => list.reduce((n, d) => n + d.estimatedTokens, 0);
  return {
    row,
    decisions,
    target,
    reviewed,
    hunks: decisions.length,
    toClaude: claude.length,
    tokens: sum(decisions),
    claudeTokens: sum(claude),
    skippedTokens: sum(decisions.filter((d) => d.route === 'skip')),
    oversizedLocalTokens: sum(
      decisions.filter((d) => d.route === 'local' && d.estimatedTokens > localCapacity(config)),
    ),
    skippedFiles: files.filter((f) => f.skipped).length,
  };
}

export function summarise(outcomes: readonly RowOutcome[]): CorpusSummary {
  const security = outcomes.filter((o) => o.row.label === 'security');
  const routine = outcomes.filter((o) => o.row.label === 'routine');
  const securityHit = security.filter((o) => o.reviewed?.route === 'claude').length;
  const routineHunks = routine.reduce((n, o) => n + o.hunks, 0);
  const routineToClaude = routine.reduce((n, o) => n + o.toClaude, 0);
  const pct = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 10);
  const total = (list: readonly RowOutcome[], pick: (o: RowOutcome) => number) =>
    list.reduce((n, o) => n + pick(o), 0);
  const securityReleaseHunks = total(security, (o) => o.hunks);
  const securityReleaseToClaude = total(security, (o) => o.toClaude);
  const claudeTokens = total(outcomes, (o) => o.claudeTokens);
  const allTokens = total(outcomes, (o) => o.tokens);
  return {
    securityRows: security.length,
    securityHit,
    securityPercent: pct(securityHit, security.length),
    routineHunks,
    routineToClaude,
    routinePercent: pct(routineToClaude, routineHunks),
    securityReleaseHunks,
    securityReleaseToClaude,
    securityReleasePercent: pct(securityReleaseToClaude, securityReleaseHunks),
    claudeTokens,
    allTokens,
    tokenShare: allTokens === 0 ? 0 : Math.round((claudeTokens / allTokens) * 1000) / 1000,
    skippedTokenShare:
      allTokens === 0 ? 0 : Math.round((total(outcomes, (o) => o.skippedTokens) / allTokens) * 1000) / 1000,
    tokenShareWithFallback:
      allTokens === 0
        ? 0
        : Math.round(((claudeTokens + total(outcomes, (o) => o.oversizedLocalTokens)) / allTokens) * 1000) /
          1000,
    skippedFiles: total(outcomes, (o) => o.skippedFiles),
  };
}
