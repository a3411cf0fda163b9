// A dismissed finding stays dismissed across commits: the real CLI in-process, a real repository, and the
// loopback Ollama answering both the review (/api/chat) and the embeddings (/api/embed).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { type ChatBody, type FakeOllama, startFakeOllama, userPrompt } from '../../fakes/ollamaServer.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';
import { runCli } from '../../helpers/runCli.js';

let fake: FakeOllama;
let repo: TempRepo;

/**
 * Vectors with meaning the test controls: anything about a missing `await` points one way, anything about
 * naming another, the rest a third. A reworded remark about the same problem gets a close vector.
 */
function topicVector(text: string): number[] {
  const t = text.toLowerCase();
  if (/await|promise|asynchron/.test(t)) return [0.98, 0.2, 0];
  if (/name|rename|identifier/.test(t)) return [0, 1, 0.1];
  return [0, 0.1, 1];
}

/** What the local model says this time: each remark whose quote is in the hunks it was shown. */
let remarks: ScriptedFinding[] = [];

beforeAll(async () => {
  fake = await startFakeOllama({
    models: ['qwen2.5-coder:7b', 'nomic-embed-text'],
    embed: topicVector,
    defaultReply: (body) => answer(remarks)(body),
  });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  remarks = [];
});
afterEach(() => repo?.cleanup());

const USERS_V1 = [
  'export async function loadUser(db, id) {',
  '  const user = db.users.find(id);',
  '  return user;',
  '}',
  '',
].join('\n');

const USERS_V2 = [
  'export async function loadUser(db, id) {',
  '  const user = db.users.find(id);',
  '  const profile = db.profiles.find(id);',
  '  return { user, profile };',
  '}',
  '',
].join('\n');

interface ScriptedFinding {
  message: string;
  quote: string;
  category?: string;
}

function answer(findings: ScriptedFinding[]) {
  return (body: ChatBody) => {
    const prompt = userPrompt(body);
    return {
      findings: findings
        .filter((f) => prompt.includes(f.quote))
        .map((f) => ({
          file: 'src/users.js',
          line: 1,
          severity: 'major',
          category: f.category ?? 'bug',
          message: f.message,
          quote: f.quote,
        })),
    };
  };
}

function setUp(extraConfig = '') {
  repo = createRepo({
    'config.yml': `local:\n  host: "${fake.url}"\nclaude:\n  enabled: false\n${extraConfig}`,
    'src/users.js': 'export {};\n',
  });
  repo.git('config', 'user.name', 'Ada Lovelace');
  repo.git('config', 'user.email', 'ada@example.com');
  repo.commit('base');
  return repo;
}

async function reviewJson(range = 'HEAD~1', args: string[] = []) {
  const run = await runCli([range, '--format', 'json', ...args], { cwd: repo.dir });
  expect(run.stderr).not.toMatch(/internal error/);
  return JSON.parse(run.stdout) as {
    findings: Array<{ fingerprint: string; message: string; line: number }>;
    suppressed: Array<{
      finding: { fingerprint: string; message: string; line: number };
      record: { fingerprint: string; who: string; reason: string | null };
      match: string;
      similarity: number | null;
    }>;
    memory: { dismissals: number; matching: string; issues: unknown[] } | null;
    notices: Array<{ code: string; message: string }>;
  };
}

const MISSING_AWAIT = { message: 'db.users.find returns a promise; await it.', quote: 'db.users.find(id)' };

