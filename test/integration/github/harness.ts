// A pull request in a real temp git repository, the fake GitHub serving it, and `review pr` run in-process.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prCommand } from '../../../src/cli/commands/pr.js';
import type { CliIo } from '../../../src/cli/io.js';
import { run as runCli } from '../../../src/cli/main.js';
import { type FakeGitHub, type FakeGitHubOptions, startGitHubServer } from '../../fakes/githubServer.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';

export const TOKEN = 'ghs_test_token_123';
export const OWNER = 'octo';
export const REPO = 'hello';
export const NUMBER = 7;

/** Rules only (no model services needed); a custom rule makes findings on lines we choose. */
export const CONFIG = `local:
  enabled: false
claude:
  enabled: false
rules:
  custom:
    - id: todo
      pattern: 'TODO'
      message: 'A TODO left in the change.'
      severity: major
    - id: fixme
      pattern: 'FIXME'
      message: 'A FIXME left in the change.'
      severity: minor
`;

const require = createRequire(import.meta.url);
const examples = (
  require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{
    name: string;
    examples: Array<Record<string, unknown>>;
  }>
).find((e) => e.name === 'pull_request')?.examples;

/** The webhooks-examples payload for `action`, pointed at our repository, shas and number. */
export function pullRequestEvent(
  action: 'opened' | 'synchronize',
  pr: { head: string; base: string; fork?: boolean; before?: string },
) {
  const event = structuredClone(examples?.find((e) => e.action === action)) as {
    number: number;
    before?: string;
    after?: string;
    pull_request: {
      number: number;
      head: { sha: string; repo: { full_name: string } | null };
      base: { sha: string; repo: { full_name: string } };
    };
  };
  event.number = NUMBER;
  event.pull_request.number = NUMBER;
  event.pull_request.head.sha = pr.head;
  event.pull_request.base.sha = pr.base;
  event.pull_request.base.repo.full_name = `${OWNER}/${REPO}`;
  if (event.pull_request.head.repo)
    event.pull_request.head.repo.full_name = pr.fork ? `mallory/${REPO}` : `${OWNER}/${REPO}`;
  if (action === 'synchronize') {
    event.before = pr.before ?? pr.base;
    event.after = pr.head;
  }
  return event;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  summary: string;
}

export interface PullRequestSetup {
  repo: TempRepo;
  github: FakeGitHub;
  base: string;
  dir: string;
  /** `git diff` of the pull request as GitHub shows it (merge base → head). */
  prDiff(head: string): string;
  run(opts: {
    head: string;
    action?: 'opened' | 'synchronize';
    fork?: boolean;
    token?: string;
    args?: string[];
    cwd?: string;
    env?: Record<string, string>;
    /** Through the whole CLI (`run(['pr', …])`, its streams included) instead of the command alone. */
    cli?: boolean;
  }): Promise<Run>;
  cleanup(): Promise<void>;
}

export async function setupPullRequest(
  files: Record<string, string>,
  options: {
    readOnly?: boolean;
    omitPatchFor?: string[];
    collaborators?: Record<string, 'admin' | 'write' | 'read'>;
    github?: Pick<FakeGitHubOptions, 'botLogin' | 'tokenKind' | 'graphqlViewer'>;
  } = {},
): Promise<PullRequestSetup> {
  const repo = createRepo({ 'config.yml': CONFIG, ...files });
  const base = repo.commit('base');
  repo.git('checkout', '-q', '-b', 'feature');
  const dir = mkdtempSync(join(tmpdir(), 'hunkwise-gh-'));
  const prDiff = (head: string) =>
    repo.git('diff', '--no-color', '-U3', `${repo.git('merge-base', base, head).trim()}`, head);
  const github = await startGitHubServer({
    owner: OWNER,
    repo: REPO,
    token: TOKEN,
    pull: { number: NUMBER, headSha: base, baseSha: base, headRepo: `${OWNER}/${REPO}`, diff: '' },
    ...(options.readOnly !== undefined ? { readOnly: options.readOnly } : {}),
    ...(options.omitPatchFor ? { omitPatchFor: options.omitPatchFor } : {}),
    ...(options.collaborators ? { collaborators: options.collaborators } : {}),
    ...options.github,
  });
  let runs = 0;
  return {
    repo,
    github,
    base,
    dir,
    prDiff,
    async run(opts) {
      runs += 1;
      const eventPath = join(dir, `event-${runs}.json`);
      const summaryPath = join(dir, `summary-${runs}.md`);
      writeFileSync(summaryPath, '');
      writeFileSync(
        eventPath,
        JSON.stringify(
          pullRequestEvent(opts.action ?? 'opened', { head: opts.head, base, fork: opts.fork ?? false }),
        ),
      );
      let stdout = '';
      let stderr = '';
      const command = opts.cli
        ? (args: string[], io: CliIo) => runCli(['pr', ...args], io)
        : (args: string[], io: CliIo) => prCommand(args, io, { client: { fast: true } });
      const code = await command(opts.args ?? [], {
        stdout: { write: (s: string) => (stdout += s) },
        stderr: { write: (s: string) => (stderr += s) },
        cwd: opts.cwd ?? repo.dir,
        signal: new AbortController().signal,
        env: {
          GITHUB_ACTIONS: 'true',
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: eventPath,
          GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
          GITHUB_API_URL: github.url,
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_RUN_ID: String(1000 + runs),
          GITHUB_STEP_SUMMARY: summaryPath,
          GITHUB_TOKEN: opts.token ?? TOKEN,
          ...opts.env,
        },
      });
      return { code, stdout, stderr, summary: readFileSync(summaryPath, 'utf8') };
    },
    async cleanup() {
      await github.close();
      repo.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The trusted `workflow_run` job of the fork-safe pair posting `artifact`, run in `dir` (no checkout of the
 * pull request there); through the whole CLI with `cli`, else `review pr` alone with the fast client.
 */
export async function postArtifact(
  github: FakeGitHub,
  dir: string,
  artifact: string,
  options: { workflowHead: string; cli?: boolean },
): Promise<Run> {
  const eventPath = join(dir, 'event.json');
  const summaryPath = join(dir, 'summary.md');
  writeFileSync(
    eventPath,
    JSON.stringify({
      action: 'completed',
      workflow_run: { head_sha: options.workflowHead, event: 'pull_request' },
    }),
  );
  writeFileSync(summaryPath, '');
  let stdout = '';
  let stderr = '';
  const args = ['--from-artifact', artifact];
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: dir,
    signal: new AbortController().signal,
    env: {
      GITHUB_EVENT_NAME: 'workflow_run',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_API_URL: github.url,
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_TOKEN: TOKEN,
    },
  };
  const code = options.cli
    ? await runCli(['pr', ...args], io)
    : await prCommand(args, io, { client: { fast: true } });
  return { code, stdout, stderr, summary: readFileSync(summaryPath, 'utf8') };
}

/** Every review comment body's fingerprint marker, in order. */
export function fingerprintsOf(bodies: Array<{ body: string }>): string[] {
  return bodies.map((c) => /fp=([0-9a-f]+)/.exec(c.body)?.[1] ?? '?');
}
