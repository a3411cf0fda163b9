// Secret detection and redaction against peers' own fixtures, side by side with secretlint's recommended
// preset on the same files:
// - recall: fixture secrets flagged (any finding on the secret's lines) / all;
// - leak rate: secrets that reached a model request un-redacted, through the real pipeline (runReview, the real
//   Anthropic client, the recording loopback server); for secretlint, secrets its reported ranges do not cover;
// - blocking false positives: findings that would block on real releases from `npm pack`.
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import type { Config } from '../src/config/schema.js';
import { readDiff } from '../src/git/readDiff.js';
import { describeReason } from '../src/messages/outcomes.js';
import { runReview } from '../src/pipeline/runReview.js';
import { Redactor, redactText } from '../src/review/redact.js';
import { runRules } from '../src/rules/runRules.js';
import { POSSIBLE_SECRETS_RULE_ID, SECRETS_RULE_ID } from '../src/rules/secretFindings.js';
import type { FileDiff, Finding } from '../src/types.js';
import { startFakeAnthropic } from '../test/fakes/anthropicServer.js';
import { createRepo } from '../test/helpers/gitRepo.js';
import { packedTree } from '../test/helpers/npmPack.js';
import type { FixtureFile, Fixtures, FixtureValue } from './secretsFixtures.js';

export type Context = 'js' | 'env' | 'yaml' | 'json' | 'multi-line' | 'line';

export interface Placed {
  source: 'secretlint' | 'gitleaks';
  rule: string;
  context: Context;
  path: string;
  content: string;
  /** The secret as a leak check looks for it (the password of a URL with credentials). */
  secret: string;
}

export interface Outcome {
  placed: Placed;
  hunkwise: 'block' | 'possible' | null;
  secretlint: boolean;
  leaked: boolean;
  /**
   * Does the secret survive redacting its file alone, with a fresh redactor? In the pipeline run a value the
   * redactor replaced in one file is replaced again wherever it reappears, and the corpus places each value in
   * four files: this is the stricter reading, file by file.
   */
  leakedAlone: boolean;
  /** Would redacting exactly secretlint's reported ranges leave any of the secret? */
  secretlintLeaks: boolean;
}

const words = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
const snake = (name: string) => words(name).join('_');
const camel = (name: string) =>
  words(name)
    .map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1)))
    .join('');
const quoted = (value: string) => (value.includes('"') ? `'${value}'` : `"${value}"`);

/** In `scheme://user:password@host` the password is the secret; the rest is an address. */
function secretPart(value: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:([^\s/]+)@[^@\s/]+/i.exec(value);
  return m ? m[1]! : value;
}

/** Each fixture value in the four contexts the issue names; fixture files as written. */
export function place(fixtures: Fixtures): Placed[] {
  const placed: Placed[] = [];
  fixtures.values.forEach((v: FixtureValue, n) => {
    const id = `${v.source}/${v.rule.replace(/^secretlint-rule-/, '')}-${n}`;
    const plain = /^[A-Za-z0-9._~+/=-]+$/.test(v.value);
    const base = { source: v.source, rule: v.rule };
    const secret = secretPart(v.value);
    // In YAML and JSON a value with quotes or backslashes is written escaped: look for it as written.
    const escaped = JSON.stringify(secret).slice(1, -1);
    placed.push(
      {
        ...base,
        secret,
        context: 'js',
        path: `${id}.js`,
        content: `const ${camel(v.name)} = ${quoted(v.value)};\n`,
      },
      {
        ...base,
        secret,
        context: 'env',
        path: `${id}.env`,
        content: `${snake(v.name).toUpperCase()}=${v.value}\n`,
      },
      {
        ...base,
        secret: plain ? secret : escaped,
        context: 'yaml',
        path: `${id}.yml`,
        content: `${snake(v.name)}: ${plain ? v.value : JSON.stringify(v.value)}\n`,
      },
      {
        ...base,
        secret: escaped,
        context: 'json',
        path: `${id}.json`,
        content: `{\n  ${JSON.stringify(camel(v.name))}: ${JSON.stringify(v.value)}\n}\n`,
      },
    );
  });
  fixtures.files.forEach((f: FixtureFile, n) => {
    const context: Context = f.source === 'gitleaks' ? 'line' : 'multi-line';
    for (const secret of f.secrets)
      placed.push({
        source: f.source,
        rule: f.rule,
        context,
        path: `${f.source}/files-${n}/${f.fileName}`,
        content: f.content,
        secret: secretPart(secret),
      });
  });
  return placed;
}

function linesOf(content: string, secret: string): { start: number; end: number } | null {
  const at = content.indexOf(secret);
  if (at === -1) return null;
  const start = content.slice(0, at).split('\n').length;
  return { start, end: start + secret.split('\n').length - 1 };
}

