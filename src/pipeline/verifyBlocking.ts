// claude.verify_local: Claude confirms or rejects the local model's major/critical findings before they block.
import type { RouteDecision } from '../types.js';
import type { LaneState } from './executeLanes.js';
import { addUsage } from './laneResults.js';
import type { ExecOptions } from './runOptions.js';

export async function verifyBlocking(
  state: LaneState,
  decisions: readonly RouteDecision[],
  options: ExecOptions,
): Promise<void> {
  const hunks = decisions.map((decision) => decision.hunk);
  // Lazy: the Claude SDK is large, and most runs never verify.
  const { verifyLocalFindings } = await import('../review/verify.js');
  const verified = await verifyLocalFindings(state.findings, hunks, {
    config: options.config,
    env: options.env,
    signal: options.signal,
  });
  state.findings = verified.findings;
  state.notices.push(...verified.notes);
  if (verified.usage.requests > 0) {
    addUsage(state.usage, verified.usage, verified.usage);
  }
}
