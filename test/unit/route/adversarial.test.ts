// Diff text is untrusted: no line may make the signals or the rules backtrack for ages. These
// lines are the worst cases of each pattern family; the test's own timeout is the guard.
import { expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { routeHunks } from '../../../src/route/route.js';
import { runRules } from '../../../src/rules/runRules.js';
import { fileWith } from './diffBuilders.js';

const n = 20_000;
const hostile = [
  'a'.repeat(n),
  `'${'<a '.repeat(n / 3)}`,
  `"${' var x'.repeat(n / 6)}`,
  `SELECT ${' '.repeat(n)}`,
  `throw ${'x '.repeat(n / 2)}`,
  `x = /${'(a+'.repeat(n / 3)}/`,
  `'${'(?:'.repeat(n / 3)}'`,
  `${'/ '.repeat(n / 2)}`,
  `${'eyJ'.repeat(n / 3)}`,
  `password = "${'a'.repeat(n)}`,
  `-----BEGIN PRIVATE KEY-----${'-----BEGIN PRIVATE KEY-----'.repeat(200)}`,
  `postgres://${'u:'.repeat(n / 2)}`,
  `${'input.match('.repeat(n / 12)}`,
];

test.for(hostile.map((line, i) => [i, line] as const))('hostile line %i is routed and ruled', ([, line]) => {
  const files = [fileWith('src/hostile.js', [` ${line}`, `-${line}`, `+${line}`])];
  const decisions = routeHunks(files, defaultConfig(), runRules(files, defaultConfig()));
  expect(decisions).toHaveLength(1);
  expect(decisions[0]!.securityScore).toBeGreaterThanOrEqual(0);
});
