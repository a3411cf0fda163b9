// Who records a dismissal or a note: the git identity of this checkout, as commits would name it.
import { createGit } from '../git/git.js';

/** `Name <email>`, `Name`, or null when git has no identity configured. */
export async function gitIdentity(root: string): Promise<string | null> {
  const git = createGit(root);
  const [name, email] = await Promise.all([
    git.text(['config', 'user.name']).catch(() => ''),
    git.text(['config', 'user.email']).catch(() => ''),
  ]);
  const who = [name.trim(), email.trim() ? `<${email.trim()}>` : ''].filter(Boolean).join(' ');
  return who || null;
}
