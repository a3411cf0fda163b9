// Where hunkwise keeps per-repository state that is not shared through commits (the last run, embeddings):
// inside the git directory, so it is never committed and survives checkouts.
import { statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { createGit } from '../git/git.js';

/**
 * `<git dir>/hunkwise`. A plain `.git` directory is found without running git (the hook's start-up counts);
 * worktrees and submodules ask git. `common` picks the directory shared by all worktrees.
 */
export async function stateDir(root: string, which: 'worktree' | 'common' = 'worktree'): Promise<string> {
  try {
    if (statSync(join(root, '.git')).isDirectory()) return join(root, '.git', 'hunkwise');
  } catch {
    // not a plain checkout: ask git below
  }
  const flag = which === 'common' ? '--git-common-dir' : '--git-dir';
  const gitDir = (await createGit(root).text(['rev-parse', flag])).trim();
  return join(isAbsolute(gitDir) ? gitDir : resolve(root, gitDir), 'hunkwise');
}
