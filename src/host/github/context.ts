// GitHub Actions' environment and event payload, read once at the edge into a typed context.
// @see https://docs.github.com/en/actions/reference/workflows-and-actions/variables
import { readFile } from 'node:fs/promises';
import { UsageError } from '../../errors.js';
import { githubMessages as m } from '../../messages/github.js';

export interface PullRequestSide {
  sha: string;
  ref: string;
  /** `owner/name`; null when the fork was deleted. */
  repoFullName: string | null;
}

export interface GitHubContext {
  eventName: string;
  /** `opened`, `synchronize`, … when the event has one. */
  action: string | null;
  owner: string;
  repo: string;
  pullNumber: number;
  head: PullRequestSide;
  base: PullRequestSide;
  /** Head repository differs from (or no longer exists next to) the base repository. */
  isFork: boolean;
  draft: boolean;
  /** Empty string when the workflow did not pass the secret: treated as absent. */
  token: string | null;
  apiUrl: string;
  serverUrl: string;
  stepSummaryPath: string | null;
  runUrl: string | null;
}

type Env = Record<string, string | undefined>;

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

function record(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function side(value: unknown, which: 'head' | 'base'): PullRequestSide {
  const obj = record(value);
  const sha = str(obj?.sha);
  if (!obj || !sha || !/^[0-9a-f]{40,64}$/i.test(sha))
    throw new UsageError(m.eventMissingField(`pull_request.${which}.sha`));
  return { sha, ref: str(obj.ref) ?? '', repoFullName: str(record(obj.repo)?.full_name) };
}

function repository(env: Env): { owner: string; repo: string } {
  const full = str(env.GITHUB_REPOSITORY);
  const [owner, repo, extra] = full?.split('/') ?? [];
  if (!owner || !repo || extra !== undefined)
    throw new UsageError(m.missingRepository(env.GITHUB_REPOSITORY));
  return { owner, repo };
}

/** The parts of the environment every GitHub run needs, whatever the event. */
export function readRunEnv(env: Env) {
  const serverUrl = str(env.GITHUB_SERVER_URL) ?? 'https://github.com';
  const runId = str(env.GITHUB_RUN_ID);
  return {
    ...repository(env),
    eventName: str(env.GITHUB_EVENT_NAME) ?? '',
    token: str(env.GITHUB_TOKEN?.trim()),
    apiUrl: (str(env.GITHUB_API_URL) ?? 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl,
    stepSummaryPath: str(env.GITHUB_STEP_SUMMARY),
    runUrl:
      runId && env.GITHUB_REPOSITORY ? `${serverUrl}/${env.GITHUB_REPOSITORY}/actions/runs/${runId}` : null,
  };
}

/** Pure: environment + parsed event payload → context, or a UsageError saying what is missing. */
export function parseGitHubContext(env: Env, event: unknown): GitHubContext {
  const run = readRunEnv(env);
  if (!PR_EVENTS.has(run.eventName)) throw new UsageError(m.notPullRequestEvent(run.eventName));
  const payload = record(event);
  const pr = record(payload?.pull_request);
  if (!payload || !pr) throw new UsageError(m.eventMissingField('pull_request'));
  const pullNumber = Number(pr.number ?? payload.number);
  if (!Number.isSafeInteger(pullNumber) || pullNumber <= 0)
    throw new UsageError(m.eventMissingField('number'));
  const head = side(pr.head, 'head');
  const base = side(pr.base, 'base');
  return {
    ...run,
    action: str(payload.action),
    pullNumber,
    head,
    base,
    isFork: isForkPullRequest(head, base),
    draft: pr.draft === true,
  };
}

/** A fork PR: the head lives in another repository, or its repository is gone. */
export function isForkPullRequest(head: PullRequestSide, base: PullRequestSide): boolean {
  return head.repoFullName === null || head.repoFullName.toLowerCase() !== base.repoFullName?.toLowerCase();
}

/** Reads the event file named by GITHUB_EVENT_PATH. */
export async function readEventPayload(env: Env): Promise<unknown> {
  const path = str(env.GITHUB_EVENT_PATH);
  if (!path) throw new UsageError(m.missingEventPath());
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(m.unreadableEvent(path, error));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(m.unreadableEvent(path, error));
  }
}

export async function readGitHubContext(env: Env): Promise<GitHubContext> {
  if (!str(env.GITHUB_EVENT_PATH)) throw new UsageError(m.missingEventPath());
  readRunEnv(env); // fail on a missing repository before touching the file system
  return parseGitHubContext(env, await readEventPayload(env));
}
