// `review pr` end to end against the fake GitHub: a real repository, real rules, the real @octokit/rest.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeState, parseMarker } from '../../../src/host/marker.js';
import { promptFiles, startFakeOllama } from '../../fakes/ollamaServer.js';
import { GIT_ENV } from '../../helpers/gitRepo.js';
import { fingerprintsOf, type PullRequestSetup, setupPullRequest } from './harness.js';

const lines = (n: number, edit: Record<number, string> = {}) =>
  `${Array.from({ length: n }, (_, i) => edit[i + 1] ?? `export const v${i + 1} = ${i + 1};`).join('\n')}\n`;

function summaryState(pr: PullRequestSetup) {
  const sticky = pr.github.issueComments.filter((c) => parseMarker(c.body)?.kind === 'summary');
  expect(sticky).toHaveLength(1);
  return { body: sticky[0]?.body ?? '', state: decodeState(parseMarker(sticky[0]?.body)?.fields.state) };
}

function expectValidRequests(pr: PullRequestSetup) {
  expect(pr.github.openApiIssues).toEqual([]);
  const posts = pr.github.requests.filter((x) => x.method === 'POST' && x.path.endsWith('/reviews'));
  for (const r of posts) expect((r.body as { event?: string }).event).toBe('COMMENT');
  expect(posts.at(-1)?.body).toMatchObject({ commit_id: pr.github.pull.headSha });
}

