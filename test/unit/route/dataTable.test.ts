import { expect, test } from 'vitest';
import { DATA_TABLE_MIN_LINES, isDataLine, isDataTable } from '../../../src/route/dataTable.js';
import { makeHunk } from './diffBuilders.js';

test.for([
  "'ar-EG': /^((\\+?20)|0)?1[0125]\\d{8}$/,",
  '"application/json": ["json", "map"],',
  '[0x1F600, 0x1F64F],',
  "amp: '&',",
  '"MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ",',
  'null, true, 42,',
])('data: %s', (line) => {
  expect(isDataLine(line)).toBe(true);
});

test.for([
  'return value.replace(/x/g, "");',
  "if (a === 'b') run();",
  'const x = 1;',
  'foo: bar,',
  'fn(1, 2),',
  '=> 1',
])('code: %s', (line) => {
  expect(isDataLine(line)).toBe(false);
});

const rows = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => `+${make(i)}`);

test('a long run of data entries is a table; a short one or a module is not', () => {
  expect(
    isDataTable(
      makeHunk(
        'lib/types.js',
        rows(DATA_TABLE_MIN_LINES, (i) => `"type/x${i}": ["x${i}"],`),
      ),
    ),
  ).toBe(true);
  expect(
    isDataTable(
      makeHunk(
        'lib/types.js',
        rows(DATA_TABLE_MIN_LINES - 1, (i) => `"t${i}": [${i}],`),
      ),
    ),
  ).toBe(false);
  const mixed = [...rows(30, (i) => `"t${i}": [${i}],`), ...rows(10, (i) => `const v${i} = compute(${i});`)];
  expect(isDataTable(makeHunk('lib/types.js', mixed))).toBe(false);
});
