// A config whose user patterns would backtrack for hours in JavaScript's engine, and a change that triggers
// them: a 30,001-character line `/^(a+)+$/` almost matches, a run the security pattern chews on, and a file
// name the skip glob nearly fits. Shared by the in-process CLI test and the built-bin test.
import type { TempRepo } from './gitRepo.js';

export const HOSTILE_CONFIG = [
  'rules:',
  '  custom:',
  '    - id: redos',
  '      pattern: "/^(a+)+$/"',
  '      message: a run of a',
  '      paths: ["**/*.txt"]',
  'routing:',
  '  security_patterns: ["(x+x+)+y"]',
  '  skip: ["*a*a*a*a*a*a*a*a*a*a*a*a*b"]',
].join('\n');

/** Commits the config, then a change with the lines above; the custom rule matches the second line only. */
export function commitHostilePatterns(repo: TempRepo): void {
  repo.commit('base', { 'config.yml': HOSTILE_CONFIG });
  repo.commit('change', {
    [`${'a'.repeat(60)}c.txt`]: `${'a'.repeat(30_000)}b\n${'a'.repeat(30_000)}\n${'x'.repeat(30_000)}\n`,
  });
}
