// The built bin through a REAL `git commit`: `review init` in a temp repository whose node_modules/hunkwise
// points at this checkout, then commits that go through husky's shim and the hunkwise block.
import { execFile, execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  closedPortUrl,
  type FakeOllama,
  promptFiles,
  startFakeOllama,
  userPrompt,
} from '../fakes/ollamaServer.js';
import { createRepo, GIT_ENV, type TempRepo } from '../helpers/gitRepo.js';
import { PRIVATE_KEY_FIXTURE } from '../helpers/secretFixtures.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/review.js');

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  output: string;
}

/** Async on purpose: the fake servers live in this process and must keep answering while git runs. */
function runAsync(
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string | undefined>,
  timeout = 0,
): Promise<Ran> {
  return new Promise((done) => {
    const options = {
      cwd,
      env,
      encoding: 'utf8' as const,
      maxBuffer: 1 << 26,
      timeout,
      killSignal: 'SIGKILL' as const,
    };
    execFile(cmd, args, options, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: unknown }).code as number | null) : 0;
      const signal = error ? ((error as { signal?: NodeJS.Signals }).signal ?? null) : null;
      done({ code: typeof code === 'number' ? code : null, signal, stdout, stderr, output: stdout + stderr });
    });
  });
}

let home: string;
let ollama: FakeOllama;
const repos: TempRepo[] = [];

function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, ...GIT_ENV, HOME: home, NO_COLOR: '1' };
  for (const key of Object.keys(env)) {
    if (/^(ANTHROPIC_|GITHUB_|HUSKY|REVIEW_|HUNKWISE_|OLLAMA_|CI$|FORCE_COLOR)/.test(key)) delete env[key];
  }
  return { ...env, ...extra };
}

/** `npm test` builds first; a lone `vitest run --project e2e` must not test yesterday's bundle. */

let template: TempRepo;

/** Once: a repository set up by the built bin's `review init`, its hook calling this checkout. */
async function makeTemplate(): Promise<TempRepo> {
  const repo = createRepo({ 'README.md': '# demo\n', '.gitignore': 'node_modules\n' });
  repo.git('config', '--unset', 'core.hooksPath');
  mkdirSync(join(repo.dir, 'node_modules/.bin'), { recursive: true });
  symlinkSync(ROOT, join(repo.dir, 'node_modules/hunkwise'), 'dir');
  symlinkSync('../hunkwise/bin/review.js', join(repo.dir, 'node_modules/.bin/review'));
  repo.commit('initial');
  const init = await runAsync(process.execPath, [BIN, 'init'], repo.dir, baseEnv());
  expect(init.code, init.output).toBe(0);
  expect(init.output).toContain('.husky/pre-commit created');
  repo.git('add', '.husky/pre-commit', 'config.yml');
  repo.git('commit', '-q', '--no-verify', '-m', 'hunkwise set up');
  return repo;
}

/** A copy of the template (cheaper than a fresh init), with extra committed files and config.yml. */
function hookedRepo(files: Record<string, string> = {}, config?: string): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), 'hunkwise-e2e-'));
  cpSync(template.dir, dir, { recursive: true, verbatimSymlinks: true });
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, env: baseEnv(), encoding: 'utf8' });
  const write = (tree: Record<string, string | Buffer>) => {
    for (const [path, content] of Object.entries(tree)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  };
  const repo: TempRepo = {
    dir,
    git,
    write,
    commit: (message, tree = {}) => {
      write(tree);
      git('add', '-A');
      git('commit', '-q', '--no-verify', '-m', message);
      return git('rev-parse', 'HEAD').trim();
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  repos.push(repo);
  if (config !== undefined) files = { ...files, 'config.yml': config };
  if (Object.keys(files).length > 0) repo.commit('fixture', files);
  return repo;
}

function commit(repo: TempRepo, env: Record<string, string | undefined>, ...args: string[]): Promise<Ran> {
  return runAsync('git', ['commit', '-m', 'change', ...args], repo.dir, baseEnv(env));
}

/** A bounded commit for the hanging-server cases, so a hook that ignores its budget fails the test, not the run. */
function boundedCommit(repo: TempRepo, env: Record<string, string | undefined>): Promise<Ran> {
  return runAsync('git', ['commit', '-m', 'change'], repo.dir, baseEnv(env), 30_000);
}

const head = (repo: TempRepo) => repo.git('rev-parse', 'HEAD').trim();

const CALC = 'export function add(a, b) {\n  return a - b;\n}\n';
const BUG = {
  file: 'src/calc.js',
  line: 2,
  severity: 'major',
  category: 'bug',
  message: 'add() subtracts its arguments',
  quote: 'return a - b;',
  suggestion: 'return a + b;',
};

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'hunkwise-home-'));
  template = await makeTemplate();
  ollama = await startFakeOllama({
    defaultReply: (body) => ({ findings: promptFiles(body).includes('src/calc.js') ? [BUG] : [] }),
  });
});

