import { expect, test } from 'vitest';
import { placeFindings } from '../../../src/findings/place.js';
import { fileOf, findingOf, hunkOf } from '../../helpers/build.js';

const files = [
  fileOf('src/a.ts', [hunkOf('src/a.ts', 10, 10, [' keep', '-old', '+new', '+newer', ' tail'])]),
];

test.for([
  { name: 'a line inside a hunk is inline', range: { start: 11, end: 12 }, placement: 'inline' },
  { name: 'a line outside every hunk stays on its file', range: { start: 40, end: 40 }, placement: 'file' },
  { name: 'a range leaving the hunk stays on its file', range: { start: 12, end: 15 }, placement: 'file' },
  { name: 'a file-level finding is on its file', range: null, placement: 'file' },
] as const)('$name', ({ range, placement }) => {
  const [placed] = placeFindings([findingOf({ file: 'src/a.ts', range })], files);
  expect(placed?.placement).toBe(placement);
});

test('a finding about a file that is not in the diff goes to the summary, not away', () => {
  const placed = placeFindings([findingOf({ file: 'elsewhere.ts' })], files);
  expect(placed).toEqual([expect.objectContaining({ placement: 'summary' })]);
});
