// Pure exit policy: a ReviewResult, the config and the mode decide the exit code and the one line saying why.
import type { Config } from '../config/schema.js';
import { EXIT } from '../errors.js';
import { policyMessages } from '../messages/policy.js';
import type { NotReviewedReason } from '../reasons.js';
import type { Finding, HunkOutcome, ReviewResult } from '../types.js';
import { type FailLevel, type RunMode, SECRET_RULE_IDS, SEVERITIES, type Severity } from '../vocabulary.js';

export interface PolicyDecision {
  code: number;
  /** One line for the user: why the run blocks, or that it is advisory; null when there is nothing to say. */
  reason: string | null;
}

/** Reasons that are a choice, not a failure: they never count as "a model was unreachable". */
const NOT_A_FAILURE: ReadonlySet<NotReviewedReason['code']> = new Set([
  'left-for-ci',
  'dry-run',
  'interrupted',
]);

/** The fail_on key that applies to a mode; a run by hand follows the CI setting. */
export function failLevelKey(mode: RunMode): 'fail_on.hook' | 'fail_on.ci' {
  return mode === 'hook' ? 'fail_on.hook' : 'fail_on.ci';
}

function failLevel(config: Config, mode: RunMode): FailLevel {
  return mode === 'hook' ? config.fail_on.hook : config.fail_on.ci;
}

function atOrAbove(severity: Severity, level: FailLevel): boolean {
  return level !== 'never' && SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(level);
}

/** Hunks a model should have reviewed but could not (service down, hanging past the budget, bad output). */
export function unreachableOutcomes(outcomes: readonly HunkOutcome[]): HunkOutcome[] {
  return outcomes.filter(
    (outcome) => outcome.status === 'notReviewed' && !NOT_A_FAILURE.has(outcome.reason.code),
  );
}

/**
 * Only the deterministic rules' known formats block on secrets: a small model's guess, or a value found only by
 * its label or its shape (possible-secrets), must not stop a commit.
 */
function isRuleSecret(finding: Finding): boolean {
  return (
    finding.category === 'secret' && finding.source === 'rule' && finding.origin !== SECRET_RULE_IDS.possible
  );
}

/** Conflict markers found by the rule (a model's remark about one blocks only through fail_on). */
function isRuleConflict(finding: Finding): boolean {
  return finding.category === 'conflict' && finding.source === 'rule';
}

/** What blocks whatever the severity level says: rule-found secrets and conflict markers, each by its key. */
function alwaysBlocks(finding: Finding, config: Config): boolean {
  return (
    (config.fail_on.secrets && isRuleSecret(finding)) || (config.fail_on.conflicts && isRuleConflict(finding))
  );
}

/**
 * The findings that make this run fail: rule-found secrets (fail_on.secrets) and conflict markers
 * (fail_on.conflicts), and those at or above fail_on.
 */
export function blockingFindings(result: ReviewResult, config: Config, mode: RunMode): Finding[] {
  const level = failLevel(config, mode);
  return result.findings
    .map((placed) => placed.finding)
    .filter((finding) => alwaysBlocks(finding, config) || atOrAbove(finding.severity, level));
}

export function decideExit(result: ReviewResult, config: Config, mode: RunMode): PolicyDecision {
  const findings = result.findings.map((placed) => placed.finding);
  const secrets = findings.filter(isRuleSecret);
  if (config.fail_on.secrets && secrets.length > 0) {
    return { code: EXIT.findings, reason: policyMessages.secrets(mode, secrets.length) };
  }
  const conflicts = findings.filter(isRuleConflict);
  if (config.fail_on.conflicts && conflicts.length > 0) {
    return { code: EXIT.findings, reason: policyMessages.conflicts(mode, conflicts.length) };
  }
  const level = failLevel(config, mode);
  const key = failLevelKey(mode);
  if (level !== 'never') {
    const blocking = findings.filter((finding) => atOrAbove(finding.severity, level));
    if (blocking.length > 0) {
      return { code: EXIT.findings, reason: policyMessages.severity(mode, blocking.length, level, key) };
    }
  }
  if (config.fail_on.unreachable && !result.dryRun) {
    const missed = unreachableOutcomes(result.outcomes);
    if (missed.length > 0)
      return { code: EXIT.service, reason: policyMessages.unreachable(mode, missed.length) };
  }
  if (findings.length > 0 && level === 'never') {
    return { code: EXIT.ok, reason: policyMessages.advisory(mode, findings.length, key) };
  }
  return { code: EXIT.ok, reason: null };
}
