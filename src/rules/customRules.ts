// The user's own regex rules from config (`rules.custom`), over added lines of matching files.
import type { Config } from '../config/schema.js';
import type { FileDiff, Finding } from '../types.js';
import { addedLines } from './addedLines.js';
import { anyGlob } from './compileGlob.js';
import { compilePattern } from './compilePattern.js';
import { ruleFinding } from './ruleFinding.js';

type CustomRule = Config['rules']['custom'][number];

export function findCustomRuleMatches(files: readonly FileDiff[], rules: readonly CustomRule[]): Finding[] {
  const compiled = rules.map((rule) => ({
    rule,
    regex: compilePattern(rule.pattern),
    applies: anyGlob(rule.paths),
  }));
  const findings: Finding[] = [];
  for (const line of addedLines(files)) {
    for (const { rule, regex, applies } of compiled) {
      if (!applies(line.file) || !regex.test(line.text)) continue;
      findings.push(
        ruleFinding({
          file: line.file,
          start: line.newLine,
          severity: rule.severity,
          category: 'other',
          message: rule.message,
          origin: `custom:${rule.id}`,
          quote: line.text.trim(),
        }),
      );
    }
  }
  return findings;
}
