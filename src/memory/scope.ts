// Pure: does a record apply to a path? Its file (also under the file's new name after a rename), or its glob.
import picomatch from 'picomatch';

const matchers = new Map<string, picomatch.Matcher>();

function matcherOf(glob: string): picomatch.Matcher {
  let matcher = matchers.get(glob);
  if (!matcher) {
    matcher = picomatch(glob, { dot: true });
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
