// Pull requests in CI usually run in a shallow clone (actions/checkout defaults to fetch-depth: 1),
// where the merge base of base and head is missing, and so are earlier heads of the pull request.
// Fetch more history in steps until the merge base appears; fetch single commits by id.
import { GitError } from '../errors.js';
import { gitMessages } from '../messages/git.js';
import { type Git, isShallow, mergeBase, resolveCommit } from './git.js';

export interface PairOptions {
  /** Remote to fetch from; default `origin`. */
  remote?: string;
  /** Commits to add per try; the number of entries is the number of tries. */
  steps?: number[];
}

const DEFAULT_STEPS = [64, 256, 1024, 4096];

export interface PairBase {
  base: string;
  head: string;
  mergeBase: string;
}

export async function ensurePairMergeBase(
  git: Git,
  base: string,
  head: string,
  options: PairOptions = {},
): Promise<PairBase> {
  const steps = options.steps ?? DEFAULT_STEPS;
  let fetched = 0;
  for (let attempt = 0; ; attempt++) {
    const found = await findPairBase(git, base, head);
    if (found && 'mergeBase' in found) return found;
    const step = steps[attempt];
    if (step === undefined || !(await isShallow(git))) return failPair(found, base, head, fetched);
    await deepenHistory(git, { revs: [base, head], by: step, remote: options.remote ?? 'origin' });
    fetched += step;
  }
}

type Found = PairBase | { missing: string } | null;

async function findPairBase(git: Git, base: string, head: string): Promise<Found> {
  const baseId = await resolveCommit(git, base);
  if (!baseId) return { missing: base };
  const headId = await resolveCommit(git, head);
  if (!headId) return { missing: head };
  const found = await mergeBase(git, baseId, headId);
  return found ? { base: baseId, head: headId, mergeBase: found } : null;
}

function failPair(found: Found, base: string, head: string, fetched: number): never {
  if (fetched > 0) throw new GitError(gitMessages.shallowNoMergeBase(base, head, fetched));
  if (found && 'missing' in found) throw new GitError(gitMessages.badRevision(found.missing));
  throw new GitError(gitMessages.noMergeBase(base, head));
}

/**
 * Fetches `by` more commits of history behind `revs`: revs not present yet are fetched at that
 * depth, present ones are deepened from the current shallow boundary.
 * @see https://git-scm.com/docs/git-fetch#Documentation/git-fetch.txt---deepenltdepthgt
 */
export async function deepenHistory(
  git: Git,
  options: { revs: string[]; by: number; remote: string },
): Promise<void> {
  const present = await Promise.all(options.revs.map((rev) => resolveCommit(git, rev)));
  const allPresent = present.every(Boolean);
  const depthFlag = allPresent ? `--deepen=${options.by}` : `--depth=${options.by}`;
  await git.text([
    'fetch',
    '--quiet',
    '--no-tags',
    '--no-recurse-submodules',
    depthFlag,
    '--end-of-options',
    options.remote,
    ...options.revs,
  ]);
}

/**
 * Fetches each of `ids` the clone lacks, by id (GitHub serves reachable commits by id): at depth 1 in a
 * shallow clone, so it stays small; without a depth in a full clone, which a depth would make shallow
 * (PROTOCOLS 3.12). Returns the ids still missing (no remote, no credentials, or pruned upstream).
 */
export async function fetchMissingCommits(
  git: Git,
  ids: readonly string[],
  remote = 'origin',
): Promise<string[]> {
  const missing: string[] = [];
  let depth: string[] | null = null;
  for (const id of new Set(ids)) {
    if (await resolveCommit(git, id)) continue;
    depth ??= (await isShallow(git)) ? ['--depth=1'] : [];
    const fetch = ['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', ...depth];
    // A failed fetch is not an error here: the caller reviews what it can and says what was missing.
    await git.text([...fetch, '--end-of-options', remote, id]).catch(() => undefined);
    if (!(await resolveCommit(git, id))) missing.push(id);
  }
  return missing;
}
