// The two esbuild bundles and their third-party notices, shared by scripts/build.mjs and the test that
// checks the committed Action bundle is current.
//   cli:    dist/, code-split: a small entry for the hook's hot path, chunks for heavy clients loaded on demand.
//   action: action/dist/index.js, one self-contained file that the GitHub runner starts (committed).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A digest of every source file: caches keyed by it (validated config) die with any change to the code. */
function sourceDigest(root) {
  const dir = join(root, 'src');
  const hash = createHash('sha256');
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort((a, b) => a.localeCompare(b));
  // Paths relative to the root, so the digest (and the committed Action bundle) do not depend on the checkout's place.
  for (const path of files) hash.update(relative(root, path)).update(readFileSync(path));
  return hash.digest('hex').slice(0, 16);
}

function common(root) {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return {
    absWorkingDir: root,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    keepNames: true,
    metafile: true,
    // License texts go to THIRD-PARTY-NOTICES.md (written from the metafile), not into the code.
    legalComments: 'none',
    // CommonJS dependencies call require(); give the ESM bundle a real one.
    banner: {
      js: "import { createRequire as __hwRequire } from 'node:module'; const require = __hwRequire(import.meta.url);",
    },
    define: {
      __HUNKWISE_VERSION__: JSON.stringify(version),
      __HUNKWISE_BUILD_ID__: JSON.stringify(`${version}+${sourceDigest(root)}`),
    },
    logLevel: 'warning',
  };
}

/** @param {{ root: string, sourcemap: boolean }} options */
export function cliBundle({ root, sourcemap }) {
  return {
    ...common(root),
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: sourcemap ? 'linked' : false,
  };
}

/** @param {{ root: string }} options */
export function actionBundle({ root }) {
  return {
    ...common(root),
    entryPoints: { index: 'src/action/entry.ts' },
    outdir: 'action/dist',
    splitting: false,
    sourcemap: false,
  };
}

const LICENSE_FILE = /^(licen[sc]e|copying|notice)(\.(md|txt|markdown))?$/i;

/** The package directory (`node_modules/@scope/name`) an esbuild input path belongs to, or null for our code. */
function packageDirOf(input) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match ? match[1] : null;
}

/** Markdown naming every package bundled into the output, with its licence text: MIT and friends ask for it. */
export function thirdPartyNotices(root, metafile) {
  const dirs = [...new Set(Object.keys(metafile.inputs).map(packageDirOf).filter(Boolean))];
  const packages = dirs
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      const names = existsSync(join(root, dir)) ? readdirSync(join(root, dir)) : [];
      const licenseFile = names.filter((name) => LICENSE_FILE.test(name)).sort()[0];
      const text = licenseFile ? readFileSync(join(root, dir, licenseFile), 'utf8').trim() : null;
      return { name: manifest.name, version: manifest.version, license: manifest.license ?? 'UNKNOWN', text };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const sections = packages.map(
    (p) =>
      `## ${p.name}@${p.version} (${p.license})\n\n${p.text ? `\`\`\`text\n${p.text}\n\`\`\`` : 'No licence file in the package; its package.json says the licence above.'}\n`,
  );
  return `# Third-party notices\n\nThis bundle contains code from the following packages, under their own licences.\n\n${sections.join('\n')}`;
}
