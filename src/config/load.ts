// Thin I/O around the pure parts: find config.yml (or --config / HUNKWISE_CONFIG), parse it with `yaml`
// keeping node positions, validate, and fail once with every problem and its line.
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { ConfigError, type ConfigIssue, errorMessage } from '../errors.js';
import { configMessages } from '../messages/config.js';
import { defaultConfig } from './defaults.js';
import type { Config } from './schema.js';
import { type ConfigPath, type LineOf, validateConfig } from './validate.js';

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
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !explicit) return { config: defaultConfig(), path: null, warnings: [] };
    if (code === 'ENOENT')
      throw new ConfigError(configMessages.missingFile(label, options.path ? '--config' : 'HUNKWISE_CONFIG'));
    throw new ConfigError(configMessages.unreadable(label, errorMessage(error)));
  }
  return { ...parseConfigText(text, label), path: file };
}

/** Pure: YAML text → Config, or a ConfigError listing every issue as `file:line: key: message`. */
export function parseConfigText(text: string, file: string): { config: Config; warnings: string[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    const issues: ConfigIssue[] = doc.errors.map((e) => ({
      path: '(yaml)',
      line: lineAt(e.pos[0]),
      message: configMessages.yamlSyntax(e.message.split('\n')[0] ?? e.message),
    }));
    throw configError(file, issues);
  }
  const warnings = doc.warnings.map(
    (w) => `${file}:${lineAt(w.pos[0])}: ${configMessages.yamlWarning(w.message)}`,
  );
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) warnings.push(configMessages.emptyFile(file));
  const result = validateConfig(value, lineFinder(doc.contents, lineAt));
  if ('issues' in result) throw configError(file, result.issues);
  return { config: result.config, warnings: [...warnings, ...result.warnings] };
}

/** Path → line of the YAML node (or of its key); the nearest existing ancestor when the node is absent. */
function lineFinder(root: Node | null, lineAt: (offset: number) => number): LineOf {
  const lineOfNode = (node: Node | null | undefined) => (node?.range ? lineAt(node.range[0]) : undefined);
  return (path: ConfigPath, target = 'value') => {
    let node: Node | null = root;
    let keyNode: Node | null = null;
    let line = lineOfNode(root) ?? 1;
    for (const part of path) {
      let next: Node | null = null;
      keyNode = null;
      if (isMap(node)) {
        const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(part));
        keyNode = (pair?.key as Node | undefined) ?? null;
        next = (pair?.value as Node | undefined) ?? null;
        if (!pair) return line;
        line = lineOfNode(keyNode) ?? line;
      } else if (isSeq(node) && typeof part === 'number') {
        next = (node.items[part] as Node | undefined) ?? null;
        if (!next) return line;
      } else return line;
      line = lineOfNode(next) ?? line;
      node = next;
    }
    if (target === 'key' && keyNode) return lineOfNode(keyNode) ?? line;
    return line;
  };
}

function configError(file: string, issues: ConfigIssue[]): ConfigError {
  const lines = issues.map(
    (i) => `${file}${i.line ? `:${i.line}` : ''}: ${i.path === '(yaml)' ? '' : `${i.path}: `}${i.message}`,
  );
  return new ConfigError([configMessages.header(file, issues.length), ...lines].join('\n'), issues);
}
