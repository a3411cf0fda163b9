// The GitHub Action's entry in-process: INPUT_* variables and a pull_request event in, a review posted to the
// loopback GitHub through the real @octokit/rest, and the step outputs in the file named by GITHUB_OUTPUT.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runAction } from '../../../src/action/runAction.js';
import { type FakeAnthropic, startFakeAnthropic } from '../../fakes/anthropicServer.js';
import { closedPortUrl } from '../../fakes/ollamaServer.js';
import { parseOutputFile } from '../../helpers/actionOutputs.js';
import {
  NUMBER,
  OWNER,
  type PullRequestSetup,
  pullRequestEvent,
  REPO,
  setupPullRequest,
  TOKEN,
} from '../github/harness.js';

const lines = (n: number, edit: Record<number, string> = {}) =>
  `${Array.from({ length: n }, (_, i) => edit[i + 1] ?? `export const v${i + 1} = ${i + 1};`).join('\n')}\n`;

/** What the runner sets for a `uses:` step: the `with:` values (defaults included) and the default variables. */
function actionEnv(pr: PullRequestSetup, step: string, given: Record<string, string>) {
  const eventPath = join(pr.dir, `${step}-event.json`);
  const outputPath = join(pr.dir, `${step}-output`);
  const summaryPath = join(pr.dir, `${step}-summary.md`);
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const defaults = { format: 'github', 'dry-run': 'false', 'working-directory': '.', 'github-token': TOKEN };
  const inputs = Object.fromEntries(
    Object.entries({ ...defaults, ...given }).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
  );
  return {
    eventPath,
    outputPath,
    env: {
      ...inputs,
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_API_URL: pr.github.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '4242',
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_OUTPUT: outputPath,
      GITHUB_WORKSPACE: pr.repo.dir,
    } as Record<string, string>,
  };
}

async function runStep(
  pr: PullRequestSetup,
  step: string,
  head: string,
  given: Record<string, string>,
  extraEnv: Record<string, string> = {},
) {
  const { env, eventPath, outputPath } = actionEnv(pr, step, given);
  writeFileSync(eventPath, JSON.stringify(pullRequestEvent('opened', { head, base: pr.base })));
  let stdout = '';
  let stderr = '';
  const code = await runAction(
    {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env: { ...env, ...extraEnv },
      cwd: tmpdir(), // the runner's cwd is the workspace; GITHUB_WORKSPACE must be what counts
      signal: new AbortController().signal,
    },
    { client: { fast: true } },
  );
  const file = readFileSync(outputPath, 'utf8');
  return { code, stdout, stderr, file, outputs: parseOutputFile(file) };
}

