// `review pr`: the CI composition root. Reviews a change request inside its host's CI (GitHub Actions)
// and posts one review through the host's adapter, or writes an artifact/SARIF/rdjson, or posts a
// previously computed artifact (fork-safe mode).
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfig } from '../../config/load.js';
import type { Config } from '../../config/schema.js';
import { errorMessage, ServiceError, UsageError } from '../../errors.js';
import type { DiffSpec } from '../../git/diffSpec.js';
import { repositoryRoot } from '../../git/root.js';
import { ARTIFACT_MAX_BYTES, parseArtifact, resultFromReport } from '../../host/artifact.js';
import { hostFor } from '../../host/hosts.js';
import { track } from '../../host/markdown.js';
import { outstandingResult, pullRequestExit } from '../../host/outstanding.js';
import { publishReview } from '../../host/publish.js';
import {
  type ChangeRequestRun,
  type ClientTuning,
  type HostAdapter,
  hostStatus,
  type JobSurfaces,
} from '../../host/reviewHost.js';
import { decideScope, exactGlob, upstreamPaths } from '../../host/scope.js';
import type { ListedFinding } from '../../host/summary.js';
import type { DismissRecord } from '../../memory/record.js';
import { githubMessages as m } from '../../messages/github.js';
import { runReview } from '../../pipeline/runReview.js';
import { CI_FORMATS, type CiFormatName, formatChoices, isCiFormat, renderAs } from '../../report/formats.js';
import type { ReviewResult } from '../../types.js';
import type { CliIo } from '../io.js';
import { helpText, type OptionTable, parseOptions } from '../options.js';
import { checkOutputFile, writeOutputFile } from '../outputFile.js';