describe('review pr: opened → synchronize → re-run → force-push', () => {
  let pr: PullRequestSetup;
  const heads: string[] = [];
  beforeAll(async () => {
    pr = await setupPullRequest({ 'src/a.ts': lines(30), 'src/keep.ts': lines(5) });
  });
  afterAll(() => pr.cleanup());

  test('opened: one COMMENT review on the head commit with inline comments, and a sticky summary', async () => {
    const head = pr.repo.commit('first', {
      'src/a.ts': lines(30, {
        5: 'export const v5 = 5; // TODO one',
        15: 'export const v15 = 15; // TODO four',
      }),
      'src/b.ts': lines(3, { 2: '// FIXME two' }),
    });
    heads.push(head);
    pr.github.push({ headSha: head, diff: pr.prDiff(head) });
    const run = await pr.run({ head });
    expect(run.stderr).toContain('posted a review with 3 inline comments');
    expect(run.code).toBe(0);
    expect(pr.github.reviews).toHaveLength(1);
    expect(pr.github.reviews[0]).toMatchObject({ state: 'COMMENTED', commit_id: head });
    expect(pr.github.reviewComments.map((c) => [c.path, c.line, c.side])).toEqual([
      ['src/a.ts', 5, 'RIGHT'],
      ['src/a.ts', 15, 'RIGHT'],
      ['src/b.ts', 2, 'RIGHT'],
    ]);
    const { body, state } = summaryState(pr);
    expect(state?.head).toBe(head);
    expect(state?.findings).toHaveLength(3);
    expect(body).toMatch(/🟠 major \| 2 \| 2/);
    expect(body).toContain('Reviewed the whole pull request.');
    expect(run.summary).toContain('src/b.ts:2');
    expect(run.stdout).toBe(''); // posted: no annotations
    expectValidRequests(pr);
  });

  test('synchronize: only the new commit is reviewed, nothing is repeated, gone findings are struck unless someone replied', async () => {
    const four = pr.github.reviewComments.find((c) => c.line === 15);
    pr.github.reply(four?.id ?? 0, 'alice', 'I will keep this one for now');
    const head = pr.repo.commit('second', {
      'src/a.ts': lines(30, { 25: 'export const v25 = 25; // TODO three' }),
    });
    heads.push(head);
    pr.github.push({ headSha: head, diff: pr.prDiff(head) });
    const before = pr.github.reviewComments.length;
    const run = await pr.run({ head, action: 'synchronize' });
    expect(run.code).toBe(0);
    expect(pr.github.reviews).toHaveLength(2);
    const added = pr.github.reviewComments.slice(before);
    expect(added.map((c) => [c.path, c.line])).toEqual([['src/a.ts', 25]]);
    const [one, fourAgain, two] = pr.github.reviewComments;
    expect(one?.body).toContain(`Resolved in ${head.slice(0, 7)}`);
    expect(parseMarker(one?.body)?.fields.resolved).toBe(head);
    expect(fourAgain?.body).not.toContain('Resolved'); // a person replied: hands off
    expect(two?.body).not.toContain('Resolved'); // src/b.ts did not change: carried over
    const { body, state } = summaryState(pr);
    expect(pr.github.issueComments).toHaveLength(1); // PATCHed, not a second summary
    expect(body).toContain(`since the last reviewed commit ${heads[0]?.slice(0, 7)}`);
    expect(state?.head).toBe(head);
    expect(state?.findings.map((f) => `${f.file}:${f.start}`).sort()).toEqual(['src/a.ts:25', 'src/b.ts:2']);
    expectValidRequests(pr);
  });

  test('re-run of the same head: no review, no edits, nothing duplicated', async () => {
    const writes = pr.github.writes().length;
    const run = await pr.run({ head: heads[1] as string, action: 'synchronize' });
    expect(run.code).toBe(0);
    expect(pr.github.writes()).toHaveLength(writes);
    expect(run.stderr).toContain('no new findings');
    expect(run.summary).toContain('was already reviewed');
  });

  test('force-push in a fresh CI clone: compares the old and new trees, keeps what stands, resolves what is gone', async () => {
    pr.repo.git('reset', '-q', '--hard', pr.base);
    const head = pr.repo.commit('rewritten', {
      'src/a.ts': lines(30, { 10: 'export const v10 = 10; // TODO five' }),
      'src/b.ts': lines(3, { 2: '// FIXME two' }),
    });
    pr.github.push({ headSha: head, diff: pr.prDiff(head) });
    const clone = mkdtempSync(join(tmpdir(), 'hunkwise-clone-'));
    try {
      // What actions/checkout with fetch-depth: 0 gives: reachable history only, the old head is gone from refs.
      execFileSync('git', ['clone', '-q', '--no-local', pr.repo.dir, clone], {
        env: { ...process.env, ...GIT_ENV },
      });
      execFileSync('git', ['checkout', '-q', head], { cwd: clone, env: { ...process.env, ...GIT_ENV } });
      const before = pr.github.reviewComments.length;
      const run = await pr.run({ head, action: 'synchronize', cwd: clone });
      expect(run.code).toBe(0);
      const added = pr.github.reviewComments.slice(before);
      expect(added.map((c) => [c.path, c.line])).toEqual([['src/a.ts', 10]]); // FIXME two is not posted again
      const three = pr.github.reviewComments.find((c) => c.line === 25 || c.original_line === 25);
      expect(three?.body).toContain(`Resolved in ${head.slice(0, 7)}`);
      const { body, state } = summaryState(pr);
      // The old head is unreachable from every ref, so the clone lacks it; it is fetched by id.
      expect(body).toContain('since the last reviewed commit');
      expect(state?.head).toBe(head);
      expect(
        fingerprintsOf(pr.github.reviewComments.filter((c) => !c.body.includes('Resolved'))).length,
      ).toBe(
        new Set(fingerprintsOf(pr.github.reviewComments.filter((c) => !c.body.includes('Resolved')))).size,
      );
      expectValidRequests(pr);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  test('force-push after the old head was garbage-collected: a full review, said so, still no duplicates', async () => {
    pr.repo.git('reset', '-q', '--hard', pr.base);
    const head = pr.repo.commit('rewritten again', {
      'src/a.ts': lines(30, { 10: 'export const v10 = 10; // TODO five' }),
      'src/b.ts': lines(3, { 2: '// FIXME two' }),
      'src/c.ts': lines(2, { 1: '// FIXME six' }),
    });
    pr.repo.git('reflog', 'expire', '--expire=now', '--all');
    pr.repo.git('gc', '-q', '--prune=now');
    pr.github.push({ headSha: head, diff: pr.prDiff(head) });
    const clone = mkdtempSync(join(tmpdir(), 'hunkwise-clone-'));
    try {
      execFileSync('git', ['clone', '-q', '--no-local', pr.repo.dir, clone], {
        env: { ...process.env, ...GIT_ENV },
      });
      execFileSync('git', ['checkout', '-q', head], { cwd: clone, env: { ...process.env, ...GIT_ENV } });
      const before = pr.github.reviewComments.length;
      const run = await pr.run({ head, action: 'synchronize', cwd: clone });
      expect(run.code).toBe(0);
      expect(pr.github.reviewComments.slice(before).map((c) => [c.path, c.line])).toEqual([['src/c.ts', 1]]);
      const { body, state } = summaryState(pr);
      expect(body).toContain(
        'is not in this clone and could not be fetched (force-pushed away, or no credentials to fetch), so the whole pull request was reviewed again',
      );
      expect(state?.findings.map((f) => `${f.file}:${f.start}`).sort()).toEqual([
        'src/a.ts:10',
        'src/b.ts:2',
        'src/c.ts:1',
      ]);
      expectValidRequests(pr);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});

describe('review pr with the local model (fake Ollama)', () => {
  test('model findings are posted inline with their model, and the summary shows usage per model', async () => {
    const ollama = await startFakeOllama({ models: ['qwen2.5-coder:7b'] });
    const pr = await setupPullRequest({ 'src/a.ts': lines(20) });
    try {
      const head = pr.repo.commit('change', {
        'src/a.ts': lines(20, { 6: 'export const v6 = items[items.length];' }),
      });
      pr.github.push({ headSha: head, diff: pr.prDiff(head) });
      ollama.script({
        findings: [
          {
            file: 'src/a.ts',
            line: 6,
            severity: 'major',
            category: 'bug',
            message: 'Reads one past the end of the array.',
            quote: 'export const v6 = items[items.length];',
          },
        ],
        promptEvalCount: 640,
        evalCount: 48,
      });
      const config = join(pr.dir, 'local.yml');
      writeFileSync(config, `local:\n  enabled: true\n  host: ${ollama.url}\nclaude:\n  enabled: false\n`);
      const run = await pr.run({ head, args: ['--config', config] });
      expect(run.code).toBe(0);
      expect(pr.github.reviewComments.map((c) => [c.path, c.line])).toEqual([['src/a.ts', 6]]);
      expect(pr.github.reviewComments[0]?.body).toContain('**🟠 major** · bug · `qwen2.5-coder:7b`');
      const { body } = summaryState(pr);
      expect(body).toContain('| Severity | `qwen2.5-coder:7b` | Total |');
      expect(body).toContain('Hunks reviewed: 1 by rules + local');
      expect(body).toMatch(/\| `qwen2.5-coder:7b` \| 1 \| 640 \| 48 \| 0 \| \$0\.00 \|/);
      expect(body).toContain('**100% saved** (hunks: 1 reviewed, 0 left for CI, 0 not reviewed)');
    } finally {
      await pr.cleanup();
      await ollama.close();
    }
  });
});

describe('review pr after merging the base branch into the pull request', () => {
  test('upstream files in old..new are skipped before review: no model sees them, the summary says so', async () => {
    const ollama = await startFakeOllama({ models: ['qwen2.5-coder:7b'] });
    const pr = await setupPullRequest({ 'src/a.ts': lines(20) });
    try {
      const config = join(pr.dir, 'local.yml');
      writeFileSync(config, `local:\n  enabled: true\n  host: ${ollama.url}\nclaude:\n  enabled: false\n`);
      const first = pr.repo.commit('pr change', { 'src/a.ts': lines(20, { 2: 'export const v2 = 22;' }) });
      pr.github.push({ headSha: first, diff: pr.prDiff(first) });
      await pr.run({ head: first, args: ['--config', config] });
      // Meanwhile on main: an unrelated file. The PR merges main, then changes its own file again.
      pr.repo.git('checkout', '-q', 'main');
      pr.repo.commit('upstream', { 'src/upstream.ts': 'export const fromMain = 1;\n' });
      pr.repo.git('checkout', '-q', 'feature');
      pr.repo.git('merge', '-q', '--no-edit', 'main');
      const head = pr.repo.commit('pr change 2', {
        'src/a.ts': lines(20, { 2: 'export const v2 = 22;', 9: 'export const v9 = 99;' }),
      });
      const mainTip = pr.repo.git('rev-parse', 'main').trim();
      pr.github.push({ headSha: head, diff: pr.repo.git('diff', '--no-color', '-U3', mainTip, head) });
      const chatsBefore = ollama.chats().length;
      const run = await pr.run({ head, action: 'synchronize', args: ['--config', config] });
      expect(run.code).toBe(0);
      const files = ollama.chats().slice(chatsBefore).flatMap(promptFiles);
      expect(files).toContain('src/a.ts');
      expect(files).not.toContain('src/upstream.ts');
      const { body } = summaryState(pr);
      expect(body).toContain('1 file changed since the last review but no longer part of this pull request');
      expect(body).not.toContain('src/upstream.ts');
    } finally {
      await pr.cleanup();
      await ollama.close();
    }
  });
});