describe('the Action on a pull request', () => {
  let pr: PullRequestSetup;
  let head: string;
  beforeAll(async () => {
    pr = await setupPullRequest({ 'src/a.ts': lines(20) });
    head = pr.repo.commit('change', {
      'src/a.ts': lines(20, {
        3: 'export const v3 = 3; // TODO one',
        9: 'export const v9 = 9; // FIXME two',
      }),
    });
    pr.github.push({ headSha: head, diff: pr.prDiff(head) });
  });
  afterAll(() => pr.cleanup());

  test('posts one review with the token given as input, and writes findings and blocking outputs', async () => {
    const run = await runStep(pr, 'post', head, {});
    expect(run.stderr).toContain('posted a review with 2 inline comments');
    expect(run.code).toBe(0);
    expect(pr.github.reviews).toHaveLength(1);
    expect(pr.github.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
    expect(run.outputs).toEqual({ findings: '2', blocking: '0', 'sarif-file': '' });
    expect(run.file).toMatch(/^findings<<ghadelimiter_[0-9a-f-]{36}\n2\nghadelimiter_[0-9a-f-]{36}\n/);
    expect(run.stderr).toContain('hunkwise: outputs: findings=2 blocking=0 sarif-file=');
  });

  test('fail-on major: the step fails (exit 1) and blocking counts the major finding only', async () => {
    const run = await runStep(pr, 'gate', head, { 'fail-on': 'major' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/1 finding at or above major \(fail_on\.ci: major\)/);
    expect(run.outputs).toMatchObject({ findings: '2', blocking: '1' });
    // The same head again: nothing new is posted, the outputs still describe what stands on the PR.
    expect(pr.github.reviews).toHaveLength(1);
  });

  test('sarif-file: SARIF of the findings standing on the pull request, next to the posted review', async () => {
    const run = await runStep(pr, 'sarif', head, { 'sarif-file': 'out/hunkwise.sarif' });
    expect(run.code).toBe(0);
    const path = join(pr.repo.dir, 'out/hunkwise.sarif');
    expect(run.outputs['sarif-file']).toBe(path);
    const sarif = JSON.parse(readFileSync(path, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0].results as Array<{
      ruleId: string;
      locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
    }>;
    expect(results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.region.startLine])).toEqual([
      ['custom:todo', 3],
      ['custom:fixme', 9],
    ]);
  });

  test('format sarif: the file goes to the default path and is named in the outputs; nothing is posted', async () => {
    const before = pr.github.requests.length;
    const run = await runStep(pr, 'sarif-format', head, { format: 'sarif' });
    expect(run.code).toBe(0);
    expect(pr.github.requests.length).toBe(before);
    const path = join(pr.repo.dir, 'hunkwise.sarif');
    expect(run.outputs).toEqual({ findings: '2', blocking: '0', 'sarif-file': path });
    expect(JSON.parse(readFileSync(path, 'utf8')).runs[0].results).toHaveLength(2);
  });

  test('format json into a folder that does not exist yet (the fork-safe untrusted run), posting nothing', async () => {
    const before = pr.github.requests.length;
    const run = await runStep(pr, 'artifact', head, {
      format: 'json',
      output: 'hunkwise-out/findings.json',
      'github-token': '',
    });
    expect(run.code).toBe(0);
    expect(pr.github.requests.length).toBe(before);
    const artifact = JSON.parse(readFileSync(join(pr.repo.dir, 'hunkwise-out/findings.json'), 'utf8'));
    expect(artifact.pullRequest).toMatchObject({ number: NUMBER, headSha: head });
    expect(run.outputs).toMatchObject({ findings: '2', blocking: '0' });
  });

  test('bad inputs: exit 2 with every problem named, and no outputs written', async () => {
    const run = await runStep(pr, 'bad', head, { format: 'html', 'fail-on': 'sometimes' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('format: "html" is not one of github, json, sarif, rdjson');
    expect(run.stderr).toContain('fail-on: "sometimes" is not one of');
    expect(run.file).toBe('');
  });
});

describe('the Action on a GitHub-hosted runner: no local model server, Claude for escalated hunks', () => {
  let pr: PullRequestSetup;
  let claude: FakeAnthropic;
  let head: string;
  let cacheDir: string;
  beforeAll(async () => {
    claude = await startFakeAnthropic({ apiKey: 'sk-ant-from-input' });
    claude.fallback = () => ({
      type: 'message',
      text: JSON.stringify({
        findings: [
          {
            file: 'src/auth/session.ts',
            line: 2,
            severity: 'critical',
            category: 'security',
            message: 'The session secret is compared with ==, which leaks timing.',
            quote: 'return token == SECRET;',
          },
        ],
      }),
    });
    cacheDir = mkdtempSync(join(tmpdir(), 'hunkwise-action-cache-'));
    pr = await setupPullRequest({
      'src/a.ts': lines(10),
      '.github/hunkwise.yml': `local:\n  fallback: none\nrouting:\n  always_claude: ['src/auth/**']\ncache:\n  dir: ${JSON.stringify(cacheDir)}\n`,
    });
    head = pr.repo.commit('change', {
      'src/a.ts': lines(10, { 2: 'export const v2 = 20;' }),
      'src/auth/session.ts': 'export function check(token: string) {\n  return token == SECRET;\n}\n',
    });
    pr.github.push({ headSha: head, diff: pr.prDiff(head) });
  });
  afterAll(async () => {
    await pr.cleanup();
    await claude.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  test('rules + Claude: the escalated hunk is reviewed by Claude, small hunks are reported unreviewed, the step passes', async () => {
    const run = await runStep(
      pr,
      'hosted',
      head,
      {
        config: '.github/hunkwise.yml',
        'ollama-host': await closedPortUrl(),
        'anthropic-api-key': 'sk-ant-from-input',
      },
      { ANTHROPIC_BASE_URL: claude.url },
    );
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(0);
    expect(claude.messageRequests()).toHaveLength(1);
    expect(claude.messageRequests()[0]?.headers.authorization).toBe('Bearer sk-ant-from-input');
    expect(claude.messageRequests()[0]?.raw).toContain('src/auth/session.ts');
    expect(claude.messageRequests()[0]?.raw).not.toContain('export const v2 = 20;');
    expect(run.outputs).toEqual({ findings: '1', blocking: '0', 'sarif-file': '' });
    const summary = pr.github.issueComments.map((c) => c.body).join('\n');
    expect(summary).toMatch(/not reviewed/i);
    expect(summary).toMatch(/Ollama is not reachable/);
  });
});
