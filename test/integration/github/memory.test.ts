// The team memory in pull requests, end to end: the real `review pr` and `review memory import`, the loopback
// GitHub (replies, reactions, permissions) and the loopback Ollama (the review and the embeddings).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeState, parseMarker } from '../../../src/host/marker.js';
import { type ChatBody, type FakeOllama, startFakeOllama, userPrompt } from '../../fakes/ollamaServer.js';
import { runCli } from '../../helpers/runCli.js';
import { OWNER, type PullRequestSetup, REPO, setupPullRequest, TOKEN } from './harness.js';

const CONFIG = 'claude:\n  enabled: false\nfail_on:\n  ci: major\n';

interface Remark {
  message: string;
  quote: string;
  severity: string;
  category: string;
}

let ollama: FakeOllama;
let remarks: Remark[] = [];

/** Close vectors for remarks about awaiting a promise, another direction for naming, a third for the rest. */
function topicVector(text: string): number[] {
  const t = text.toLowerCase();
  if (/await|promise/.test(t)) return [0.97, 0.24, 0];
  if (/name|rename/.test(t)) return [0, 1, 0.1];
  return [0, 0.1, 1];
}

beforeAll(async () => {
  ollama = await startFakeOllama({
    models: ['qwen2.5-coder:7b', 'nomic-embed-text'],
    embed: topicVector,
    defaultReply: (body: ChatBody) => ({
      findings: remarks
        .filter((r) => userPrompt(body).includes(r.quote))
        .map((r) => ({ file: 'src/users.js', line: 1, ...r })),
    }),
  });
});
afterAll(() => ollama.close());

const AWAIT: Remark = {
  message: 'db.users.find returns a promise; `user` must be awaited.',
  quote: 'const user = db.users.find(id);',
  severity: 'major',
  category: 'bug',
};
const NAMING: Remark = {
  message: 'Rename `n` to something that says what it holds.',
  quote: 'const n = user.fullName;',
  severity: 'minor',
  category: 'style',
};

const USERS = (prefix = '', find = 'const user = db.users.find(id);') =>
  `${prefix}export async function loadUser(db, id) {\n  ${find}\n  const n = user.fullName;\n  return { user, n };\n}\n`;

function sticky(pr: PullRequestSetup) {
  const comment = pr.github.issueComments.find((c) => parseMarker(c.body)?.kind === 'summary');
  return { body: comment?.body ?? '', state: decodeState(parseMarker(comment?.body)?.fields.state) };
}

const env = () => ({ OLLAMA_HOST: ollama.url });

