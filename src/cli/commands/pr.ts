// `review pr`: the CI composition root. Reviews a pull request inside GitHub Actions and posts one
// review, or writes an artifact/SARIF/rdjson, or posts a previously computed artifact (fork-safe mode).
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfig } from '../../config/load.js';
import type { Config } from '../../config/schema.js';
import { type GitHubContext, readEventPayload, readGitHubContext, readRunEnv } from '../../env/github.js';
import { ServiceError, UsageError } from '../../errors.js';
import type { DiffSpec } from '../../git/diffSpec.js';
import { repositoryRoot } from '../../git/root.js';
import type { DismissRecord } from '../../memory/record.js';
import { githubMessages as m } from '../../messages/github.js';
import { runReview } from '../../pipeline/runReview.js';
import {
  ARTIFACT_MAX_BYTES,
  parseArtifact,
  resultFromReport,
  toArtifact,
} from '../../report/github/artifact.js';
import type { ClientOptions } from '../../report/github/client.js';
import { createGitHubClient, describeRequestError } from '../../report/github/client.js';
import { jobSummaryMarkdown, writeJobSummary } from '../../report/github/fallback.js';
import { track } from '../../report/github/markdown.js';
import { outstandingResult, pullRequestExit } from '../../report/github/outstanding.js';
import { publishPullRequestReview } from '../../report/github/publish.js';
import { decideScope, exactGlob, upstreamPaths } from '../../report/github/scope.js';
import type { ListedFinding } from '../../report/github/summary.js';
import { toRdjson } from '../../report/rdjson.js';
import { toSarif } from '../../report/sarif.js';
import type { ReviewResult } from '../../types.js';
import type { CliIo } from '../io.js';
import { helpText, type OptionTable, parseOptions } from '../options.js';
import { checkOutputFile, writeOutputFile } from '../outputFile.js';

const OPTIONS = {
  format: {
    type: 'string',
    value: 'FMT',
    description: 'github (default: post the review), json (artifact), sarif or rdjson.',
  },
  output: { type: 'string', value: 'FILE', description: 'Write json/sarif/rdjson here instead of stdout.' },
  'dry-run': {
    type: 'boolean',
    description: 'Route only, call no model, post nothing; print what would be posted.',
  },
  'from-artifact': {
    type: 'string',
    value: 'FILE',
    description: 'Post a review computed by an untrusted run (workflow_run).',
  },
  config: {
    type: 'string',
    value: 'FILE',
    description: 'Config file (default: config.yml at the repository root).',
  },
  help: { type: 'boolean', short: 'h', description: 'Show this help.' },
} satisfies OptionTable;

const FORMATS = ['github', 'json', 'sarif', 'rdjson'] as const;
type PrFormat = (typeof FORMATS)[number];

export interface PrOutcome {
  /** What stands on the pull request after this run (or what the written document holds). */
  result: ReviewResult;
  config: Config;
  code: number;
}

export interface PrDeps {
  /** Test seam: fast Octokit timing against the loopback server. */
  client?: Partial<ClientOptions>;
  /** The GitHub Action's inputs, laid over the loaded config (model, host, fail_on.ci). */
  adjustConfig?: (config: Config) => Config;
  /** The GitHub Action's outputs are computed from this; not called when nothing was judged. */
  onOutcome?: (outcome: PrOutcome) => void;
}

const logTo = (io: CliIo) => (line: string) => void io.stderr.write(`review: ${line}\n`);

function formatOf(value: string | undefined): PrFormat {
  const format = (value ?? 'github') as PrFormat;
  if (!FORMATS.includes(format)) throw new UsageError(m.unknownFormat(value ?? ''));
  return format;
}

function exitFor(
  result: ReviewResult | null,
  outstanding: readonly ListedFinding[],
  config: Config,
  io: CliIo,
  deps: PrDeps,
) {
  const exit = pullRequestExit(result, outstanding, config);
  if (exit.reason) logTo(io)(exit.reason);
  deps.onOutcome?.({ result: outstandingResult(result, outstanding), config, code: exit.code });
  return exit.code;
}

async function loadPrConfig(cwd: string, io: CliIo, path: string | undefined, deps: PrDeps) {
  const loaded = await loadConfig({ cwd, path, env: io.env });
  return { ...loaded, config: deps.adjustConfig ? deps.adjustConfig(loaded.config) : loaded.config };
}

