// The composition of the engine: diff → rules → routes → reviewers (cached, with fallbacks) → one ReviewResult.
import { join } from 'node:path';
import { timeoutSignal } from '../abort.js';
import type { Config } from '../config/schema.js';
import { mergeFindings } from '../findings/merge.js';
import { placeFindings } from '../findings/place.js';
import { readDiff } from '../git/readDiff.js';
import { writeLastRun } from '../memory/lastRun.js';
import {
  memoryNotices,
  memorySummary,
  notesDigest,
  notesForHunks,
  openMemory,
  type RunMemory,
  suppressWithMemory,
} from '../memory/runMemory.js';
import { stateDir } from '../memory/stateDir.js';
import { claudeMessages } from '../messages/claude.js';
import { ReviewCache } from '../review/cache.js';
import { isNeverSend } from '../review/redact.js';
import { runRules } from '../rules/runRules.js';
import type { FileDiff, Finding, HunkOutcome, ReviewResult, RouteDecision } from '../types.js';
import type { Role } from '../vocabulary.js';
import { forbiddenRoles, resolveReviewers } from './availability.js';
import { cacheDirFor } from './cacheKeys.js';
import { summariseCost, unpricedNotice } from './cost.js';
import {
  executeLanes,
  type LaneState,
  newLaneState,
  settleUnreviewable,
  takeFromCache,
} from './executeLanes.js';
import { planLanes } from './lanes.js';
import { routeRemembered } from './routePlan.js';
import type { ExecOptions, RunReviewOptions } from './runOptions.js';
import { openSecretMemo } from './secretMemo.js';
import {
  clearStallMark,
  readStallMarks,
  type StalledServer,
  stallMarkOf,
  stallPauseMinutes,
  writeStallMark,
} from './stallMarks.js';
import { triageDecisions } from './triage.js';
import { verifyBlocking } from './verifyBlocking.js';

export type { RunReviewOptions } from './runOptions.js';

function dryRunOutcomes(decisions: readonly RouteDecision[]): HunkOutcome[] {
  return decisions.map((d) =>
    d.route === 'skip'
      ? {
          hunk: d.hunk,
          route: 'skip',
          status: 'skipped',
          reason: { code: 'routing-skip', detail: d.reasons.map((r) => r.detail).join('; ') },
          notes: [],
        }
      : { hunk: d.hunk, route: d.route, status: 'notReviewed', reason: { code: 'dry-run' }, notes: [] },
  );
}

function runSignal(signal: AbortSignal, deadline: number | undefined): AbortSignal {
  if (deadline === undefined) return signal;
  return timeoutSignal(signal, deadline - Date.now());
}

/**
 * The caches are on: cache.enabled, and no `--no-cache`. It holds for every one of them — reviews, the memos kept
 * beside them, the team memory's embeddings: with `--no-cache` nothing is read, so nothing stale can answer.
 */
const cacheOn = (options: Pick<RunReviewOptions, 'config' | 'cache'>) =>
  options.config.cache.enabled && options.cache !== false;

/** The memory file is data for hunkwise, not code: the rules still see it, no model is asked to review it. */
function withMemoryFileSkipped(config: Config): Config {
  if (!config.memory.enabled) return config;
  return { ...config, routing: { ...config.routing, skip: [...config.routing.skip, config.memory.file] } };
}

/** Path in this diff → its name before, for records made before a rename. */
function renamesOf(files: readonly FileDiff[]): Map<string, string> {
  const renames = new Map<string, string>();
  for (const file of files)
    if (file.oldPath && file.newPath && file.oldPath !== file.newPath)
      renames.set(file.newPath, file.oldPath);
  return renames;
}

export async function runReview(options: RunReviewOptions): Promise<ReviewResult> {
  const started = Date.now();
  const config = withMemoryFileSkipped(options.config);
  options = { ...options, config };
  const diff = await readDiff(options.spec, {
    cwd: options.cwd,
    ...(options.repository ? { head: options.repository.head } : {}),
    ignore: config.ignore,
    maxFileChangedLines: config.limits.max_file_changed_lines,
    maxTotalChangedLines: config.limits.max_total_changed_lines,
  });
  // What the last run of this build found for the same hunks (secrets, the route plan), kept with the cache on.
  const memoDir = cacheOn(options) ? options.repository?.commonDir : undefined;
  const secretMemo = openSecretMemo(memoDir, options.buildId);
  const ruleFindings = await runRules(diff.files, config, secretMemo ?? undefined);
  secretMemo?.save();
  const signal = runSignal(options.signal, options.deadline);
  const routed = routeRemembered(diff.files, config, ruleFindings, memoDir, options.buildId);
  const triaged = await triageDecisions(routed, { ...options, signal });
  const decisions = triaged.decisions;
  options.progress?.({ kind: 'diff', files: diff.files.length, hunks: decisions.length });
  const memory = await openMemory({
    cwd: options.cwd,
    env: options.env,
    config,
    cacheDir: async () => (cacheOn(options) ? join(await cacheDirFor(options), 'embeddings') : null),
    ...(options.extraDismissals ? { extraDismissals: options.extraDismissals } : {}),
  });
  /** Merge, then the memory: the same suppression whatever reviewed the hunks. */
  const settle = async (findings: Finding[]) => {
    const merged = mergeFindings(placeFindings(findings, diff.files));
    return suppressWithMemory(memory, merged, signal, renamesOf(diff.files));
  };

  const base = { source: diff.label, files: diff.files, decisions, dryRun: options.dryRun };
  if (options.dryRun || decisions.every((d) => d.route === 'skip')) {
    const outcomes = dryRunOutcomes(decisions);
    return remember(options, {
      ...base,
      outcomes,
      ...(await settle(ruleFindings)),
      memory: memorySummary(memory),
      usage: [],
      cost: summariseCost({ decisions, outcomes, usage: [], dryRun: options.dryRun }, config),
      notices: [...triaged.notices, ...memoryNotices(memory), unpricedNotice(config)].filter(
        (n) => n !== null,
      ),
      durationMs: Date.now() - started,
    });
  }

  const reviewed = await reviewWithModels(decisions, { ...options, signal }, memory);
  const usage = [...reviewed.usage.values()];
  return remember(options, {
    ...base,
    outcomes: reviewed.outcomes,
    ...(await settle([...ruleFindings, ...reviewed.findings])),
    memory: memorySummary(memory),
    usage,
    cost: summariseCost({ decisions, outcomes: reviewed.outcomes, usage, dryRun: false }, config),
    notices: [
      ...triaged.notices,
      ...reviewed.notices,
      ...memoryNotices(memory),
      unpricedNotice(config),
    ].filter((n) => n !== null),
    durationMs: Date.now() - started,
  });
}

