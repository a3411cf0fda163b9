// Hostile input on GitHub: a model (loopback Ollama) answering with beacons, raw HTML, script links, mentions
// and forged markers; GitHub state forged by another App's bot; an Actions token that cannot call /user.
// What is asserted is what the loopback GitHub received, stdout and the job summary file. Runs whose stdout
// matters go through the whole CLI (`run(['pr', …])`); the others run `review pr` alone with the client's
// test timing (the CLI's client spaces writes a second apart, as GitHub asks).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { encodeState, parseMarker } from '../../../src/host/marker.js';
import { COMMENTS_REFUSED } from '../../fakes/githubServer.js';
import { type FakeOllama, startFakeOllama } from '../../fakes/ollamaServer.js';
import { expectInertMarkdown, markdownAttacks, TERMINAL_ATTACKS } from '../../helpers/hostileText.js';
import { CONFIG, type PullRequestSetup, setupPullRequest } from './harness.js';

const lines = (n: number, edit: Record<number, string> = {}) =>
  `${Array.from({ length: n }, (_, i) => edit[i + 1] ?? `export const v${i + 1} = ${i + 1};`).join('\n')}\n`;

const FORGED_HEAD = 'f'.repeat(40);

let ollama: FakeOllama;
beforeAll(async () => {
  ollama = await startFakeOllama({ models: ['qwen2.5-coder:7b'] });
});
afterAll(() => ollama.close());

let pr: PullRequestSetup | undefined;
afterEach(async () => {
  await pr?.cleanup();
  pr = undefined;
});

/** Every body hunkwise sent to GitHub: reviews, their comments, summary comments, edits. */
function postedBodies(setup: PullRequestSetup): string[] {
  return setup.github.writes().flatMap((r) => {
    const body = r.body as { body?: string; comments?: Array<{ body: string }> } | undefined;
    return [body?.body ?? '', ...(body?.comments ?? []).map((c) => c.body)].filter(Boolean);
  });
}

/** The local model finds one hostile "problem" on the changed line. */
function hostileModel(line: number, quote: string) {
  const message = `${markdownAttacks(FORGED_HEAD)}\n${TERMINAL_ATTACKS}`;
  ollama.script({
    findings: [
      {
        file: 'src/a.ts',
        line,
        severity: 'major',
        category: 'bug',
        message,
        quote,
        suggestion: '</details><img src="https://attacker.example/s.png"> @octocat',
      },
    ],
  });
}

async function opened(github: Parameters<typeof setupPullRequest>[1] = {}) {
  pr = await setupPullRequest({ 'src/a.ts': lines(20) }, github);
  const config = join(pr.dir, 'local.yml');
  writeFileSync(config, `local:\n  enabled: true\n  host: ${ollama.url}\nclaude:\n  enabled: false\n`);
  const head = pr.repo.commit('change', { 'src/a.ts': lines(20, { 4: 'export const v4 = items[9];' }) });
  pr.github.push({ headSha: head, diff: pr.prDiff(head) });
  return { pr, head, args: ['--config', config] };
}

