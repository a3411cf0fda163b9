// Builds the bundles (see scripts/bundles.mjs).
//   node scripts/build.mjs              dist/ with source maps (development)
//   node scripts/build.mjs --release    dist/ without source maps (what npm pack ships)
//   node scripts/build.mjs --action     action/dist/ (committed; a test fails when it is stale)
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { actionBundle, cliBundle, thirdPartyNotices } from './bundles.mjs';

const root = resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const options = args.has('--action')
  ? actionBundle({ root })
  : cliBundle({ root, sourcemap: !args.has('--release') });

// Chunk names carry content hashes: clear old ones so the folder holds exactly one build.
rmSync(join(root, options.outdir), { recursive: true, force: true });
const result = await build(options);
writeFileSync(join(root, options.outdir, 'THIRD-PARTY-NOTICES.md'), thirdPartyNotices(root, result.metafile));
