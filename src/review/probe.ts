// One tiny review request, to learn whether a server that passes its health check also answers: a stuck
// Ollama answers /api/version and /api/tags and never generates. Used by `review doctor` when a run found
// the server stalled.
import type { Role } from '../vocabulary.js';
import { findingsJsonSchema } from './findingSchema.js';
import { buildUserPrompt, systemPromptFor } from './prompt.js';
import type { ModelProvider } from './provider.js';

export type ProbeResult = { ok: true } | { ok: false; reason: string; silent: boolean };

/** A one-line hunk to review: any answer in the findings format proves the model generates. */
function probeRequest(role: Role) {
  const hunk = {
    file: 'hunkwise-probe.txt',
    oldStart: 0,
    oldLines: 0,
    newStart: 1,
    newLines: 1,
    section: '',
    lines: [{ kind: 'add' as const, text: 'hello', newLine: 1 }],
    hash: 'hunkwise-probe',
  };
  const decision = { hunk, route: 'local' as const, reasons: [], estimatedTokens: 2, securityScore: 0 };
  return {
    system: systemPromptFor(role),
    user: buildUserPrompt([{ decision, hunk, context: '' }], { kind: role }),
    schema: findingsJsonSchema,
  };
}

export async function probeGeneration(
  role: Role,
  provider: ModelProvider,
  signal?: AbortSignal,
): Promise<ProbeResult> {
  const sent = await provider.send(probeRequest(role), signal);
  if (sent.ok) return { ok: true };
  return { ok: false, reason: sent.failure.message, silent: sent.failure.silence !== undefined };
}