test('dismiss --last lists the last run; a dismissed finding stays dismissed after its lines move', async () => {
  setUp();
  remarks = [MISSING_AWAIT];
  repo.commit('load users', { 'src/users.js': USERS_V1 });
  const first = await reviewJson();
  expect(first.findings.map((f) => f.message)).toEqual([MISSING_AWAIT.message]);
  const fp = first.findings[0]!.fingerprint;

  const listed = await runCli(['dismiss', '--last'], { cwd: repo.dir });
  expect(listed.code).toBe(0);
  expect(listed.stdout).toContain(fp);
  expect(listed.stdout).toContain('src/users.js:2');

  const dismissed = await runCli(['dismiss', fp.slice(0, 8), '--reason', 'find() is synchronous here'], {
    cwd: repo.dir,
  });
  expect(dismissed.code).toBe(0);
  const line = JSON.parse(readFileSync(join(repo.dir, '.hunkwise/memory.jsonl'), 'utf8').trim());
  expect(line).toMatchObject({
    kind: 'dismiss',
    fingerprint: fp,
    file: 'src/users.js',
    category: 'bug',
    message: MISSING_AWAIT.message,
    quote: MISSING_AWAIT.quote,
    reason: 'find() is synchronous here',
    who: 'Ada Lovelace <ada@example.com>',
  });
  expect((await runCli(['dismiss', fp], { cwd: repo.dir })).stdout).toMatch(/already dismissed/);

  // The next commit moves the line down; the model raises the same remark again.
  repo.commit('memory + more lines', {
    'src/users.js': `// users\n// loaded lazily\n${USERS_V1}`,
  });
  remarks = [MISSING_AWAIT];
  const second = await reviewJson('HEAD~1');
  expect(second.findings).toEqual([]);
  expect(second.suppressed).toHaveLength(1);
  expect(second.suppressed[0]).toMatchObject({
    finding: { fingerprint: fp, line: 4 },
    record: { fingerprint: fp, who: 'Ada Lovelace <ada@example.com>', reason: 'find() is synchronous here' },
    match: 'fingerprint',
    similarity: null,
  });
  // The terminal report counts it; --show-suppressed lists it with who dismissed it and why.
  remarks = [MISSING_AWAIT];
  const text = await runCli(['HEAD~1'], { cwd: repo.dir });
  expect(text.stdout).toMatch(/1 finding suppressed by the team memory \(--show-suppressed lists them\)/);
  const shown = await runCli(['HEAD~1', '--show-suppressed'], { cwd: repo.dir });
  expect(shown.stdout).toContain(MISSING_AWAIT.message);
  expect(shown.stdout).toContain('dismissed by Ada Lovelace <ada@example.com>: find() is synchronous here');
});

test('a reworded remark on changed code is matched by meaning in one batched /api/embed call; a repeat run embeds nothing, unless --no-cache', async () => {
  setUp();
  remarks = [MISSING_AWAIT];
  repo.commit('load users', { 'src/users.js': USERS_V1 });
  const fp = (await reviewJson()).findings[0]!.fingerprint;
  await runCli(['dismiss', fp], { cwd: repo.dir });
  repo.commit('remember');

  const reworded = {
    message: 'The lookup is asynchronous: without await, `profile` holds a Promise.',
    quote: 'db.profiles.find(id)',
  };
  const naming = {
    message: 'Rename `user` to a clearer identifier.',
    quote: 'return { user, profile };',
    category: 'style',
  };
  fake.requests.length = 0;
  remarks = [reworded, naming];
  repo.commit('profiles', { 'src/users.js': USERS_V2 });
  const report = await reviewJson();
  expect(report.findings.map((f) => f.message)).toEqual([naming.message]);
  expect(report.suppressed).toHaveLength(1);
  expect(report.suppressed[0]!.match).toBe('embedding');
  expect(report.suppressed[0]!.similarity).toBeGreaterThanOrEqual(0.9);
  expect(report.suppressed[0]!.record.fingerprint).toBe(fp);
  expect(report.memory).toMatchObject({ dismissals: 1, matching: 'embeddings' });
  const embeds = fake.embeds();
  expect(embeds).toHaveLength(1);
  expect(embeds[0]!.model).toBe('nomic-embed-text');
  expect(embeds[0]!.truncate).toBe(false);
  // The new findings and the dismissed one, each with the symmetric task prefix.
  expect(embeds[0]!.input).toEqual([
    `clustering: ${reworded.message}\n${reworded.quote}`,
    `clustering: ${naming.message}\n${naming.quote}`,
    `clustering: ${MISSING_AWAIT.message}\n${MISSING_AWAIT.quote}`,
  ]);

  fake.requests.length = 0;
  const again = await reviewJson();
  expect(again.suppressed.map((s) => s.match)).toEqual(['embedding']);
  expect(fake.embeds()).toEqual([]);
  expect(fake.chats()).toEqual([]); // the review itself came from the cache too

  // --no-cache reads no cache at all: with every vector cached, the review and the vectors are asked for again
  // (the same answer follows)…
  fake.requests.length = 0;
  const uncached = await reviewJson('HEAD~1', ['--no-cache']);
  expect(uncached.suppressed.map((s) => s.match)).toEqual(['embedding']);
  expect(fake.chats()).not.toEqual([]);
  expect(fake.embeds().map((e) => e.input)).toEqual([embeds[0]!.input]);
  // …and writes none back: the directory, removed here, is not made again.
  const vectors = join(repo.dir, '.git', 'hunkwise', 'cache', 'embeddings');
  expect(existsSync(vectors)).toBe(true);
  rmSync(vectors, { recursive: true });
  await reviewJson('HEAD~1', ['--no-cache']);
  expect(existsSync(vectors)).toBe(false);
});

