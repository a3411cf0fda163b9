import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { reportSchema } from '../../../src/report/reportSchema.js';
import { closedPortUrl, type FakeOllama, startFakeOllama } from '../../fakes/ollamaServer.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';
import { runCli } from '../../helpers/runCli.js';

let ollama: FakeOllama;
let repo: TempRepo;
beforeAll(async () => {
  ollama = await startFakeOllama();
});
afterAll(() => ollama.close());
afterEach(() => repo?.cleanup());

function twoCommits(): TempRepo {
  repo = createRepo();
  repo.commit('base', { 'src/math.ts': 'export function add(a: number, b: number) {\n  return a + b;\n}\n' });
  repo.commit('change', {
    'src/math.ts':
      'export function add(a: number, b: number) {\n  return a + b;\n}\n\nexport function half(x) {\n  return x / 2\n}\n',
  });
  return repo;
}

const env = () => ({
  OLLAMA_HOST: ollama.url,
  HUNKWISE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'hw-cli-cache-')),
});

describe('review <range>', () => {
  test('--format json prints one document that satisfies the published schema, with the local finding', async () => {
    twoCommits();
    ollama.script({
      findings: [
        {
          file: 'src/math.ts',
          line: 5,
          severity: 'minor',
          category: 'style',
          message: 'Parameter x has no type.',
          quote: 'export function half(x) {',
        },
      ],
      promptEvalCount: 321,
      evalCount: 45,
    });
    const { code, stdout, stderr } = await runCli(['HEAD~1', '--format', 'json'], {
      cwd: repo.dir,
      env: env(),
    });
    expect(stderr).toBe('review: advisory: 1 finding, not failing (set fail_on.ci to block).\n');
    expect(code).toBe(0);
    const report = reportSchema.parse(JSON.parse(stdout));
    expect(report.source).toBe('HEAD~1..HEAD');
    expect(report.hunks).toEqual([
      expect.objectContaining({
        file: 'src/math.ts',
        route: 'local',
        added: 4,
        review: { status: 'reviewed', by: ['rule', 'local'], notes: [] },
      }),
    ]);
    expect(report.findings).toEqual([
      expect.objectContaining({
        file: 'src/math.ts',
        line: 5,
        severity: 'minor',
        source: 'local',
        placement: 'inline',
      }),
    ]);
    expect(report.usage).toEqual([
      expect.objectContaining({ model: 'qwen2.5-coder:7b', requests: 1, inputTokens: 321, outputTokens: 45 }),
    ]);
  });

  test('a finding the model gives line 0 (about the whole file) is reported at file level, not dropped', async () => {
    twoCommits();
    const fileLevel = {
      file: 'src/math.ts',
      line: 0,
      severity: 'minor',
      category: 'maintainability',
      message: 'The module exports functions without any tests.',
      quote: '',
    };
    ollama.script({ findings: [fileLevel] }, { findings: [fileLevel] });
    const json = await runCli(['HEAD~1', '--format', 'json'], { cwd: repo.dir, env: env() });
    const report = reportSchema.parse(JSON.parse(json.stdout));
    expect(report.findings).toEqual([
      expect.objectContaining({
        file: 'src/math.ts',
        line: null,
        endLine: null,
        message: fileLevel.message,
        source: 'local',
        placement: 'file',
      }),
    ]);
    expect(report.notices).toEqual([
      expect.objectContaining({ code: 'output-repaired', role: 'local', fileLevel: 1, dropped: 0 }),
    ]);
    const text = await runCli(['HEAD~1'], { cwd: repo.dir, env: env() });
    expect(text.stdout).toMatch(/src\/math\.ts \(whole file\)\s+maintainability\s+The module exports/);
    expect(text.stdout).toMatch(/1 kept at file level/);
  });

  test('with Ollama down, the rules still report and one line says how to start the local model', async () => {
    repo = createRepo();
    repo.commit('base', { 'README.md': 'hello\n' });
    repo.commit('conflict', { 'README.md': 'hello\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> branch\n' });
    const { code, stdout, stderr } = await runCli(['HEAD~1'], {
      cwd: repo.dir,
      env: { ...env(), OLLAMA_HOST: await closedPortUrl() },
    });
    expect(stdout).toMatch(/README\.md:2/);
    expect(stdout).toMatch(/conflict/i);
    // One line about Ollama, and it says how to start it; the hunks only point at it.
    const aboutOllama = stdout.split('\n').filter((line) => /ollama/i.test(line));
    expect(aboutOllama).toHaveLength(1);
    expect(aboutOllama[0]).toMatch(/ollama serve/);
    expect(stdout).not.toMatch(/no findings/i);
    // Committed conflict markers fail the run by default (fail_on.conflicts), whatever the models did.
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^review: exit 1: merge-conflict markers committed in 1 place; .*\(fail_on\.conflicts\)/,
    );
  });

  test('--dry-run calls no model and prints the plan with the all-Claude baseline', async () => {
    twoCommits();
    const before = ollama.chats().length;
    const { code, stdout } = await runCli(['HEAD~1', '--dry-run'], { cwd: repo.dir, env: env() });
    expect(code).toBe(0);
    expect(ollama.chats().length).toBe(before);
    expect(stdout).toMatch(/src\/math\.ts:1-7\s+local/);
    expect(stdout).toMatch(/all-Claude baseline/);
  });

  test('a wrong config key is one clear error with its line, exit code 3', async () => {
    twoCommits();
    repo.write({ 'config.yml': 'local:\n  concurency: 4\n' });
    const { code, stdout, stderr } = await runCli(['HEAD~1'], { cwd: repo.dir, env: env() });
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/config\.yml:2.*local\.concurency.*concurrency/);
  });

  test('an unknown revision is a one-line git error, exit code 4', async () => {
    twoCommits();
    const { code, stderr } = await runCli(['no-such-branch'], { cwd: repo.dir, env: env() });
    expect(code).toBe(4);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/no-such-branch/);
  });

  test('outside a repository the error says so', async () => {
    const { code, stderr } = await runCli(['HEAD~1'], { cwd: tmpdir(), env: env() });
    expect(code).toBe(4);
    expect(stderr).toMatch(/not .*git/i);
  });
});

