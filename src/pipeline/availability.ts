// Which reviewers this run can use, decided once, with a one-line reason for each one it cannot.
import { timeoutSignal } from '../abort.js';
import type { ModelReviewer } from '../review/reviewer.js';
import type { RunReviewOptions } from './runReview.js';

export interface ReviewerSet {
  local: ModelReviewer | null;
  claude: ModelReviewer | null;
  localUnavailable: string | null;
  claudeUnavailable: string | null;
  notices: string[];
}

const LOCAL_CHECK_MS = 3000;

/** Why this run may not use the local model at all (`--no-local`), or null when it may. */
export function localForbidden(options: Pick<RunReviewOptions, 'allowLocal'>): string | null {
  return options.allowLocal === false ? 'local model disabled (--no-local)' : null;
}

async function resolveLocal(options: RunReviewOptions, signal: AbortSignal) {
  const { config } = options;
  const forbidden = localForbidden(options);
  if (forbidden) return { reviewer: null, unavailable: forbidden };
  if (!config.local.enabled)
    return { reviewer: null, unavailable: 'local model disabled (local.enabled: false)' };
  const reviewer =
    options.reviewers?.local ??
    (await import('../review/ollama.js')).createOllamaReviewer(config, options.env);
  const check = await reviewer.check(timeoutSignal(signal, LOCAL_CHECK_MS));
  if (check.ok) return { reviewer, unavailable: null };
  return { reviewer: null, unavailable: check.reason, notice: `${check.reason} — ${check.fix}` };
}

/** Why this run may not use Claude at all, or null when it may. */
export function claudeForbidden(options: Pick<RunReviewOptions, 'allowClaude' | 'mode'>): string | null {
  if (options.allowClaude) return null;
  return options.mode === 'hook'
    ? 'Claude is not used from the hook (hook.escalate: false)'
    : 'Claude disabled (--no-claude)';
}

async function resolveClaude(options: RunReviewOptions) {
  const { config } = options;
  const forbidden = claudeForbidden(options);
  if (forbidden) return { reviewer: null, unavailable: forbidden };
  if (!config.claude.enabled)
    return { reviewer: null, unavailable: 'Claude disabled (claude.enabled: false)' };
  if (options.reviewers?.claude) return { reviewer: options.reviewers.claude, unavailable: null };
  if (!options.env.ANTHROPIC_API_KEY) {
    return { reviewer: null, unavailable: 'Claude unavailable (ANTHROPIC_API_KEY is not set)' };
  }
  const { createClaudeReviewer } = await import('../review/claude.js');
  return { reviewer: createClaudeReviewer(config, options.env) as ModelReviewer, unavailable: null };
}

export async function resolveReviewers(options: RunReviewOptions, signal: AbortSignal): Promise<ReviewerSet> {
  const [local, claude] = await Promise.all([resolveLocal(options, signal), resolveClaude(options)]);
  const notices: string[] = [];
  if ('notice' in local && local.notice) notices.push(local.notice);
  return {
    local: local.reviewer,
    claude: claude.reviewer,
    localUnavailable: local.unavailable,
    claudeUnavailable: claude.unavailable,
    notices,
  };
}
