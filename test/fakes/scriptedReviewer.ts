// An in-process implementation of the Reviewer port for pipeline tests: answers by script, records what it got.
// (The HTTP adapters are tested against loopback servers; this one isolates the pipeline's own logic.)
import { fingerprintOf } from '../../src/findings/fingerprint.js';
import type { Availability, ItemOutcome, ModelReviewer, ReviewItem } from '../../src/review/reviewer.js';
import { emptyRepairs, emptyUsage } from '../../src/review/reviewer.js';
import type { Finding } from '../../src/types.js';
import { ROLE_NAME, type Role } from '../../src/vocabulary.js';

export interface ScriptedReviewer extends ModelReviewer {
  calls: ReviewItem[][];
}

export interface Script {
  role: Role;
  model?: string;
  availability?: Availability;
  /** Per item: a finding message to report on its first added line, 'fail:<reason>' to fail it, or null. */
  answer?: (item: ReviewItem) => string | null;
  /** Resolves only when the signal aborts: a hanging service. */
  hang?: boolean;
}

export function scriptedReviewer(script: Script): ScriptedReviewer {
  const model = script.model ?? `${ROLE_NAME[script.role]}-model`;
  const provider = script.role === 'local' ? 'ollama' : 'anthropic';
  const calls: ReviewItem[][] = [];
  return {
    role: script.role,
    provider,
    model,
    calls,
    check: async () => script.availability ?? { ok: true, detail: 'scripted' },
    async review(items, signal) {
      calls.push(items);
      if (script.hang) {
        await new Promise((resolve) => signal?.addEventListener('abort', resolve, { once: true }));
      }
      const outcomes = new Map<string, ItemOutcome>();
      const findings: Finding[] = [];
      for (const item of items) {
        if (signal?.aborted) {
          outcomes.set(item.hunk.hash, { status: 'failed', reason: 'request cancelled' });
          continue;
        }
        const answer = script.answer?.(item) ?? null;
        if (answer?.startsWith('fail:')) {
          outcomes.set(item.hunk.hash, { status: 'failed', reason: answer.slice(5) });
          continue;
        }
        outcomes.set(item.hunk.hash, { status: 'reviewed' });
        const line = item.hunk.lines.find((l) => l.kind === 'add');
        if (answer && line && line.kind === 'add') {
          const base = { file: item.hunk.file, category: 'bug' as const, quote: line.text, message: answer };
          findings.push({
            ...base,
            range: { start: line.newLine, end: line.newLine },
            severity: 'minor',
            source: ROLE_NAME[script.role],
            origin: model,
            fingerprint: fingerprintOf(base),
          });
        }
      }
      const usage = {
        ...emptyUsage(model, script.role, provider),
        requests: 1,
        inputTokens: 10 * items.length,
        outputTokens: 5,
      };
      return { findings, outcomes, usage, repairs: emptyRepairs(), notes: [] };
    },
  };
}
