// The committed Action bundle as the runner starts it: `node action/dist/index.js` in the workspace, inputs as
// INPUT_* variables, a pull_request event file, the loopback GitHub; outputs read back from GITHUB_OUTPUT.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { closedPortUrl } from '../fakes/ollamaServer.js';
import { parseOutputFile } from '../helpers/actionOutputs.js';
import {
  OWNER,
  type PullRequestSetup,
  pullRequestEvent,
  REPO,
  setupPullRequest,
  TOKEN,
} from '../integration/github/harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const lines = (n: number, edit: Record<number, string> = {}) =>
  `${Array.from({ length: n }, (_, i) => edit[i + 1] ?? `export const v${i + 1} = ${i + 1};`).join('\n')}\n`;

let pr: PullRequestSetup;
let head: string;
beforeAll(async () => {
  pr = await setupPullRequest({ 'src/a.ts': lines(12) });
  head = pr.repo.commit('change', { 'src/a.ts': lines(12, { 4: 'export const v4 = 4; // TODO later' }) });
  pr.github.push({ headSha: head, diff: pr.prDiff(head) });
});
afterAll(() => pr.cleanup());

function runBundle(env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(ROOT, 'action/dist/index.js')],
      // Only what a runner provides: no NODE_OPTIONS, no tsx, no vitest in the child.
      { cwd: pr.repo.dir, env: { PATH: process.env.PATH ?? '', HOME: pr.dir, ...env }, encoding: 'utf8' },
      (error, stdout, stderr) =>
        done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

test('node action/dist/index.js reviews the pull request, posts one review and writes the step outputs', async () => {
  const eventPath = join(pr.dir, 'event.json');
  const outputPath = join(pr.dir, 'github-output');
  writeFileSync(eventPath, JSON.stringify(pullRequestEvent('opened', { head, base: pr.base })));
  writeFileSync(outputPath, '');
  const run = await runBundle({
    'INPUT_GITHUB-TOKEN': TOKEN,
    INPUT_FORMAT: 'github',
    'INPUT_DRY-RUN': 'false',
    'INPUT_WORKING-DIRECTORY': '.',
    'INPUT_FAIL-ON': 'major',
    'INPUT_SARIF-FILE': 'hunkwise.sarif',
    // As on a GitHub-hosted runner: no local server answers there (the harness config runs rules only).
    'INPUT_OLLAMA-HOST': await closedPortUrl(),
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_API_URL: pr.github.url,
    GITHUB_WORKSPACE: pr.repo.dir,
    GITHUB_OUTPUT: outputPath,
  });
  expect(run.output).toContain('posted a review with 1 inline comment');
  expect(run.code, run.output).toBe(1); // the TODO is major and fail-on is major
  expect(pr.github.reviews).toHaveLength(1);
  expect(parseOutputFile(readFileSync(outputPath, 'utf8'))).toEqual({
    findings: '1',
    blocking: '1',
    'sarif-file': join(pr.repo.dir, 'hunkwise.sarif'),
  });
  const sarif = JSON.parse(readFileSync(join(pr.repo.dir, 'hunkwise.sarif'), 'utf8'));
  expect(sarif.runs[0].results).toHaveLength(1);
  expect(run.output).not.toMatch(/internal error|ExperimentalWarning/);
});
