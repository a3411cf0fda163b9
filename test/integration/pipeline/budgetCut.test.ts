// The hook's time budget (hook.time_budget_seconds) is a deadline the user set, not a cancellation: when it
// runs out while the local server's availability check or a review request is still waiting, the hunks left
// unreviewed say `time-budget`, nothing says "cancelled", and the commit goes through. The real CLI, in
// process, as the hook runs it, over a real repository and each local backend's loopback fakes through the
// real clients. The budget (1.5 s) is well below the check's own limit and the request timeout (3 s and 30 s),
// so the budget is what cuts them; assertions are on codes, lines and what the servers recorded, not time.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';
import { type FakeBackend, LOCAL_BACKENDS, type LocalBackend } from '../../helpers/localBackends.js';
import { runCli } from '../../helpers/runCli.js';

const TIME_BUDGET = 'time budget reached before this hunk was reviewed';

function configYaml(backend: LocalBackend, urls: string[]): string {
  const where = urls.length > 1 ? `  hosts: [${urls.map((u) => `"${u}"`).join(', ')}]` : `  host: ${urls[0]}`;
  return `hook:\n  time_budget_seconds: 1.5\nlocal:\n  provider: ${backend.provider}\n${where}\n  timeout_seconds: 30\n`;
}

interface Report {
  hunks: Array<{ review: { status: string; reason?: { code: string; message: string } } }>;
  notices: Array<{ code: string; message: string }>;
}

const repos: TempRepo[] = [];
let servers: FakeBackend | undefined;
afterEach(async () => {
  await servers?.close();
  servers = undefined;
  for (const repo of repos.splice(0)) repo.cleanup();
});

/** A repository configured for the backend's servers, with one changed line staged for the commit. */
function stagedChange(backend: LocalBackend, urls: string[]): TempRepo {
  const repo = createRepo();
  repos.push(repo);
  repo.commit('base', { 'config.yml': configYaml(backend, urls), 'src/a.ts': 'export const a = 1;\n' });
  repo.write({ 'src/a.ts': 'export const a = 2;\n' });
  repo.git('add', 'src/a.ts');
  return repo;
}

/**
 * The hook's run on a change staged for `backend`'s servers, in both formats at once: each in a repository of its
 * own, so that neither remembers what the other found (a server a run waited on is paused for the next commits).
 */
async function hookRuns(backend: LocalBackend, urls: string[]) {
  const run = (format: string) =>
    runCli(['--staged', '--hook', '--format', format], {
      cwd: stagedChange(backend, urls).dir,
      env: { HUNKWISE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'hw-budget-cut-')) },
    });
  const [text, json] = await Promise.all([run('text'), run('json')]);
  return { text, json, report: JSON.parse(json.stdout) as Report };
}

/** The hook's runs, each cut by the budget: the hunk said as `time-budget`, never "cancelled", the commit not blocked. */
async function budgetCutRuns(backend: LocalBackend, urls: string[]): Promise<Report> {
  const { text, json, report } = await hookRuns(backend, urls);
  expect([text.code, json.code], text.stderr + json.stderr).toEqual([0, 0]);
  expect(report.hunks.map((h) => h.review)).toEqual([
    { status: 'notReviewed', reason: { code: 'time-budget', message: TIME_BUDGET }, notes: [] },
  ]);
  expect(text.stdout).toMatch(/1 hunk: time budget reached[^\n]*\n +src\/a\.ts:1\n/);
  expect(text.stdout + text.stderr + json.stdout + json.stderr).not.toMatch(/cancel/i);
  return report;
}

describe.each(LOCAL_BACKENDS)('$name', (backend) => {
  test('the budget runs out during the availability check: time-budget, not "cancelled"; the commit goes through', async () => {
    servers = await backend.start({ silentChecks: true });
    const report = await budgetCutRuns(backend, servers.urls);
    // Not said as a server fault: neither a failed check nor a check timeout, and the server is not paused.
    expect(report.notices.filter((n) => n.code === 'reviewer-unavailable')).toEqual([]);
    for (const repo of repos)
      expect(existsSync(join(repo.dir, '.git/hunkwise/stalled-local.json'))).toBe(false);
    // Each run reached the check (its first request to every server), was cut there, and sent no review request.
    const first = backend.provider === 'openai' ? 'GET /v1/models' : 'GET /api/version';
    const sent = servers.requests.map((r) => `${r.method} ${r.path}`);
    expect(sent).toEqual([...servers.urls, ...servers.urls].map(() => first));
  });

  test('the budget runs out during a review request: time-budget, not "cancelled"; the commit goes through', async () => {
    servers = await backend.start({ defaultReply: { hang: true } });
    await budgetCutRuns(backend, servers.urls);
    // One review request per run reached a server, which took it and never answered.
    expect(servers.chats()).toHaveLength(2);
  });
});
