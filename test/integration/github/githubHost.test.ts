// The GitHub adapter through the ReviewHost port, against the fake GitHub and the real @octokit/rest:
// what it reads back is host-neutral, what it sends is GitHub's wire format.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { github as githubAdapter } from '../../../src/host/github/adapter.js';
import type { DraftComment, PublishPlan } from '../../../src/host/plan.js';
import { HostRequestError, type ReviewHost } from '../../../src/host/reviewHost.js';
import type { FakeGitHub } from '../../fakes/githubServer.js';
import { HEAD, startTwoHunkPull } from './twoHunkPull.js';

function plan(comments: DraftComment[]): PublishPlan {
  return {
    review: { body: 'b', comments, bodyWithComments: 'moved here' },
    summary: { commentId: null, body: 'summary <!-- hunkwise:summary head=x -->' },
    resolve: [],
    outstanding: [],
    counts: { inline: comments.length, summaryOnly: 0, alreadyPosted: 0, resolved: 0 },
  };
}

describe('GitHub host adapter', () => {
  let server: FakeGitHub;
  let host: ReviewHost;
  const logged: string[] = [];
  beforeAll(async () => {
    server = await startTwoHunkPull();
    host = await githubAdapter.connect(
      { repository: 'o/r', number: 1 },
      { token: 't', apiUrl: server.url },
      { log: (line) => logged.push(line), tuning: { fast: true } },
    );
  });
  afterAll(() => server.close());

  test('reads the head commit and whether the pull request comes from a fork', async () => {
    expect(await host.readChangeRequest()).toEqual({ headSha: HEAD, isFork: false });
  });

  test('a plan goes out as one COMMENT review with RIGHT-side comments, ranges with start_line', async () => {
    const applied = await host.apply(
      plan([
        { path: 'a.ts', line: 2, body: 'one line' },
        { path: 'a.ts', startLine: 21, line: 23, body: 'a range' },
      ]),
      HEAD,
    );
    expect(applied.movedToBody).toBe(false);
    expect(applied.summaryUrl).toMatch(/^https?:/);
    const post = server.requests.find((r) => r.method === 'POST' && r.path.endsWith('/reviews'));
    expect(post?.body).toMatchObject({
      event: 'COMMENT',
      commit_id: HEAD,
      comments: [
        { path: 'a.ts', line: 2, side: 'RIGHT', body: 'one line' },
        { path: 'a.ts', line: 23, side: 'RIGHT', start_line: 21, start_side: 'RIGHT', body: 'a range' },
      ],
    });
    expect(server.openApiIssues).toEqual([]);
  });

  test('reads back files, comments, reviews and reply threads in the host-neutral shape', async () => {
    const first = server.reviewComments[0];
    if (!first) throw new Error('no comment posted');
    server.reply(first.id, 'alice', 'not a problem');
    const earlier = await host.readEarlier();
    expect(earlier.files).toEqual([
      { path: 'a.ts', previousPath: null, patch: expect.stringMatching(/^@@ /) },
    ]);
    expect(earlier.comments.map((c) => c.body)).toEqual(['summary <!-- hunkwise:summary head=x -->']);
    expect(earlier.reviews).toHaveLength(1);
    expect(
      earlier.lineComments.map((c) => [c.path, c.line, c.replyTo, c.author.login, c.author.isBot]),
    ).toEqual([
      ['a.ts', 2, null, first.user.login, true],
      ['a.ts', 23, null, first.user.login, true],
      ['a.ts', 2, first.id, 'alice', false],
    ]);
  });

  test('comments GitHub will not place move into the review body, once, and say so', async () => {
    const applied = await host.apply(plan([{ path: 'a.ts', line: 10, body: 'outside the diff' }]), HEAD);
    expect(applied.movedToBody).toBe(true);
    expect(server.reviews.at(-1)?.body).toBe('moved here');
    expect(logged.at(-1)).toMatch(/refused the inline comments/);
  });

  test('GitHub saying no is a HostRequestError with its status and message', async () => {
    server.fail({
      method: 'GET',
      path: /\/pulls\/1$/,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const error = await host.readChangeRequest().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostRequestError);
    expect(error).toMatchObject({ status: 403, detail: 'Resource not accessible by integration' });
  });
});
