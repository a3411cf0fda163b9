// Globs from config, matched against repository paths. picomatch compiles a glob to a backtracking regex, and
// a glob is a pattern the config (in CI: the pull request) chooses: `*a*a*a*a*a*a*a*a*a*b` against a 60-character
// file name runs for a minute. hunkwise's own default globs keep picomatch (known shapes, no load cost); every
// other glob becomes picomatch's regex run by RE2.
import picomatch from 'picomatch';
import { DEFAULT_IGNORE, DEFAULT_NEVER_SEND } from '../config/defaultGlobs.js';
import { compileLinear } from './linearRegex.js';

export type GlobTest = (path: string) => boolean;

export interface GlobOptions {
  /** Match ignoring case (never_send: `app/.ENV` is an env file). */
  nocase?: boolean;
}

const BUILT_IN = new Set<string>([...DEFAULT_IGNORE, ...DEFAULT_NEVER_SEND, '**']);

/**
 * picomatch's guards against `.`/`..` segments and empty matches: RE2 has no lookaround, and git paths have
 * neither such segments nor empty names, so dropping them changes no answer on a path git reports.
 */
const PATH_ONLY_LOOKAROUNDS = ['(?!\\.{1,2}(?:\\/|$))', '(?!(?:^|\\/)\\.{1,2}(?:\\/|$))', '(?=.)'];

export class GlobError extends Error {
  constructor(readonly glob: string) {
    super(`glob ${JSON.stringify(glob)} needs lookaround (a !(…) pattern), which RE2 cannot run`);
    this.name = 'GlobError';
  }
}

function linearGlob(glob: string, nocase: boolean): GlobTest {
  const negated = picomatch.scan(glob).negated;
  const positive = negated ? glob.slice(1) : glob;
  let source = picomatch.makeRe(positive, { dot: true, nocase }).source;
  for (const look of PATH_ONLY_LOOKAROUNDS) source = source.replaceAll(look, '');
  if (/\(\?<?[=!]/.test(source)) throw new GlobError(glob);
  const regex = compileLinear(source, { ignoreCase: nocase });
  // picomatch also accepts a path equal to the glob itself (a literal name holding `[` or `(`).
  return (path) => negated !== (path === positive || regex.test(path));
}

/** Throws GlobError for a glob only lookaround can express. */
export function compileGlob(glob: string, options: GlobOptions = {}): GlobTest {
  const nocase = options.nocase ?? false;
  if (BUILT_IN.has(glob)) return picomatch(glob, { dot: true, nocase });
  return linearGlob(glob, nocase);
}

/** The first glob that matches the path, so reasons can quote it; null when none does. */
export function firstMatchingGlob(
  globs: readonly string[],
  options: GlobOptions = {},
): (path: string) => string | null {
  const tests = globs.map((glob) => ({ glob, test: compileGlob(glob, options) }));
  return (path) => tests.find((t) => t.test(path))?.glob ?? null;
}

/** One test for a list: true when any glob matches. */
export function anyGlob(globs: readonly string[], options: GlobOptions = {}): GlobTest {
  const tests = globs.map((glob) => compileGlob(glob, options));
  return (path) => tests.some((test) => test(path));
}

/** Why the glob cannot be used, or null. */
export function globProblem(glob: string): string | null {
  try {
    compileGlob(glob);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
