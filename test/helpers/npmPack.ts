// Real code from the npm registry: `npm pack NAME@VERSION`, unpacked once under test/.cache/npm/.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const NPM_CACHE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../.cache/npm');

/**
 * Directory holding the files of NAME@VERSION as published (top `package/` folder stripped).
 * Downloads and unpacks on first use; later calls return the cached copy.
 */
export async function packedTree(name: string, version: string, cacheDir = NPM_CACHE_DIR): Promise<string> {
  const dest = join(cacheDir, `${name.replace('/', '+')}@${version}`);
  if (existsSync(dest)) return dest;
  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(join(cacheDir, '.tmp-'));
  try {
    const { stdout } = await run(
      'npm',
      ['pack', `${name}@${version}`, '--json', '--pack-destination', work],
      {
        cwd: work,
        maxBuffer: 64 << 20,
      },
    );
    const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
    if (!packed) throw new Error(`npm pack ${name}@${version} printed no file name`);
    const tree = join(work, 'tree');
    mkdirSync(tree);
    await run('tar', ['-xzf', join(work, packed.filename), '-C', tree, '--strip-components=1']);
    if (!existsSync(dest)) renameSync(tree, dest);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return dest;
}
