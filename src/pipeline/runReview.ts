// The composition of the engine: diff → rules → routes → reviewers (cached, with fallbacks) → one ReviewResult.
import { timeoutSignal } from '../abort.js';
import type { Config } from '../config/schema.js';
import { mergeFindings } from '../findings/merge.js';
import { placeFindings } from '../findings/place.js';
import type { DiffSpec } from '../git/diffSpec.js';
import { readDiff } from '../git/readDiff.js';
import { routeHunks } from '../route/route.js';
import { runRules } from '../rules/runRules.js';
import type { Finding, HunkOutcome, ReviewResult, RouteDecision } from '../types.js';
import { type ReviewerSet, resolveReviewers } from './availability.js';
import { summariseCost, unpricedNotice, withActualClaudeSpend } from './cost.js';
import { executeLanes } from './executeLanes.js';
import { planLanes } from './lanes.js';

export type RunMode = 'hook' | 'cli' | 'ci';

export type ProgressEvent =
  | { kind: 'diff'; files: number; hunks: number }
  | { kind: 'review-start'; lane: 'local' | 'claude'; hunks: number }
  | { kind: 'review-done'; lane: 'local' | 'claude'; hunks: number };

export interface RunReviewOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  config: Config;
  spec: DiffSpec;
  mode: RunMode;
  dryRun: boolean;
  signal: AbortSignal;
  /** Epoch ms after which nothing new is started and running requests are cancelled. */
  deadline?: number;
  /** False forbids any Claude request (`--no-claude`, or the hook without hook.escalate). */
  allowClaude: boolean;
  allowLocal?: boolean;
  progress?: (event: ProgressEvent) => void;
  /** Injected reviewers (tests); by default built from config and env. */
  reviewers?: Partial<ReviewerSet>;
}

function dryRunOutcomes(decisions: readonly RouteDecision[]): HunkOutcome[] {
  return decisions.map((d) =>
    d.route === 'skip'
      ? { hunk: d.hunk, route: 'skip', status: 'skipped', reason: reasonText(d), notes: [] }
      : {
          hunk: d.hunk,
          route: d.route,
          status: 'notReviewed',
          reason: 'dry run: no model was called',
          notes: [],
        },
  );
}

function reasonText(decision: RouteDecision): string {
  return decision.reasons.map((r) => r.detail).join('; ');
}

function runSignal(signal: AbortSignal, deadline: number | undefined): AbortSignal {
  if (deadline === undefined) return signal;
  return timeoutSignal(signal, deadline - Date.now());
}

export async function runReview(options: RunReviewOptions): Promise<ReviewResult> {
  const started = Date.now();
  const { config } = options;
  const diff = await readDiff(options.spec, {
    cwd: options.cwd,
    ignore: config.ignore,
    maxFileChangedLines: config.limits.max_file_changed_lines,
    maxTotalChangedLines: config.limits.max_total_changed_lines,
  });
  const ruleFindings = runRules(diff.files, config);
  const decisions = routeHunks(diff.files, config, ruleFindings);
  options.progress?.({ kind: 'diff', files: diff.files.length, hunks: decisions.length });

  const base = { source: diff.label, files: diff.files, decisions, dryRun: options.dryRun };
  if (options.dryRun || decisions.every((d) => d.route === 'skip')) {
    const lanes = new Map(decisions.map((d) => [d.hunk.hash, d.route === 'skip' ? null : d.route] as const));
    return {
      ...base,
      outcomes: dryRunOutcomes(decisions),
      findings: mergeFindings(placeFindings(ruleFindings, diff.files)),
      usage: [],
      cost: summariseCost(decisions, lanes, config),
      notices: [unpricedNotice(config)].filter((n) => n !== null),
      durationMs: Date.now() - started,
    };
  }

  const signal = runSignal(options.signal, options.deadline);
  const reviewers = await resolveReviewers(options, signal);
  const plans = planLanes(decisions, {
    config,
    mode: options.mode,
    localUnavailable: reviewers.localUnavailable,
    claudeUnavailable: reviewers.claudeUnavailable,
    neverSend: reviewers.neverSend,
  });
  const executed = await executeLanes(plans, { ...options, signal, diffLabel: diff.label }, reviewers);
  const findings: Finding[] = [...ruleFindings, ...executed.findings];
  return {
    ...base,
    outcomes: executed.outcomes,
    findings: mergeFindings(placeFindings(findings, diff.files)),
    usage: executed.usage,
    cost: withActualClaudeSpend(summariseCost(decisions, executed.lanes, config), executed.usage),
    notices: [...reviewers.notices, ...executed.notices, unpricedNotice(config)].filter((n) => n !== null),
    durationMs: Date.now() - started,
  };
}