describe('a dismissal in the conversation holds for the pull request, then everywhere once imported', () => {
  let pr: PullRequestSetup;
  let imported = '';
  beforeAll(async () => {
    pr = await setupPullRequest({ 'config.yml': CONFIG, 'src/users.js': 'export {};\n' });
  });
  afterAll(() => pr.cleanup());

  test('opened: both remarks are posted inline; the major one fails the job', async () => {
    remarks = [AWAIT, NAMING];
    const head = pr.repo.commit('users', { 'src/users.js': USERS() });
    pr.github.push({ headSha: head, diff: pr.prDiff(head) });
    const run = await pr.run({ head, env: env() });
    expect(run.code).toBe(1);
    expect(pr.github.reviewComments.map((c) => c.line)).toEqual([2, 3]);
  });

  test('a maintainer replies /hunkwise dismiss, an outsider too; after a push that moves and rewords it, only the maintainer counts', async () => {
    const [awaitComment, namingComment] = pr.github.reviewComments;
    pr.github.reply(
      awaitComment!.id,
      'carol',
      '/hunkwise dismiss find() is synchronous in our db layer',
      'MEMBER',
    );
    pr.github.reply(namingComment!.id, 'mallory', '/hunkwise dismiss', 'NONE');
    pr.github.reply(namingComment!.id, 'bob', 'I think the name is fine', 'COLLABORATOR');
    const awaitBody = awaitComment!.body;

    // The push moves the code down and changes the call; the model words the same remark differently.
    remarks = [
      {
        ...AWAIT,
        message: 'The lookup returns a Promise, so `user` is never awaited here.',
        quote: 'const user = db.users.find(String(id));',
      },
      NAMING,
    ];
    const head = pr.repo.commit('ids', {
      'src/users.js': USERS('// users\n// by id\n', 'const user = db.users.find(String(id));'),
    });
    pr.github.push({ headSha: head, diff: pr.prDiff(head) });
    ollama.requests.length = 0;
    const run = await pr.run({ head, action: 'synchronize', env: env() });

    expect(run.code).toBe(0); // the major remark is dismissed; the minor one does not fail the job
    expect(pr.github.reviewComments.filter((c) => c.user.type === 'Bot')).toHaveLength(2); // nothing new posted
    expect(pr.github.reviewComments.find((c) => c.id === awaitComment!.id)?.body).toBe(awaitBody); // not "resolved"
    const { body, state } = sticky(pr);
    expect(state?.findings.map((f) => f.message)).toEqual([NAMING.message]);
    expect(state?.dismissed).toEqual([
      expect.objectContaining({
        fingerprint: awaitComment!.body.match(/fp=([0-9a-f]+)/)?.[1],
        file: 'src/users.js',
        who: '@carol',
        reason: 'find() is synchronous in our db layer',
      }),
    ]);
    // The reworded remark quotes other code than the dismissed one: its quote is not the record's.
    expect(state?.dismissed?.[0]?.quote).toBeUndefined();
    expect(body).toContain('1 finding suppressed by the team memory');
    // The mention is defused (zero-width space): quoting a dismissal must not ping the person.
    expect(body).toMatch(
      /similar \((0\.9\d|1\.00)\), dismissed by @\u200bcarol: find\(\) is synchronous in our db layer/,
    );
    expect(body).toContain('review memory import --pr 7');
    const lines = /```jsonl\n([\s\S]*?)\n```/.exec(body)?.[1]?.split('\n') ?? [];
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ kind: 'dismiss', who: '@carol', file: 'src/users.js' });
    expect(run.summary).toContain('1 finding suppressed by the team memory'); // the job summary too
    expect(ollama.embeds()).toHaveLength(1);
    expect(pr.github.openApiIssues).toEqual([]);
    imported = lines[0]!;
  });

  test('review memory import --pr 7 writes exactly the lines the summary shows', async () => {
    const cli = (...args: string[]) =>
      runCli(['memory', 'import', '--pr', '7', ...args], {
        cwd: pr.repo.dir,
        env: { GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: `${OWNER}/${REPO}`, GITHUB_API_URL: pr.github.url },
      });
    const dry = await cli('--dry-run');
    expect(dry.stdout).toContain('1 line would be added to .hunkwise/memory.jsonl');
    const done = await cli();
    expect(done.code).toBe(0);
    const file = readFileSync(join(pr.repo.dir, '.hunkwise/memory.jsonl'), 'utf8');
    expect(
      file
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([JSON.parse(imported)]);
    expect((await cli()).stdout).toContain('0 dismissals added to .hunkwise/memory.jsonl (1 already there)');
  });

  test('in the next pull request the remark stays suppressed, and the summary says so', async () => {
    const next = await setupPullRequest({
      'config.yml': CONFIG,
      'src/users.js': 'export {};\n',
      '.hunkwise/memory.jsonl': `${imported}\n`,
    });
    try {
      remarks = [AWAIT];
      const head = next.repo.commit('users again', { 'src/users.js': USERS() });
      next.github.push({ headSha: head, diff: next.prDiff(head) });
      const run = await next.run({ head, env: env() });
      expect(run.code).toBe(0);
      expect(next.github.reviewComments).toEqual([]);
      expect(sticky(next).body).toContain('1 finding suppressed by the team memory');
      expect(sticky(next).body).toContain(
        'same fingerprint, dismissed by @\u200bcarol: find() is synchronous in our db layer',
      );
    } finally {
      await next.cleanup();
    }
  });
});

test('👎 by a collaborator with write access dismisses; by a read-only user it does not; a re-run of the same head says so', async () => {
  const pr = await setupPullRequest(
    { 'config.yml': CONFIG, 'src/users.js': 'export {};\n' },
    { collaborators: { dave: 'write', erin: 'read' } },
  );
  try {
    remarks = [AWAIT, { ...NAMING, severity: 'major' }];
    const head = pr.repo.commit('users', { 'src/users.js': USERS() });
    pr.github.push({ headSha: head, diff: pr.prDiff(head) });
    expect((await pr.run({ head, env: env() })).code).toBe(1);
    const [awaitComment, namingComment] = pr.github.reviewComments;
    pr.github.react(awaitComment!.id, 'erin', '-1');
    pr.github.react(awaitComment!.id, 'dave', '-1');
    pr.github.react(namingComment!.id, 'erin', '-1');
    pr.github.react(namingComment!.id, 'dave', '+1');

    const rerun = await pr.run({ head, env: env() });
    const { state, body } = sticky(pr);
    expect(state?.dismissed?.map((r) => r.who)).toEqual(['@dave']);
    expect(state?.findings.map((f) => f.message)).toEqual([NAMING.message]);
    expect(body).toMatch(/```jsonl\n\{"kind":"dismiss",[^\n]*"who":"@dave"/);
    expect(rerun.code).toBe(1); // the naming remark is major here and still stands
    const asked = pr.github.requests.filter((r) => r.path.includes('/reactions')).map((r) => r.path);
    expect(new Set(asked)).toEqual(
      new Set([
        `/repos/${OWNER}/${REPO}/pulls/comments/${awaitComment!.id}/reactions`,
        `/repos/${OWNER}/${REPO}/pulls/comments/${namingComment!.id}/reactions`,
      ]),
    );
  } finally {
    await pr.cleanup();
  }
});