describe('model output posted to GitHub is inert', () => {
  test('inline comment, review body, sticky summary and job summary: no image, HTML, script link, mention or marker', async () => {
    const { pr, head, args } = await opened();
    hostileModel(4, 'export const v4 = items[9];');
    const run = await pr.run({ head, args, cli: true });
    expect(run.code).toBe(0);
    expect(pr.github.reviewComments.map((c) => [c.path, c.line])).toEqual([['src/a.ts', 4]]);
    const bodies = postedBodies(pr);
    expect(bodies.length).toBeGreaterThanOrEqual(3); // review, its comment, the summary
    for (const body of [...bodies, run.summary]) expectInertMarkdown(body, FORGED_HEAD);
    // The text is still there to read, as text.
    const comment = pr.github.reviewComments[0]?.body ?? '';
    expect(comment).toContain('&lt;img src="https://attacker.example/i.png"&gt;');
    expect(comment).toContain('@\u200boctocat');
    expect(comment).toContain('&#92;u001b&#91;2J'); // the escape, shown
    // The suggestion is code in a fence longer than any backtick run in it: inert by construction.
    expect(comment).toContain(
      '```suggestion\n</details><img src="https://attacker.example/s.png"> @octocat\n```',
    );
    // hunkwise's own markers still work: the next run finds its summary and this head reviewed.
    const sticky = pr.github.issueComments.find((c) => parseMarker(c.body)?.kind === 'summary');
    expect(parseMarker(sticky?.body)?.fields.head).toBe(head);
    const again = await pr.run({ head, args, cli: true });
    expect(again.stderr).toContain('the summary comment is up to date');
  });

  test('a 422 moves the comments into the review body: still inert there', async () => {
    const { pr, head, args } = await opened();
    hostileModel(4, 'export const v4 = items[9];');
    pr.github.fail({ ...COMMENTS_REFUSED });
    const run = await pr.run({ head, args });
    expect(run.stderr).toContain('posted them in the review body instead');
    const moved = pr.github.reviews[0]?.body ?? '';
    expect(moved).toContain('`src/a.ts:4`');
    expect(moved).toContain('&lt;img');
    expectInertMarkdown(moved, FORGED_HEAD);
  });

  test('annotations when nothing can be posted: one workflow command per finding, its data and properties escaped', async () => {
    pr = await setupPullRequest({ 'src/a,b:c.ts': lines(8) }, { readOnly: true });
    const config = join(pr.dir, 'local.yml');
    writeFileSync(config, `local:\n  enabled: true\n  host: ${ollama.url}\nclaude:\n  enabled: false\n`);
    const head = pr.repo.commit('change', { 'src/a,b:c.ts': lines(8, { 2: 'export const v2 = 0;' }) });
    pr.github.push({ headSha: head, diff: pr.prDiff(head) });
    ollama.script({
      findings: [
        {
          file: 'src/a,b:c.ts',
          line: 2,
          severity: 'major',
          category: 'bug',
          message: `100% wrong\r\n::add-mask::secret\n${TERMINAL_ATTACKS}`,
          quote: 'export const v2 = 0;',
        },
      ],
    });
    const run = await pr.run({ head, fork: true, args: ['--config', config], cli: true });
    const out = run.stdout.trim().split('\n');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^::error file=src\/a%2Cb%3Ac\.ts,line=2,title=hunkwise major bug \(qwen2\.5-coder%3A7b\)::100%25 wrong%0D%0A::add-mask::secret%0A/,
    );
    expect(out[0]).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expectInertMarkdown(run.summary, FORGED_HEAD);
  });
});

/** A summary comment that says `head` was reviewed and nothing is outstanding. */
const cleanSummary = (head: string) =>
  `## hunkwise review\n\nNo findings. ✅\n\n<!-- hunkwise:summary head=${head} state=${encodeState({ head, findings: [], dropped: 0 })} -->`;

