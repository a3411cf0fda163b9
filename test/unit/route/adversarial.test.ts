// Diff text is untrusted: no line may make the signals or the rules backtrack for ages. These
// lines are the worst cases of each pattern family; the test's own timeout is the guard.
import { expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { routeHunks } from '../../../src/route/route.js';
import { runRules } from '../../../src/rules/runRules.js';
import { fileWith } from './diffBuilders.js';

const n = 20_000;
// Assembled at run time so that this file itself holds no key header for the secrets rule to find.
const pemHeader = ['-----BEGIN', 'PRIVATE KEY-----'].join(' ');
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
  pemHeader.repeat(200),
  `postgres://${'u:'.repeat(n / 2)}`,
  `${'input.match('.repeat(n / 12)}`,
  `${'api_token='.repeat(n / 10)}`,
  `token: "${'a1'.repeat(n / 2)}`,
  `Bearer ${'A'.repeat(n)}=`,
  `${'a'.repeat(n)} = "${'Zx9'.repeat(n / 3)}"`,
  `${'x://u:'.repeat(n / 6)}`,
  `${'tskey-ab-'.repeat(n / 9)}`,
  `${'eyJhbGciOi.'.repeat(n / 11)}`,
  `${'-'.repeat(n)}`,
];

// Code and config files: the secret rules read unquoted values in config files only.
const cases = hostile.flatMap((line, i) =>
  ['src/hostile.js', 'config/hostile.env'].map((path) => [i, path, line] as const),
);

test.for(cases)('hostile line %i in %s is routed and ruled', async ([, path, line]) => {
  const files = [fileWith(path, [` ${line}`, `-${line}`, `+${line}`])];
  const decisions = routeHunks(files, defaultConfig(), await runRules(files, defaultConfig()));
  expect(decisions).toHaveLength(1);
  expect(decisions[0]!.securityScore).toBeGreaterThanOrEqual(0);
});
