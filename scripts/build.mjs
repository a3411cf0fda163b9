// Bundles the CLI and its dependencies into dist/ with code splitting: one small entry for the hook's
// hot path, and chunks for heavy clients (Claude, GitHub) that load only when a command needs them.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

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
  define: { __HUNKWISE_VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
});
