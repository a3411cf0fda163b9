// The format registry: every format is looked up by name and renders a document; the command lines, the
// Action and the docs list exactly the registered formats.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { githubMessages } from '../../../src/messages/github.js';
import {
  CI_FORMATS,
  ciFileOf,
  FORMAT_NAMES,
  formatChoices,
  isCiFormat,
  isFormatName,
  renderAs,
} from '../../../src/report/formats.js';
import { formatsTable } from '../../../src/report/formatsTable.js';
import { toJsonReport } from '../../../src/report/json.js';
import { toRdjson } from '../../../src/report/rdjson.js';
import { toSarif } from '../../../src/report/sarif.js';
import { renderTerminal } from '../../../src/report/terminal.js';
import { finding, resultOf } from '../host/fixture.js';

const root = resolve(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const result = resultOf([finding({ file: 'src/app.ts', start: 22, end: 24, severity: 'major' })]);
const plain = { color: false, verbose: false, mode: 'cli' } as const;

describe('the format registry', () => {
  test('text, json, sarif and rdjson, each rendered by the module it names', async () => {
    expect(FORMAT_NAMES).toEqual(['text', 'json', 'sarif', 'rdjson']);
    expect(await renderAs('text', result, plain)).toBe(renderTerminal(result, plain));
    expect(JSON.parse(await renderAs('json', result, plain))).toEqual(toJsonReport(result));
    expect(JSON.parse(await renderAs('sarif', result, plain))).toEqual(toSarif(result));
    expect(JSON.parse(await renderAs('rdjson', result, plain))).toEqual(toRdjson(result));
    expect(await renderAs('sarif', result, plain)).toMatch(/\n$/);
  });

  test('the JSON report of a change request is the fork-safe artifact around the same report', async () => {
    const changeRequest = {
      repository: 'octo/hello',
      number: 7,
      headSha: 'a'.repeat(40),
      baseSha: 'b'.repeat(40),
    };
    const doc = JSON.parse(await renderAs('json', result, { ...plain, changeRequest }));
    expect(doc).toEqual({
      kind: 'hunkwise-pull-request-review',
      version: 1,
      pullRequest: changeRequest,
      report: toJsonReport(result),
    });
  });

  test('names are checked against the registry; only file formats are offered in CI, each with its file', () => {
    expect(isFormatName('sarif')).toBe(true);
    expect(isFormatName('html')).toBe(false);
    expect(isCiFormat('text')).toBe(false);
    expect(CI_FORMATS.map((f) => [f, ciFileOf(f)])).toEqual([
      ['json', 'hunkwise-findings.json'],
      ['sarif', 'hunkwise.sarif'],
      ['rdjson', 'hunkwise.rdjson'],
    ]);
  });
});

describe('the docs follow the registry', () => {
  test('README.md holds the generated table of formats (run `node scripts/gen-schema.mjs`)', () => {
    expect(read('README.md')).toContain(formatsTable());
  });

  test('docs/github.md shows `review pr` usage with every format', () => {
    const usage = githubMessages.usage(formatChoices(['github', ...CI_FORMATS]));
    expect(read('docs/github.md')).toContain(`npx hunkwise ${usage.replace(/^usage: review /, '')}`);
  });

  test('action.yml names every file format and its default file', () => {
    const action = parse(read('action.yml')) as { inputs: Record<string, { description: string }> };
    for (const format of CI_FORMATS) {
      expect(action.inputs.format?.description).toContain(format);
      expect(action.inputs.output?.description).toContain(ciFileOf(format));
    }
  });
});