let lint: ((content: string, path: string) => ReturnType<typeof lintSource>) | undefined;

/** secretlint with its recommended preset, as its CLI would run it on one file. */
export function secretlint(content: string, path: string): ReturnType<typeof lintSource> {
  if (!lint) {
    secretLintProfiler.mark = () => {}; // see src/rules/secretlintMatches.ts
    const config = { rules: [{ id: recommended.meta.id, rule: recommended }] };
    lint = (text, file) =>
      lintSource({
        source: {
          content: text,
          filePath: file,
          ext: file.slice(file.lastIndexOf('.')),
          contentType: 'text',
        },
        options: { config, noPhysicFilePath: true },
      });
  }
  return lint(content, path);
}

/** Every string in a parsed request body, joined: what a model could read, JSON escapes undone. */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out);
  return out;
}

const WINDOW = 16;

/** The secret, or any 16 characters of it (PEM armour lines aside), in `text`. */
function leaks(secret: string, text: string): boolean {
  if (text.includes(secret)) return true;
  const body = secret.replace(/-----(?:BEGIN|END)[A-Z0-9 ]*-----/g, '\n');
  for (const part of body.split(/\\n|\n/)) {
    if (part.length < WINDOW) {
      if (part.length >= 8 && text.includes(part)) return true;
      continue;
    }
    for (let k = 0; k + WINDOW <= part.length; k++) if (text.includes(part.slice(k, k + WINDOW))) return true;
  }
  return false;
}

/**
 * What the requests said about each placed file: from each mention of its path to the next mention of another
 * placed file (its hunk and context follow the path). Throws when a placed file never reached a request.
 */
