// `review init` in-process on real temp repositories.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { run } from '../../../src/cli/main.js';
import { loadConfig } from '../../../src/config/load.js';
import { EXIT } from '../../../src/errors.js';
import { configTemplateFor } from '../../../src/hook/configTemplate.js';
import { hookBlock } from '../../../src/hook/hookScript.js';
import {
  HUSKY_DEPRECATED_SH,
  HUSKY_HOOK_STUB,
  HUSKY_HOOKS,
  HUSKY_SHIM,
} from '../../../src/hook/huskyShim.js';
import { createRepo, type TempRepo } from '../../helpers/gitRepo.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

function repo(files: Record<string, string> = {}): TempRepo {
  const r = createRepo(files);
  // The helper disables hooks for other tests; init must set them up from scratch.
  r.git('config', '--unset', 'core.hooksPath');
  repos.push(r);
  return r;
}

async function init(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(['init', ...args], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
    cwd,
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}

function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel))) {
      if (name === '.git') continue;
      const path = rel ? `${rel}/${name}` : name;
      if (statSync(join(dir, path)).isDirectory()) walk(path);
      else out[path] = readFileSync(join(dir, path), 'utf8');
    }
  };
  walk('');
  return out;
}

const PKG = `${JSON.stringify({ name: 'app', scripts: { test: 'vitest' }, devDependencies: { husky: '9.1.7' } }, null, 2)}\n`;

