// The review cache keeps what each reviewer said, and serves an answer only to the reviewer whose turn it
// is: the local model's fallback answer for an escalated hunk never stands in for Claude once Claude works.
// The real CLI in-process, a real repository, the real clients against loopback Ollama and Anthropic servers.
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

const LOGIN = 'src/auth/login.ts';

function setUp(): Record<string, string> {
  repo = createRepo();
  repo.commit('base', {
    'config.yml': 'routing:\n  always_claude: ["src/auth/**"]\n',
    [LOGIN]: 'export function login(user: string) {\n  return user;\n}\n',
    'src/util.ts': 'export const a = 1;\n',
  });
  repo.commit('change', {
    [LOGIN]:
      'export function login(user: string) {\n  return db.query("SELECT * FROM u WHERE n=" + user);\n}\n',
    'src/util.ts': 'export const a = 2;\n',
  });
  return {
    OLLAMA_HOST: servers.ollama.url,
    ANTHROPIC_BASE_URL: servers.anthropic.url,
    HUNKWISE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'hw-cache-intended-')),
  };
}

interface JsonHunk {
  file: string;
  review: { status: string; by?: string[]; notes: Array<{ code: string; because?: { code: string } }> };
}

async function review(env: Record<string, string>, key: string, ...flags: string[]) {
  const before = {
    chats: servers.ollama.chats().length,
    messages: servers.anthropic.messageRequests().length,
  };
  const ran = await runCli(['HEAD~1', '--format', 'json', ...flags], {
    cwd: repo.dir,
    env: { ...env, ANTHROPIC_API_KEY: key },
  });
  expect(ran.code, ran.stderr).toBe(0);
  const hunks = (JSON.parse(ran.stdout) as { hunks: JsonHunk[] }).hunks;
  const login = hunks.find((h) => h.file === LOGIN)!.review;
  return {
    login,
    notes: login.notes.map((n) => n.code),
    localFiles: servers.ollama.chats().slice(before.chats).flatMap(promptFiles),
    claudeRequests: servers.anthropic.messageRequests().slice(before.messages),
  };
}

test('a hunk Claude failed on goes to Claude again once the key is fixed, not to the cached fallback', async () => {
  const env = setUp();

  // 1. Wrong key: Claude answers 401, the escalated hunk falls back to the local model, which is cached.
  const wrong = await review(env, 'wrong-key');
  expect(wrong.claudeRequests).toHaveLength(1);
  expect(wrong.login).toMatchObject({ status: 'reviewed', by: ['rule', 'local'] });
  expect(wrong.notes).toEqual(['fell-back']);
  expect(wrong.localFiles).toContain(LOGIN);

  // 2. Still the wrong key: the same fallback situation. Claude is asked again (one 401), the local
  //    model's cached answer is served instead of asking it again, and the report says so.
  const again = await review(env, 'wrong-key');
  expect(again.claudeRequests).toHaveLength(1);
  expect(again.localFiles).toEqual([]);
  expect(again.login).toMatchObject({ status: 'reviewed', by: ['rule', 'local'] });
  expect(again.notes).toEqual(['fell-back', 'from-cache']);

  // 3. Key fixed: the hunk reaches Claude; the local hunk is still answered from the cache.
  const fixed = await review(env, 'right-key');
  expect(fixed.claudeRequests).toHaveLength(1);
  expect(JSON.stringify(fixed.claudeRequests[0]!.body)).toContain('SELECT * FROM u WHERE n=');
  expect(fixed.localFiles).toEqual([]);
  expect(fixed.login).toMatchObject({ status: 'reviewed', by: ['rule', 'claude'] });
  expect(fixed.notes).toEqual([]);

  // 4. And Claude's answer is cached in turn: nothing is sent at all.
  const cached = await review(env, 'right-key');
  expect(cached.claudeRequests).toEqual([]);
  expect(cached.localFiles).toEqual([]);
  expect(cached.notes).toEqual(['from-cache']);

  // 5. --no-cache: every hunk goes to its model again.
  const fresh = await review(env, 'right-key', '--no-cache');
  expect(fresh.claudeRequests).toHaveLength(1);
  expect(fresh.localFiles).toEqual(['src/util.ts']);
  expect(fresh.notes).toEqual([]);
});

test('the text report says which hunks were answered from the cache', async () => {
  const env = { ...setUp(), ANTHROPIC_API_KEY: 'right-key' };
  await runCli(['HEAD~1'], { cwd: repo.dir, env });
  const second = await runCli(['HEAD~1'], { cwd: repo.dir, env });
  expect(second.code, second.stderr).toBe(0);
  expect(second.stdout).toMatch(/reviewed: 2 of 2 hunks \(.*\); 2 from cache/);
});
