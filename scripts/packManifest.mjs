// npm pack / npm publish ship package.json as it is on disk. Consumers need none of our scripts (a `prepare`
// in an installed package is an install script npm asks them to approve) nor our dependencies (dist/ bundles
// them; their licences are in dist/THIRD-PARTY-NOTICES.md). `prepack` strips them, `postpack` puts the file back.
//   node scripts/packManifest.mjs strip | restore
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const manifest = join(root, 'package.json');
// Next to package.json (git-ignored, never packed): a copy of the checkout packs with its own backup.
const backup = join(root, '.package.json.prepack');

/** The published manifest: everything a consumer's npm reads, nothing that only builds or tests hunkwise. */
function publishedManifest(pkg) {
  const { scripts: _scripts, devDependencies: _dev, dependencies: _deps, ...published } = pkg;
  return published;
}

const command = process.argv[2];
if (command === 'strip') {
  if (existsSync(backup))
    throw new Error(
      `${backup} exists: an earlier pack was interrupted; run \`node scripts/packManifest.mjs restore\``,
    );
  copyFileSync(manifest, backup);
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  writeFileSync(manifest, `${JSON.stringify(publishedManifest(pkg), null, 2)}\n`);
} else if (command === 'restore') {
  if (!existsSync(backup)) throw new Error(`no ${backup} to restore package.json from`);
  copyFileSync(backup, manifest);
  rmSync(backup);
} else {
  throw new Error('usage: node scripts/packManifest.mjs strip | restore');
}
