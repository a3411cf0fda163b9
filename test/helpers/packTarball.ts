// `npm pack` of this checkout, as a publisher would run it, but in a copy: prepack rewrites package.json
// for the duration of the pack, and the developer's checkout must never see that.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Packed {
  /** Absolute path of the .tgz. */
  tarball: string;
  /** Paths inside the package, as npm lists them. */
  files: string[];
  size: number;
  unpackedSize: number;
  /** Everything npm printed on stderr while packing. */
  stderr: string;
  /** The temporary folder holding the copy and the tarball. */
  dir: string;
}

/** Files git knows (tracked, or new and not ignored), minus what packing does not read. */
async function sourceFiles(root: string): Promise<string[]> {
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    maxBuffer: 1 << 26,
  });
  return stdout.split('\0').filter((path) => path !== '' && !/^(test|bench|action)\//.test(path));
}

export async function packCheckout(root: string, env: NodeJS.ProcessEnv = process.env): Promise<Packed> {
  const dir = mkdtempSync(join(tmpdir(), 'hunkwise-pack-'));
  const copy = join(dir, 'hunkwise');
  for (const path of await sourceFiles(root)) {
    mkdirSync(dirname(join(copy, path)), { recursive: true });
    cpSync(join(root, path), join(copy, path), { verbatimSymlinks: true });
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const { stdout, stderr } = await run('npm', ['pack', '--json', '--pack-destination', dir], {
    cwd: copy,
    env,
    maxBuffer: 1 << 26,
  });
  const [info] = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{
    filename: string;
    files: Array<{ path: string }>;
    size: number;
    unpackedSize: number;
  }>;
  if (!info) throw new Error(`npm pack printed no result: ${stdout}`);
  return {
    tarball: join(dir, info.filename),
    files: info.files.map((f) => f.path).sort(),
    size: info.size,
    unpackedSize: info.unpackedSize,
    stderr,
    dir,
  };
}