afterAll(async () => {
  template?.cleanup();
  await ollama?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

describe('a real git commit through the installed hook', () => {
  test('advisory by default: the finding is reported with path:line, the commit goes through', async () => {
    const repo = hookedRepo();
    const before = head(repo);
    repo.write({ 'src/calc.js': CALC });
    repo.git('add', 'src/calc.js');
    const ran = await commit(repo, { OLLAMA_HOST: ollama.url });
    expect(ran.code, ran.output).toBe(0);
    expect(head(repo)).not.toBe(before);
    expect(ran.output).toContain('src/calc.js:2');
    expect(ran.output).toContain('add() subtracts its arguments');
    expect(ran.output).toMatch(/advisory: 1 finding, commit not blocked/);
    // The last line of the report: counts, time, tokens per model.
    expect(ran.output).toMatch(
      /1 finding \(1 major\) · 1\/1 hunks reviewed · [\d.]+m?s · qwen2\.5-coder:7b 1 req/,
    );
  });

  // util-linux `script` gives git a terminal, as an interactive `git commit` has.
  const hasScript = existsSync('/usr/bin/script') && process.platform === 'linux';
  test.skipIf(!hasScript)('on a terminal: colours, unless NO_COLOR is set', async () => {
    const repo = hookedRepo();
    const inTerminal = async (extra: Record<string, string | undefined>) => {
      repo.write({ 'src/calc.js': `${CALC}// ${Math.random()}\n` });
      repo.git('add', 'src/calc.js');
      const env = { ...baseEnv({ OLLAMA_HOST: ollama.url, ...extra }) };
      if (extra.NO_COLOR === undefined) delete env.NO_COLOR;
      return runAsync('/usr/bin/script', ['-qec', 'git commit -q -m tty', '/dev/null'], repo.dir, env);
    };
    const coloured = await inTerminal({ TERM: 'xterm' });
    expect(coloured.code, coloured.output).toBe(0);
    expect(coloured.output).toContain('\u001b[31mMAJOR');
    const plain = await inTerminal({ TERM: 'xterm', NO_COLOR: '1' });
    expect(plain.code, plain.output).toBe(0);
    expect(plain.output).toContain('MAJOR');
    // Only the progress line's erase sequence may remain; no colour codes.
    expect(plain.output).not.toMatch(/\u001b\[\d+m/);
  });

  test('fail_on.hook blocks at or above its severity', async () => {
    const repo = hookedRepo({}, 'fail_on:\n  hook: major\n');
    const before = head(repo);
    repo.write({ 'src/calc.js': CALC });
    repo.git('add', 'src/calc.js');
    const ran = await commit(repo, { OLLAMA_HOST: ollama.url });
    expect(ran.code).not.toBe(0);
    expect(head(repo)).toBe(before);
    expect(ran.output).toMatch(/commit blocked: 1 finding at or above major \(fail_on\.hook: major\)/);
  });

  test('a dismissed finding stays dismissed: review dismiss, and the next commit goes through', async () => {
    const repo = hookedRepo({}, 'fail_on:\n  hook: major\n');
    repo.write({ 'src/calc.js': CALC });
    repo.git('add', 'src/calc.js');
    const blocked = await commit(repo, { OLLAMA_HOST: ollama.url });
    expect(blocked.code).not.toBe(0);
    const review = (...args: string[]) => runAsync(process.execPath, [BIN, ...args], repo.dir, baseEnv());
    const listed = await review('dismiss', '--last');
    const fp = /^ {2}([0-9a-f]{16}) {2}major/m.exec(listed.stdout)?.[1];
    expect(fp, listed.output).toBeDefined();
    const dismissed = await review('dismiss', fp ?? '', '--reason', 'intended: this is the diff helper');
    expect(dismissed.code, dismissed.output).toBe(0);
    repo.git('add', '.hunkwise/memory.jsonl');
    const before = head(repo);
    const ran = await commit(repo, { OLLAMA_HOST: ollama.url });
    expect(ran.code, ran.output).toBe(0);
    expect(head(repo)).not.toBe(before);
    expect(ran.output).toContain('1 finding suppressed by the team memory');
    expect(repo.git('show', 'HEAD:.hunkwise/memory.jsonl')).toContain('"who":"Test <test@example.com>"');
  });

  test('a staged secret blocks by default, without any model', async () => {
    const repo = hookedRepo();
    const before = head(repo);
    const key = PRIVATE_KEY_FIXTURE;
    repo.write({ 'deploy/id_rsa': key });
    repo.git('add', 'deploy/id_rsa');
    const ran = await commit(repo, { OLLAMA_HOST: await closedPortUrl() });
    expect(ran.code).not.toBe(0);
    expect(head(repo)).toBe(before);
    expect(ran.output).toMatch(/commit blocked: 1 secret found/);
    expect(ran.output).toContain('deploy/id_rsa');
    // The retried commit takes the secret finding from the first run's memo, and is blocked the same way.
    expect(existsSync(join(repo.dir, '.git/hunkwise/secret-scan.json'))).toBe(true);
    const retried = await commit(repo, { OLLAMA_HOST: await closedPortUrl() });
    expect(retried.code).not.toBe(0);
    expect(head(repo)).toBe(before);
    expect(retried.output).toMatch(/commit blocked: 1 secret found/);
    expect(retried.output).not.toContain(key.split('\n')[1]);
  });

  test('--no-verify and REVIEW_SKIP=1 skip the review (nothing is sent)', async () => {
    const repo = hookedRepo({}, 'fail_on:\n  hook: major\n');
    const sent = ollama.chats().length;
    repo.write({ 'src/calc.js': CALC });
    repo.git('add', 'src/calc.js');
    const noVerify = await commit(repo, { OLLAMA_HOST: ollama.url }, '--no-verify');
    expect(noVerify.code, noVerify.output).toBe(0);
    repo.write({ 'src/calc.js': `${CALC}// more\n` });
    repo.git('add', 'src/calc.js');
    const skipped = await commit(repo, { OLLAMA_HOST: ollama.url, REVIEW_SKIP: '1' });
    expect(skipped.code, skipped.output).toBe(0);
    expect(skipped.output).toContain('hunkwise: REVIEW_SKIP=1, review skipped.');
    expect(ollama.chats().length).toBe(sent);
  });

  test('Ollama down: the commit goes through with a one-line note, and no "No findings" claim', async () => {
    const repo = hookedRepo();
    const before = head(repo);
    repo.write({ 'src/calc.js': CALC });
    repo.git('add', 'src/calc.js');
    const ran = await commit(repo, { OLLAMA_HOST: await closedPortUrl() });
    expect(ran.code, ran.output).toBe(0);
    expect(head(repo)).not.toBe(before);
    // docs/hook.md: one line about Ollama, saying how to start it; the hunks only point at it.
    const aboutOllama = ran.output.split('\n').filter((line) => /ollama/i.test(line));
    expect(aboutOllama, ran.output).toHaveLength(1);
    expect(aboutOllama[0]).toMatch(
      /^! Ollama is not reachable at http:\/\/127\.0\.0\.1:\d+ — start it with `ollama serve`/,
    );
    expect(ran.output).toMatch(/not reviewed/);
    expect(ran.output).not.toMatch(/No findings/);
  });

  test('a hung Ollama: that commit names it and the fix; the next ones skip it at once until doctor sees it answer', async () => {
    let hanging = true;
    // Health checks answer; generation never does (until it is "restarted").
    const server = await startFakeOllama({
      defaultReply: () => (hanging ? { hang: true } : { findings: [] }),
    });
    try {
      const repo = hookedRepo({}, 'hook:\n  time_budget_seconds: 3\n');
      const mark = join(repo.dir, '.git/hunkwise/stalled-local.json');
      repo.write({ 'src/calc.js': CALC });
      repo.git('add', 'src/calc.js');
      const first = await boundedCommit(repo, { OLLAMA_HOST: server.url });
      expect(first.signal, 'the commit was still running 30 s after a 3 s budget').toBeNull();
      expect(first.code, first.output).toBe(0);
      expect(server.chats().length).toBeGreaterThan(0);
      expect(first.output).toMatch(
        /^! Ollama at http:\/\/127\.0\.0\.1:\d+ took the review request but gave no answer .* restart it .*`npx hunkwise doctor`.*skips the local model for 10 minutes/m,
      );
      expect(existsSync(mark)).toBe(true);

      // The next commit does not contact the server at all, and says so in one line.
      const seen = server.requests.length;
      repo.write({ 'src/more.js': 'export const more = 1;\n' });
      repo.git('add', 'src/more.js');
      const second = await boundedCommit(repo, { OLLAMA_HOST: server.url });
      expect(second.code, second.output).toBe(0);
      expect(server.requests.length).toBe(seen);
      const aboutOllama = second.output.split('\n').filter((line) => /ollama/i.test(line));
      expect(aboutOllama, second.output).toHaveLength(1);
      expect(aboutOllama[0]).toMatch(/stalled at \d\d:\d\d: the hook skips the local model until \d\d:\d\d/);
      expect(second.output).toMatch(
        /1 hunk: local model skipped: it stalled in an earlier run.*\n +src\/more\.js:1\n/,
      );

      // Restarted: `review doctor` sees it answer a test request and lifts the pause at once.
      hanging = false;
      const doctor = await runAsync(
        process.execPath,
        [BIN, 'doctor'],
        repo.dir,
        baseEnv({ OLLAMA_HOST: server.url }),
      );
      expect(doctor.output).toMatch(/answered a test review request: the hook uses the local model again/);
      expect(existsSync(mark)).toBe(false);
      const before = server.chats().length;
      repo.write({ 'src/last.js': 'export const last = 1;\n' });
      repo.git('add', 'src/last.js');
      const third = await commit(repo, { OLLAMA_HOST: server.url });
      expect(third.code, third.output).toBe(0);
      expect(server.chats().length).toBeGreaterThan(before);
      expect(third.output).toMatch(/1\/1 hunks reviewed/);
    } finally {
      await server.close();
    }
  });

  test('fail_on.unreachable: true turns "Ollama down" into a blocked commit', async () => {
    const repo = hookedRepo({}, 'fail_on:\n  unreachable: true\n');
    const before = head(repo);
    repo.write({ 'src/calc.js': CALC });
    repo.git('add', 'src/calc.js');
    const ran = await commit(repo, { OLLAMA_HOST: await closedPortUrl() });
    expect(ran.code).not.toBe(0);
    expect(head(repo)).toBe(before);
    expect(ran.output).toMatch(/commit blocked: 1 hunk could not be reviewed .*fail_on\.unreachable/);
  });

  test('a broken config.yml never blocks: the error, then one line saying the commit went through', async () => {
    const repo = hookedRepo({}, 'fail_on:\n  hook: sometimes\n');
    const before = head(repo);
    repo.write({ 'src/calc.js': CALC });
    repo.git('add', 'src/calc.js');
    const ran = await commit(repo, { OLLAMA_HOST: ollama.url });
    expect(ran.code, ran.output).toBe(0);
    expect(head(repo)).not.toBe(before);
    expect(ran.output).toMatch(/fail_on\.hook/);
    expect(ran.output).toContain('hunkwise: the review could not run (exit 3); commit not blocked');
  });

  test('Ollama hanging on the review: the commit completes at the time budget and names what was not reviewed', async () => {
    const hung = await startFakeOllama({ defaultReply: { hang: true } });
    try {
      const repo = hookedRepo({}, 'hook:\n  time_budget_seconds: 2\n');
      const before = head(repo);
      repo.write({ 'src/calc.js': CALC });
      repo.git('add', 'src/calc.js');
      const ran = await boundedCommit(repo, { OLLAMA_HOST: hung.url });
      expect(ran.signal, 'the commit was still running 30 s after a 2 s budget').toBeNull();
      expect(ran.code, ran.output).toBe(0);
      expect(head(repo)).not.toBe(before);
      expect(ran.output).toMatch(/1 hunk: time budget reached[^\n]*\n +src\/calc\.js:1-3\n/);
      expect(ran.output).not.toMatch(/No findings/);
    } finally {
      await hung.close();
    }
  });

  test('a server that accepts connections and never answers anything: still bounded by the budget', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      sockets.add(socket);
    });
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const port = (silent.address() as { port: number }).port;
    try {
      const repo = hookedRepo({}, 'hook:\n  time_budget_seconds: 2\n');
      const before = head(repo);
      repo.write({ 'src/calc.js': CALC });
      repo.git('add', 'src/calc.js');
      const ran = await boundedCommit(repo, { OLLAMA_HOST: `http://127.0.0.1:${port}` });
      expect(ran.signal, 'the commit was still running 30 s after a 2 s budget').toBeNull();
      expect(ran.code, ran.output).toBe(0);
      expect(head(repo)).not.toBe(before);
      // The budget (2 s) ends the wait on the health check (3 s): a deadline the user set, not a cancellation.
      expect(ran.output).toMatch(/1 hunk: time budget reached[^\n]*\n +src\/calc\.js:1-3\n/);
      expect(ran.output).not.toMatch(/cancel/i);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => silent.close(done));
    }
  });

  test('a partially staged file: only the staged part is reviewed, the working tree is untouched', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
    const repo = hookedRepo({ 'src/list.txt': `${lines.join('\n')}\n` });
    const staged = lines.map((l, i) => (i === 2 ? 'STAGED_CHANGE' : l));
    repo.write({ 'src/list.txt': `${staged.join('\n')}\n` });
    repo.git('add', 'src/list.txt');
    const worktree = staged.map((l, i) => (i === 35 ? 'UNSTAGED_CHANGE' : l));
    repo.write({ 'src/list.txt': `${worktree.join('\n')}\n` });
    const sent = ollama.chats().length;
    const ran = await commit(repo, { OLLAMA_HOST: ollama.url });
    expect(ran.code, ran.output).toBe(0);
    const prompts = ollama.chats().slice(sent).map(userPrompt).join('\n');
    expect(prompts).toContain('STAGED_CHANGE');
    expect(prompts).not.toContain('UNSTAGED_CHANGE');
    expect(readFileSync(join(repo.dir, 'src/list.txt'), 'utf8')).toBe(`${worktree.join('\n')}\n`);
    expect(repo.git('show', 'HEAD:src/list.txt')).toBe(`${staged.join('\n')}\n`);
    expect(repo.git('status', '--porcelain')).toBe(' M src/list.txt\n');
  });

  test('`git commit -- path` (a temporary index) reviews that path only', async () => {
    const repo = hookedRepo();
    repo.write({ 'src/calc.js': CALC, 'src/other.txt': 'OTHER_FILE\n' });
    repo.git('add', 'src/other.txt');
    repo.git('add', '-N', 'src/calc.js');
    const sent = ollama.chats().length;
    const ran = await runAsync(
      'git',
      ['commit', '-m', 'only calc', '--', 'src/calc.js'],
      repo.dir,
      baseEnv({ OLLAMA_HOST: ollama.url }),
    );
    expect(ran.code, ran.output).toBe(0);
    const files = ollama.chats().slice(sent).flatMap(promptFiles);
    expect(files).toEqual(['src/calc.js']);
  });

  test('a merge commit after resolving a conflict goes through the hook', async () => {
    const repo = hookedRepo({ 'src/greet.txt': 'hello\n' });
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit('feature side', { 'src/greet.txt': 'hello from feature\n' });
    repo.git('checkout', '-q', 'main');
    repo.commit('main side', { 'src/greet.txt': 'hello from main\n' });
    await runAsync('git', ['merge', 'feature'], repo.dir, baseEnv({ OLLAMA_HOST: ollama.url }));
    expect(existsSync(join(repo.dir, '.git/MERGE_HEAD'))).toBe(true);
    repo.write({ 'src/greet.txt': 'hello from both\n' });
    repo.git('add', 'src/greet.txt');
    const ran = await runAsync(
      'git',
      ['commit', '--no-edit'],
      repo.dir,
      baseEnv({ OLLAMA_HOST: ollama.url }),
    );
    expect(ran.code, ran.output).toBe(0);
    expect(ran.output).toMatch(/hunks? reviewed|No findings|finding/);
    expect(repo.git('rev-list', '--parents', '-n', '1', 'HEAD').trim().split(' ')).toHaveLength(3);
    expect(existsSync(join(repo.dir, '.git/MERGE_HEAD'))).toBe(false);
  });

  test('a commit in the middle of a rebase (after a conflict) goes through the hook', async () => {
    const repo = hookedRepo({ 'src/greet.txt': 'hello\n' });
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit('feature side', { 'src/greet.txt': 'hello from feature\n' });
    repo.git('checkout', '-q', 'main');
    repo.commit('main side', { 'src/greet.txt': 'hello from main\n' });
    repo.git('checkout', '-q', 'feature');
    const env = baseEnv({ OLLAMA_HOST: ollama.url, GIT_EDITOR: 'true' });
    const rebase = await runAsync('git', ['rebase', 'main'], repo.dir, env);
    expect(rebase.code).not.toBe(0);
    expect(
      existsSync(join(repo.dir, '.git/rebase-merge')) || existsSync(join(repo.dir, '.git/rebase-apply')),
    ).toBe(true);
    repo.write({ 'src/greet.txt': 'hello from both, rebased\n' });
    repo.git('add', 'src/greet.txt');
    const sent = ollama.chats().length;
    const ran = await runAsync('git', ['commit', '-m', 'resolved'], repo.dir, env);
    expect(ran.code, ran.output).toBe(0);
    expect(ran.output).toMatch(/1\/1 hunks reviewed/);
    expect(ollama.chats().slice(sent).map(userPrompt).join('\n')).toContain('hello from both, rebased');
    const done = await runAsync('git', ['rebase', '--continue'], repo.dir, env);
    expect(done.code, done.output).toBe(0);
    expect(repo.git('log', '-1', '--format=%s').trim()).toBe('resolved');
  });

  test('Ctrl-C during the review stops cleanly with exit 130', async () => {
    const hung = await startFakeOllama({ defaultReply: { hang: true } });
    try {
      const repo = hookedRepo();
      repo.write({ 'src/calc.js': CALC });
      repo.git('add', 'src/calc.js');
      const child = spawn(process.execPath, [BIN, '--staged', '--hook'], {
        cwd: repo.dir,
        env: baseEnv({ OLLAMA_HOST: hung.url }),
      });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      // Interrupt once the review is really waiting on the model.
      for (let i = 0; i < 200 && hung.chats().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(hung.chats().length).toBeGreaterThan(0);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(output).not.toContain('\u001b[');
      expect(output).toBe('review: interrupted; 1 of 1 hunk not reviewed, nothing committed.\n');
      expect(output).not.toMatch(/internal error|at .*\.js:\d+/);
    } finally {
      await hung.close();
    }
  });
});
