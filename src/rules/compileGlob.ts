// Globs from config, matched against repository paths. picomatch compiles a glob to a backtracking regex, and
// a glob is a pattern the config (in CI: the pull request) chooses: `*a*a*a*a*a*a*a*a*a*b` against a 60-character
// file name runs for a minute. hunkwise's own default globs keep picomatch's regex (known shapes), generated
// ahead of time (config/defaultGlobRegexes.ts) so no glob is parsed at start-up, and a list made only of them is
// one regex; a glob without glob syntax (a plain path, such as the memory file the router skips) is compared as
// a string; every other glob becomes picomatch's regex run by RE2. Each is compiled once, on its first test.
import picomatch from 'picomatch';
import { DEFAULT_GLOB_REGEXES } from '../config/defaultGlobRegexes.js';
import { compileLinear } from './linearRegex.js';

export type GlobTest = (path: string) => boolean;

export interface GlobOptions {
  /** Match ignoring case (never_send: `app/.ENV` is an env file). */
  nocase?: boolean;
}

const isBuiltIn = (glob: string) => Object.hasOwn(DEFAULT_GLOB_REGEXES, glob);

/** picomatch's matcher for a built-in glob: the path equal to the glob, or its regex (not on an empty path). */
function builtInGlob(glob: string, nocase: boolean): GlobTest {
  const regex = new RegExp(DEFAULT_GLOB_REGEXES[glob]!, nocase ? 'i' : '');
  return (path) => path !== '' && (path === glob || regex.test(path));
}

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

/** No character picomatch reads as syntax, no `./` it strips, and ASCII, so case folding is plain. */
const PLAIN_PATH = /^(?!\.\/)[\x20-\x7e]+$/;
const GLOB_SYNTAX = /[*?[\]{}()!+@|\\]/;
const ASCII = /^[\x00-\x7f]*$/;

/**
 * A plain path matches only itself (picomatch's answer too). Ignoring case, a non-ASCII character never equals
 * an ASCII one (ECMAScript's case folding keeps them apart), so ASCII lower-casing decides.
 */
function literalGlob(glob: string, nocase: boolean): GlobTest {
  if (!nocase) return (path) => path === glob;
  const lower = glob.toLowerCase();
  return (path) => path.length === glob.length && ASCII.test(path) && path.toLowerCase() === lower;
}

const compiled = new Map<string, GlobTest>();

/** Throws GlobError for a glob only lookaround can express. */
export function compileGlob(glob: string, options: GlobOptions = {}): GlobTest {
  const nocase = options.nocase ?? false;
  const key = `${nocase ? 'i' : 's'}${glob}`;
  let test = compiled.get(key);
  if (!test) {
    if (isBuiltIn(glob)) test = builtInGlob(glob, nocase);
    else if (PLAIN_PATH.test(glob) && !GLOB_SYNTAX.test(glob)) test = literalGlob(glob, nocase);
    else test = linearGlob(glob, nocase);
    compiled.set(key, test);
  }
  return test;
}

/** A test that compiles its glob when first asked: a list is often read only up to its first match. */
function lazyGlob(glob: string, options: GlobOptions): GlobTest {
  let test: GlobTest | undefined;
  return (path) => {
    test ??= compileGlob(glob, options);
    return test(path);
  };
}

/**
 * A list of built-in globs (the default ignore and never_send) as one test: one regex to compile and run
 * instead of one per glob, for every path of every run. Null when the list holds a glob of the user's.
 */
function builtInList(globs: readonly string[], options: GlobOptions): GlobTest | null {
  if (globs.length < 2 || !globs.every(isBuiltIn)) return null;
  let regex: RegExp | undefined;
  const literal = new Set(globs);
  return (path) => {
    regex ??= new RegExp(globs.map((g) => DEFAULT_GLOB_REGEXES[g]).join('|'), options.nocase ? 'i' : '');
    return path !== '' && (literal.has(path) || regex.test(path));
  };
}

/** The first glob that matches the path, so reasons can quote it; null when none does. */
export function firstMatchingGlob(
  globs: readonly string[],
  options: GlobOptions = {},
): (path: string) => string | null {
  const tests = globs.map((glob) => ({ glob, test: lazyGlob(glob, options) }));
  const any = builtInList(globs, options);
  return (path) => (any && !any(path) ? null : (tests.find((t) => t.test(path))?.glob ?? null));
}

/** One test for a list: true when any glob matches. */
export function anyGlob(globs: readonly string[], options: GlobOptions = {}): GlobTest {
  const any = builtInList(globs, options);
  if (any) return any;
  const tests = globs.map((glob) => lazyGlob(glob, options));
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
