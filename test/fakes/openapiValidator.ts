// Checks request bodies against GitHub's own OpenAPI description (@octokit/openapi), so the fake
// GitHub rejects what the real one would: missing required fields, wrong types, values outside enums.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Schema = {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  maxLength?: number;
  minimum?: number;
};

interface Spec {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}

let spec: Spec | null = null;

/** 13 MB of JSON: loaded on first use, in tests only. */
function loadSpec(): Spec {
  if (!spec) {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('@octokit/openapi/package.json'));
    spec = JSON.parse(readFileSync(join(root, 'generated', 'api.github.com.json'), 'utf8')) as Spec;
  }
  return spec;
}

function resolveRef(schema: Schema): Schema {
  let current = schema;
  while (current.$ref) {
    const name = current.$ref.replace('#/components/schemas/', '');
    const next = loadSpec().components.schemas[name];
    if (!next) throw new Error(`unresolvable $ref ${current.$ref}`);
    current = next;
  }
  return current;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer');
}

export function validateAgainst(schemaIn: Schema, value: unknown, path = 'body'): string[] {
  const schema = resolveRef(schemaIn);
  if (schema.oneOf || schema.anyOf) {
    const options = (schema.oneOf ?? schema.anyOf) as Schema[];
    const results = options.map((option) => validateAgainst(option, value, path));
    if (!results.some((r) => r.length === 0)) return [`${path} matches none of the allowed shapes`];
  }
  for (const part of schema.allOf ?? []) {
    const issues = validateAgainst(part, value, path);
    if (issues.length) return issues;
  }
  const actual = typeOf(value);
  if (schema.type) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const allowed = schema.nullable ? [...types, 'null'] : types;
    if (!allowed.some((t) => typeMatches(t, actual)))
      return [`${path} is ${actual}, expected ${allowed.join('|')}`];
  }
  if (schema.enum && !schema.enum.includes(value))
    return [`${path} = ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  const issues: string[] = [];
  if (actual === 'object' && (schema.properties || schema.required)) {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in obj)) issues.push(`${path}.${key} is required`);
    for (const [key, child] of Object.entries(obj)) {
      const sub = schema.properties?.[key];
      if (sub) issues.push(...validateAgainst(sub, child, `${path}.${key}`));
      else if (schema.additionalProperties === false) issues.push(`${path}.${key} is not allowed`);
    }
  }
  if (actual === 'array' && schema.items) {
    (value as unknown[]).forEach((item, i) => {
      issues.push(...validateAgainst(schema.items as Schema, item, `${path}[${i}]`));
    });
  }
  return issues;
}

/** Inlines every $ref, so an operation's schema stands alone (GitHub's schemas have no cycles here). */
function deref(schema: Schema, depth = 0): Schema {
  if (depth > 30) throw new Error('schema nests too deeply');
  const resolved = resolveRef(schema);
  const out: Schema = { ...resolved };
  if (resolved.properties)
    out.properties = Object.fromEntries(
      Object.entries(resolved.properties).map(([k, v]) => [k, deref(v, depth + 1)]),
    );
  if (resolved.items) out.items = deref(resolved.items, depth + 1);
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const list = resolved[key];
    if (list) out[key] = list.map((s) => deref(s, depth + 1));
  }
  return out;
}

type Extract = Record<string, Schema | null>;

/**
 * Parsing the 13 MB description takes a second or more on a busy machine, in every test file; the
 * few operations the fake serves are extracted once into test/.cache (git-ignored), keyed by version.
 */
function operationSchema(method: string, template: string): Schema | null {
  const require = createRequire(import.meta.url);
  const version = (require('@octokit/openapi/package.json') as { version: string }).version;
  const cacheDir = join(dirname(fileURLToPath(import.meta.url)), '..', '.cache');
  const cacheFile = join(cacheDir, `github-openapi-${version}-request-bodies.json`);
  const key = `${method.toUpperCase()} ${template}`;
  let cache: Extract = {};
  try {
    cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as Extract;
  } catch {
    // first run, or the cache was removed
  }
  if (key in cache) return cache[key] ?? null;
  const operation = loadSpec().paths[template]?.[method.toLowerCase()];
  if (!operation) throw new Error(`GitHub's OpenAPI description has no ${method} ${template}`);
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  cache[key] = schema ? deref(schema) : null;
  mkdirSync(cacheDir, { recursive: true });
  const temp = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(cache));
  renameSync(temp, cacheFile); // atomic: test files running in parallel never read half a file
  return cache[key] ?? null;
}

/** Issues with `body` for `METHOD /templated/path`; throws when GitHub has no such operation. */
export function validateRequestBody(method: string, template: string, body: unknown): string[] {
  const schema = operationSchema(method, template);
  if (!schema) return body === undefined ? [] : ['this operation takes no JSON body'];
  return validateAgainst(schema, body);
}