function sectionsByPath(sent: string, placed: readonly Placed[]): Map<string, string> {
  const paths = new Set(placed.map((p) => p.path));
  const hits = [...sent.matchAll(/(?:secretlint|gitleaks)\/[^\s"'`<>]+/g)].filter((m) => paths.has(m[0]));
  const sections = new Map<string, string>();
  hits.forEach((hit, k) => {
    const end = hits.slice(k + 1).find((next) => next[0] !== hit[0])?.index ?? sent.length;
    sections.set(hit[0], (sections.get(hit[0]) ?? '') + sent.slice(hit.index, end));
  });
  const missing = [...paths].filter((path) => !sections.has(path));
  if (missing.length > 0)
    throw new Error(`${missing.length} placed files never reached a request, e.g. ${missing[0]}`);
  return sections;
}

export interface CorpusRun {
  outcomes: Outcome[];
  requests: number;
  hunksSent: number;
  /** Hunks the pipeline did not get reviewed (a leak check over them would prove nothing). */
  notReviewed: Array<{ path: string; reason: string }>;
}

/** All placed files in one commit, reviewed by the real pipeline with every hunk sent to Claude. */
export async function measureCorpus(placed: readonly Placed[], defaults: Config): Promise<CorpusRun> {
  const repo = createRepo();
  const fake = await startFakeAnthropic();
  try {
    repo.commit('base', { 'README.md': 'fixtures\n' });
    const tree: Record<string, string> = {};
    for (const p of placed) tree[p.path] = p.content;
    repo.commit('fixtures', tree);
    // Redaction alone is measured: never_send (which would hold .env files back) is emptied.
    const config: Config = {
      ...defaults,
      never_send: [],
      ignore: [],
      cache: { ...defaults.cache, enabled: false },
      routing: { ...defaults.routing, always_claude: ['**'] },
      claude: { ...defaults.claude, budget_tokens: 1e9 },
    };
    const result = await runReview({
      cwd: repo.dir,
      env: { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.url },
      config,
      spec: { kind: 'range', range: 'HEAD~1..HEAD' },
      mode: 'cli',
      dryRun: false,
      signal: new AbortController().signal,
      allowClaude: true,
      allowLocal: false,
    });
    const requests = fake.messageRequests();
    const sent = requests.map((r) => stringsOf(r.body).join('\n')).join('\n');
    if (process.env.HUNKWISE_BENCH_DUMP) writeFileSync(process.env.HUNKWISE_BENCH_DUMP, sent);
    const sections = sectionsByPath(sent, placed);
    const byFile = new Map<string, Finding[]>();
    for (const { finding } of result.findings) {
      if (finding.category !== 'secret' || finding.source !== 'rule') continue;
      byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
    }
    const outcomes: Outcome[] = [];
    for (const p of placed) {
      const lines = linesOf(p.content, p.secret);
      const on = (start: number, end: number) => lines !== null && start <= lines.end && end >= lines.start;
      const found = (byFile.get(p.path) ?? []).filter((f) => f.range && on(f.range.start, f.range.end));
      const tier = found.some((f) => f.origin === SECRETS_RULE_ID)
        ? 'block'
        : found.some((f) => f.origin === POSSIBLE_SECRETS_RULE_ID)
          ? 'possible'
          : null;
      const messages = (await secretlint(p.content, p.path)).messages;
      const at = p.content.indexOf(p.secret);
      const covered = (k: number) => messages.some((m) => m.range[0] <= k && k < m.range[1]);
      const secretlintLeaks = at === -1 || [...p.secret].some((ch, k) => ch !== '\n' && !covered(at + k));
      const secretText =
        p.secret.length >= 8 ? p.secret : p.content.slice(Math.max(0, at - 1), at + p.secret.length + 1);
      const alone = await redactText(p.content, new Redactor(), p.path);
      outcomes.push({
        placed: p,
        leakedAlone: leaks(secretText, alone.text),
        hunkwise: tier,
        secretlint: messages.some((m) => on(m.loc.start.line, m.loc.end.line)),
        leaked: leaks(secretText, sections.get(p.path) ?? ''),
        secretlintLeaks,
      });
    }
    const notReviewed = result.outcomes.flatMap((o) =>
      o.status === 'reviewed' ? [] : [{ path: o.hunk.file, reason: describeReason(o.reason) }],
    );
    return { outcomes, requests: requests.length, hunksSent: result.decisions.length, notReviewed };
  } finally {
    await fake.close();
    repo.cleanup();
  }
}

export interface Release {
  name: string;
  /** null: the full tree, as if every file were added. */
  from: string | null;
  to: string;
}

export interface ReleaseResult {
  release: Release;
  files: number;
  addedLines: number;
  blocking: Array<{ file: string; line: number; kind: string }>;
  possible: number;
  /** Each possible finding with its line's text, for the tuning notes (never written to the results file). */
  possibleFindings: Array<{ file: string; line: number; kind: string; text: string }>;
  secretlint: number;
}

/** Both versions committed (or the full tree over an empty commit), diffed by hunkwise's own reader. */
async function releaseDiff(release: Release, cacheDir: string): Promise<FileDiff[]> {
  const repo = createRepo();
  try {
    repo.commit('empty');
    for (const version of release.from ? [release.from, release.to] : [release.to]) {
      rmSync(join(repo.dir, 'package'), { recursive: true, force: true });
      cpSync(await packedTree(release.name, version, cacheDir), join(repo.dir, 'package'), {
        recursive: true,
      });
      repo.commit(version);
    }
    const diff = await readDiff(
      { kind: 'range', range: 'HEAD~1..HEAD' },
      { cwd: repo.dir, ignore: [], maxFileChangedLines: 1e9, maxTotalChangedLines: 1e12 },
    );
    return diff.files;
  } finally {
    repo.cleanup();
  }
}

/** The kind a secret finding names: `Possible GitHub token committed.`, `Possible secret (random token): …`. */
const kindOf = (message: string) =>
  /^Possible secret \(([^)]*)\)/.exec(message)?.[1] ??
  /^Possible (.*?) committed/.exec(message)?.[1] ??
  message;

/** Every file scanned, ignore globs and size limits off: the harshest reading of a release. */
export async function measureRelease(
  release: Release,
  cacheDir: string,
  defaults: Config,
): Promise<ReleaseResult> {
  const files = await releaseDiff(release, cacheDir);
  const config: Config = { ...defaults, ignore: [] };
  const findings = await runRules(files, config);
  let secretlintCount = 0;
  for (const file of files) {
    for (const hunk of file.hunks) {
      const text = hunk.lines.map((l) => l.text).join('\n');
      const added = new Set(hunk.lines.flatMap((l, i) => (l.kind === 'add' ? [i + 1] : [])));
      const { messages } = await secretlint(text, hunk.file);
      secretlintCount += messages.filter((m) => added.has(m.loc.start.line)).length;
    }
  }
  const lineText = new Map<string, string>();
  for (const file of files)
    for (const hunk of file.hunks)
      for (const line of hunk.lines)
        if (line.kind === 'add') lineText.set(`${hunk.file}:${line.newLine}`, line.text.slice(0, 300));
  const possible = findings.filter((f) => f.origin === POSSIBLE_SECRETS_RULE_ID);
  return {
    release,
    files: files.length,
    addedLines: files.reduce((n, f) => n + f.added, 0),
    blocking: findings
      .filter((f) => f.origin === SECRETS_RULE_ID)
      .map((f) => ({ file: f.file, line: f.range?.start ?? 0, kind: kindOf(f.message) })),
    possible: possible.length,
    possibleFindings: possible.map((f) => {
      const line = f.range?.start ?? 0;
      return { file: f.file, line, kind: kindOf(f.message), text: lineText.get(`${f.file}:${line}`) ?? '' };
    }),
    secretlint: secretlintCount,
  };
}