async function engine(root: string, io: CliIo, config: Config, dryRun: boolean) {
  return (spec: DiffSpec, skipPaths: readonly string[] = [], dismissed: readonly DismissRecord[] = []) =>
    runReview({
      cwd: root,
      env: io.env,
      // Upstream files become exact ignore globs: reported as skipped, then dropped as not in the PR.
      config: skipPaths.length
        ? { ...config, ignore: [...config.ignore, ...skipPaths.map(exactGlob)] }
        : config,
      spec,
      mode: 'ci',
      dryRun,
      signal: io.signal,
      allowClaude: true,
      extraDismissals: dismissed,
    });
}

function writeOut(io: CliIo, output: string | undefined, text: string) {
  if (output) writeOutputFile(resolve(io.cwd, output), text);
  else io.stdout.write(text);
}

/** json/sarif/rdjson: review the whole pull request and write the document; never posts. */
async function writeFormat(
  format: Exclude<PrFormat, 'github'>,
  ctx: GitHubContext,
  io: CliIo,
  values: { output?: string; 'dry-run'?: boolean; config?: string },
  deps: PrDeps,
) {
  if (values.output !== undefined) checkOutputFile(io.cwd, values.output);
  const root = await repositoryRoot(io.cwd);
  const { config } = await loadPrConfig(root, io, values.config, deps);
  const review = await engine(root, io, config, values['dry-run'] ?? false);
  const result = await review({ kind: 'pair', base: ctx.base.sha, head: ctx.head.sha });
  const doc =
    format === 'sarif'
      ? toSarif(result)
      : format === 'rdjson'
        ? toRdjson(result)
        : toArtifact(result, {
            repository: `${ctx.owner}/${ctx.repo}`,
            number: ctx.pullNumber,
            headSha: ctx.head.sha,
            baseSha: ctx.base.sha,
          });
  writeOut(io, values.output, `${JSON.stringify(doc, null, 2)}\n`);
  if (values.output && format === 'json') logTo(io)(m.artifactWritten(values.output));
  if (ctx.stepSummaryPath) await writeJobSummary(ctx.stepSummaryPath, jobSummaryOf(ctx.head.sha, result));
  return exitFor(result, [], config, io, deps);
}

/** The job summary of a run that does not post (fork-safe untrusted run, SARIF/rdjson export). */
function jobSummaryOf(headSha: string, result: ReviewResult): string {
  return jobSummaryMarkdown({
    headSha,
    scope: [m.fullReview()],
    findings: result.findings.map((p) => ({ finding: track(p.finding), where: 'summary' as const })),
    result,
    resolved: 0,
    listInline: true,
    overflowTo: 'the workflow log',
  });
}

async function postCurrent(
  ctx: GitHubContext,
  io: CliIo,
  values: { 'dry-run'?: boolean; config?: string },
  deps: PrDeps,
) {
  // A missing token is a workflow mistake: stop before any model is paid for (README: exit 5).
  if (!ctx.token && !values['dry-run']) throw new ServiceError(m.missingToken());
  const root = await repositoryRoot(io.cwd);
  const { config, warnings } = await loadPrConfig(root, io, values.config, deps);
  for (const warning of warnings) logTo(io)(warning);
  if (ctx.eventName === 'pull_request_target') logTo(io)(m.pullRequestTarget());
  const dryRun = values['dry-run'] ?? false;
  const outcome = await publishPullRequestReview({
    target: { owner: ctx.owner, repo: ctx.repo, pullNumber: ctx.pullNumber },
    headSha: ctx.head.sha,
    isFork: ctx.isFork,
    token: ctx.token,
    apiUrl: ctx.apiUrl,
    stepSummaryPath: ctx.stepSummaryPath,
    runUrl: ctx.runUrl,
    config,
    dryRun,
    stdout: io.stdout,
    log: logTo(io),
    review: await engine(root, io, config, dryRun),
    decideScope: (lastHead) => decideScope(root, { baseSha: ctx.base.sha, headSha: ctx.head.sha }, lastHead),
    upstreamPaths: (from, to, prPaths) => upstreamPaths(root, from, to, prPaths),
    ...(deps.client ? { client: deps.client } : {}),
  });
  return exitFor(outcome.result, outcome.listed, config, io, deps);
}

interface WorkflowRunEvent {
  workflow_run?: { head_sha?: unknown; pull_requests?: unknown };
}

/** The pull requests the triggering run was for; GitHub leaves this empty for fork pull requests. */
function pullRequestNumbers(event: WorkflowRunEvent): number[] {
  const list = event.workflow_run?.pull_requests;
  if (!Array.isArray(list)) return [];
  return list.map((p) => (p as { number?: unknown } | null)?.number).filter((n) => typeof n === 'number');
}

