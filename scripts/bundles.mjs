// The two esbuild bundles and their third-party notices, shared by scripts/build.mjs and the test that
// checks the committed Action bundle is current.
//   cli:    dist/, code-split: the local review (the hook's path) in one chunk, everything else (other
//           commands, the YAML parser and schema, model clients, other formats) in chunks loaded on demand.
//   action: action/dist/index.js, one self-contained file that the GitHub runner starts (committed).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

/**
 * A digest of every source file and of the lockfile: what a build remembers under it (the validated config, secret
 * findings, route plans) dies with any change to the code, a bundled dependency's (secretlint's rules) included.
 */
function sourceDigest(root) {
  const dir = join(root, 'src');
  const hash = createHash('sha256');
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .concat(existsSync(join(root, 'package-lock.json')) ? [join(root, 'package-lock.json')] : [])
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

/** What a local review (and so the pre-commit hook) runs: its static imports are the core. */
export const HOOK_CORE = ['src/cli/commands/runLocalReview.ts', 'src/report/terminal.ts'];

/**
 * The hook's path in one chunk. esbuild groups modules by the set of entry points (the entry and every
 * dynamically imported module) that reach them statically, so each lazy module sharing a different part
 * of the core split it into another small chunk: ~25 files for one hook run, each costing the ESM loader
 * time (bench/hook.mjs). Making the core reachable from every entry point gives all of it one set, hence
 * one chunk. The import is added on the first line, so source maps stay right; the core has no import-time
 * effects (STYLE), so importing it earlier changes nothing but the chunking.
 * @param {string} root
 */
function oneCoreChunk(root) {
  const roots = HOOK_CORE.map((path) => join(root, path));
  return {
    name: 'one-core-chunk',
    setup(pluginBuild) {
      /** Entry points besides the core roots: the CLI entry and every module something imports dynamically. */
      let entries = new Set();
      pluginBuild.onStart(async () => {
        const options = pluginBuild.initialOptions;
        const survey = await build({ ...options, write: false, plugins: [] });
        const dynamic = Object.values(survey.metafile.inputs).flatMap((input) =>
          input.imports.filter((i) => i.kind === 'dynamic-import').map((i) => join(root, i.path)),
        );
        entries = new Set([...Object.values(options.entryPoints).map((p) => join(root, p)), ...dynamic]);
      });
      pluginBuild.onLoad({ filter: /\/src\/.*\.ts$/ }, async (args) => {
        if (!entries.has(args.path)) return undefined;
        const others = roots.filter((r) => r !== args.path);
        const text = await readFile(args.path, 'utf8');
        return {
          contents: `${others.map((p) => `import ${JSON.stringify(p)};`).join('')}${text}`,
          loader: 'ts',
          resolveDir: dirname(args.path),
        };
      });
    },
  };
}

/** Where re2js goes in dist/: beside the chunks, which are the only files that require it (checked below). */
const RE2JS_FILE = 're2js.cjs';

/**
 * re2js (~156 KB minified) in a file of its own. It runs only for user globs and patterns, but rules/linearRegex.ts
 * loads it synchronously (`require`), so esbuild put it in the hook's core chunk, which every run parses (~4 ms
 * of a cached hook run, bench/hook.mjs). The chunk now requires `./re2js.cjs`, a CommonJS build of the package
 * written next to it, through the `require` the banner creates. Its inputs join the metafile for the notices.
 * @param {string} root
 */
function re2jsApart(root) {
  return {
    name: 're2js-apart',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^re2js$/ }, (args) =>
        args.kind === 'require-call' ? { path: `./${RE2JS_FILE}`, external: true } : undefined,
      );
      pluginBuild.onEnd(async (result) => {
        if (result.errors.length > 0 || !result.metafile) return;
        const options = pluginBuild.initialOptions;
        const chunks = resolve(root, options.outdir, 'chunks');
        const requiring = Object.entries(result.metafile.outputs)
          .filter(([, output]) => output.imports.some((i) => i.path === `./${RE2JS_FILE}`))
          .map(([path]) => resolve(root, path));
        const misplaced = requiring.filter((path) => dirname(path) !== chunks);
        if (misplaced.length > 0)
          throw new Error(`re2js is required from outside ${chunks}: ${misplaced.join(', ')}`);
        const apart = await build({
          ...common(root),
          banner: {},
          format: 'cjs',
          entryPoints: [join(root, 'node_modules/re2js/build/index.cjs')],
          outfile: join(chunks, RE2JS_FILE),
          write: options.write !== false,
        });
        Object.assign(result.metafile.inputs, apart.metafile.inputs);
        Object.assign(result.metafile.outputs, apart.metafile.outputs);
      });
    },
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
    plugins: [oneCoreChunk(root), re2jsApart(root)],
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
