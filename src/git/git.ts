// The only place that runs git. Every call gets config that makes the output independent of the user's
// settings, and every failure becomes a GitError with git's stderr.
//
// git runs through node's child_process, not simple-git: simple-git waits 50 ms after every git process
// that prints nothing (as a diff written with `--output` did, twice per hook run), and loading it cost the
// hook a third of a bare `node -e 0` (bench/hook.mjs). What we used of it is the few lines of runGit below.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { GitError } from '../errors.js';
import { gitMessages } from '../messages/git.js';

/**
 * `-c` settings for every command. Plumbing (diff-tree, diff-index) already ignores most UI config;
 * these pin the rest. @see https://git-scm.com/docs/git-config#Documentation/git-config.txt-diffsuppressBlankEmpty
 */
export const GIT_CONFIG = [
  'core.quotepath=false',
  'diff.noprefix=false',
  'diff.mnemonicPrefix=false',
  'diff.suppressBlankEmpty=false',
  'diff.relative=false',
  'diff.renameLimit=1000',
  'color.ui=false',
  'color.diff=false',
];

/** Flags for every diff: same output whatever the user's config, attributes' drivers or pager. */
export const DIFF_FLAGS = [
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  '--no-relative',
  '--ignore-submodules=none',
  '--submodule=short',
  '--diff-algorithm=myers',
  '--indent-heuristic',
  '--inter-hunk-context=0',
];

/** Context lines for patches; only with `-p`, because `-U` implies a patch. */
export const PATCH_FLAGS = ['-p', '-U3'];

export interface Git {
  readonly cwd: string;
  /** stdout as UTF-8 text. Exit codes other than 0 without stderr (e.g. `merge-base` finding none) are not errors. */
  text(args: string[]): Promise<string>;
  /**
   * stdout as bytes: blobs and diffs, whose file contents need not be UTF-8 (hunk hashes are taken over the
   * bytes).
   */
  buffer(args: string[]): Promise<Buffer>;
}

export interface GitOptions {
  signal?: AbortSignal;
}

export function createGit(cwd: string, options: GitOptions = {}): Git {
  if (!existsSync(cwd)) throw new GitError(gitMessages.directoryMissing(cwd));
  const run = (args: string[]) => runGit(cwd, args, options.signal);
  return {
    cwd,
    text: async (args) => (await run(args)).toString('utf8'),
    buffer: run,
  };
}

/**
 * `git -c … <args>` in `cwd` → stdout. A non-zero exit is an error when git says why on stderr; without a
 * word (`merge-base` finding none, `rev-parse --verify --quiet` of a missing name) it is an answer.
 */
async function runGit(cwd: string, args: string[], signal?: AbortSignal): Promise<Buffer> {
  try {
    return await new Promise<Buffer>((resolve, reject) => {
      const child = spawn('git', [...GIT_CONFIG.flatMap((c) => ['-c', c]), ...args], {
        cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
        ...(signal ? { signal } : {}),
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (code, killedBy) => {
        const stderr = Buffer.concat(err);
        if (killedBy !== null) reject(new Error(`git was stopped by ${killedBy}`));
        else if (code !== 0 && stderr.length > 0)
          reject(new Error(Buffer.concat([...out, stderr]).toString('utf8')));
        else resolve(Buffer.concat(out));
      });
    });
  } catch (error) {
    // Cancelled (Ctrl-C, time budget): not git's fault; the CLI reports the interruption.
    if (signal?.aborted) throw error;
    throw toGitError(cwd, args, error);
  }
}

export function toGitError(cwd: string, args: string[], error: unknown): GitError {
  const stderr = error instanceof Error ? error.message : String(error);
  if (/not a git repository/i.test(stderr))
    return new GitError(gitMessages.notARepository(cwd), { cause: error });
  if (/spawn git ENOENT/.test(stderr)) return new GitError(gitMessages.gitMissing(), { cause: error });
  return new GitError(gitMessages.gitFailed(args, stderr), { cause: error });
}

/** The empty tree's id for this repository's hash (sha1 or sha256). */
export async function emptyTree(git: Git): Promise<string> {
  return (await git.text(['hash-object', '-t', 'tree', '/dev/null'])).trim();
}

/** Full commit id of `rev`, or null when it does not name a commit. */
export async function resolveCommit(git: Git, rev: string): Promise<string | null> {
  const out = await git.text(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  return out.trim() || null;
}

/** Merge base of two commits, or null when the histories share none (or one side is missing). */
export async function mergeBase(git: Git, a: string, b: string): Promise<string | null> {
  const out = await git.text(['merge-base', '--end-of-options', a, b]);
  return out.trim().split('\n')[0] || null;
}

export async function isShallow(git: Git): Promise<boolean> {
  return (await git.text(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
}

/**
 * `:(top,literal)` makes a path match exactly itself from the repository root, whatever its characters.
 * A path that is not valid UTF-8 on disk was decoded with U+FFFD, which cannot be passed back as
 * bytes: those runs become a `*` glob, and the caller drops any extra file that matches.
 */
export function literalPathspec(path: string): string {
  if (!path.includes('\uFFFD')) return `:(top,literal)${path}`;
  return `:(top,glob)${path.replace(/[*?[\]\\]/g, '\\$&').replace(/\uFFFD+/g, '*')}`;
}
