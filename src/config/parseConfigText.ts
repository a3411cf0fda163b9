// Pure: config.yml text → validated Config, or a ConfigError naming every issue with its line.
// Loaded lazily by load.ts: the YAML parser and the zod schema are only needed when the cache misses.
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { configMessages } from '../messages/config.js';
import type { Config } from './schema.js';
import { type ConfigPath, type LineOf, validateConfig } from './validate.js';

export { defaultConfig } from './defaults.js';

/**
 * Aliases may expand to at most this many nodes: a few `*name` reuses are fine, a "billion laughs" file
 * is refused before it expands. @see https://eemeli.org/yaml/#tojs-options (maxAliasCount)
 */
const MAX_ALIAS_COUNT = 100;

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
  const value = toValue(doc, file);
  if (value === null || value === undefined) warnings.push(configMessages.emptyFile(file));
  const result = validateConfig(value, lineFinder(doc.contents, lineAt));
  if ('issues' in result) throw configError(file, result.issues);
  return { config: result.config, warnings: [...warnings, ...result.warnings] };
}

function toValue(doc: Document, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // `yaml` throws a ReferenceError when the alias expansion passes maxAliasCount.
    if (!(error instanceof ReferenceError)) throw error;
    const message = configMessages.aliasBomb(file, MAX_ALIAS_COUNT);
    throw new ConfigError(message, { issues: [{ path: '(yaml)', message }], cause: error });
  }
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
  return new ConfigError([configMessages.header(file, issues.length), ...lines].join('\n'), { issues });
}
