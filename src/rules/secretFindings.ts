// Secrets in added lines → findings that name the kind and the line, never the value. Known formats and private
// keys are critical and block (fail_on.secrets); label-only values are reported as possible secrets (info) and
// never block. Both are redacted before any model request (review/redact.ts runs the same detector).
import { createHash } from 'node:crypto';
import { rulesMessages } from '../messages/rules.js';
import type { FileDiff, Finding, Hunk } from '../types.js';
import { SECRET_RULE_IDS } from '../vocabulary.js';
import { anyGlob } from './compileGlob.js';
import { detectSecrets, type SecretMatch } from './detectSecrets.js';
import { ruleFinding } from './ruleFinding.js';
import { Lines } from './secretMatch.js';

/** Origin of blocking secret findings; fail_on.secrets counts these. */
export const SECRETS_RULE_ID = SECRET_RULE_IDS.blocking;
/** Origin of label-only findings: reported, redacted, never blocking. */
export const POSSIBLE_SECRETS_RULE_ID = SECRET_RULE_IDS.possible;

/** The added lines a match covers, by new-side line number. */
function addedLinesCovered(hunk: Hunk, starts: readonly number[], match: SecretMatch): number[] {
  const end = match.index + match.length;
  const lines: number[] = [];
  hunk.lines.forEach((line, i) => {
    const start = starts[i]!;
    if (line.kind === 'add' && start < end && match.index < start + line.text.length + 1)
      lines.push(line.newLine);
  });
  return lines;
}

function secretFinding(hunk: Hunk, lines: number[], match: SecretMatch, value: string): Finding {
  const blocking = match.tier === 'block';
  return ruleFinding({
    file: hunk.file,
    start: lines[0]!,
    end: lines.at(-1)!,
    severity: blocking ? 'critical' : 'info',
    category: 'secret',
    message: blocking ? rulesMessages.secret(match.kind) : rulesMessages.possibleSecret(match.kind),
    suggestion: rulesMessages.secretSuggestion(),
    origin: blocking ? SECRETS_RULE_ID : POSSIBLE_SECRETS_RULE_ID,
    // A digest keeps the fingerprint stable without the value ever reaching a report.
    identity: `${match.kind}:${createHash('sha256').update(value).digest('hex')}`,
  });
}

async function hunkSecrets(hunk: Hunk): Promise<Finding[]> {
  if (!hunk.lines.some((line) => line.kind === 'add')) return [];
  // The whole hunk at once: a private key spans lines, and context tells a value from its label.
  const text = hunk.lines.map((line) => line.text).join('\n');
  // A diff line holds no newline, so the text's line starts are the hunk lines' starts.
  const { starts } = new Lines(text);
  const findings: Finding[] = [];
  for (const match of await detectSecrets(text, hunk.file)) {
    const lines = addedLinesCovered(hunk, starts, match);
    if (lines.length === 0) continue;
    findings.push(secretFinding(hunk, lines, match, text.slice(match.index, match.index + match.length)));
  }
  return findings;
}

/** Each hunk's findings from an earlier run of the same build (pipeline/secretMemo.ts), so the detector need not load. */
export interface SecretMemo {
  get(hunk: Hunk): readonly Finding[] | undefined;
  set(hunk: Hunk, findings: readonly Finding[]): void;
}

export async function findSecrets(
  files: readonly FileDiff[],
  allowGlobs: readonly string[],
  memo?: SecretMemo,
): Promise<Finding[]> {
  const allowed = anyGlob(allowGlobs);
  const hunks = files.filter((file) => !file.skipped && !allowed(file.path)).flatMap((file) => file.hunks);
  const findings: Finding[] = [];
  for (const hunk of hunks) {
    let found = memo?.get(hunk);
    if (!found) {
      found = await hunkSecrets(hunk);
      memo?.set(hunk, found);
    }
    findings.push(...found);
  }
  return findings;
}
