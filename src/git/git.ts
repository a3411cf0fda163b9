// The only place that runs git (through simple-git). Every call gets config that makes the output
// independent of the user's settings, and every failure becomes a GitError with git's stderr.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SimpleGit, GitError as SimpleGitError, type SimpleGitOptions, simpleGit } from 'simple-git';
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
  /** stdout as bytes, for blobs whose content may not be UTF-8. */
  buffer(args: string[]): Promise<Buffer>;
  /** A diff command's output as bytes, written by git to a temp file (`--output`) rather than piped. */
  diff(args: string[]): Promise<Buffer>;
}

export interface GitOptions {
  signal?: AbortSignal;
}

export function createGit(cwd: string, options: GitOptions = {}): Git {
  if (!existsSync(cwd)) throw new GitError(gitMessages.directoryMissing(cwd));
  const settings: Partial<SimpleGitOptions> = {
    baseDir: cwd,
    config: GIT_CONFIG,
    maxConcurrentProcesses: 4,
    // Resolve only on 'close': simple-git's default also resolves 50 ms after 'exit', which can cut a large stdout short.
    completion: { onClose: true, onExit: false },
    ...(options.signal ? { abort: options.signal } : {}),
  };
  const make = (): SimpleGit => simpleGit(settings);
  const shared = make();
  return {
    cwd,
    text: (args) => runGit(cwd, args, () => shared.raw(args), options.signal),
    buffer: async (args) => {
      const chunks: Buffer[] = [];
      const instance = make().outputHandler((_bin, stdout) => {
        stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      });
      await runGit(cwd, args, () => instance.raw(args), options.signal);
      return Buffer.concat(chunks);
    },
    // simple-git keeps its own copy of stdout and decodes it as UTF-8; for diffs of many megabytes a
    // file is one copy, read once, with every byte intact.
    diff: async (args) => {
      const dir = mkdtempSync(join(tmpdir(), 'hunkwise-diff-'));
      try {
        const file = join(dir, 'out');
        const [command = '', ...rest] = args;
        const withOutput = [command, `--output=${file}`, ...rest];
        await runGit(cwd, withOutput, () => shared.raw(withOutput), options.signal);
        return existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

async function runGit<T>(
  cwd: string,
  args: string[],
  call: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // Cancelled (Ctrl-C, time budget): not git's fault; the CLI reports the interruption.
    if (signal?.aborted) throw error;
    throw toGitError(cwd, args, error);
  }
}

export function toGitError(cwd: string, args: string[], error: unknown): GitError {
  const stderr = error instanceof SimpleGitError || error instanceof Error ? error.message : String(error);
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
