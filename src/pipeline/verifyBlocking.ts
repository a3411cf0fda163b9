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
  // Lazy: most runs never verify, and the provider's SDK can be large.
  const [{ verifyLocalFindings }, { createProvider }] = await Promise.all([
    import('../review/verify.js'),
    import('../review/providers.js'),
  ]);
  const { config, env, signal } = options;
  const provider = await createProvider({ role: 'escalation', config, env });
  const verified = await verifyLocalFindings(state.findings, hunks, { config, provider, signal });
  state.findings = verified.findings;
  state.notices.push(...verified.notes);
  if (verified.usage.requests > 0) {
    addUsage(state.usage, verified.usage, verified.usage);
  }
}
