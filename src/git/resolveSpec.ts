// DiffSpec → the two object ids to compare. Both sides of a range must exist: a missing left side is an
// error that says how to get it, never the empty tree (that would review every file nobody asked about).
// Only `--root` (DiffSpec 'root') and a staged review before the first commit compare against the empty tree.
import { GitError } from '../errors.js';
import { gitMessages } from '../messages/git.js';
import { ensurePairMergeBase, type PairOptions } from './deepen.js';
import type { DiffSpec } from './diffSpec.js';
import { emptyTree, type Git, isShallow, mergeBase, resolveCommit } from './git.js';

export interface DiffSides {
  /** What was compared, for reports: "staged", "HEAD~1..HEAD", "main...feature", "--root HEAD". */
  label: string;
  /** Commit or tree id of the old side (the empty tree before the first commit, or for --root). */
  base: string;
  /** Commit id of the new side, or 'index' for staged changes. */
  head: string | 'index';
}

export interface SideOptions {
  /** For kind 'pair' in a shallow clone: where and how far to deepen. */
  pair?: PairOptions;
  /** HEAD's commit (null: none yet) when already known, so a staged review starts no git process for it. */
  head?: string | null;
}

export async function resolveSides(git: Git, spec: DiffSpec, options: SideOptions = {}): Promise<DiffSides> {
  const pair = options.pair ?? {};
  if (spec.kind === 'staged') {
    const head = options.head !== undefined ? options.head : await resolveCommit(git, 'HEAD');
    return { label: 'staged', base: head ?? (await emptyTree(git)), head: 'index' };
  }
  if (spec.kind === 'pair') {
    const found = await ensurePairMergeBase(git, spec.base, spec.head, pair);
    return { label: `${spec.base}...${spec.head}`, base: found.mergeBase, head: found.head };
  }
  if (spec.kind === 'root')
    return {
      label: `--root ${spec.rev}`,
      base: await emptyTree(git),
      head: await resolveSide(git, spec.rev),
    };
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
  const head = await resolveSide(git, right);
  const base = await resolveSide(git, left);
  if (!symmetric) return { label, base, head };
  const found = await mergeBase(git, base, head);
  if (found) return { label, base: found, head };
  const shallow = await isShallow(git);
  throw new GitError(
    shallow ? gitMessages.rangeShallowNoMergeBase(left, right) : gitMessages.noMergeBase(left, right),
  );
}

/** The commit `rev` names, or a GitError saying why it is missing and how to get it. */
export async function resolveSide(git: Git, rev: string): Promise<string> {
  const id = await resolveCommit(git, rev);
  if (id) return id;
  if (rev === 'HEAD' && !(await resolveCommit(git, 'HEAD'))) throw new GitError(gitMessages.noCommitsYet());
  throw new GitError(await missingRevision(git, rev));
}

/**
 * Why `rev` names no commit here. `X~n` past the end of X's history: in a shallow clone that history was
 * not fetched (say how much to deepen); in a full one it goes back before the first commit.
 */
async function missingRevision(git: Git, rev: string): Promise<string> {
  const shallow = await isShallow(git);
  const { base, steps } = splitFirstParentSteps(rev);
  const baseId = steps > 0 ? await resolveCommit(git, base) : null;
  if (!baseId) return shallow ? gitMessages.unknownInShallow(rev) : gitMessages.badRevision(rev);
  const have = Number.parseInt(
    (await git.text(['rev-list', '--first-parent', '--count', '--end-of-options', baseId])).trim(),
    10,
  );
  return shallow
    ? gitMessages.shallowHistory(rev, base, have, steps - have + 1)
    : gitMessages.beforeFirstCommit(rev, base, have);
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
