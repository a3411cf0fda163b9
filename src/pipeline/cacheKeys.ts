// Where the review cache lives and what makes two reviews of a hunk interchangeable.
import { createHash } from 'node:crypto';
import { isAbsolute, join, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { createGit } from '../git/git.js';
import type { Repository } from '../git/root.js';
import { cacheKey } from '../review/cache.js';
import { PROMPT_VERSION } from '../review/promptVersion.js';
import { providerIdentity } from '../review/providers.js';
import type { Hunk } from '../types.js';
import { ROLE_NAME, type Role } from '../vocabulary.js';

/** HUNKWISE_CACHE_DIR, else cache.dir (relative to the repository), else hunkwise/cache in the git directory. */
export async function cacheDirFor(options: {
  cwd: string;
  env: Record<string, string | undefined>;
  config: Config;
  repository?: Repository;
}): Promise<string> {
  const chosen = options.env.HUNKWISE_CACHE_DIR || options.config.cache.dir;
  if (chosen) return resolve(options.cwd, chosen);
  if (options.repository) return join(options.repository.commonDir, 'hunkwise', 'cache');
  const gitDir = (await createGit(options.cwd).text(['rev-parse', '--git-common-dir'])).trim();
  return join(isAbsolute(gitDir) ? gitDir : resolve(options.cwd, gitDir), 'hunkwise', 'cache');
}

/**
 * Only the settings that change a model's answer take part in the key: the provider's (context size, output
 * cap…), the role's (the escalation role's hunks travel with claude.context_tokens of context), and the team
 * notes, which change the prompt.
 */
function settingsDigest(role: Role, config: Config, notes: string | null): string {
  const contextSettings = role === 'escalation' ? [config.claude.context_tokens] : [];
  const relevant: unknown[] = [...providerIdentity(role, config).settings, ...contextSettings];
  if (notes) relevant.push(notes);
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 16);
}

export function cacheKeyFor(
  hunk: Hunk,
  role: Role,
  model: string,
  config: Config,
  notesDigest: string | null = null,
): string {
  return cacheKey({
    hunkHash: hunk.hash,
    // The route's name, as before roles had their own: existing cache entries stay valid.
    reviewer: ROLE_NAME[role],
    model,
    promptVersion: PROMPT_VERSION,
    settings: settingsDigest(role, config, notesDigest),
  });
}
