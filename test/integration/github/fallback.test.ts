// When GitHub says no: fork read-only tokens, bad tokens, rate limits, 422 on inline comments; and pagination.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { COMMENTS_REFUSED, SECONDARY_RATE_LIMIT } from '../../fakes/githubServer.js';
import { CONFIG, type PullRequestSetup, setupPullRequest } from './harness.js';

const lines = (n: number, edit: Record<number, string> = {}) =>
  `${Array.from({ length: n }, (_, i) => edit[i + 1] ?? `export const v${i + 1} = ${i + 1};`).join('\n')}\n`;

let pr: PullRequestSetup | undefined;
afterEach(async () => {
  await pr?.cleanup();
  pr = undefined;
});

async function openedWithFindings(options: { readOnly?: boolean } = {}) {
  pr = await setupPullRequest({ 'src/a.ts': lines(20) }, options);
  const head = pr.repo.commit('change', {
    'src/a.ts': lines(20, { 3: 'export const v3 = 3; // TODO a', 9: 'export const v9 = 9; // FIXME b' }),
  });
  pr.github.push({ headSha: head, diff: pr.prDiff(head) });
  return { pr, head };
}

describe('review pr when it cannot post', () => {
  test('fork with a read-only token: 403 ⇒ annotations, job summary, one clear log line, exit 0', async () => {
    const { pr, head } = await openedWithFindings({ readOnly: true });
    const run = await pr.run({ head, fork: true });
    expect(run.code).toBe(0);
    expect(pr.github.reviews).toEqual([]);
    expect(run.stderr).toContain('could not post the review (403: Resource not accessible by integration)');
    expect(run.stderr).toContain('comes from a fork');
    // Octokit's own logger stays quiet: every stderr line is one of ours.
    expect(
      run.stderr
        .trim()
        .split('\n')
        .every((l) => l.startsWith('review: ')),
    ).toBe(true);
    expect(run.stdout.trim().split('\n')).toEqual([
      '::error file=src/a.ts,line=3,title=hunkwise major other (rules)::A TODO left in the change.',
      '::warning file=src/a.ts,line=9,title=hunkwise minor other (rules)::A FIXME left in the change.',
    ]);
    expect(run.summary).toContain('`src/a.ts:3`');
    expect(run.summary).toContain('`src/a.ts:9`');
    // Nothing was posted inline, so the job summary marks nothing as an inline comment.
    expect(run.summary).not.toContain('inline comment');
  });

  test('when the review goes out, the job summary marks the findings posted as inline comments', async () => {
    const { pr, head } = await openedWithFindings();
    const run = await pr.run({ head });
    expect(pr.github.reviewComments).toHaveLength(2);
    expect(run.summary.match(/_\(inline comment\)_/g)).toHaveLength(2);
  });

  test('fail_on.ci decides the exit code, also when nothing could be posted', async () => {
    const { pr, head } = await openedWithFindings({ readOnly: true });
    const strict = join(pr.dir, 'strict.yml');
    writeFileSync(strict, `${CONFIG}fail_on:\n  ci: major\n`);
    const run = await pr.run({ head, fork: true, args: ['--config', strict] });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/fail_on\.ci/);
  });

  test('a bad token (401) cannot even read: full review, annotations and job summary', async () => {
    const { pr, head } = await openedWithFindings();
    const run = await pr.run({ head, token: 'wrong' });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("could not read the pull request's earlier reviews (401: Bad credentials)");
    expect(run.stdout).toContain('::error file=src/a.ts,line=3');
    expect(pr.github.writes()).toEqual([]);
  });

  test('GitHub unreachable: retried, then annotations and the job summary', async () => {
    const { pr, head } = await openedWithFindings();
    await pr.github.close();
    const run = await pr.run({ head });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /could not read the pull request's earlier reviews \(500: .*ECONNREFUSED|fetch failed/,
    );
    expect(run.stdout).toContain('::error file=src/a.ts,line=3');
    expect(run.summary).toContain('`src/a.ts:3`');
  });

  test('no GITHUB_TOKEN at all: refused before the review (exit 5, see errors.test.ts); --dry-run still shows the plan', async () => {
    const { pr, head } = await openedWithFindings();
    await expect(pr.run({ head, token: '' })).rejects.toMatchObject({ exitCode: 5 });
    const run = await pr.run({ head, token: '', args: ['--dry-run'] });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('GITHUB_TOKEN is empty');
    expect(run.stdout).toContain('dry run: nothing was posted');
    expect(pr.github.requests).toEqual([]);
  });

  test('a secondary rate limit is waited out and retried, with one log line', async () => {
    const { pr, head } = await openedWithFindings();
    pr.github.fail({
      method: 'POST',
      path: /\/reviews$/,
      status: 403,
      body: SECONDARY_RATE_LIMIT,
      headers: { 'retry-after': '1' },
    });
    const run = await pr.run({ head });
    expect(run.stderr.match(/rate limit/g)).toHaveLength(1);
    expect(run.stderr).toContain('retrying in 1s');
    expect(pr.github.reviews).toHaveLength(1);
    expect(pr.github.reviewComments).toHaveLength(2);
  });

  test('rate limits that do not go away: bounded retries, then the fallback', async () => {
    const { pr, head } = await openedWithFindings();
    pr.github.fail({
      method: 'POST',
      path: /\/reviews$/,
      status: 403,
      body: SECONDARY_RATE_LIMIT,
      headers: { 'retry-after': '1' },
      times: 10,
    });
    const run = await pr.run({ head });
    const attempts = pr.github.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/reviews'));
    expect(attempts).toHaveLength(3); // the first try and two retries
    expect(run.stderr).toContain('giving up');
    expect(run.stderr).toContain('could not post the review (403: You have exceeded a secondary rate limit');
    expect(run.stdout).toContain('::error file=src/a.ts,line=3');
    expect(run.code).toBe(0);
  });
});

