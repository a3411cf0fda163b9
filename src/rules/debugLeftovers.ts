// Opt-in: `debugger` statements and focused tests. console.log is deliberately not flagged (too common on purpose).
import picomatch from 'picomatch';
import { rulesMessages } from '../messages/rules.js';
import type { FileDiff, Finding } from '../types.js';
import { addedLines } from './addedLines.js';
import { ruleFinding } from './ruleFinding.js';

export const DEBUG_RULE_ID = 'debug-leftovers';

const SCRIPT = /\.(?:[cm]?[jt]sx?|vue|svelte)$/i;
const DEBUGGER = /^\s*debugger\s*;?\s*(?:\/\/.*)?$/;
const FOCUSED = /(?<![\w.$])(?<call>(?:describe|it|test|context|suite|bench)\.only|fdescribe|fit)\s*\(/;
let testFileGlobs: ((path: string) => boolean) | undefined;
/** Compiled on first use: the rule is opt-in, and parsing globs at import time would cost every run. */
function isTestFile(path: string): boolean {
  testFileGlobs ??= picomatch(['**/*.{test,spec}.*', '**/{test,tests,__tests__,spec}/**'], { dot: true });
  return testFileGlobs(path);
}

function isComment(text: string): boolean {
  return /^\s*(?:\/\/|\/?\*)/.test(text);
}

export function findDebugLeftovers(files: readonly FileDiff[]): Finding[] {
  const findings: Finding[] = [];
  for (const line of addedLines(files)) {
    if (!SCRIPT.test(line.file) || isComment(line.text)) continue;
    const base = { file: line.file, start: line.newLine, origin: DEBUG_RULE_ID, quote: line.text.trim() };
    if (DEBUGGER.test(line.text)) {
      findings.push(
        ruleFinding({
          ...base,
          severity: 'minor',
          category: 'maintainability',
          message: rulesMessages.debugger(),
        }),
      );
      continue;
    }
    const focused = isTestFile(line.file) ? FOCUSED.exec(line.text) : null;
    if (focused?.groups?.call) {
      findings.push(
        ruleFinding({
          ...base,
          severity: 'major',
          category: 'bug',
          message: rulesMessages.focusedTest(`${focused.groups.call}(`),
        }),
      );
    }
  }
  return findings;
}
