// Which reviewers this run can use, decided once, with the typed reason for each role it cannot use.
import { timeoutSignal } from '../abort.js';
import { claudeMessages } from '../messages/claude.js';
import type { Notice, Unavailable } from '../reasons.js';
import type { ModelReviewer } from '../review/reviewer.js';
import type { Role } from '../vocabulary.js';
import type { RunReviewOptions } from './runOptions.js';

export interface ReviewerSet {
  reviewers: Record<Role, ModelReviewer | null>;
  /** Null for a role that can be used, else why not. */
  unavailable: Record<Role, Unavailable | null>;
  notices: Notice[];
}

const LOCAL_CHECK_MS = 3000;

type Flags = Pick<RunReviewOptions, 'allowLocal' | 'allowClaude' | 'mode'>;

/** Why this run may not use a role at all, from the command line and mode alone, or null when it may. */
export function forbidden(role: Role, options: Flags): Unavailable | null {
  if (role === 'local') return options.allowLocal === false ? { code: 'flag', role } : null;
  if (options.allowClaude) return null;
  return { code: options.mode === 'hook' ? 'hook' : 'flag', role };
}

/** The flags alone, for the cache-first plan made before any service is contacted. */
export function forbiddenRoles(options: Flags): Record<Role, Unavailable | null> {
  return { local: forbidden('local', options), escalation: forbidden('escalation', options) };
}

interface Resolved {
  reviewer: ModelReviewer | null;
  unavailable: Unavailable | null;
  notice?: Notice;
}

async function resolveLocal(options: RunReviewOptions, signal: AbortSignal): Promise<Resolved> {
  const { config } = options;
  const role = 'local';
  const denied = forbidden(role, options);
  if (denied) return { reviewer: null, unavailable: denied };
  if (!config.local.enabled) return { reviewer: null, unavailable: { code: 'disabled', role } };
  const reviewer =
    options.reviewers?.local ??
    (await import('../review/ollama.js')).createOllamaReviewer(config, options.env);
  const check = await reviewer.check(timeoutSignal(signal, LOCAL_CHECK_MS));
  if (check.ok) return { reviewer, unavailable: null };
  const unavailable: Unavailable = { code: 'check-failed', role, reason: check.reason, fix: check.fix };
  return { reviewer: null, unavailable, notice: { code: 'reviewer-unavailable', unavailable } };
}

async function resolveClaude(options: RunReviewOptions): Promise<Resolved> {
  const { config } = options;
  const role = 'escalation';
  const denied = forbidden(role, options);
  if (denied) return { reviewer: null, unavailable: denied };
  if (!config.claude.enabled) return { reviewer: null, unavailable: { code: 'disabled', role } };
  if (options.reviewers?.escalation) return { reviewer: options.reviewers.escalation, unavailable: null };
  if (!options.env.ANTHROPIC_API_KEY) {
    const reason = claudeMessages.noKey();
    const fix = claudeMessages.noKeyFix();
    return { reviewer: null, unavailable: { code: 'not-configured', role, reason, fix } };
  }
  const { createClaudeReviewer } = await import('../review/claude.js');
  return { reviewer: createClaudeReviewer(config, options.env) as ModelReviewer, unavailable: null };
}

export async function resolveReviewers(options: RunReviewOptions, signal: AbortSignal): Promise<ReviewerSet> {
  const [local, escalation] = await Promise.all([resolveLocal(options, signal), resolveClaude(options)]);
  return {
    reviewers: { local: local.reviewer, escalation: escalation.reviewer },
    unavailable: { local: local.unavailable, escalation: escalation.unavailable },
    notices: [local.notice, escalation.notice].filter((n) => n !== undefined),
  };
}