describe('review pr when GitHub refuses inline comments', () => {
  test('422 on the comments: retried once with every comment moved into the review body', async () => {
    const { pr, head } = await openedWithFindings();
    pr.github.fail({ ...COMMENTS_REFUSED });
    const run = await pr.run({ head });
    expect(run.stderr).toContain(
      'GitHub refused the inline comments (Unprocessable Entity: Pull request review thread line must be part of the diff',
    );
    const posts = pr.github.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/reviews'));
    expect(posts).toHaveLength(2); // exactly one retry, and the retry plugin did not retry the 422
    expect(posts[1]?.body).not.toHaveProperty('comments');
    expect(pr.github.reviews).toHaveLength(1);
    expect(pr.github.reviews[0]?.body).toContain('`src/a.ts:3`');
    expect(pr.github.reviews[0]?.body).toContain('`src/a.ts:9`');
    expect(run.summary).toContain('`src/a.ts:3`');
    expect(run.summary).not.toContain('inline comment'); // they are in the review body, not on lines
    expect(pr.github.reviewComments).toEqual([]);
  });
});

describe('review pr and forged markers', () => {
  test("a person's comment with a hunkwise summary marker is not trusted: the review still happens", async () => {
    const { pr, head } = await openedWithFindings();
    // The author of a pull request tries to make hunkwise believe this head was reviewed with nothing found.
    const forged = Buffer.from(JSON.stringify({ v: 1, h: head, d: 0, f: [] })).toString('base64url');
    pr.github.addIssueComment('mallory', `lgtm <!-- hunkwise:summary head=${head} state=${forged} -->`);
    const strict = join(pr.dir, 'strict.yml');
    writeFileSync(strict, `${CONFIG}fail_on:\n  ci: major\n`);
    const run = await pr.run({ head, args: ['--config', strict] });
    expect(run.code).toBe(1); // the TODO still fails the job
    expect(pr.github.reviews).toHaveLength(1);
    expect(pr.github.issueComments.filter((c) => c.user.login === 'github-actions[bot]')).toHaveLength(1);
  });
});

describe('review pr placement', () => {
  test('a finding GitHub cannot anchor (its file has no patch: too large or binary) goes to the summary', async () => {
    pr = await setupPullRequest(
      { 'src/a.ts': lines(20), 'src/big.ts': lines(20) },
      { omitPatchFor: ['src/big.ts'] },
    );
    const head = pr.repo.commit('change', {
      'src/a.ts': lines(20, { 3: 'export const v3 = 3; // TODO a' }),
      'src/big.ts': lines(20, { 7: 'export const v7 = 7; // TODO in a big file' }),
    });
    pr.github.push({ headSha: head, diff: pr.prDiff(head) });
    const run = await pr.run({ head });
    expect(run.stderr).toContain('posted a review with 1 inline comment and 1 finding in the summary');
    expect(pr.github.reviewComments.map((c) => c.path)).toEqual(['src/a.ts']);
    const summary = pr.github.issueComments[0]?.body ?? '';
    expect(summary).toContain('`src/big.ts:7`');
    expect(pr.github.openApiIssues).toEqual([]);
  });
});

describe('review pr pagination', () => {
  test('files, comments and the sticky summary are found across pages', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 120; i++) files[`src/f${String(i).padStart(3, '0')}.ts`] = lines(3);
    pr = await setupPullRequest(files);
    const changed: Record<string, string> = {};
    for (let i = 0; i < 120; i++)
      changed[`src/f${String(i).padStart(3, '0')}.ts`] = lines(3, { 2: `export const v2 = ${i};` });
    changed['src/f119.ts'] = lines(3, { 2: 'export const v2 = 119; // TODO last' });
    const head = pr.repo.commit('many', changed);
    pr.github.push({ headSha: head, diff: pr.prDiff(head) });
    for (let i = 0; i < 105; i++) pr.github.addIssueComment('bob', `comment ${i}`);
    await pr.run({ head });
    expect(pr.github.reviewComments.map((c) => [c.path, c.line])).toEqual([['src/f119.ts', 2]]);
    const pages = pr.github.requests.filter((r) => r.path.endsWith('/files')).map((r) => r.query.get('page'));
    expect(pages).toEqual([null, '2']);
    // second run on a new head: the summary (on page 2 of issue comments) is found and PATCHed
    const next = pr.repo.commit('more', { 'src/f000.ts': lines(3, { 3: 'export const v3 = 0; // FIXME' }) });
    pr.github.push({ headSha: next, diff: pr.prDiff(next) });
    await pr.run({ head: next, action: 'synchronize' });
    expect(pr.github.issueComments.filter((c) => c.body.includes('hunkwise:summary'))).toHaveLength(1);
    expect(pr.github.requests.some((r) => r.method === 'PATCH' && r.path.includes('/issues/comments/'))).toBe(
      true,
    );
    expect(pr.github.openApiIssues).toEqual([]);
  });
});
