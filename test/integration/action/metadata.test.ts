// action.yml and the committed bundle it runs: what a workflow in another repository gets from `uses:`.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { actionBundle, thirdPartyNotices } from '../../../scripts/bundles.mjs';
import { ACTION_INPUTS } from '../../../src/action/inputs.js';

const root = resolve(import.meta.dirname, '../../..');

interface ActionYml {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as ActionYml;

test('action.yml runs the committed bundle on the runner’s own Node: nothing to install or build', () => {
  expect(action.runs).toEqual({ using: 'node24', main: 'action/dist/index.js' });
  expect(existsSync(join(root, action.runs.main))).toBe(true);
  expect(existsSync(join(root, 'action/dist/THIRD-PARTY-NOTICES.md'))).toBe(true);
});

test('the inputs action.yml declares are exactly the ones the entry point reads, each described', () => {
  expect(Object.keys(action.inputs).sort()).toEqual([...ACTION_INPUTS].sort());
  for (const [name, input] of Object.entries(action.inputs)) {
    expect(input.description.length, name).toBeGreaterThan(20);
    expect(input.required ?? false, name).toBe(false);
  }
  expect(action.inputs['github-token']?.default).toBe('${{ github.token }}');
  expect(action.inputs.format?.default).toBe('github');
});

test('the outputs are the ones the entry point writes', () => {
  expect(Object.keys(action.outputs)).toEqual(['findings', 'blocking', 'sarif-file']);
});

test('action/dist is the build of the current sources (else: `npm run build:action` and commit action/dist)', async () => {
  const options = actionBundle({ root });
  const result = await build({ ...options, write: false });
  const bundle = result.outputFiles.find((file) => file.path === join(root, options.outdir, 'index.js'));
  expect(result.outputFiles).toHaveLength(1);
  const committed = readFileSync(join(root, action.runs.main), 'utf8');
  // A boolean, not a diff: the message matters, a 1.5 MB minified diff does not.
  expect(bundle?.text === committed, 'action/dist/index.js is stale: run `npm run build:action`').toBe(true);
  expect(readFileSync(join(root, 'action/dist/THIRD-PARTY-NOTICES.md'), 'utf8')).toBe(
    thirdPartyNotices(root, result.metafile as NonNullable<typeof result.metafile>),
  );
});
