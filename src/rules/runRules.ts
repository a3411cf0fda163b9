// Every deterministic check, in a fixed order: instant, offline, and the hook's floor when no model answers.
import type { Config } from '../config/schema.js';
import type { FileDiff, Finding } from '../types.js';
import { findConflictMarkers } from './conflictMarkers.js';
import { findCustomRuleMatches } from './customRules.js';
import { findDebugLeftovers } from './debugLeftovers.js';
import { findSecrets, type SecretMemo } from './secretFindings.js';

/** `secretMemo`: secret findings remembered from an earlier run over the same hunks (the hook's cached run). */
export async function runRules(
  files: readonly FileDiff[],
  config: Config,
  secretMemo?: SecretMemo,
): Promise<Finding[]> {
  const { rules } = config;
  return [
    ...(rules.secrets ? await findSecrets(files, rules.allow_secrets, secretMemo) : []),
    ...(rules.conflict_markers ? findConflictMarkers(files) : []),
    ...(rules.debug_leftovers ? findDebugLeftovers(files) : []),
    ...(rules.custom.length > 0 ? findCustomRuleMatches(files, rules.custom) : []),
  ];
}
