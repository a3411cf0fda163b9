// Lets plain Node 20 scripts (benches, schema generation) use the TypeScript sources: bundles the named
// modules with esbuild into node_modules/.cache (so bare imports like `zod` resolve) and imports the result.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `importTs('routing', ['bench/routing.corpus.ts', 'src/config/defaults.ts'])` → their exports, merged. */
export async function importTs(name, entries) {
  const outfile = join(ROOT, 'node_modules/.cache/hunkwise', `${name}.bundle.mjs`);
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    stdin: {
      contents: entries.map((entry) => `export * from ${JSON.stringify(`./${entry}`)};`).join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}
