import { describe, expect, test } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import type { Config } from '../../../src/config/schema.js';
import { compilePattern, patternProblem } from '../../../src/rules/compilePattern.js';
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

test('a custom rule reports added lines of matching files', async () => {
  const files = [
    fileWith('src/a.ts', [' // TODO old', '+// Todo: new', '+ok()']),
    fileWith('test/a.ts', ['+// TODO']),
  ];
  const findings = await runRules(files, withRules([rule]));
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

describe('patterns run in RE2', () => {
  test('plain source or /literal/flags', () => {
    expect(compilePattern('a+b').test('aab')).toBe(true);
    expect(compilePattern('/AB/i').test('ab')).toBe(true);
    expect(compilePattern('/AB/').test('ab')).toBe(false);
    expect(compilePattern('/^b/m').test('a\nb')).toBe(true);
    expect(compilePattern('\\u00e9t\\u{e9}').test('été')).toBe(true);
    expect(compilePattern('(?<word>\\w+)\\.only\\(').test('it.only(')).toBe(true);
    expect(patternProblem('ok')).toBeNull();
  });

  test.for([
    ['/TODO(?!\\(#\\d+\\))/i', 'lookaround', '(?!'],
    ['(?<=@)\\w+', 'lookaround', '(?<='],
    ['(?=x)', 'lookaround', '(?='],
    ['(?<!x)y', 'lookaround', '(?<!'],
    ['(a)\\1', 'backreference', '\\1'],
    ['(?<q>[\'"]).*\\k<q>', 'backreference', '\\k<'],
  ] as const)('%s is refused: %s', ([pattern, code, detail]) => {
    expect(patternProblem(pattern)).toEqual({ code, detail });
  });

  test('escapes and classes are not mistaken for lookaround or backreferences', () => {
    expect(patternProblem('\\(\\?=x')).toBeNull();
    expect(patternProblem('[(?=]')).toBeNull();
    expect(patternProblem('\\\\1')).toBeNull();
  });

  test('a syntax error carries RE2 explanation', () => {
    expect(patternProblem('(open')).toMatchObject({
      code: 'syntax',
      detail: expect.stringMatching(/missing closing \)/),
    });
  });

  test('a catastrophic pattern on a 30,001-character line is a plain miss', async () => {
    const line = `${'a'.repeat(30_000)}b`;
    const findings = await runRules(
      [fileWith('src/a.ts', [`+${line}`])],
      withRules([{ ...rule, id: 'redos', pattern: '/^(a+)+$/', paths: ['**'] }]),
    );
    expect(findings).toEqual([]);
    expect(compilePattern('^(a+)+$').test('a'.repeat(30_000))).toBe(true);
  });
});
