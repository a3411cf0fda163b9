// The fake GitHub answers as GitHub does, checked through the real @octokit/rest.
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FakeGitHub } from '../../fakes/githubServer.js';
import { HEAD, startTwoHunkPull } from './twoHunkPull.js';

describe('fake GitHub', () => {
  let github: FakeGitHub;
  let octokit: Octokit;
  const repo = { owner: 'o', repo: 'r', pull_number: 1 };
  beforeAll(async () => {
    github = await startTwoHunkPull();
    octokit = new Octokit({
      auth: 't',
      baseUrl: github.url,
      log: { debug() {}, info() {}, warn() {}, error() {} },
    });
  });
  afterAll(() => github.close());

  async function failure(promise: Promise<unknown>) {
    const error = (await promise.then(
      () => null,
      (e: unknown) => e,
    )) as { status: number; response: { data: unknown } } | null;
    if (!error) throw new Error('expected the request to fail');
    return { status: error.status, data: error.response.data };
  }

  test('rejects a review comment on a line outside the diff exactly as GitHub does', async () => {
    const out = await failure(
      octokit.rest.pulls.createReview({
        ...repo,
        event: 'COMMENT',
        body: 'b',
        commit_id: HEAD,
        comments: [{ path: 'a.ts', line: 10, side: 'RIGHT', body: 'x' }],
      }),
    );
    expect(out).toEqual({
      status: 422,
      data: {
        message: 'Unprocessable Entity',
        errors: [
          "Pull request review thread line must be part of the diff and Pull request review thread diff hunk can't be blank",
        ],
        documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request',
        status: '422',
      },
    });
  });

  test('rejects a multi-line comment spanning two hunks', async () => {
    const out = await failure(
      octokit.rest.pulls.createReview({
        ...repo,
        event: 'COMMENT',
        body: 'b',
        comments: [{ path: 'a.ts', start_line: 2, start_side: 'RIGHT', line: 22, side: 'RIGHT', body: 'x' }],
      }),
    );
    expect((out.data as { errors: string[] }).errors[0]).toBe(
      "Pull request review thread start line must be part of the same hunk as the line. and Pull request review thread diff hunk can't be blank",
    );
  });

  test('accepts lines inside a hunk, context included, and a range within one hunk', async () => {
    const { data } = await octokit.rest.pulls.createReview({
      ...repo,
      event: 'COMMENT',
      body: 'ok',
      comments: [
        { path: 'a.ts', line: 1, side: 'RIGHT', body: 'context line' },
        { path: 'a.ts', start_line: 21, start_side: 'RIGHT', line: 23, side: 'RIGHT', body: 'range' },
      ],
    });
    expect(data.state).toBe('COMMENTED');
    expect(github.reviewComments).toHaveLength(2);
  });

  test('checks request bodies against GitHub’s OpenAPI description', async () => {
    const out = await failure(
      octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
        ...repo,
        event: 'LGTM' as 'COMMENT', // deliberately wrong: the types would stop it, the wire must too
        body: 'b',
      }),
    );
    expect(out.status).toBe(422);
    expect(github.openApiIssues).toEqual([
      'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews: body.event = "LGTM" is not one of ["APPROVE","REQUEST_CHANGES","COMMENT"]',
    ]);
    github.openApiIssues.length = 0;
    await failure(
      octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        owner: 'o',
        repo: 'r',
        comment_id: 1,
      } as never), // deliberately without the required body
    );
    expect(github.openApiIssues).toEqual([
      'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}: body is undefined, expected object',
    ]);
    github.openApiIssues.length = 0;
  });

  test('401 for a wrong token, 404 for unknown routes, as GitHub words them', async () => {
    const bad = new Octokit({
      auth: 'nope',
      baseUrl: github.url,
      log: { debug() {}, info() {}, warn() {}, error() {} },
    });
    expect(await failure(bad.rest.pulls.get(repo))).toEqual({
      status: 401,
      data: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' },
    });
    expect((await failure(octokit.rest.pulls.get({ ...repo, pull_number: 2 }))).status).toBe(404);
  });

  test('paginates with Link headers that octokit.paginate follows', async () => {
    for (let i = 0; i < 75; i++) github.addIssueComment('bob', `c${i}`);
    const all = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: 'o',
      repo: 'r',
      issue_number: 1,
      per_page: 30,
    });
    expect(all).toHaveLength(75);
    const pages = github.requests
      .filter((r) => r.path.endsWith('/issues/1/comments'))
      .map((r) => r.query.get('page'));
    expect(pages).toEqual([null, '2', '3']);
  });
});