test('without the embedding model matching falls back to fingerprints, said once in the report', async () => {
  setUp('memory:\n  model: not-pulled-embedder\n');
  remarks = [MISSING_AWAIT];
  repo.commit('load users', { 'src/users.js': USERS_V1 });
  const fp = (await reviewJson()).findings[0]!.fingerprint;
  await runCli(['dismiss', fp], { cwd: repo.dir });
  repo.commit('remember');
  remarks = [
    MISSING_AWAIT,
    { message: 'The lookup is asynchronous; await it.', quote: 'db.profiles.find(id)' },
  ];
  repo.commit('profiles', { 'src/users.js': USERS_V2 });
  const report = await reviewJson();
  expect(report.suppressed.map((s) => s.match)).toEqual(['fingerprint']);
  expect(report.findings.map((f) => f.message)).toEqual(['The lookup is asynchronous; await it.']);
  expect(report.memory?.matching).toBe('text');
  const said = report.notices.filter((n) => n.message.includes('not-pulled-embedder'));
  expect(said.map((n) => n.code)).toEqual(['embeddings-unavailable']);
  expect(said.map((n) => n.message)).toEqual([
    'memory: embedding model not-pulled-embedder unavailable (not-pulled-embedder is not pulled); dismissed findings were matched by fingerprint and exact text only, notes by path — run `review doctor --pull` (or `ollama pull not-pulled-embedder`), or set memory.embeddings: false.',
  ]);
  expect(fake.embeds()).toEqual([]);
});

test('a corrupt memory line is reported with its line number and the rest still applies', async () => {
  setUp();
  remarks = [MISSING_AWAIT];
  repo.commit('load users', { 'src/users.js': USERS_V1 });
  const fp = (await reviewJson()).findings[0]!.fingerprint;
  await runCli(['dismiss', fp], { cwd: repo.dir });
  const file = join(repo.dir, '.hunkwise/memory.jsonl');
  const good = readFileSync(file, 'utf8');
  repo.write({ '.hunkwise/memory.jsonl': `<<<<<<< HEAD\n${good}{"kind":"dismiss","fingerprint":"zz"}\n` });
  remarks = [MISSING_AWAIT];
  const report = await reviewJson();
  expect(report.suppressed.map((s) => s.match)).toEqual(['fingerprint']);
  expect(report.memory?.issues).toHaveLength(2);
  const lines = report.notices.filter((n) => n.code === 'memory-line-invalid');
  expect(lines.map((n) => n.message)).toEqual([
    expect.stringMatching(/^memory: \.hunkwise\/memory\.jsonl:1: not JSON/),
    expect.stringMatching(/^memory: \.hunkwise\/memory\.jsonl:3: fingerprint: must be the hex fingerprint/),
  ]);
  const listed = await runCli(['memory', 'list'], { cwd: repo.dir });
  expect(listed.code).toBe(3);
  expect(listed.stdout).toContain('.hunkwise/memory.jsonl:1: not JSON');
});
