// What the hook protects by default, through the CLI in-process (`review --staged --hook`) over a real
// repository and the real clients against loopback Ollama and Anthropic servers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { promptFiles } from '../../fakes/ollamaServer.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';
import { useLoopbackModels } from '../../helpers/loopbackModels.js';
import { runCli } from '../../helpers/runCli.js';

const servers = useLoopbackModels({ anthropic: { apiKey: 'right-key' } });
let repo: TempRepo;
afterEach(() => repo?.cleanup());

const LOGIN = 'src/auth/login.js';
const LOGIN_CHANGE = [
  'export function login(user, password) {',
  '  const token = jwt.sign({ user }, process.env.JWT_SECRET, { algorithm: "none" });',
  '  const hash = crypto.createHash("md5").update(password).digest("hex");',
  '  return db.query("SELECT * FROM users WHERE name = \'" + user + "\' AND hash = \'" + hash + "\'") && token;',
  '}',
  '',
].join('\n');

function staged(files: Record<string, string>, config?: string): TempRepo {
  repo?.cleanup();
  repo = createRepo();
  repo.commit('base', {
    [LOGIN]: 'export function login(user) {\n  return user;\n}\n',
    ...(config ? { 'config.yml': config } : {}),
  });
  repo.write(files);
  repo.git('add', '-A');
  return repo;
}

const env = (extra: Record<string, string> = {}) => ({
  OLLAMA_HOST: servers.ollama.url,
  ANTHROPIC_BASE_URL: servers.anthropic.url,
  HUNKWISE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'hw-hook-defaults-')),
  ...extra,
});

interface JsonHunk {
  file: string;
  route: string;
  review: { status: string; by?: string[]; notes: Array<{ code: string }> };
}

test('a security-routed hunk is still reviewed by the local model, marked "escalation left for CI"', async () => {
  staged({ [LOGIN]: LOGIN_CHANGE });
  // A key is set, but the hook does not escalate by default: Claude gets nothing.
  const ran = await runCli(['--staged', '--hook', '--format', 'json'], {
    cwd: repo.dir,
    env: env({ ANTHROPIC_API_KEY: 'right-key' }),
  });
  expect(ran.code, ran.stderr).toBe(0);
  const [login] = (JSON.parse(ran.stdout) as { hunks: JsonHunk[] }).hunks;
  expect(login).toMatchObject({ file: LOGIN, route: 'claude' });
  expect(login?.review).toMatchObject({ status: 'reviewed', by: ['rule', 'local'] });
  expect(login?.review.notes.map((n) => n.code)).toEqual(['escalation-left-for-ci']);
  expect(servers.ollama.chats().flatMap(promptFiles)).toEqual([LOGIN]);
  expect(servers.anthropic.requests).toEqual([]);

  const text = await runCli(['--staged', '--hook', '--no-cache'], { cwd: repo.dir, env: env() });
  expect(text.stdout).toMatch(
    /reviewed: 1 of 1 hunk \(.*\); 1 escalated, reviewed locally, Claude’s review left for CI/,
  );
});

test('with hook.escalate but Claude failing (a rejected key), the local model reviews it, with both notes', async () => {
  staged({ [LOGIN]: LOGIN_CHANGE }, 'hook:\n  escalate: true\n');
  const ran = await runCli(['--staged', '--hook', '--format', 'json'], {
    cwd: repo.dir,
    env: env({ ANTHROPIC_API_KEY: 'wrong-key' }),
  });
  expect(ran.code, ran.stderr).toBe(0);
  const [login] = (JSON.parse(ran.stdout) as { hunks: JsonHunk[] }).hunks;
  expect(login?.review).toMatchObject({ status: 'reviewed', by: ['rule', 'local'] });
  expect(login?.review.notes.map((n) => n.code)).toEqual(['fell-back', 'escalation-left-for-ci']);
  expect(servers.anthropic.messageRequests()).toHaveLength(1);
});

test('committed conflict markers block the commit by default; fail_on.conflicts: false lets it through', async () => {
  const conflicted = 'a\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> feature\n';
  staged({ 'src/merge.txt': conflicted });
  const blocked = await runCli(['--staged', '--hook'], { cwd: repo.dir, env: env() });
  expect(blocked.code).toBe(1);
  expect(blocked.stderr).toMatch(
    /^review: commit blocked: merge-conflict markers committed in 1 place; .*\(fail_on\.conflicts\)/,
  );
  expect(blocked.stdout).toMatch(/src\/merge\.txt:2-6 .*conflict/);

  staged({ 'src/merge.txt': conflicted }, 'fail_on:\n  conflicts: false\n');
  const allowed = await runCli(['--staged', '--hook'], { cwd: repo.dir, env: env() });
  expect(allowed.code, allowed.stderr).toBe(0);
  expect(allowed.stderr).toMatch(/^review: advisory/);
});
