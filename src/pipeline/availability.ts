// Which reviewers this run can use, decided once, with the typed reason for each role it cannot use.
import { abortedByDeadline } from '../abort.js';
import { roleSettings } from '../config/roleSettings.js';
import type { Config } from '../config/schema.js';
import type { Notice, Unavailable } from '../reasons.js';
import type { Availability, ModelReviewer } from '../review/reviewer.js';
import type { Role } from '../vocabulary.js';
import type { RunReviewOptions } from './runOptions.js';
import { pausedBy, type StalledServer, type StallMarks, stallPauseMinutes } from './stallMarks.js';

export interface ReviewerSet {
  reviewers: Record<Role, ModelReviewer | null>;
  /** Null for a role that can be used, else why not. */
  unavailable: Record<Role, Unavailable | null>;
  notices: Notice[];
  /** Roles whose server took the check and never answered it (`check-timeout`): to remember, as a stall is. */
  stalls: Map<Role, StalledServer>;
}

/**
 * A probe the server takes longer than this to answer (or than the role's own request timeout) counts as stuck.
 * It is the check's own limit, not a deadline on the run's signal: running out of it is a timeout, and only Ctrl-C
 * (the signal) is a cancellation.
 */
const PROBE_MS = 3000;

function probeMs(role: Role, config: Config): number {
  return Math.min(PROBE_MS, roleSettings(config, role).timeout_seconds * 1000);
}

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
  stall?: StalledServer;
}

/** The role's reviewer: the batch runner over the provider the config assigns to the role (loaded lazily). */
async function buildReviewer(role: Role, options: RunReviewOptions): Promise<ModelReviewer> {
  const [{ createProvider }, { createModelReviewer }] = await Promise.all([
    import('../review/providers.js'),
    import('../review/runBatches.js'),
  ]);
  const { config, env } = options;
  return createModelReviewer(role, await createProvider({ role, config, env }), config);
}

async function resolveRole(
  role: Role,
  options: RunReviewOptions,
  signal: AbortSignal,
  marks: StallMarks,
): Promise<Resolved> {
  const denied = forbidden(role, options);
  if (denied) return { reviewer: null, unavailable: denied };
  if (!roleSettings(options.config, role).enabled)
    return { reviewer: null, unavailable: { code: 'disabled', role } };
  const reviewer = options.reviewers?.[role] ?? (await buildReviewer(role, options));
  const configured = reviewer.configured?.() ?? { ok: true };
  if (!configured.ok) {
    const { reason, fix } = configured;
    return { reviewer: null, unavailable: { code: 'not-configured', role, reason, fix } };
  }
  // A commit does not wait again on a server that stalled minutes ago: it is not even contacted.
  const paused = options.mode === 'hook' ? pausedBy(marks[role], reviewer) : null;
  if (paused)
    return {
      reviewer: null,
      unavailable: paused,
      notice: { code: 'reviewer-unavailable', unavailable: paused },
    };
  if (reviewer.probeBeforeUse === false) return { reviewer, unavailable: null };
  const check = await reviewer.check(signal, probeMs(role, options.config));
  if (check.ok) return { reviewer, unavailable: null };
  // The hook's time budget cut the check short: that says nothing about the server (not down, not stuck, not
  // cancelled by the user), so the role stays in the plan and the run's stop settles its hunks as `time-budget`.
  if (abortedByDeadline(signal)) return { reviewer, unavailable: null };
  return { reviewer: null, ...checkFailure(role, reviewer, check, options) };
}

/** Why a role whose check failed cannot be used; a server that took the check and stayed silent is a stall. */
function checkFailure(
  role: Role,
  reviewer: ModelReviewer,
  check: Extract<Availability, { ok: false }>,
  options: RunReviewOptions,
): Omit<Resolved, 'reviewer'> {
  const silent = check.unanswered;
  const unavailable: Unavailable = silent
    ? {
        code: 'check-timeout',
        role,
        provider: reviewer.provider,
        servers: silent.servers,
        seconds: silent.seconds,
        pauseMinutes: stallPauseMinutes(options.mode),
      }
    : { code: 'check-failed', role, reason: check.reason, fix: check.fix };
  return {
    unavailable,
    notice: { code: 'reviewer-unavailable', unavailable },
    ...(silent ? { stall: { reviewer, waitedMs: silent.seconds * 1000 } } : {}),
  };
}

/** `marks`: servers that stalled in an earlier run (stallMarks.ts); the hook skips them while they are paused. */
export async function resolveReviewers(
  options: RunReviewOptions,
  signal: AbortSignal,
  marks: StallMarks = {},
): Promise<ReviewerSet> {
  const [local, escalation] = await Promise.all([
    resolveRole('local', options, signal, marks),
    resolveRole('escalation', options, signal, marks),
  ]);
  const stalls = new Map<Role, StalledServer>();
  if (local.stall) stalls.set('local', local.stall);
  if (escalation.stall) stalls.set('escalation', escalation.stall);
  return {
    reviewers: { local: local.reviewer, escalation: escalation.reviewer },
    unavailable: { local: local.unavailable, escalation: escalation.unavailable },
    notices: [local.notice, escalation.notice].filter((n) => n !== undefined),
    stalls,
  };
}
