import { expect, test } from 'vitest';
import { configTemplateFor, INSTALLED_SCHEMA } from '../../../src/hook/configTemplate.js';

const header = `# yaml-language-server: $schema=./schema/config.json
#
# hunkwise configuration: this repository's own config and the documented example.
# Every key is optional and shown here with its default; delete what you do not change.
# Reference: docs/config.md. Editors complete and check keys through the schema line above.

local:
  enabled: true
`;

test('points the schema line into node_modules and drops "this repository" wording; keys untouched', () => {
  const out = configTemplateFor(header);
  expect(out.split('\n')[0]).toBe(`# yaml-language-server: $schema=${INSTALLED_SCHEMA}`);
  expect(out).not.toContain("this repository's own config");
  expect(out).toContain('# hunkwise configuration, written by `review init`.');
  expect(out.endsWith('local:\n  enabled: true\n')).toBe(true);
  expect(out.split('\n')).toHaveLength(header.split('\n').length);
});

test('a template without those lines passes through unchanged', () => {
  expect(configTemplateFor('fail_on:\n  hook: never\n')).toBe('fail_on:\n  hook: never\n');
});
