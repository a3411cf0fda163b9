// DiffSpec → the two object ids to compare. A left side that walks past a root commit is the empty tree.
import { GitError } from '../errors.js';
import { gitMessages } from '../messages/git.js';
import { ensurePairMergeBase, type PairOptions } from './deepen.js';
import type { DiffSpec } from './diffSpec.js';
import { emptyTree, type Git, mergeBase, resolveCommit } from './git.js';

export interface DiffSides {
  /** What was compared, for reports: "staged", "HEAD~1..HEAD", "main...feature". */
  label: string;
  /** Commit or tree id of the old side (the empty tree before the first commit). */
  base: string;
  /** Commit id of the new side, or 'index' for staged changes. */
  head: string | 'index';
}

export async function resolveSides(git: Git, spec: DiffSpec, pair: PairOptions = {}): Promise<DiffSides> {
  if (spec.kind === 'staged') {
    const head = await resolveCommit(git, 'HEAD');
    return { label: 'staged', base: head ?? (await emptyTree(git)), head: 'index' };
  }
  if (spec.kind === 'pair') {
    const found = await ensurePairMergeBase(git, spec.base, spec.head, pair);
    return { label: `${spec.base}...${spec.head}`, base: found.mergeBase, head: found.head };
  }
  return resolveRange(git, spec.range);
}

/** `A..B`, `A...B` or `R` (= `R..HEAD`); an empty side means HEAD, as in git. */
export function splitRange(range: string): { left: string; right: string; symmetric: boolean } {
  const three = range.indexOf('...');
  if (three !== -1)
    return {
      left: range.slice(0, three) || 'HEAD',
      right: range.slice(three + 3) || 'HEAD',
      symmetric: true,
    };
  const two = range.indexOf('..');
  if (two !== -1)
    return { left: range.slice(0, two) || 'HEAD', right: range.slice(two + 2) || 'HEAD', symmetric: false };
  return { left: range, right: 'HEAD', symmetric: false };
}

async function resolveRange(git: Git, range: string): Promise<DiffSides> {
  const { left, right, symmetric } = splitRange(range.trim());
  const label = range.includes('..') ? range : `${range}..HEAD`;
  const head = await resolveRight(git, right);
  const leftId = await resolveLeft(git, left);
  if (!symmetric || leftId.kind === 'empty') return { label, base: leftId.id, head };
  const base = await mergeBase(git, leftId.id, head);
  if (!base) throw new GitError(gitMessages.noMergeBase(left, right));
  return { label, base, head };
}

async function resolveRight(git: Git, rev: string): Promise<string> {
  const id = await resolveCommit(git, rev);
  if (id) return id;
  if (rev === 'HEAD' && !(await resolveCommit(git, 'HEAD'))) throw new GitError(gitMessages.noCommitsYet());
  throw new GitError(gitMessages.badRevision(rev));
}

async function resolveLeft(git: Git, rev: string): Promise<{ kind: 'commit' | 'empty'; id: string }> {
  const id = await resolveCommit(git, rev);
  if (id) return { kind: 'commit', id };
  if (await walksPastRoot(git, rev)) return { kind: 'empty', id: await emptyTree(git) };
  throw new GitError(gitMessages.badRevision(rev));
}

/** True for `X~n` / `X^` chains that name a commit before X's root (e.g. `HEAD~1` in a one-commit repo). */
async function walksPastRoot(git: Git, rev: string): Promise<boolean> {
  const { base, steps } = splitFirstParentSteps(rev);
  if (steps === 0) return false;
  const baseId = await resolveCommit(git, base);
  if (!baseId) return false;
  const depth = Number.parseInt(
    (await git.text(['rev-list', '--first-parent', '--count', baseId])).trim(),
    10,
  );
  return steps >= depth;
}

/** `main~2^` → {base: 'main', steps: 3}; only first-parent steps count (`^2` is not one). */
export function splitFirstParentSteps(rev: string): { base: string; steps: number } {
  let base = rev;
  let steps = 0;
  for (;;) {
    const match = /(?:~(\d*)|\^(1?))$/.exec(base);
    if (!match || match.index === 0) return { base, steps };
    const [, tilde, caret] = match;
    steps += tilde !== undefined ? (tilde === '' ? 1 : Number(tilde)) : caret === '' || caret === '1' ? 1 : 0;
    base = base.slice(0, match.index);
  }
}
