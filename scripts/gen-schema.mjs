#!/usr/bin/env node
// Writes schema/config.json from src/config/schema.ts (via src/config/jsonSchema.ts). Run after editing
// the schema: `node scripts/gen-schema.mjs`; test/unit/config/jsonSchema.test.ts fails while it is stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Inside node_modules so that the bundle's bare `zod` import resolves.
const outfile = join(root, 'node_modules/.cache/hunkwise/jsonSchema.mjs');
mkdirSync(dirname(outfile), { recursive: true });
await build({
  entryPoints: [join(root, 'src/config/jsonSchema.ts')],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const { configJsonSchemaText } = await import(pathToFileURL(outfile).href);
const target = join(root, 'schema/config.json');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, configJsonSchemaText());
process.stdout.write(`wrote ${target}\n`);