describe('state only hunkwise can write', () => {
  async function pushedTodo() {
    pr = await setupPullRequest({ 'src/a.ts': lines(20) });
    const first = pr.repo.commit('one', { 'src/a.ts': lines(20, { 3: 'export const v3 = 3; // TODO a' }) });
    pr.github.push({ headSha: first, diff: pr.prDiff(first) });
    return { pr, first };
  }
  const strict = (setup: PullRequestSetup) => {
    const file = join(setup.dir, 'strict.yml');
    writeFileSync(file, `${CONFIG}fail_on:\n  ci: major\n`);
    return ['--config', file];
  };

  test("another App's bot forging the summary of the new head does not skip the review (Actions token: /user 403)", async () => {
    const { pr, first } = await pushedTodo();
    await pr.run({ head: first, cli: true });
    const ours = pr.github.issueComments.find((c) => parseMarker(c.body)?.kind === 'summary');
    const second = pr.repo.commit('two', {
      'src/a.ts': lines(20, { 3: 'export const v3 = 3; // TODO a', 12: 'export const v12 = 12; // TODO b' }),
    });
    pr.github.push({ headSha: second, diff: pr.prDiff(second) });
    pr.github.addIssueComment('evil-app[bot]', cleanSummary(second));
    const evil = pr.github.issueComments.at(-1);
    const before = pr.github.requests.length;
    const run = await pr.run({ head: second, args: strict(pr), cli: true });
    expect(run.stderr).not.toContain('up to date');
    expect(run.code).toBe(1); // the TODOs still fail the job
    expect(pr.github.reviews.map((r) => r.commit_id)).toEqual([first, second]);
    // Who this run posts as was asked once: /user refuses the Actions token, GraphQL's viewer names it.
    const asked = pr.github.requests.slice(before).filter((r) => r.path === '/user' || r.path === '/graphql');
    expect(asked.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /user', 'POST /graphql']);
    // Our own summary was edited; the forged one was not touched.
    const patched = pr.github
      .writes()
      .filter((r) => r.method === 'PATCH')
      .map((r) => r.path);
    expect(patched).toContain(`/repos/octo/hello/issues/comments/${ours?.id}`);
    expect(patched).not.toContain(`/repos/octo/hello/issues/comments/${evil?.id}`);
  });

  test('where GraphQL refuses too, the Actions bot is assumed (said once) and its own summary still counts', async () => {
    pr = await setupPullRequest({ 'src/a.ts': lines(20) }, { github: { graphqlViewer: false } });
    const head = pr.repo.commit('one', { 'src/a.ts': lines(20, { 3: 'export const v3 = 3; // TODO a' }) });
    pr.github.push({ headSha: head, diff: pr.prDiff(head) });
    const run = await pr.run({ head });
    expect(run.stderr).toContain("so only github-actions[bot]'s comments are read as hunkwise's");
    const again = await pr.run({ head });
    expect(again.stderr).toContain('the summary comment is up to date');
    expect(pr.github.reviews).toHaveLength(1);
  });

  test('a personal token: /user names the account, and a github-actions[bot] comment is not ours', async () => {
    pr = await setupPullRequest(
      { 'src/a.ts': lines(20) },
      { github: { tokenKind: 'user', botLogin: 'octo-reviewer' } },
    );
    const head = pr.repo.commit('one', { 'src/a.ts': lines(20, { 3: 'export const v3 = 3; // TODO a' }) });
    pr.github.push({ headSha: head, diff: pr.prDiff(head) });
    pr.github.addIssueComment('github-actions[bot]', cleanSummary(head));
    const run = await pr.run({ head, args: strict(pr) });
    expect(run.code).toBe(1);
    expect(pr.github.reviews).toHaveLength(1);
    expect(pr.github.requests.filter((r) => r.path === '/graphql')).toEqual([]);
    const again = await pr.run({ head, args: strict(pr) });
    expect(again.stderr).toContain('the summary comment is up to date');
  });

  test('github.bot_login is taken as given: no identity request at all', async () => {
    const { pr, first } = await pushedTodo();
    const config = join(pr.dir, 'login.yml');
    writeFileSync(config, `${CONFIG}github:\n  bot_login: github-actions[bot]\n`);
    await pr.run({ head: first, args: ['--config', config] });
    expect(pr.github.requests.filter((r) => r.path === '/user' || r.path === '/graphql')).toEqual([]);
    expect(pr.github.reviews).toHaveLength(1);
  });

  test('a state of our own that fails validation means a full review, never a skip', async () => {
    const { pr, first } = await pushedTodo();
    pr.github.addIssueComment(
      'github-actions[bot]',
      `## hunkwise\n\n<!-- hunkwise:summary head=${first} state=bm90LWpzb24 -->`,
    );
    const run = await pr.run({ head: first, args: strict(pr) });
    expect(run.stderr).not.toContain('up to date');
    expect(run.code).toBe(1);
    expect(pr.github.reviews).toHaveLength(1);
    expect(run.summary).toContain('Reviewed the whole pull request.');
  });

  test("a state's findings about files outside the pull request are dropped: not listed, not gating", async () => {
    const { pr, first } = await pushedTodo();
    await pr.run({ head: first });
    const ours = pr.github.issueComments.find((c) => parseMarker(c.body)?.kind === 'summary');
    // Our summary of this head, as if it listed a critical finding in a file this pull request does not touch.
    const outside = {
      fingerprint: 'abcdef0123456789',
      file: 'not/in/this/pr.ts',
      start: 1,
      end: 1,
      severity: 'critical' as const,
      category: 'security' as const,
      source: 'local' as const,
      origin: 'qwen2.5-coder:7b',
      message: 'Something outside.',
    };
    if (ours)
      ours.body = `x <!-- hunkwise:summary head=${first} state=${encodeState({ head: first, findings: [outside], dropped: 0 })} -->`;
    const run = await pr.run({ head: first, args: strict(pr) });
    expect(run.stderr).toContain('the summary comment is up to date');
    expect(run.code).toBe(0); // the only outstanding finding was outside the pull request
    expect(run.summary).not.toContain('not/in/this/pr.ts');
  });
});
