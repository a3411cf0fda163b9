// Builds a rule Finding with its fingerprint, so every rule reports the same way.
import { fingerprintOf } from '../findings/fingerprint.js';
import type { Category, Finding, Severity } from '../types.js';

export interface RuleFindingInput {
  file: string;
  start: number;
  end?: number;
  severity: Severity;
  category: Category;
  message: string;
  origin: string;
  /** Shown to the user and fed to the fingerprint. */
  quote?: string;
  /** Fed to the fingerprint only, when the quote must not be shown (secrets). */
  identity?: string;
  suggestion?: string;
}

export function ruleFinding(input: RuleFindingInput): Finding {
  const finding: Finding = {
    file: input.file,
    range: { start: input.start, end: input.end ?? input.start },
    severity: input.severity,
    category: input.category,
    message: input.message,
    source: 'rule',
    origin: input.origin,
    fingerprint: fingerprintOf({
      file: input.file,
      category: input.category,
      quote: input.identity ?? input.quote,
      message: input.message,
    }),
  };
  if (input.quote !== undefined) finding.quote = input.quote;
  if (input.suggestion !== undefined) finding.suggestion = input.suggestion;
  return finding;
}
