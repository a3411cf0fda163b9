// Pure: unknown value (parsed YAML) → Config with defaults, or every issue at once. Each issue names
// its key as a dot path, its line when the caller can map paths to lines, the bad value and what is allowed.
import type { z } from 'zod';
import type { ConfigIssue } from '../errors.js';
import { configMessages } from '../messages/config.js';
import { globProblem } from '../rules/compileGlob.js';
import { type PatternProblem, patternProblem } from '../rules/compilePattern.js';
import { type Config, configSchema, isGlobList } from './schema.js';

export type ConfigPath = ReadonlyArray<string | number>;
/** Maps a key path to its 1-based line in the file; `key` asks for the key's line rather than its value's. */
export type LineOf = (path: ConfigPath, target?: 'key' | 'value') => number | undefined;

export type ValidationResult =
  | { config: Config; warnings: string[] }
  | { issues: ConfigIssue[]; warnings: string[] };

/** `rules.custom[0].pattern` */
export function formatPath(path: ConfigPath): string {
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    '',
  );
}

function valueAt(root: unknown, path: ConfigPath): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/** Short, readable rendering of the user's value for a message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list (${value.length} item${value.length === 1 ? '' : 's'})`;
  if (typeof value === 'object') return 'a mapping';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return typeof value === 'string' ? `string ${shown}` : `${typeof value} ${shown}`;
}

type AnySchema = z.ZodType;

/** The schema node at a path, through defaults, optionals, arrays and records. */
function schemaAt(path: ConfigPath): AnySchema | null {
  let node: AnySchema | null = configSchema;
  for (const part of path) {
    node = node && unwrap(node);
    if (!node) return null;
    const def = node.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object')
      node = ((node as unknown as z.ZodObject).shape as Record<string, AnySchema>)[part] ?? null;
    else if (def.type === 'array') node = def.element as AnySchema;
    else if (def.type === 'record') node = def.valueType as AnySchema;
    else return null;
  }
  return node && unwrap(node);
}

function unwrap(schema: AnySchema): AnySchema {
  let node = schema;
  for (;;) {
    const def = node.def as unknown as { type: string; innerType?: AnySchema };
    if (!def.innerType || !['default', 'prefault', 'optional', 'nullable', 'readonly'].includes(def.type))
      return node;
    node = def.innerType;
  }
}

/** Keys a mapping at `path` accepts, in schema order. */
export function allowedKeys(path: ConfigPath): string[] {
  const node = schemaAt(path);
  if (!node || (node.def as unknown as { type: string }).type !== 'object') return [];
  return Object.keys((node as unknown as z.ZodObject).shape);
}

/** Damerau-free Levenshtein distance; small strings only. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The allowed key closest to `key`, when it is close enough to be a likely typo. */
export function closestKey(key: string, allowed: readonly string[]): string | null {
  let best: { key: string; d: number } | null = null;
  for (const candidate of allowed) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (!best || d < best.d) best = { key: candidate, d };
  }
  if (!best) return null;
  const contains = best.key.includes(key) || key.includes(best.key);
  return best.d <= Math.max(2, Math.floor(best.key.length / 3)) || contains ? best.key : null;
}

function issueMessage(issue: z.core.$ZodIssue, got: string): string {
  switch (issue.code) {
    case 'invalid_type':
      return configMessages.wrongType(issue.expected, got);
    case 'too_small':
      return configMessages.tooSmall(issue.minimum, issue.inclusive ?? true, sizeWord(issue.origin), got);
    case 'too_big':
      return configMessages.tooBig(issue.maximum, issue.inclusive ?? true, sizeWord(issue.origin), got);
    case 'invalid_value':
      return configMessages.notOneOf(issue.values, got);
    case 'invalid_format':
      return configMessages.badFormat(issue.message, got);
    default:
      return configMessages.other(issue.message, got);
  }
}

function sizeWord(origin: string): string {
  if (origin === 'string') return 'a string of length';
  if (origin === 'array' || origin === 'set') return 'a list with item count';
  return 'a number';
}

function toIssues(zodIssue: z.core.$ZodIssue, input: unknown, lineOf?: LineOf): ConfigIssue[] {
  if (zodIssue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(zodIssue.path as ConfigPath);
    return zodIssue.keys.map((key) => {
      const path = [...(zodIssue.path as ConfigPath), key];
      return withLine(
        { path: formatPath(path), message: configMessages.unknownKey(closestKey(key, allowed), allowed) },
        lineOf?.(path, 'key'),
      );
    });
  }
  const path = zodIssue.path as ConfigPath;
  const got = describeValue(valueAt(input, path));
  return [
    withLine({ path: formatPath(path), message: issueMessage(zodIssue, got) }, lineOf?.(path, 'value')),
  ];
}