describe('only the range that was asked for', () => {
  function fourCommits(): TempRepo {
    repo = createRepo();
    for (const n of [1, 2, 3, 4]) repo.commit(`c${n}`, { [`src/f${n}.ts`]: `export const f${n} = ${n};\n` });
    return repo;
  }

  test('in a --depth 1 clone, HEAD~1 stops with exit 4 and one line saying what to fetch; no file is planned', async () => {
    const origin = fourCommits();
    const clone = createRepo();
    try {
      clone.git('clone', '-q', '--depth', '1', `file://${origin.dir}`, 'work');
      const { code, stdout, stderr } = await runCli(['HEAD~1', '--dry-run'], {
        cwd: join(clone.dir, 'work'),
        env: env(),
      });
      expect(code).toBe(4);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        "review: 'HEAD~1' is not in this shallow clone, which holds 1 commit of HEAD's history; fetch 1 more with `git fetch --deepen=1`, or set `fetch-depth: 0` on actions/checkout.\n",
      );
    } finally {
      clone.cleanup();
    }
  });

  test('HEAD~99 in a 4-commit repository stops with exit 4; --root reviews the first commit when asked', async () => {
    fourCommits();
    const past = await runCli(['HEAD~99', '--dry-run'], { cwd: repo.dir, env: env() });
    expect(past.code).toBe(4);
    expect(past.stdout).toBe('');
    expect(past.stderr).toMatch(
      /^review: 'HEAD~99' goes back further than HEAD's history \(4 commits\).*`review --root HEAD`.*\n$/,
    );
    expect(past.stderr.split('\n')).toHaveLength(2);

    const first = await runCli(['--root', 'HEAD~3', '--dry-run'], { cwd: repo.dir, env: env() });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Plan for --root HEAD~3/);
    expect(first.stdout).toMatch(/src\/f1\.ts:1\s+local/);
    expect(first.stdout).not.toMatch(/f2\.ts/);

    const misuse = await runCli(['--root', 'HEAD~2..HEAD'], { cwd: repo.dir, env: env() });
    expect(misuse.code).toBe(2);
    expect(misuse.stderr).toMatch(/--root takes one commit/);
    const help = await runCli(['--help'], { cwd: repo.dir, env: env() });
    expect(help.stdout).toMatch(/--root\b.*\n?.*empty tree/);
  });
});

describe('errors that say what happened', () => {
  test('-o into a folder that does not exist: exit 2 before any model is called', async () => {
    twoCommits();
    const before = ollama.requests.length;
    const { code, stdout, stderr } = await runCli(['HEAD~1', '-o', 'reports/today/review.txt'], {
      cwd: repo.dir,
      env: env(),
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `review: cannot write the report to reports/today/review.txt: the folder ${join(repo.dir, 'reports/today')} does not exist; create it or choose another path with -o.\n`,
    );
    expect(ollama.requests.length).toBe(before); // not even a health check
  });

  test('a config.yml with a YAML alias bomb: exit 3, one line, no stack trace', async () => {
    twoCommits();
    const level = (name: string, prev: string) =>
      `${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`;
    const names = ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    const bomb = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
      .concat(names.map((name, i) => level(name, i === 0 ? 'a' : names[i - 1]!)))
      .join('\n');
    repo.write({ 'config.yml': `${bomb}\n` });
    const { code, stdout, stderr } = await runCli(['HEAD~1', '--dry-run'], { cwd: repo.dir, env: env() });
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'review: config.yml: its YAML aliases (*name) expand beyond 100 nodes, as an alias bomb does; refusing to load it (write the values out instead of aliasing them).\n',
    );
  });

  test('a few YAML aliases are still fine', async () => {
    twoCommits();
    repo.write({ 'config.yml': 'routing:\n  skip: &generated ["gen/**"]\n  always_local: *generated\n' });
    const { code } = await runCli(['HEAD~1', '--dry-run'], { cwd: repo.dir, env: env() });
    expect(code).toBe(0);
  });
});
