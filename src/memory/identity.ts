// Who records a dismissal or a note: the git identity of this checkout, as a commit would name its author.
import { createGit } from '../git/git.js';

/**
 * `Name <email>` from `git var GIT_AUTHOR_IDENT` (config and GIT_AUTHOR_* alike, as commits see them), or
 * null when git has no identity.
 */
export async function gitIdentity(root: string): Promise<string | null> {
  const ident = await createGit(root)
    .text(['var', 'GIT_AUTHOR_IDENT'])
    .catch(() => '');
  // "Name <email> 1732611600 +0100": drop the timestamp and zone.
  const who = ident.trim().replace(/\s+\d+\s+[+-]\d{4}$/, '');
  return who || null;
}
