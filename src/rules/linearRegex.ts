// RE2 for text a config file supplies: matching time grows linearly with the input, so no pattern (in CI the
// config comes from the pull request) can hold the only thread. re2js is pure JavaScript: it installs without a
// build toolchain and runs on Node 20, where the native `re2` package needs node-gyp or a prebuilt binary for
// Node ≥ 22. It is loaded on first use (about 25 ms with its first compile): runs with no user pattern skip it.
// @see https://github.com/google/re2/wiki/Syntax
import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';

type Re2js = typeof import('re2js');

export interface LinearRegex {
  /** The pattern as RE2 compiled it. */
  readonly source: string;
  /** True when the pattern matches anywhere in `text`. */
  test(text: string): boolean;
}

export interface LinearFlags {
  ignoreCase?: boolean;
  multiline?: boolean;
  dotAll?: boolean;
}

let engine: typeof RE2JS | undefined;

/**
 * Synchronous and lazy, since the routers and rules that compile patterns are synchronous. In dist/ the plain
 * `require` loads dist/chunks/re2js.cjs, kept out of the chunk every run parses (scripts/bundles.mjs); the Action
 * bundle includes re2js as a module that only runs when called. Running from source (tests) there is no
 * `require` in an ES module, and a bundle that leaves re2js outside (the benches) has one that throws: either
 * way one is made for this file.
 */
function re2(): typeof RE2JS {
  if (!engine) {
    let loaded: Re2js;
    try {
      loaded = require('re2js') as Re2js;
    } catch {
      loaded = createRequire(import.meta.url)('re2js') as Re2js;
    }
    engine = loaded.RE2JS;
  }
  return engine;
}

/** Throws RE2's syntax error (a RE2JSSyntaxException) when `source` is not valid RE2. */
export function compileLinear(source: string, flags: LinearFlags = {}): LinearRegex {
  const RE2 = re2();
  const bits =
    (flags.ignoreCase ? RE2.CASE_INSENSITIVE : 0) |
    (flags.multiline ? RE2.MULTILINE : 0) |
    (flags.dotAll ? RE2.DOTALL : 0);
  const compiled = RE2.compile(source, bits);
  return { source, test: (text) => compiled.test(text) };
}
