// What this run reviews: the whole pull request, only what changed since the last reviewed head
// (a tree compare, so it also works after a rebase or force-push), or nothing (same head again).
import { fetchMissingCommits } from '../git/deepen.js';
import type { DiffSpec } from '../git/diffSpec.js';
import { createGit } from '../git/git.js';
import { githubMessages as m } from '../messages/github.js';
import type { ReviewResult } from '../types.js';
import type { ReviewScope } from './plan.js';

export interface ScopeDecision {
  scope: ReviewScope;
  spec: DiffSpec | null;
}

export async function decideScope(
  cwd: string,
  pr: { baseSha: string; headSha: string },
  lastHead: string | null,
): Promise<ScopeDecision> {
  const full: DiffSpec = { kind: 'pair', base: pr.baseSha, head: pr.headSha };
  if (lastHead === null) return { scope: { kind: 'full', notes: [m.fullReview()] }, spec: full };
  if (lastHead === pr.headSha) return { scope: { kind: 'unchanged' }, spec: null };
  // Both heads are needed for the tree compare; a shallow checkout (fetch-depth: 1 of the merge commit)
  // has neither, and a force-push leaves the old one out of any clone.
  const missing = await fetchMissingCommits(createGit(cwd), [lastHead, pr.headSha]);
  if (missing.length > 0) {
    const note = missing.includes(lastHead) ? m.oldHeadUnresolvable(lastHead) : m.headUnfetchable(pr.headSha);
    return { scope: { kind: 'full', notes: [note] }, spec: full };
  }
  return {
    scope: { kind: 'incremental', from: lastHead, notes: [m.incremental(lastHead, pr.headSha)] },
    spec: { kind: 'range', range: `${lastHead}..${pr.headSha}` },
  };
}

/**
 * Keeps only the files still in the pull request: after a rebase or a merge from the base branch the
 * old..new tree compare also holds upstream changes, which are not this pull request's to review.
 */
export function restrictToPaths(
  result: ReviewResult,
  paths: ReadonlySet<string>,
): { result: ReviewResult; left: number } {
  const keep = (path: string) => paths.has(path);
  const files = result.files.filter((f) => keep(f.path));
  return {
    left: result.files.length - files.length,
    result: {
      ...result,
      files,
      decisions: result.decisions.filter((d) => keep(d.hunk.file)),
      outcomes: result.outcomes.filter((o) => keep(o.hunk.file)),
      findings: result.findings.filter((p) => keep(p.finding.file)),
    },
  };
}

/** More than this many upstream files: not worth a glob each; restrictToPaths still drops them afterwards. */
const MAX_SKIPPED_UPSTREAM = 2000;

/**
 * Files changed between the last reviewed head and this one that are not part of the pull request
 * (upstream changes brought in by a rebase or a merge from the base branch): skipped before review,
 * so no model spends tokens on them.
 */
export async function upstreamPaths(
  cwd: string,
  from: string,
  to: string,
  prPaths: ReadonlySet<string>,
): Promise<string[]> {
  // Only an optimisation (restrictToPaths drops upstream files after the review): never fail the run for it.
  const out = await createGit(cwd)
    .text(['diff-tree', '-r', '-z', '--name-only', '--no-renames', '--end-of-options', from, to])
    .catch(() => '');
  const changed = out.split('\0').filter(Boolean);
  const outside = changed.filter((path) => !prPaths.has(path));
  return outside.length > MAX_SKIPPED_UPSTREAM ? [] : outside;
}

/** A picomatch glob matching exactly `path`, whatever characters it holds. */
export function exactGlob(path: string): string {
  return path.replace(/[\\*?[\]{}()!+@^$|]/g, (c) => `\\${c}`);
}
