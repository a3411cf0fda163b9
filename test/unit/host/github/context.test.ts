import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { parseGitHubContext } from '../../../../src/host/github/context.js';

const require = createRequire(import.meta.url);
const index = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{
  name: string;
  examples: Array<Record<string, unknown>>;
}>;
const examples = index.find((e) => e.name === 'pull_request')?.examples ?? [];
const opened = examples.find((e) => e.action === 'opened') as {
  pull_request: { head: Record<string, unknown>; base: unknown };
};

const env = {
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_REPOSITORY: 'Codertocat/Hello-World',
  GITHUB_TOKEN: 'ghs_x',
  GITHUB_API_URL: 'https://ghe.example.com/api/v3/',
  GITHUB_SERVER_URL: 'https://ghe.example.com',
  GITHUB_RUN_ID: '42',
  GITHUB_STEP_SUMMARY: '/tmp/summary.md',
};

describe('parseGitHubContext', () => {
  test('reads the pull_request opened example from @octokit/webhooks-examples', () => {
    const ctx = parseGitHubContext(env, opened);
    expect(ctx).toMatchObject({
      owner: 'Codertocat',
      repo: 'Hello-World',
      pullNumber: 2,
      isFork: false,
      token: 'ghs_x',
      apiUrl: 'https://ghe.example.com/api/v3',
      stepSummaryPath: '/tmp/summary.md',
      runUrl: 'https://ghe.example.com/Codertocat/Hello-World/actions/runs/42',
    });
    expect(ctx.head.sha).toMatch(/^[0-9a-f]{40}$/);
  });

  test('the synchronize example works too', () => {
    const sync = examples.find((e) => e.action === 'synchronize');
    expect(parseGitHubContext(env, sync).action).toBe('synchronize');
  });

  test('a fork: head repository differs, or was deleted', () => {
    const fork = structuredClone(opened);
    (fork.pull_request.head.repo as { full_name: string }).full_name = 'mallory/Hello-World';
    expect(parseGitHubContext(env, fork).isFork).toBe(true);
    fork.pull_request.head.repo = null;
    expect(parseGitHubContext(env, fork).isFork).toBe(true);
  });

  test('clear errors: other events, missing repository, missing pull request; empty token means none', () => {
    expect(() => parseGitHubContext({ ...env, GITHUB_EVENT_NAME: 'push' }, opened)).toThrow(
      /triggered by 'push'/,
    );
    expect(() => parseGitHubContext({ ...env, GITHUB_REPOSITORY: 'nope' }, opened)).toThrow(
      /GITHUB_REPOSITORY must be owner\/name/,
    );
    expect(() => parseGitHubContext(env, { action: 'opened' })).toThrow(/no pull_request/);
    expect(parseGitHubContext({ ...env, GITHUB_TOKEN: '' }, opened).token).toBeNull();
  });
});
