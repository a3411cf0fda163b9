// Builds dist/ once before any e2e file runs (never concurrently from two files), when the sources are newer.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

function newest(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? newest(path) : statSync(path).mtimeMs;
    }),
  );
}

function distIsStale(): boolean {
  const dist = join(ROOT, 'dist/cli.js');
  return !existsSync(dist) || newest(join(ROOT, 'src')) > statSync(dist).mtimeMs;
}

export default function setup(): void {
  if (process.env.HUNKWISE_E2E_NO_BUILD || !distIsStale()) return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}
