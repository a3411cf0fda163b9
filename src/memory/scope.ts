// Pure: does a record apply to a path? Its file (also under the file's new name after a rename), or its glob.
// A record's glob comes from the memory file, which a pull request can edit: it is matched like every other
// glob from the repository (rules/compileGlob.ts, RE2), so no glob can hold the thread.
import { compileGlob, type GlobTest } from '../rules/compileGlob.js';

const matchers = new Map<string, GlobTest>();

/** A glob RE2 cannot run (parseMemory reports its line) matches nothing: the record applies nowhere. */
function matcherOf(glob: string): GlobTest {
  let matcher = matchers.get(glob);
  if (!matcher) {
    try {
      matcher = compileGlob(glob);
    } catch {
      matcher = () => false;
    }
    matchers.set(glob, matcher);
  }
  return matcher;
}

/**
 * `renamedFrom` maps a path of this diff to its name before the diff, so a record made before a rename
 * still applies to the renamed file. A note without file or glob applies everywhere.
 */
export function inScope(
  record: { file?: string | undefined; glob?: string | undefined },
  path: string,
  renamedFrom: ReadonlyMap<string, string> = new Map(),
): boolean {
  const paths = [path, renamedFrom.get(path)].filter((p): p is string => p !== undefined);
  if (record.glob !== undefined) return paths.some((p) => matcherOf(record.glob as string)(p));
  if (record.file !== undefined) return paths.includes(record.file);
  return true;
}
