import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { reportJsonSchemaText } from '../../../src/report/reportJsonSchema.js';

test('schema/report.json is up to date with the report schema (run node scripts/gen-schema.mjs)', () => {
  const published = readFileSync(new URL('../../../schema/report.json', import.meta.url), 'utf8');
  expect(published).toBe(reportJsonSchemaText());
});

test('the published schema requires the documented hunk and finding fields', () => {
  const schema = JSON.parse(reportJsonSchemaText());
  const hunk = schema.properties.hunks.items;
  expect(hunk.required).toEqual(
    expect.arrayContaining([
      'file',
      'status',
      'oldStart',
      'oldLines',
      'newStart',
      'newLines',
      'added',
      'deleted',
      'route',
      'reasons',
      'estimatedTokens',
    ]),
  );
  expect(schema.properties.findings.items.required).toEqual(
    expect.arrayContaining(['file', 'line', 'severity', 'message', 'source']),
  );
  expect(schema.properties.totals.required).toEqual(
    expect.arrayContaining(['localTokens', 'claudeTokens', 'allClaudeTokens', 'savingPercent']),
  );
});
