// Thin I/O around the pure parts: find config.yml (or --config / HUNKWISE_CONFIG), parse it with `yaml`
// keeping node positions, validate, and fail once with every problem and its line.
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { ConfigError, errorMessage } from '../errors.js';
import { configMessages } from '../messages/config.js';
import type { Config } from './schema.js';
import { readValidated, writeValidated } from './validatedCache.js';

export const DEFAULT_CONFIG_FILE = 'config.yml';

export interface LoadConfigOptions {
  /** Repository root: where the default config.yml lives and relative paths resolve from. */
  cwd: string;
  /** `--config`: a file that must exist. */
  path?: string | undefined;
  /** HUNKWISE_CONFIG names a config file like --config (the flag wins). */
  env?: Record<string, string | undefined>;
}

export interface LoadedConfig {
  config: Config;
  /** Absolute path of the file read, null when the defaults were used. */
  path: string | null;
  warnings: string[];
}

export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const explicit = options.path ?? options.env?.HUNKWISE_CONFIG;
  const file = resolve(options.cwd, explicit ?? DEFAULT_CONFIG_FILE);
  const label = isAbsolute(explicit ?? '') ? file : relative(options.cwd, file) || file;
  const text = await readConfigText(file, label, explicit !== undefined, options.path !== undefined);
  const path = text === null ? null : file;
  const cached = readValidated(options.cwd, label, text);
  if (cached) return { ...cached, path };
  const { defaultConfig, parseConfigText } = await import('./parseConfigText.js');
  const parsed = text === null ? { config: defaultConfig(), warnings: [] } : parseConfigText(text, label);
  writeValidated(options.cwd, label, text, parsed);
  return { ...parsed, path };
}

/** The file's text, or null when the default config.yml does not exist (the defaults apply). */
async function readConfigText(file: string, label: string, explicit: boolean, byFlag: boolean) {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !explicit) return null;
    if (code === 'ENOENT')
      throw new ConfigError(configMessages.missingFile(label, byFlag ? '--config' : 'HUNKWISE_CONFIG'), {
        cause: error,
      });
    throw new ConfigError(configMessages.unreadable(label, errorMessage(error)), { cause: error });
  }
}
