// `npm run bench` once pointed at a file that did not exist: the runner, the README's table and the
// package scripts now have to agree.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { BENCHES } from '../../../bench/run.mjs';

const ROOT = join(import.meta.dirname, '..', '..', '..');

test('every script the package runs with node exists', () => {
  const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<
    string,
    string
  >;
  const files = Object.values(scripts).flatMap((command) =>
    [...command.matchAll(/\bnode (\S+\.mjs)/g)].map((m) => m[1]!),
  );
  expect(files).toContain('bench/run.mjs');
  for (const file of files) expect(existsSync(join(ROOT, file)), file).toBe(true);
});

test('the bench runner runs exactly the benchmarks bench/README.md lists, and each exists', () => {
  const readme = readFileSync(join(ROOT, 'bench', 'README.md'), 'utf8');
  const listed = [...readme.matchAll(/`(?:npm run build && )?node (bench\/[\w-]+\.mjs)[^`]*`/g)].map(
    (m) => m[1],
  );
  expect([...new Set(listed)].sort()).toEqual(BENCHES.map((b) => b.script).sort());
  for (const bench of BENCHES) expect(existsSync(join(ROOT, bench.script)), bench.script).toBe(true);
});