async function readArtifact(file: string) {
  try {
    const info = await stat(file);
    if (info.size > ARTIFACT_MAX_BYTES) throw new Error(`larger than ${ARTIFACT_MAX_BYTES} bytes`);
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    throw new UsageError(m.artifactUnreadable(file, error));
  }
}

/** Trusted `workflow_run` job: validate the untrusted run's artifact and post it; no PR code is touched. */
async function postArtifact(
  file: string,
  io: CliIo,
  values: { 'dry-run'?: boolean; config?: string },
  deps: PrDeps,
) {
  const run = readRunEnv(io.env);
  if (run.eventName !== 'workflow_run') throw new UsageError(m.notWorkflowRun(run.eventName));
  const event = (await readEventPayload(io.env)) as WorkflowRunEvent;
  const parsed = parseArtifact(await readArtifact(resolve(io.cwd, file)));
  if ('issues' in parsed) throw new UsageError(m.artifactInvalid(file, parsed.issues));
  const { pullRequest, report } = parsed.artifact;
  if (pullRequest.repository.toLowerCase() !== `${run.owner}/${run.repo}`.toLowerCase())
    throw new UsageError(
      m.artifactInvalid(file, [`it names ${pullRequest.repository}, not ${run.owner}/${run.repo}`]),
    );
  const triggering = event.workflow_run?.head_sha;
  if (typeof triggering !== 'string' || triggering !== pullRequest.headSha)
    throw new UsageError(m.artifactHeadMismatch(pullRequest.headSha, String(triggering ?? 'unknown')));
  const runFor = pullRequestNumbers(event);
  if (runFor.length > 0 && !runFor.includes(pullRequest.number))
    throw new UsageError(m.artifactNumberMismatch(pullRequest.number, runFor));
  if (!run.token) throw new ServiceError(m.missingToken());
  const { config } = await loadPrConfig(io.cwd, io, values.config, deps);
  const log = logTo(io);
  const octokit = await createGitHubClient({ token: run.token, baseUrl: run.apiUrl, log, ...deps.client });
  const target = { owner: run.owner, repo: run.repo, pullNumber: pullRequest.number };
  let current: { sha: string; fork: boolean };
  try {
    const { data } = await octokit.rest.pulls.get({
      owner: run.owner,
      repo: run.repo,
      pull_number: pullRequest.number,
    });
    current = { sha: data.head.sha, fork: data.head.repo?.full_name !== data.base.repo.full_name };
  } catch (error) {
    const { status, detail } = describeRequestError(error);
    const where = `${run.owner}/${run.repo}`;
    // 404: the artifact names a pull request this repository does not have: the input is wrong, not GitHub.
    if (status === 404) throw new UsageError(m.artifactPullMissing(pullRequest.number, where, detail));
    throw new ServiceError(m.artifactPullUnreadable(pullRequest.number, where, status, detail));
  }
  const result = resultFromReport(report);
  if (current.sha !== pullRequest.headSha) {
    log(m.artifactStale(pullRequest.headSha, current.sha));
    return 0;
  }
  const outcome = await publishPullRequestReview({
    target,
    headSha: pullRequest.headSha,
    isFork: current.fork,
    token: run.token,
    apiUrl: run.apiUrl,
    stepSummaryPath: run.stepSummaryPath,
    runUrl: run.runUrl,
    config,
    dryRun: values['dry-run'] ?? false,
    stdout: io.stdout,
    log,
    review: async () => result,
    decideScope: async (lastHead) =>
      lastHead === pullRequest.headSha
        ? { scope: { kind: 'unchanged' }, spec: null }
        : {
            scope: { kind: 'full', notes: [m.fullReview()] },
            spec: { kind: 'pair', base: pullRequest.baseSha, head: pullRequest.headSha },
          },
    ...(deps.client ? { client: deps.client } : {}),
  });
  return exitFor(outcome.result, outcome.listed, config, io, deps);
}

export async function prCommand(args: string[], io: CliIo, deps: PrDeps = {}): Promise<number> {
  const { values, positionals } = parseOptions(args, OPTIONS, m.usage());
  if (values.help) {
    io.stdout.write(helpText(m.usage(), OPTIONS));
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(m.usage());
  const artifact = values['from-artifact'];
  if (artifact) return postArtifact(artifact, io, values, deps);
  const format = formatOf(values.format);
  const ctx = await readGitHubContext(io.env);
  if (format !== 'github') return writeFormat(format, ctx, io, values, deps);
  return postCurrent(ctx, io, values, deps);
}