/** Every real run leaves its findings for `review dismiss --last`; a dry run reviewed nothing to dismiss. */
async function remember(options: RunReviewOptions, result: ReviewResult): Promise<ReviewResult> {
  if (!options.dryRun) await writeLastRun(options.cwd, result);
  return result;
}

/**
 * Cache first, with every reviewer assumed available: when everything is cached no service is contacted.
 * Only the rest waits for the availability checks, the lane plan and the reviewers.
 */
async function reviewWithModels(
  decisions: RouteDecision[],
  execOptions: ExecOptions,
  memory: RunMemory | null,
): Promise<LaneState> {
  const options: ExecOptions = { ...execOptions, notesDigest: notesDigest(memory) };
  const { config } = options;
  const state = newLaneState(config);
  const cache = new ReviewCache(cacheOn(options) ? await cacheDirFor(options) : null);
  const neverSend = (path: string) => isNeverSend(path, config);
  const assumed = planLanes(decisions, {
    config,
    mode: options.mode,
    unavailable: forbiddenRoles(options),
    neverSend,
  });
  const uncached = takeFromCache(state, assumed, cache, options);
  if (uncached.some((plan) => plan.chain.length > 0)) {
    const toModels = uncached.filter((plan) => plan.chain.length > 0).map((plan) => plan.decision.hunk);
    // Shared by every worktree: a stuck server is the machine's, not the branch's.
    const common = options.repository
      ? join(options.repository.commonDir, 'hunkwise')
      : await stateDir(options.cwd, 'common');
    const marks = options.mode === 'hook' ? readStallMarks(common) : {};
    const [available, notes] = await Promise.all([
      resolveReviewers(options, options.signal, marks),
      notesForHunks(memory, toModels, options.signal),
    ]);
    options.guidance = notes.byHunk;
    state.notices.push(...available.notices);
    const plans = planLanes(
      uncached.map((plan) => plan.decision),
      { config, mode: options.mode, unavailable: available.unavailable, neverSend },
    );
    await executeLanes(state, plans, cache, options, available);
    rememberStalls(state, available.stalls, common, options);
  } else {
    settleUnreviewable(state, uncached);
  }
  if (cache.corrupt > 0) state.notices.push({ code: 'cache-unreadable', count: cache.corrupt });
  // Claude already found unusable in this run (stuck, key rejected…): verifying would only fail again, later.
  if (config.claude.verify_local && !forbiddenRoles(options).escalation) {
    if (state.down.has('escalation')) state.notices.push(verificationSkipped());
    else await verifyBlocking(state, decisions, options);
  }
  return state;
}

function verificationSkipped() {
  return { code: 'verification-failed' as const, detail: claudeMessages.verifySkippedDown() };
}

/**
 * A server that took requests, or the availability check, and answered none is remembered, so that the next
 * commits skip it (CI runs start from a fresh checkout: there it is only said); one that answered lifts an
 * earlier mark. A silent check was said already, by its `check-timeout` notice.
 */
function rememberStalls(
  state: LaneState,
  silentChecks: ReadonlyMap<Role, StalledServer>,
  dir: string,
  options: ExecOptions,
): void {
  const pauseMinutes = stallPauseMinutes(options.mode);
  for (const [role, { reviewer, waitedMs }] of silentChecks)
    if (pauseMinutes > 0) writeStallMark(dir, stallMarkOf(role, reviewer, waitedMs));
  for (const [role, { reviewer, waitedMs }] of state.stalls) {
    const mark = stallMarkOf(role, reviewer, waitedMs);
    if (pauseMinutes > 0) writeStallMark(dir, mark);
    state.notices.push({
      code: 'stalled',
      role,
      provider: mark.provider,
      endpoint: mark.endpoint,
      waitedSeconds: mark.waitedSeconds,
      pauseMinutes,
    });
  }
  for (const role of state.answered) if (!state.stalls.has(role)) clearStallMark(dir, role);
}
