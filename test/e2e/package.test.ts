// The package as a user gets it: `npm pack` of this checkout, installed into a temporary repository outside
// it, then `npx hunkwise …` and a real `git commit` through the hook that `npx hunkwise init` installed.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closedPortUrl } from '../fakes/ollamaServer.js';
import { GIT_ENV } from '../helpers/gitRepo.js';
import { type Packed, packCheckout } from '../helpers/packTarball.js';
import { PRIVATE_KEY_FIXTURE } from '../helpers/secretFixtures.js';

const ROOT = resolve(import.meta.dirname, '../..');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  output: string;
}

function runIn(cwd: string, env: NodeJS.ProcessEnv, cmd: string, args: string[]): Promise<Ran> {
  return new Promise((done) => {
    execFile(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
      done({ code, stdout, stderr, output: stdout + stderr });
    });
  });
}

let packed: Packed;
let home: string;
let repo: string;
let env: NodeJS.ProcessEnv;
const sh = (cmd: string, ...args: string[]) => runIn(repo, env, cmd, args);
const git = async (...args: string[]) => {
  const ran = await sh('git', ...args);
  expect(ran.code, ran.output).toBe(0);
  return ran.stdout;
};

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'hunkwise-user-'));
  // A user's machine: no hunkwise variables, no CI, an npm cache of its own, and no registry needed —
  // the package has no dependencies, so anything npm tries to fetch is a failure, not a download.
  env = { PATH: process.env.PATH, HOME: home, ...GIT_ENV, npm_config_cache: join(home, '.npm') };
  env.npm_config_offline = 'true';
  env.npm_config_update_notifier = 'false';
  env.OLLAMA_HOST = await closedPortUrl();
  packed = await packCheckout(ROOT, { ...process.env, npm_config_update_notifier: 'false' });
  repo = join(home, 'project');
  mkdirSync(repo);
  await git('init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'package.json'), '{ "name": "project", "version": "1.0.0", "private": true }\n');
  writeFileSync(join(repo, '.gitignore'), 'node_modules\n');
  writeFileSync(join(repo, 'app.js'), 'export const answer = 42;\n');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'initial');
});

afterAll(() => {
  if (packed) rmSync(packed.dir, { recursive: true, force: true });
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  test('ships the program, its docs, schemas, LICENSE and notices; no sources, tests or source maps', () => {
    expect(packed.files).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'package.json',
        'bin/review.js',
        'dist/cli.js',
        'dist/THIRD-PARTY-NOTICES.md',
        'docs/github.md',
        'docs/hook.md',
        'docs/local-model.md',
        'schema/config.json',
        'schema/report.json',
        'config.yml',
        'docker-compose.yml',
        'docker-compose.gpu.yml',
      ]),
    );
    const unexpected = packed.files.filter(
      (f) =>
        !/^(LICENSE|README\.md|package\.json|config\.yml|docker-compose(\.gpu)?\.yml)$/.test(f) &&
        !/^(bin|docs|schema)\/[^/]+$/.test(f) &&
        !/^dist\/(cli\.js|THIRD-PARTY-NOTICES\.md|chunks\/[\w-]+\.js|chunks\/re2js\.cjs)$/.test(f),
    );
    expect(unexpected).toEqual([]);
    expect(packed.files.filter((f) => f.endsWith('.map'))).toEqual([]);
    // The checkout's own package.json is untouched by packing (prepack rewrote the copy's).
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.prepare).toBeDefined();
  });

  test('its package.json: both bins, no install-time scripts, no dependencies to install', async () => {
    const { stdout } = await runIn(packed.dir, env, 'tar', ['-xzOf', packed.tarball, 'package/package.json']);
    const manifest = JSON.parse(stdout);
    expect(manifest.bin).toEqual({ hunkwise: 'bin/review.js', review: 'bin/review.js' });
    expect(manifest.license).toBe('MIT');
    expect(manifest.scripts).toBeUndefined();
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.devDependencies).toBeUndefined();
  });
});

describe('installed into another repository', () => {
  test('npm install <tarball>: offline (nothing to fetch), and npm prints no warning', async () => {
    const ran = await sh('npm', 'install', '--no-audit', '--no-fund', '-D', packed.tarball);
    expect(ran.code, ran.output).toBe(0);
    expect(ran.output).not.toMatch(/npm warn|EBADENGINE|install-scripts|deprecated/i);
    expect(ran.output).toMatch(/added 1 package/);
  });

  test('npx hunkwise --version runs the installed package', async () => {
    const ran = await sh('npx', 'hunkwise', '--version');
    expect(ran.code, ran.output).toBe(0);
    expect(ran.stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });

  test('npx hunkwise HEAD~1 with no Ollama: the rules run, and one line says how to start the local model', async () => {
    writeFileSync(
      join(repo, 'app.js'),
      'export const answer = 42;\n<<<<<<< HEAD\nconst a = 1;\n=======\nconst a = 2;\n>>>>>>> other\n',
    );
    await git('commit', '-q', '--no-verify', '-am', 'a merge gone wrong');
    const ran = await sh('npx', 'hunkwise', 'HEAD~1');
    // Committed conflict markers fail the run by default (fail_on.conflicts).
    expect(ran.code, ran.output).toBe(1);
    expect(ran.output).toMatch(/merge-conflict markers committed in 1 place; .*\(fail_on\.conflicts\)/);
    expect(ran.output).toMatch(/app\.js:2/);
    expect(ran.output).toMatch(/conflict/i);
    const hints = ran.output.split('\n').filter((line) => /ollama serve/.test(line));
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatch(
      /Ollama is not reachable at http:\/\/127\.0\.0\.1:\d+ — start it with `ollama serve`/,
    );
  });

  test('npx hunkwise init, then a real git commit goes through the installed hook', async () => {
    const init = await sh('npx', 'hunkwise', 'init');
    expect(init.code, init.output).toBe(0);
    expect(init.output).toContain('.husky/pre-commit created');
    expect(await git('config', 'core.hooksPath')).toBe('.husky/_\n');
    await git('add', '.husky/pre-commit', 'config.yml');
    writeFileSync(join(repo, 'app.js'), 'export const answer = 43;\n');
    await git('add', 'app.js');
    const before = await git('rev-parse', 'HEAD');
    const commit = await sh('git', 'commit', '-m', 'through the hook');
    expect(commit.code, commit.output).toBe(0);
    expect(await git('rev-parse', 'HEAD')).not.toBe(before);
    // The hook ran the installed hunkwise: its report, and the one line about the local model.
    expect(commit.output).toMatch(/^Coverage$/m);
    expect(commit.output).toMatch(
      /1 hunk: local model unavailable \(see the note below\)[^\n]*\n +app\.js:1\n/,
    );
    expect(commit.output).toMatch(/\d+\/3 hunks reviewed/);
    expect(commit.output.split('\n').filter((line) => /ollama/i.test(line))).toEqual([
      expect.stringMatching(/^! Ollama is not reachable at .* — start it with `ollama serve`/),
    ]);
  });

  test('the installed hook blocks a committed private key', async () => {
    const key = PRIVATE_KEY_FIXTURE;
    writeFileSync(join(repo, 'id_rsa'), key);
    await git('add', 'id_rsa');
    const before = await git('rev-parse', 'HEAD');
    const commit = await sh('git', 'commit', '-m', 'oops');
    expect(commit.code).not.toBe(0);
    expect(commit.output).toMatch(/commit blocked: 1 secret found/);
    expect(await git('rev-parse', 'HEAD')).toBe(before);
  });
});
