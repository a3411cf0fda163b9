// Bundles the CLI and its dependencies into dist/ with code splitting: one small entry for the hook's
// hot path, and chunks for heavy clients (Claude, GitHub) that load only when a command needs them.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** A digest of every source file: caches keyed by it (validated config) die with any change to the code. */
function sourceDigest(dir) {
  const hash = createHash('sha256');
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }).sort((a, b) =>
    join(a.parentPath ?? a.path, a.name).localeCompare(join(b.parentPath ?? b.path, b.name)),
  )) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath ?? entry.path, entry.name);
    hash.update(path).update(readFileSync(path));
  }
  return hash.digest('hex').slice(0, 16);
}

// Chunk names carry content hashes: clear old ones so dist/ holds exactly one build.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  keepNames: true,
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // CommonJS dependencies call require(); give the ESM bundle a real one.
  banner: {
    js: "import { createRequire as __hwRequire } from 'node:module'; const require = __hwRequire(import.meta.url);",
  },
  define: {
    __HUNKWISE_VERSION__: JSON.stringify(version),
    __HUNKWISE_BUILD_ID__: JSON.stringify(`${version}+${sourceDigest('src')}`),
  },
  logLevel: 'warning',
});
