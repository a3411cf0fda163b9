// GitHub as a HostAdapter: the Actions environment (context.ts) and its job surfaces (actions.ts) tell
// which pull request a job reviews; githubHost.ts reads and posts through the REST API.
import { UsageError } from '../../errors.js';
import { githubMessages as m } from '../../messages/github.js';
import type { ArtifactRun, ChangeRequestRun, HostAdapter } from '../reviewHost.js';
import { actionsSurfaces } from './actions.js';
import { readEventPayload, readGitHubContext, readRunEnv } from './context.js';
import { ACTIONS_BOT, createGitHubHost } from './githubHost.js';

type Env = Record<string, string | undefined>;

async function readRun(env: Env): Promise<ChangeRequestRun> {
  const ctx = await readGitHubContext(env);
  return {
    pull: { repository: `${ctx.owner}/${ctx.repo}`, number: ctx.pullNumber },
    headSha: ctx.head.sha,
    baseSha: ctx.base.sha,
    isFork: ctx.isFork,
    token: ctx.token,
    apiUrl: ctx.apiUrl,
    warnings: ctx.eventName === 'pull_request_target' ? [m.pullRequestTarget()] : [],
    surfaces: actionsSurfaces(ctx),
  };
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

/** The trusted `workflow_run` job of the fork-safe pair. */
async function readArtifactRun(env: Env): Promise<ArtifactRun> {
  const run = readRunEnv(env);
  if (run.eventName !== 'workflow_run') throw new UsageError(m.notWorkflowRun(run.eventName));
  const event = (await readEventPayload(env)) as WorkflowRunEvent;
  const head = event.workflow_run?.head_sha;
  return {
    repository: `${run.owner}/${run.repo}`,
    token: run.token,
    apiUrl: run.apiUrl,
    triggeringHead: typeof head === 'string' ? head : null,
    numbers: pullRequestNumbers(event),
    surfaces: actionsSurfaces(run),
  };
}

export const github = {
  name: 'github',
  // The default host: its context reader says what is missing when no CI is recognised at all.
  detects: (env) => env.GITHUB_ACTIONS === 'true' || env.GITHUB_EVENT_PATH !== undefined,
  readRun,
  readArtifactRun,
  connect: (pull, { token, apiUrl }, { log, tuning }) =>
    createGitHubHost({ pull, token, apiUrl, log, ...tuning }),
  missingToken: m.missingToken,
  defaultPoster: ACTIONS_BOT,
} satisfies HostAdapter;
