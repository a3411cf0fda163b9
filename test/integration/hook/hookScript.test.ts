// The hook block as sh runs it (`sh -e .husky/pre-commit`, as husky's shim does), with fake `node`
// binaries that record how they were called and exit with a chosen code.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { hookBlock } from '../../../src/hook/hookScript.js';

let dir: string;
let home: string;
let tools: string;
let log: string;

/** Only $HOME-relative places, so the machine's real node in /usr/bin cannot be found by accident. */
const TEST_DIRS = ['${VOLTA_HOME:-$HOME/.volta}/bin', '$HOME/.local/bin'];

function write(path: string, text: string, mode = 0o644) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  chmodSync(path, mode);
}

/** A fake node that logs its arguments and exits with $FAKE_EXIT. */
function fakeNode(path: string, name = path) {
  write(path, `#!/bin/sh\necho "${name} $*" >> "${log}"\nexit \${FAKE_EXIT:-0}\n`, 0o755);
}

function runHook(env: Record<string, string> = {}, extraPath: string[] = []) {
  const result = spawnSync('/bin/sh', ['-e', '.husky/pre-commit'], {
    cwd: dir,
    env: { HOME: home, PATH: [...extraPath, tools].join(':'), ...env },
    encoding: 'utf8',
  });
  const calls = (() => {
    try {
      return readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
    } catch {
      return [];
    }
  })();
  return { code: result.status, stderr: result.stderr, stdout: result.stdout, calls };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hunkwise-hookscript-'));
  home = join(dir, 'home');
  tools = join(dir, 'tools');
  log = join(dir, 'calls.log');
  mkdirSync(home);
  mkdirSync(tools);
  // The few commands the block needs, without node: what a GUI client's minimal PATH offers.
  for (const tool of ['dirname', 'cat', 'grep', 'git']) {
    const found = spawnSync('/bin/sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(found, join(tools, tool));
  }
  write(
    join(dir, '.husky/pre-commit'),
    `echo user-line-before\n${hookBlock(TEST_DIRS)}echo user-line-after\n`,
  );
  write(join(dir, 'node_modules/hunkwise/bin/review.js'), '// stands in for the installed package\n');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the pre-commit block', () => {
  test('REVIEW_SKIP=1: one line, exit 0, no node started, the user lines still run', () => {
    fakeNode(join(dir, 'bin/node'), 'node');
    const run = runHook({ REVIEW_SKIP: '1' }, [join(dir, 'bin')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('hunkwise: REVIEW_SKIP=1, review skipped.\n');
    expect(run.calls).toEqual([]);
    expect(run.stdout).toBe('user-line-before\nuser-line-after\n');
  });

  test('node on PATH runs the installed package with --staged --hook', () => {
    fakeNode(join(dir, 'bin/node'), 'node');
    const run = runHook({}, [join(dir, 'bin')]);
    expect(run.code).toBe(0);
    expect(run.calls).toEqual(['node node_modules/hunkwise/bin/review.js --staged --hook']);
    expect(run.stdout).toBe('user-line-before\nuser-line-after\n');
  });

  test.for([
    [1, 1],
    [5, 5],
    [130, 130],
  ])('review exit %i (policy or Ctrl-C) stops the commit with %i', ([exit, expected]) => {
    fakeNode(join(dir, 'bin/node'), 'node');
    const run = runHook({ FAKE_EXIT: String(exit) }, [join(dir, 'bin')]);
    expect(run.code).toBe(expected);
    expect(run.stdout).toBe('user-line-before\n');
  });

  test('a review that cannot run (exit 70) does not block, says so in one line', () => {
    fakeNode(join(dir, 'bin/node'), 'node');
    const run = runHook({ FAKE_EXIT: '70' }, [join(dir, 'bin')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'hunkwise: the review could not run (exit 70); commit not blocked (REVIEW_REQUIRED=1 blocks instead). Run: npx hunkwise doctor\n',
    );
    expect(run.stdout).toBe('user-line-before\nuser-line-after\n');
  });

  test('REVIEW_REQUIRED=1 makes a review that cannot run block', () => {
    fakeNode(join(dir, 'bin/node'), 'node');
    expect(runHook({ FAKE_EXIT: '3', REVIEW_REQUIRED: '1' }, [join(dir, 'bin')]).code).toBe(3);
  });

  test('minimal PATH (GUI client): finds node in volta', () => {
    fakeNode(join(home, '.volta/bin/node'), 'volta-node');
    const run = runHook();
    expect(run.calls).toEqual(['volta-node node_modules/hunkwise/bin/review.js --staged --hook']);
  });

  test("minimal PATH: finds nvm's default alias version", () => {
    fakeNode(join(home, '.nvm/versions/node/v18.20.0/bin/node'), 'nvm-18');
    fakeNode(join(home, '.nvm/versions/node/v20.11.1/bin/node'), 'nvm-20');
    fakeNode(join(home, '.nvm/versions/node/v22.1.0/bin/node'), 'nvm-22');
    write(join(home, '.nvm/alias/default'), '20\n');
    expect(runHook().calls).toEqual(['nvm-20 node_modules/hunkwise/bin/review.js --staged --hook']);
    write(join(home, '.nvm/alias/default'), 'lts/*\n');
    rmSync(log, { force: true });
    expect(runHook().calls).toEqual(['nvm-22 node_modules/hunkwise/bin/review.js --staged --hook']);
  });

  test('HUNKWISE_NODE wins', () => {
    fakeNode(join(dir, 'bin/node'), 'path-node');
    fakeNode(join(dir, 'custom/node'), 'custom-node');
    const run = runHook({ HUNKWISE_NODE: join(dir, 'custom/node') }, [join(dir, 'bin')]);
    expect(run.calls).toEqual(['custom-node node_modules/hunkwise/bin/review.js --staged --hook']);
  });

  test('node nowhere: one line saying how to fix it, the commit goes through', () => {
    const run = runHook();
    expect(run.code).toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^hunkwise: node not found .*~\/\.config\/husky\/init\.sh or set HUNKWISE_NODE/,
    );
    expect(run.stdout).toBe('user-line-before\nuser-line-after\n');
    expect(runHook({ REVIEW_REQUIRED: '1' }).code).toBe(1);
  });

  test('without the package, node_modules/.bin/review is used with node on PATH', () => {
    rmSync(join(dir, 'node_modules/hunkwise'), { recursive: true });
    fakeNode(join(home, '.local/bin/node'), 'node');
    write(join(dir, 'node_modules/.bin/review'), `#!/usr/bin/env node\n`, 0o755);
    const run = runHook();
    // The bin's shebang resolves `node` through the PATH the block extended.
    expect(run.calls).toEqual(['node node_modules/.bin/review --staged --hook']);
  });

  test('in the hunkwise repository itself, its own bin runs', () => {
    rmSync(join(dir, 'node_modules'), { recursive: true });
    write(join(dir, 'package.json'), '{\n  "name": "hunkwise"\n}\n');
    write(join(dir, 'bin/review.js'), '');
    fakeNode(join(dir, 'fake/node'), 'node');
    const unbuilt = runHook({}, [join(dir, 'fake')]);
    expect(unbuilt.calls).toEqual([]);
    expect(unbuilt.code).toBe(0);
    expect(unbuilt.stderr).toBe(
      'hunkwise: dist/ is not built in this checkout (npm run build); review skipped.\n',
    );
    write(join(dir, 'dist/cli.js'), '');
    expect(runHook({}, [join(dir, 'fake')]).calls).toEqual(['node bin/review.js --staged --hook']);
  });
});
