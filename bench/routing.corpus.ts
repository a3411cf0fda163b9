// The routing measurement on the labelled corpus (/work/shared/corpus/dev-security-routing.tsv style):
// each row's two published versions are packed, committed into a temp git repo, diffed by hunkwise's
// own reader, run through the rules and the router. Shared by bench/routing.mjs and the integration test.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../src/config/schema.js';
import { readDiff } from '../src/git/readDiff.js';
import { routeHunks } from '../src/route/route.js';
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
  hunks: number;
  toClaude: number;
}

export interface CorpusSummary {
  securityRows: number;
  securityHit: number;
  securityPercent: number;
  routineHunks: number;
  routineToClaude: number;
  routinePercent: number;
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
export function corpusConfig(defaults: Config): Config {
  return { ...defaults, ignore: defaults.ignore.filter((g) => !/\/(?:dist|build)\/\*\*$/.test(g)) };
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
  return {
    row,
    decisions,
    target,
    hunks: decisions.length,
    toClaude: decisions.filter((d) => d.route === 'claude').length,
  };
}

export function summarise(outcomes: readonly RowOutcome[]): CorpusSummary {
  const security = outcomes.filter((o) => o.row.label === 'security');
  const routine = outcomes.filter((o) => o.row.label === 'routine');
  const securityHit = security.filter((o) => o.target?.route === 'claude').length;
  const routineHunks = routine.reduce((n, o) => n + o.hunks, 0);
  const routineToClaude = routine.reduce((n, o) => n + o.toClaude, 0);
  const pct = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 10);
  return {
    securityRows: security.length,
    securityHit,
    securityPercent: pct(securityHit, security.length),
    routineHunks,
    routineToClaude,
    routinePercent: pct(routineToClaude, routineHunks),
  };
}
