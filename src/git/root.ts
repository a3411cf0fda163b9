import { GitError } from '../errors.js';
import { createGit } from './git.js';

/** The top of the working tree containing `cwd`; config.yml and the cache are found from there. */
export async function repositoryRoot(cwd: string): Promise<string> {
  const root = (await createGit(cwd).text(['rev-parse', '--show-toplevel'])).trim();
  if (!root) throw new GitError(`${cwd} is not inside a git working tree (run review from your repository).`);
  return root;
}
