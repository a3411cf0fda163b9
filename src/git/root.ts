import { resolve } from 'node:path';
import { GitError } from '../errors.js';
import { gitMessages } from '../messages/git.js';
import { createGit } from './git.js';

/** The top of the working tree containing `cwd`; config.yml and the cache are found from there. */
export async function repositoryRoot(cwd: string): Promise<string> {
  const root = (await createGit(cwd).text(['rev-parse', '--show-toplevel'])).trim();
  if (!root) throw new GitError(gitMessages.notAWorkingTree(cwd));
  return root;
}

/** What every review of a working tree starts from, read by one git process. */
export interface Repository {
  /** The top of the working tree. */
  root: string;
  /** The git directory all worktrees share (hunkwise's cache lives in it), absolute. */
  commonDir: string;
  /** The commit HEAD names; null before the first commit. */
  head: string | null;
}

/**
 * Root, common git directory and HEAD in one `git rev-parse` (the hook pays for every process). Before
 * the first commit `--verify --quiet` fails without a word and prints no third line.
 */
export async function readRepository(cwd: string): Promise<Repository> {
  const out = await createGit(cwd).text([
    'rev-parse',
    '--show-toplevel',
    '--git-common-dir',
    '--verify',
    '--quiet',
    '--end-of-options',
    'HEAD^{commit}',
  ]);
  const [root = '', commonDir = '', head = ''] = out.split('\n');
  if (!root || !commonDir) throw new GitError(gitMessages.notAWorkingTree(cwd));
  // --git-common-dir is relative to where git ran (`.git`, `../.git`) unless it lives elsewhere.
  return { root, commonDir: resolve(cwd, commonDir), head: head || null };
}
