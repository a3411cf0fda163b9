// The published schema and the documented config.yml must follow src/config/schema.ts.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parseDocument } from 'yaml';
import { defaultConfig } from '../../../src/config/defaults.js';
import { configJsonSchemaText } from '../../../src/config/jsonSchema.js';
import { parseConfigText } from '../../../src/config/parseConfigText.js';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

test('schema/config.json is up to date (run `node scripts/gen-schema.mjs`)', () => {
  expect(read('schema/config.json')).toBe(configJsonSchemaText());
});

test('config.yml points editors at the schema', () => {
  expect(read('config.yml').split('\n')[0]).toBe('# yaml-language-server: $schema=./schema/config.json');
});

test('config.yml validates', () => {
  expect(() => parseConfigText(read('config.yml'), 'config.yml')).not.toThrow();
});

/** Every key path of a value, e.g. `routing.skip`; records (prices) contribute their own keys too. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => [`${prefix}${k}`, ...keyPaths(v, `${prefix}${k}.`)]);
}

test('config.yml mentions every key of the schema', () => {
  const written = parseDocument(read('config.yml')).toJS();
  const missing = keyPaths(defaultConfig()).filter((path) => !keyPaths(written).includes(path));
  expect(missing).toEqual([]);
});

test('every schema property carries a description or is a section', () => {
  const schema = JSON.parse(read('schema/config.json'));
  const undocumented: string[] = [];
  for (const [section, sub] of Object.entries<{ properties?: Record<string, { description?: string }> }>(
    schema.properties,
  )) {
    for (const [key, prop] of Object.entries(sub.properties ?? {}))
      if (!prop.description && key !== 'enabled') undocumented.push(`${section}.${key}`);
  }
  expect(undocumented).toEqual([]);
});

test('docs/config.md documents every key (run `node scripts/gen-schema.mjs`)', () => {
  const docs = read('docs/config.md');
  const missing = keyPaths(defaultConfig())
    .filter((path) => !path.startsWith('claude.prices.'))
    .filter((path) => !docs.includes(`\`${path}\``) && !docs.includes(`### \`${path}\``));
  expect(missing).toEqual([]);
});
