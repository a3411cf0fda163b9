import { expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { findDebugLeftovers } from '../../../src/rules/debugLeftovers.js';
import { runRules } from '../../../src/rules/runRules.js';
import { fileWith } from '../route/diffBuilders.js';

test.for([
  ['src/a.ts', '  debugger;', 'debugger'],
  ['src/a.test.ts', "describe.only('x', () => {", 'describe.only('],
  ['test/unit/a.spec.js', "  it.only('works', () => {})", 'it.only('],
  ['test/b.js', "test.only('x', fn)", 'test.only('],
] as const)('%s: %j is flagged', ([path, line, what]) => {
  const [finding] = findDebugLeftovers([fileWith(path, [`+${line}`])]);
  expect(finding?.origin).toBe('debug-leftovers');
  expect(finding?.message).toContain(what);
});

test.for([
  ['src/a.ts', "console.log('debug', value);"],
  ['src/a.ts', '// debugger; is banned here'],
  ['src/query.ts', 'const rows = select.only(columns)'],
  ['docs/a.md', 'debugger;'],
  ['src/a.test.ts', "test('only the first', () => {})"],
] as const)('%s: %j is not flagged', ([path, line]) => {
  expect(findDebugLeftovers([fileWith(path, [`+${line}`])])).toEqual([]);
});

test('off by default', async () => {
  expect(await runRules([fileWith('src/a.ts', ['+debugger;'])], defaultConfig())).toEqual([]);
});