function withLine(issue: ConfigIssue, line: number | undefined): ConfigIssue {
  return line === undefined ? issue : { ...issue, line };
}

/** Paths of the items of the list at `path`. */
function itemPaths(input: unknown, path: ConfigPath): ConfigPath[] {
  const list = valueAt(input, path);
  return Array.isArray(list) ? list.map((_, i) => [...path, i]) : [];
}

/** The paths in `input` a pattern names, `*` standing for each item of a list: `rules.custom.*.paths.*`. */
function pathsIn(input: unknown, pattern: ConfigPath): ConfigPath[] {
  let paths: ConfigPath[] = [[]];
  for (const part of pattern)
    paths =
      part === '*' ? paths.flatMap((path) => itemPaths(input, path)) : paths.map((path) => [...path, part]);
  return paths;
}

/** Where the schema holds a list of globs (made by schema.ts `globs`): read from the schema, not a second list. */
export function globListPaths(node: AnySchema = configSchema, path: ConfigPath = []): ConfigPath[] {
  if (isGlobList(node)) return [path];
  const inner = unwrap(node);
  const def = inner.def as unknown as { type: string; element?: AnySchema };
  if (def.type === 'object')
    return Object.entries((inner as unknown as z.ZodObject).shape as Record<string, AnySchema>).flatMap(
      ([key, child]) => globListPaths(child, [...path, key]),
    );
  if (def.type === 'array' && def.element) return globListPaths(def.element, [...path, '*']);
  return [];
}

function patternMessage(problem: PatternProblem, got: string): string {
  return problem.code === 'syntax'
    ? configMessages.badRegex(problem.detail, got)
    : configMessages.linearOnly(problem.code, problem.detail, got);
}

/**
 * Regexes and globs the schema can only see as strings: compiled here, as RE2 will run them, so a typo or a
 * construct RE2 cannot run fails at load, naming its key, not mid-review.
 */
function patternIssues(input: unknown, lineOf?: LineOf): ConfigIssue[] {
  const issueAt = (path: ConfigPath, message: string) =>
    withLine({ path: formatPath(path), message }, lineOf?.(path));
  const issues: ConfigIssue[] = [];
  const regexPaths = [
    ...pathsIn(input, ['routing', 'security_patterns', '*']),
    ...pathsIn(input, ['rules', 'custom', '*', 'pattern']),
  ];
  for (const path of regexPaths) {
    const value = valueAt(input, path);
    const problem = typeof value === 'string' ? patternProblem(value) : null;
    if (problem) issues.push(issueAt(path, patternMessage(problem, JSON.stringify(value))));
  }
  const globPaths = globListPaths().flatMap((list) => pathsIn(input, [...list, '*']));
  for (const path of globPaths) {
    const value = valueAt(input, path);
    if (typeof value === 'string' && globProblem(value))
      issues.push(issueAt(path, configMessages.badGlob(JSON.stringify(value))));
  }
  return issues;
}

/** Settings that are valid one by one but not together. */
function combinationIssues(config: Config, lineOf?: LineOf): ConfigIssue[] {
  if (config.local.host === null || config.local.hosts === null) return [];
  const path = ['local', 'hosts'];
  return [
    withLine({ path: formatPath(path), message: configMessages.hostAndHosts() }, lineOf?.(path, 'key')),
  ];
}

function byLine(a: ConfigIssue, b: ConfigIssue): number {
  return (
    (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) || a.path.localeCompare(b.path)
  );
}

/** Valid but probably unintended settings: reported, never fatal. */
function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (!Object.hasOwn(config.claude.prices, config.claude.model))
    warnings.push(configMessages.noPrice(config.claude.model, Object.keys(config.claude.prices)));
  const both = config.routing.always_claude.filter((glob) => config.routing.always_local.includes(glob));
  for (const glob of both) warnings.push(configMessages.conflictingGlobs(glob));
  return warnings;
}

/** `null`/`undefined` (an empty file) means "all defaults". */
export function validateConfig(input: unknown, lineOf?: LineOf): ValidationResult {
  const warnings: string[] = [];
  const value = input ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    return {
      issues: [{ path: '(root)', line: 1, message: configMessages.notAMapping(describeValue(value)) }],
      warnings,
    };
  }
  const parsed = configSchema.safeParse(value);
  const issues = [
    ...(parsed.success ? [] : parsed.error.issues.flatMap((issue) => toIssues(issue, value, lineOf))),
    ...patternIssues(value, lineOf),
  ];
  if (parsed.success) issues.push(...combinationIssues(parsed.data, lineOf));
  if (issues.length > 0 || !parsed.success) return { issues: issues.sort(byLine), warnings };
  return { config: parsed.data, warnings: [...warnings, ...configWarnings(parsed.data)] };
}
