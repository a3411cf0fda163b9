// loadConfig only reads files: the repository's own config.yml and paths that do not exist.
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { loadConfig } from '../../../src/config/load.js';
import { ConfigError, EXIT } from '../../../src/errors.js';
import { ROUTER_MODEL } from '../../../src/route/routerModel.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const nowhere = fileURLToPath(new URL('../../../.no-such-dir-for-tests/', import.meta.url));

test('config.yml at the root is read', async () => {
  const loaded = await loadConfig({ cwd: repoRoot, env: {} });
  expect(loaded.path).toBe(`${repoRoot}config.yml`);
  expect(loaded.config.routing.security_threshold).toBe(ROUTER_MODEL.threshold);
});

test('no config.yml means the defaults and no path', async () => {
  const loaded = await loadConfig({ cwd: nowhere, env: {} });
  expect(loaded).toEqual({ config: defaultConfig(), path: null, warnings: [] });
});

test('a missing --config file is a ConfigError with the config exit code', async () => {
  const error = await loadConfig({ cwd: nowhere, path: 'custom.yml', env: {} }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).message).toBe('config file not found: custom.yml (given with --config)');
  expect((error as ConfigError).exitCode).toBe(EXIT.config);
  // The file system's own error travels along as the cause (for DEBUG output and callers), not in the sentence.
  expect(((error as ConfigError).cause as NodeJS.ErrnoException).code).toBe('ENOENT');
});

test('HUNKWISE_CONFIG names the file when --config is absent; --config wins', async () => {
  const viaEnv = await loadConfig({ cwd: nowhere, env: { HUNKWISE_CONFIG: `${repoRoot}config.yml` } });
  expect(viaEnv.path).toBe(`${repoRoot}config.yml`);
  const missing = loadConfig({ cwd: nowhere, env: { HUNKWISE_CONFIG: 'gone.yml' } });
  await expect(missing).rejects.toThrow('config file not found: gone.yml (given with HUNKWISE_CONFIG)');
  const flagWins = loadConfig({
    cwd: nowhere,
    path: 'x.yml',
    env: { HUNKWISE_CONFIG: `${repoRoot}config.yml` },
  });
  await expect(flagWins).rejects.toThrow('config file not found: x.yml');
});
