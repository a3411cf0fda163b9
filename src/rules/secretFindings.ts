// Secrets in added lines → critical findings that name the kind and the line, never the value.
import { createHash } from 'node:crypto';
import picomatch from 'picomatch';
import { rulesMessages } from '../messages/rules.js';
import type { FileDiff, Finding } from '../types.js';
import { addedLines } from './addedLines.js';
import { ruleFinding } from './ruleFinding.js';
import { detectSecrets } from './secrets.js';

export const SECRETS_RULE_ID = 'secrets';

export function findSecrets(files: readonly FileDiff[], allowGlobs: readonly string[]): Finding[] {
  const allowed = allowGlobs.length > 0 ? picomatch([...allowGlobs], { dot: true }) : () => false;
  const findings: Finding[] = [];
  for (const line of addedLines(files)) {
    if (allowed(line.file)) continue;
    for (const secret of detectSecrets(line.text)) {
      const value = line.text.slice(secret.index, secret.index + secret.length);
      findings.push(
        ruleFinding({
          file: line.file,
          start: line.newLine,
          severity: 'critical',
          category: 'secret',
          message: rulesMessages.secret(secret.kind),
          suggestion: rulesMessages.secretSuggestion(),
          origin: SECRETS_RULE_ID,
          // A digest keeps the fingerprint stable without the value ever reaching a report.
          identity: `${secret.kind}:${createHash('sha256').update(value).digest('hex')}`,
        }),
      );
    }
  }
  return findings;
}
