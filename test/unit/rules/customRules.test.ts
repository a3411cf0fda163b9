import { expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import type { Config } from '../../../src/config/schema.js';
import { compilePattern, patternError } from '../../../src/rules/compilePattern.js';
import { runRules } from '../../../src/rules/runRules.js';
import { fileWith } from '../route/diffBuilders.js';

function withRules(custom: Config['rules']['custom']): Config {
  const base = defaultConfig();
  return { ...base, rules: { ...base.rules, custom } };
}

const rule = {
  id: 'no-todo',
  pattern: '/todo/i',
  message: 'No TODOs',
  severity: 'info' as const,
  paths: ['src/**'],
};

test('a custom rule reports added lines of matching files', () => {
  const files = [
    fileWith('src/a.ts', [' // TODO old', '+// Todo: new', '+ok()']),
    fileWith('test/a.ts', ['+// TODO']),
  ];
  const findings = runRules(files, withRules([rule]));
  expect(findings).toHaveLength(1);
  expect(findings[0]).toMatchObject({
    file: 'src/a.ts',
    range: { start: 2, end: 2 },
    severity: 'info',
    message: 'No TODOs',
    origin: 'custom:no-todo',
    quote: '// Todo: new',
  });
});

test('patterns: plain source or /literal/flags', () => {
  expect(compilePattern('a+b').test('aab')).toBe(true);
  expect(compilePattern('/AB/i').test('ab')).toBe(true);
  expect(compilePattern('/AB/').test('ab')).toBe(false);
  expect(patternError('(open')).toMatch(/Unterminated group/);
  expect(patternError('ok')).toBeNull();
});
