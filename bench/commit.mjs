// The commit a bench measured, for its results file: a run over uncommitted router code says so.
import { execFileSync } from 'node:child_process';

/** `abc1234`, or `abc1234 + uncommitted changes to …` when the router's sources differ from HEAD. */
export function routerCommit(root) {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'bench/routing.corpus.ts'], {
      cwd: root,
    })
      .toString()
      .trim();
    return dirty ? `${head} + uncommitted changes to src/ or bench/routing.corpus.ts` : head;
  } catch {
    return 'unknown';
  }
}