const OPTIONS = {
  format: {
    type: 'string',
    value: 'FMT',
    description: `github (default: post the review) or a document: ${CI_FORMATS.join(', ')} (json is the fork-safe artifact).`,
  },
  output: { type: 'string', value: 'FILE', description: 'Write the document here instead of stdout.' },
  'dry-run': {
    type: 'boolean',
    description: 'Route only, call no model, post nothing; print what would be posted.',
  },
  'no-cache': {
    type: 'boolean',
    description:
      'Neither read nor write the review cache nor cached embeddings: every hunk goes to its model again.',
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

/** `github` posts on the change request's host; any other format is a document from the registry. */
type PrFormat = 'github' | CiFormatName;
const PR_FORMATS: readonly PrFormat[] = ['github', ...CI_FORMATS];
const USAGE = m.usage(formatChoices(PR_FORMATS));

export interface PrOutcome {
  /** What stands on the pull request after this run (or what the written document holds). */
  result: ReviewResult;
  config: Config;
  code: number;
}

export interface PrDeps {
  /** Test seam: fast client timing against the loopback server. */
  client?: ClientTuning;
  /** The GitHub Action's inputs, laid over the loaded config (model, host, fail_on.ci). */
  adjustConfig?: (config: Config) => Config;
  /** The GitHub Action's outputs are computed from this; not called when nothing was judged. */
  onOutcome?: (outcome: PrOutcome) => void;
}

const logTo = (io: CliIo) => (line: string) => void io.stderr.write(`review: ${line}\n`);

function formatOf(value: string | undefined): PrFormat {
  const format = value ?? 'github';
  if (format !== 'github' && !isCiFormat(format)) throw new UsageError(m.unknownFormat(format, PR_FORMATS));
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

interface EngineFlags {
  'dry-run'?: boolean;
  'no-cache'?: boolean;
}

async function engine(root: string, io: CliIo, config: Config, flags: EngineFlags) {
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
      dryRun: flags['dry-run'] ?? false,
      cache: !flags['no-cache'],
      signal: io.signal,
      allowClaude: true,
      extraDismissals: dismissed,
    });
}

function writeOut(io: CliIo, output: string | undefined, text: string) {
  if (output) writeOutputFile(resolve(io.cwd, output), text);
  else io.stdout.write(text);
}

/** json/sarif/rdjson: review the whole change request and write the document; never posts. */
async function writeFormat(
  format: CiFormatName,
  run: ChangeRequestRun,
  io: CliIo,
  values: EngineFlags & { output?: string; config?: string },
  deps: PrDeps,
) {
  if (values.output !== undefined) checkOutputFile(io.cwd, values.output);
  const root = await repositoryRoot(io.cwd);
  const { config } = await loadPrConfig(root, io, values.config, deps);
  const review = await engine(root, io, config, values);
  const result = await review({ kind: 'pair', base: run.baseSha, head: run.headSha });
  const changeRequest = { ...run.pull, headSha: run.headSha, baseSha: run.baseSha };
  const doc = await renderAs(format, result, { color: false, verbose: false, mode: 'ci', changeRequest });
  writeOut(io, values.output, doc);
  if (values.output && format === 'json') logTo(io)(m.artifactWritten(values.output));
  await writeWholeSummary(run.surfaces, run.headSha, result);
  return exitFor(result, [], config, io, deps);
}

/** The job summary of a run that does not post (fork-safe untrusted run, SARIF/rdjson export). */
async function writeWholeSummary(surfaces: JobSurfaces, headSha: string, result: ReviewResult) {
  await surfaces.writeSummary?.({
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
  host: HostAdapter,
  run: ChangeRequestRun,
  io: CliIo,
  values: EngineFlags & { config?: string },
  deps: PrDeps,
) {
  // A missing token is a workflow mistake: stop before any model is paid for (README: exit 5).
  if (!run.token && !values['dry-run']) throw new ServiceError(host.missingToken());
  const root = await repositoryRoot(io.cwd);
  const { config, warnings } = await loadPrConfig(root, io, values.config, deps);
  const log = logTo(io);
  for (const warning of [...warnings, ...run.warnings]) log(warning);
  const dryRun = values['dry-run'] ?? false;
  if (!run.token) log(host.missingToken());
  const outcome = await publishReview({
    number: run.pull.number,
    host: run.token
      ? await host.connect(run.pull, { token: run.token, apiUrl: run.apiUrl }, { log, ...tuning(deps) })
      : null,
    headSha: run.headSha,
    isFork: run.isFork,
    surfaces: run.surfaces,
    config,
    dryRun,
    stdout: io.stdout,
    log,
    review: await engine(root, io, config, values),
    decideScope: (lastHead) => decideScope(root, { baseSha: run.baseSha, headSha: run.headSha }, lastHead),
    upstreamPaths: (from, to, prPaths) => upstreamPaths(root, from, to, prPaths),
  });
  return exitFor(outcome.result, outcome.listed, config, io, deps);
}

const tuning = (deps: PrDeps) => (deps.client ? { tuning: deps.client } : {});

async function readArtifact(file: string) {
  try {
    const info = await stat(file);
    if (info.size > ARTIFACT_MAX_BYTES) throw new Error(`larger than ${ARTIFACT_MAX_BYTES} bytes`);
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    throw new UsageError(m.artifactUnreadable(file, error));
  }
}

/** Trusted job of the fork-safe pair: validate the untrusted run's artifact and post it; no PR code is touched. */
async function postArtifact(
  host: HostAdapter,
  file: string,
  io: CliIo,
  values: { 'dry-run'?: boolean; config?: string },
  deps: PrDeps,
) {
  const run = await host.readArtifactRun(io.env);
  const parsed = parseArtifact(await readArtifact(resolve(io.cwd, file)));
  if ('issues' in parsed) throw new UsageError(m.artifactInvalid(file, parsed.issues));
  const { pullRequest, report } = parsed.artifact;
  if (pullRequest.repository.toLowerCase() !== run.repository.toLowerCase())
    throw new UsageError(
      m.artifactInvalid(file, [`it names ${pullRequest.repository}, not ${run.repository}`]),
    );
  if (run.triggeringHead !== pullRequest.headSha)
    throw new UsageError(m.artifactHeadMismatch(pullRequest.headSha, run.triggeringHead ?? 'unknown'));
  if (run.numbers.length > 0 && !run.numbers.includes(pullRequest.number))
    throw new UsageError(m.artifactNumberMismatch(pullRequest.number, run.numbers));
  if (!run.token) throw new ServiceError(host.missingToken());
  const { config } = await loadPrConfig(io.cwd, io, values.config, deps);
  const log = logTo(io);
  const pull = { repository: run.repository, number: pullRequest.number };
  const connected = await host.connect(
    pull,
    { token: run.token, apiUrl: run.apiUrl },
    { log, ...tuning(deps) },
  );
  let current: { headSha: string; isFork: boolean };
  try {
    current = await connected.readChangeRequest();
  } catch (error) {
    const status = hostStatus(error);
    const detail = errorDetail(error);
    // 404: the artifact names a pull request this repository does not have: the input is wrong, not the host.
    if (status === 404)
      throw new UsageError(m.artifactPullMissing(pullRequest.number, run.repository, detail));
    throw new ServiceError(
      m.artifactPullUnreadable(pullRequest.number, run.repository, status ?? 'network', detail),
    );
  }
  const result = resultFromReport(report);
  if (current.headSha !== pullRequest.headSha) {
    log(m.artifactStale(pullRequest.headSha, current.headSha));
    return 0;
  }
  const outcome = await publishReview({
    number: pullRequest.number,
    host: connected,
    headSha: pullRequest.headSha,
    isFork: current.isFork,
    surfaces: run.surfaces,
    config,
    dryRun: values['dry-run'] ?? false,
    stdout: io.stdout,
    log,
    review: async () => result,
    untrusted: true,
    decideScope: async (lastHead) =>
      lastHead === pullRequest.headSha
        ? { scope: { kind: 'unchanged' }, spec: null }
        : {
            scope: { kind: 'full', notes: [m.fullReview()] },
            spec: { kind: 'pair', base: pullRequest.baseSha, head: pullRequest.headSha },
          },
  });
  return exitFor(outcome.result, outcome.listed, config, io, deps);
}

/** The host's own words for a refusal (HostRequestError), else the error's message. */
function errorDetail(error: unknown): string {
  return error instanceof Error && 'detail' in error ? String(error.detail) : errorMessage(error);
}

export async function prCommand(args: string[], io: CliIo, deps: PrDeps = {}): Promise<number> {
  const { values, positionals } = parseOptions(args, OPTIONS, USAGE);
  if (values.help) {
    io.stdout.write(helpText(USAGE, OPTIONS));
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(USAGE);
  const host = hostFor(io.env);
  const artifact = values['from-artifact'];
  if (artifact) return postArtifact(host, artifact, io, values, deps);
  const format = formatOf(values.format);
  const run = await host.readRun(io.env);
  if (format !== 'github') return writeFormat(format, run, io, values, deps);
  return postCurrent(host, run, io, values, deps);
}
