// Paths that hunkwise takes from text someone else wrote (a fork-safe artifact, a summary's state).

/** A repository-relative path: not empty, not absolute, no `..` or empty segment, no control characters. */
export function isSafePath(path: string): boolean {
  return (
    path.length > 0 &&
    path.length <= 4096 &&
    !path.startsWith('/') &&
    !/[\u0000-\u001f\u007f]/.test(path) &&
    !path.split('/').some((s) => s === '..' || s === '')
  );
}