describe('review init', () => {
  test('sets up a fresh repository the way husky 9 does, then a second run changes nothing', async () => {
    const r = repo({ 'package.json': PKG });
    const first = await init(r.dir);
    expect(first.code).toBe(EXIT.ok);
    expect(first.stdout).toMatch(/^✓ core\.hooksPath set to \.husky\/_/m);
    expect(first.stdout).toMatch(/^✓ \.husky\/pre-commit created/m);
    expect(first.stdout).toMatch(/^✓ package\.json: "prepare": "husky" added/m);
    expect(first.stdout).toMatch(/^✓ config\.yml written/m);
    expect(r.git('config', 'core.hooksPath').trim()).toBe('.husky/_');
    expect(readFileSync(join(r.dir, '.husky/pre-commit'), 'utf8')).toBe(hookBlock());
    expect(statSync(join(r.dir, '.husky/_/pre-commit')).mode & 0o111).not.toBe(0);
    expect(readFileSync(join(r.dir, '.husky/_/.gitignore'), 'utf8')).toBe('*');
    expect(JSON.parse(readFileSync(join(r.dir, 'package.json'), 'utf8')).scripts).toEqual({
      test: 'vitest',
      prepare: 'husky',
    });
    // The package's own documented config.yml, pointed at the installed schema, and valid as written.
    const written = readFileSync(join(r.dir, 'config.yml'), 'utf8');
    expect(written).toBe(configTemplateFor(readFileSync(join(process.cwd(), 'config.yml'), 'utf8')));
    expect(first.stdout).not.toContain('template was not found');
    expect((await loadConfig({ cwd: r.dir, env: {} })).path).toBe(join(r.dir, 'config.yml'));

    const before = snapshotTree(r.dir);
    const second = await init(r.dir);
    expect(second.code).toBe(EXIT.ok);
    expect(second.stdout).not.toContain('✓');
    expect(second.stdout.trim().split('\n').at(-1)).toBe(
      'Nothing to change: this repository is already set up.',
    );
    expect(snapshotTree(r.dir)).toEqual(before);
  });

  test('the .husky/_ it writes is byte for byte what husky 9.1.7 writes', async () => {
    const r = repo();
    await init(r.dir);
    const husky = join(process.cwd(), 'node_modules/husky');
    expect(HUSKY_SHIM).toBe(readFileSync(join(husky, 'husky'), 'utf8'));
    expect(readFileSync(join(r.dir, '.husky/_/h'), 'utf8')).toBe(HUSKY_SHIM);
    for (const hook of HUSKY_HOOKS)
      expect(readFileSync(join(r.dir, '.husky/_', hook), 'utf8')).toBe(HUSKY_HOOK_STUB);
    expect(readFileSync(join(r.dir, '.husky/_/husky.sh'), 'utf8')).toBe(HUSKY_DEPRECATED_SH);
    // husky's own index.js builds the same stub and deprecation text.
    const index = readFileSync(join(husky, 'index.js'), 'utf8');
    expect(index).toContain("'pre-commit', 'pre-merge-commit', 'prepare-commit-msg'");
  });

  test('an existing hook keeps its lines; only the marked block is added, then updated in place', async () => {
    const r = repo({ '.husky/pre-commit': 'npx lint-staged\n' });
    await init(r.dir);
    const text = readFileSync(join(r.dir, '.husky/pre-commit'), 'utf8');
    expect(text).toBe(`npx lint-staged\n\n${hookBlock()}`);
    writeFileSync(
      join(r.dir, '.husky/pre-commit'),
      `${text.replace('--staged --hook', '--staged')}npm test\n`,
    );
    const again = await init(r.dir);
    expect(again.stdout).toMatch(/^✓ \.husky\/pre-commit: hunkwise block updated/m);
    expect(readFileSync(join(r.dir, '.husky/pre-commit'), 'utf8')).toBe(
      `npx lint-staged\n\n${hookBlock()}npm test\n`,
    );
  });

  test('an existing config.yml is never overwritten', async () => {
    const r = repo({ 'config.yml': 'fail_on:\n  hook: major\n' });
    const out = await init(r.dir);
    expect(out.stdout).toMatch(/^· config\.yml already exists/m);
    expect(readFileSync(join(r.dir, 'config.yml'), 'utf8')).toBe('fail_on:\n  hook: major\n');
  });

  test('without husky as a dependency, "prepare" is left alone and the fix is named', async () => {
    const pkg = `${JSON.stringify({ name: 'app' }, null, 2)}\n`;
    const r = repo({ 'package.json': pkg });
    const out = await init(r.dir);
    expect(out.stdout).toMatch(/^! package\.json: husky is not a dependency.*npm install -D husky/m);
    expect(readFileSync(join(r.dir, 'package.json'), 'utf8')).toBe(pkg);
  });

  test('another hook manager owns core.hooksPath: refuses, names the fix; --force takes over', async () => {
    const r = repo();
    r.git('config', 'core.hooksPath', '.githooks');
    const refused = await init(r.dir);
    expect(refused.code).toBe(EXIT.usage);
    expect(refused.stdout).toMatch(/^✗ core\.hooksPath is \.githooks.*--force/m);
    expect(r.git('config', 'core.hooksPath').trim()).toBe('.githooks');
    const forced = await init(r.dir, '--force');
    expect(forced.code).toBe(EXIT.ok);
    expect(r.git('config', 'core.hooksPath').trim()).toBe('.husky/_');
  });

  test('warns that an old .git/hooks/pre-commit stops running', async () => {
    const r = repo();
    writeFileSync(join(r.dir, '.git/hooks/pre-commit'), '#!/bin/sh\necho old\n', { mode: 0o755 });
    const out = await init(r.dir);
    expect(out.stdout).toMatch(/^! \.git\/hooks\/pre-commit exists and stops running/m);
  });

  test('run from a subdirectory, it sets up the repository root', async () => {
    const r = repo({ 'src/app/index.ts': 'export {};\n' });
    await init(join(r.dir, 'src/app'));
    expect(existsSync(join(r.dir, '.husky/pre-commit'))).toBe(true);
    expect(existsSync(join(r.dir, 'src/app/.husky'))).toBe(false);
  });

  test('--quiet prints only what changed', async () => {
    const r = repo();
    await init(r.dir);
    expect((await init(r.dir, '--quiet')).stdout).toBe('');
  });

  test('outside a repository: a git error with the fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hunkwise-norepo-'));
    try {
      const out = await init(dir);
      expect(out.code).toBe(EXIT.git);
      expect(out.stderr).toMatch(/not inside a git repository/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
