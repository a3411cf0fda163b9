// The routing measurement of bench/routing.mjs on a few labelled rows of the development corpus
// (real npm version pairs): security fixes must reach Claude, routine releases mostly stay local.
import { beforeAll, expect, test } from 'vitest';
import {
  type CorpusRow,
  corpusConfig,
  diffRow,
  type RowOutcome,
  routeRow,
  summarise,
} from '../../../bench/routing.corpus.js';
import { defaultConfig } from '../../../src/config/defaults.js';
import { NPM_CACHE_DIR } from '../../helpers/npmPack.js';

const row = (cells: string): CorpusRow => {
  const [pkg, from, to, label, file, addedSubstring] = cells.split('\t');
  return {
    package: pkg!,
    from: from!,
    to: to!,
    label: label as CorpusRow['label'],
    file: file!,
    addedSubstring: addedSubstring!,
    advisory: '',
    kind: '',
    note: '',
  };
};

// Rows copied from /work/shared/corpus/dev-security-routing.tsv, so the test runs on a clean checkout.
const ROWS: CorpusRow[] = [
  row(
    "serve-static\t1.15.0\t1.16.0\tsecurity\tpackage/index.js\t'Redirecting', 'Redirecting to ' + escapeHtml(loc)",
  ),
  row("ini\t1.3.5\t1.3.6\tsecurity\tpackage/ini.js\tif (section === '__proto__') {"),
  row(
    'normalize-url\t4.5.0\t4.5.1\tsecurity\tpackage/index.js\turlString.match(/^data:([^,]*?),([^#]*?)(?:#(.*))?$/)',
  ),
  row('tar-fs\t2.1.1\t2.1.2\tsecurity\tpackage/index.js\tif (!dst.startsWith(path.resolve(cwd)))'),
  row('dot-prop\t6.0.0\t6.0.1\troutine\tpackage/index.js\t'),
  row('normalize-url\t6.0.1\t6.1.0\troutine\tpackage/index.js\t'),
  row('browserslist\t4.21.4\t4.21.5\troutine\tpackage/index.js\t'),
  row('picocolors\t1.0.0\t1.0.1\troutine\tpackage/picocolors.js\t'),
];

let outcomes: RowOutcome[] = [];

beforeAll(async () => {
  const config = corpusConfig(defaultConfig());
  outcomes = [];
  for (const r of ROWS) outcomes.push(await routeRow(r, await diffRow(r, NPM_CACHE_DIR, config), config));
}, 300_000);

test('every security fix in the sample has its fixing hunk routed to Claude, with a security reason', () => {
  for (const o of outcomes.filter((x) => x.row.label === 'security')) {
    expect(o.target, `${o.row.package}: hunk holding the fix`).not.toBeNull();
    expect(o.target!.route, `${o.row.package} ${o.row.to}`).toBe('claude');
    expect(o.target!.reasons.map((r) => r.code)).toContain('security');
  }
});

test('the thresholds of the issue hold on the sample', () => {
  const summary = summarise(outcomes);
  expect(summary.securityPercent).toBeGreaterThanOrEqual(90);
  expect(summary.routineHunks).toBeGreaterThan(0);
  expect(summary.routinePercent).toBeLessThanOrEqual(25);
});
