// `review pr` failures through the CLI (run(argv, io)): one line, the README's exit code, nothing posted,
// no model called.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../helpers/runCli.js';
import {
  NUMBER,
  OWNER,
  type PullRequestSetup,
  pullRequestEvent,
  REPO,
  setupPullRequest,
  TOKEN,
} from './harness.js';

let pr: PullRequestSetup;
let head: string;
let artifact: string;
beforeAll(async () => {
  pr = await setupPullRequest({ 'src/a.ts': 'export const a = 1;\n' });
  head = pr.repo.commit('change', { 'src/a.ts': 'export const a = 1; // TODO later\n' });
  pr.github.push({ headSha: head, diff: pr.prDiff(head) });
  artifact = join(pr.dir, 'findings.json');
  const made = await pr.run({ head, token: '', args: ['--format', 'json', '--output', artifact] });
  expect(made.code).toBe(0);
});
afterAll(() => pr.cleanup());

const oneLine = (stderr: string) => expect(stderr.trimEnd().split('\n')).toHaveLength(1);

function pullRequestEnv(extra: Record<string, string> = {}) {
  const eventPath = join(mkdtempSync(join(pr.dir, 'event-')), 'event.json');
  writeFileSync(eventPath, JSON.stringify(pullRequestEvent('opened', { head, base: pr.base })));
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_API_URL: pr.github.url,
    ...extra,
  };
}

function workflowRunEnv(workflowRun: Record<string, unknown>) {
  const eventPath = join(mkdtempSync(join(pr.dir, 'event-')), 'event.json');
  writeFileSync(eventPath, JSON.stringify({ action: 'completed', workflow_run: workflowRun }));
  return {
    GITHUB_EVENT_NAME: 'workflow_run',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_API_URL: pr.github.url,
    GITHUB_TOKEN: TOKEN,
  };
}

test('review pr without a token: exit 5 and how to pass it, before any request or review', async () => {
  const requests = pr.github.requests.length;
  const run = await runCli(['pr'], { cwd: pr.repo.dir, env: pullRequestEnv() });
  expect(run.code).toBe(5);
  oneLine(run.stderr);
  expect(run.stderr).toMatch(/^review: GITHUB_TOKEN is empty, .*secrets\.GITHUB_TOKEN/);
  expect(run.stdout).toBe('');
  expect(pr.github.requests).toHaveLength(requests);
});

test('review pr --output into a missing folder: exit 2 before the review', async () => {
  const run = await runCli(['pr', '--format', 'sarif', '--output', 'no/such/dir/out.sarif'], {
    cwd: pr.repo.dir,
    env: pullRequestEnv(),
  });
  expect(run.code).toBe(2);
  oneLine(run.stderr);
  expect(run.stderr).toMatch(
    /cannot write the report to no\/such\/dir\/out\.sarif: the folder .* does not exist/,
  );
});

describe('--from-artifact', () => {
  const post = (file: string, env: Record<string, string>) =>
    runCli(['pr', '--from-artifact', file], { cwd: pr.dir, env });

  test.for([
    [
      'not JSON',
      'garbage\n{',
      /^review: cannot read the artifact .*: Unexpected token .*; nothing was posted\.$/,
    ],
    [
      'not an artifact',
      '[]',
      /^review: the artifact .* is not a valid hunkwise review \(\(root\): .*\); refusing to post it\.$/,
    ],
  ] as const)('%s: exit 2, one line, nothing posted', async ([, text, message]) => {
    const file = join(pr.dir, 'bad.json');
    writeFileSync(file, text);
    const writes = pr.github.writes().length;
    const run = await post(file, workflowRunEnv({ head_sha: head }));
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr.trimEnd()).toMatch(message);
    expect(pr.github.writes()).toHaveLength(writes);
  });

  test('a pull request number GitHub does not know: exit 2, says so, claims no review', async () => {
    const wrong = JSON.parse(readFileSync(artifact, 'utf8'));
    wrong.pullRequest.number = 999;
    const file = join(pr.dir, 'wrong-number.json');
    writeFileSync(file, JSON.stringify(wrong));
    const run = await post(file, workflowRunEnv({ head_sha: head }));
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(
      /the artifact names pull request #999, which octo\/hello does not have \(404: .*\); nothing was posted/,
    );
    expect(run.stderr).not.toMatch(/review(ing|ed) the whole pull request/);
  });

  test('a number other than the triggering run was for: exit 2 before any request', async () => {
    const requests = pr.github.requests.length;
    const run = await post(
      artifact,
      workflowRunEnv({ head_sha: head, pull_requests: [{ number: NUMBER + 1 }] }),
    );
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toContain(
      `the artifact names pull request #${NUMBER}, but the triggering run was for #${NUMBER + 1}`,
    );
    expect(pr.github.requests).toHaveLength(requests);
  });

  test('GitHub refusing to read the pull request: exit 5, one line', async () => {
    pr.github.fail({
      method: 'GET',
      path: /\/pulls\/\d+$/,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const run = await post(artifact, workflowRunEnv({ head_sha: head, pull_requests: [{ number: NUMBER }] }));
    expect(run.code).toBe(5);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(
      /could not read pull request #7 of octo\/hello \(403: Resource not accessible by integration\)/,
    );
  });
});
