// `review pr` in the checkout actions/checkout makes by default: fetch-depth 1 of the pull request's merge
// commit, from a bare "origin" in a temp dir. The second run needs the last reviewed head and the new head,
// neither of which such a clone holds.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeState, parseMarker } from '../../../src/host/marker.js';
import { GIT_ENV } from '../../helpers/gitRepo.js';
import { NUMBER, type PullRequestSetup, setupPullRequest } from './harness.js';

const lines = (n: number, edit: Record<number, string> = {}) =>
  `${Array.from({ length: n }, (_, i) => edit[i + 1] ?? `export const v${i + 1} = ${i + 1};`).join('\n')}\n`;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...GIT_ENV },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

describe('review pr in a fetch-depth: 1 checkout', () => {
  let pr: PullRequestSetup;
  let work: string;
  let origin: string;
  const clones: string[] = [];

  beforeAll(async () => {
    pr = await setupPullRequest({ 'src/a.ts': lines(30) });
    work = mkdtempSync(join(tmpdir(), 'hunkwise-shallow-'));
    origin = join(work, 'origin.git');
    git(work, 'init', '-q', '--bare', origin);
  });
  afterAll(async () => {
    await pr.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  /** What GitHub holds after a push: the branch and the pull request's test merge commit. */
  function publish(head: string, options: { force?: boolean } = {}) {
    const merge = git(pr.repo.dir, 'commit-tree', `${head}^{tree}`, '-p', pr.base, '-p', head, '-m', 'merge');
    const refs = [
      `${pr.base}:refs/heads/main`,
      `${head}:refs/heads/feature`,
      `+${merge}:refs/pull/${NUMBER}/merge`,
    ];
    git(pr.repo.dir, 'push', '-q', ...(options.force ? ['-f'] : []), origin, ...refs);
    pr.github.push({ headSha: head, diff: pr.prDiff(head) });
  }

  /** actions/checkout with its defaults: the merge commit alone, detached. */
  function checkout(): string {
    const clone = mkdtempSync(join(work, 'clone-'));
    clones.push(clone);
    git(clone, 'init', '-q');
    git(clone, 'remote', 'add', 'origin', `file://${origin}`);
    git(
      clone,
      'fetch',
      '-q',
      '--no-tags',
      '--depth=1',
      'origin',
      `+refs/pull/${NUMBER}/merge:refs/remotes/pull/${NUMBER}/merge`,
    );
    git(clone, 'checkout', '-q', '--detach', `refs/remotes/pull/${NUMBER}/merge`);
    return clone;
  }

  function summary() {
    const sticky = pr.github.issueComments.filter((c) => parseMarker(c.body)?.kind === 'summary');
    expect(sticky).toHaveLength(1);
    return { body: sticky[0]?.body ?? '', state: decodeState(parseMarker(sticky[0]?.body)?.fields.state) };
  }

  test('opened: the merge base is fetched and the whole pull request reviewed', async () => {
    const head = pr.repo.commit('first', {
      'src/a.ts': lines(30, { 5: 'export const v5 = 5; // TODO one' }),
    });
    publish(head);
    const clone = checkout();
    expect(git(clone, 'rev-parse', '--is-shallow-repository')).toBe('true');
    const run = await pr.run({ head, cwd: clone });
    expect(run.stderr).not.toMatch(/bad object|internal error/);
    expect(run.code).toBe(0);
    expect(pr.github.reviewComments.map((c) => [c.path, c.line])).toEqual([['src/a.ts', 5]]);
    expect(summary().body).toContain('Reviewed the whole pull request.');
  });

  const has = (clone: string, sha: string) => {
    try {
      git(clone, 'cat-file', '-e', `${sha}^{commit}`);
      return true;
    } catch {
      return false;
    }
  };

  test('second push: both heads are fetched by id at depth 1, and only the new commit is reviewed', async () => {
    const previous = summary().state?.head ?? '';
    const head = pr.repo.commit('second', { 'src/b.ts': '// FIXME two\n' });
    publish(head);
    const clone = checkout();
    expect([has(clone, previous), has(clone, head)]).toEqual([false, false]);
    const before = pr.github.reviewComments.length;
    const run = await pr.run({ head, action: 'synchronize', cwd: clone });
    expect(run.stderr).not.toMatch(/bad object|internal error/);
    expect(run.code).toBe(0);
    expect(pr.github.reviewComments.slice(before).map((c) => [c.path, c.line])).toEqual([['src/b.ts', 1]]);
    expect(summary().body).toContain(`since the last reviewed commit ${previous.slice(0, 7)}`);
    expect(summary().state?.head).toBe(head);
    expect(git(clone, 'rev-parse', '--is-shallow-repository')).toBe('true'); // fetched at depth 1, not the history
    expect(Number(git(clone, 'rev-list', '--count', '--all'))).toBeLessThanOrEqual(3);
  });

  test('after a force-push that pruned the old head upstream: the fetch fails, the whole pull request is reviewed, and the summary says why', async () => {
    const previous = summary().state?.head ?? '';
    pr.repo.git('reset', '-q', '--hard', pr.base);
    const head = pr.repo.commit('rewritten', {
      'src/a.ts': lines(30, { 5: 'export const v5 = 5; // TODO one' }),
      'src/c.ts': '// FIXME three\n',
    });
    publish(head, { force: true });
    git(origin, 'gc', '-q', '--prune=now');
    const clone = checkout();
    expect(() => git(clone, 'fetch', '-q', '--depth=1', 'origin', previous)).toThrow();
    const before = pr.github.reviewComments.length;
    const run = await pr.run({ head, action: 'synchronize', cwd: clone });
    expect(run.stderr).not.toMatch(/bad object|internal error/);
    expect(run.code).toBe(0);
    const { body, state } = summary();
    expect(body).toContain(
      `The last reviewed commit ${previous.slice(0, 7)} is not in this clone and could not be fetched`,
    );
    expect(body).toContain('so the whole pull request was reviewed again');
    expect(state?.head).toBe(head);
    // src/a.ts:5 was posted before with the same fingerprint: only the new finding is added.
    expect(pr.github.reviewComments.slice(before).map((c) => [c.path, c.line])).toEqual([['src/c.ts', 1]]);
  });
});
