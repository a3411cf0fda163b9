// The one batch runner behind every role: pack the hunks into requests, send them through the role's
// provider in parallel, parse and anchor each answer, count repairs, split or retry what can be saved, and
// give every hunk an outcome. A provider only checks and sends (provider.ts); everything else is here.
import { abortedByDeadline, childController } from '../abort.js';
import type { Config } from '../config/schema.js';
import { errorMessage } from '../errors.js';
import { anchorFindings } from '../findings/anchor.js';
import { runnerMessages as m } from '../messages/runner.js';
import { estimateTokens } from '../route/tokens.js';
import type { Finding, ModelUsage } from '../types.js';
import { ROLE_NAME, type Role } from '../vocabulary.js';
import { packRequests, runLimited, splitRequest } from './batch.js';
import { findingsJsonSchema } from './findingSchema.js';
import { parseModelOutput } from './parseModelOutput.js';
import { buildUserPrompt, shareFileContext, systemPromptFor } from './prompt.js';
import type { ModelProvider, ProviderFailure } from './provider.js';
import { isNeverSend, redactItems } from './redact.js';
import {
  addFailedRequest,
  addReply,
  emptyRepairs,
  emptyUsage,
  type ItemOutcome,
  type ModelReviewer,
  type RepairCounts,
  type ReviewBatchResult,
  type ReviewItem,
} from './reviewer.js';

/** The mutable tally of one review() call; every item ends in `outcomes`. */
interface Run {
  role: Role;
  provider: ModelProvider;
  system: string;
  /** The caller's signal, as given: its deadline tells a stall from an interruption. */
  outer: AbortSignal | undefined;
  /** Aborts with `outer`, and when a fatal failure makes requests still in flight pointless. */
  halt: AbortController;
  signal: AbortSignal;
  findings: Finding[];
  outcomes: Map<string, ItemOutcome>;
  usage: ModelUsage;
  repairs: RepairCounts;
  notes: Set<string>;
  /** Hunks per failure sentence, for one note each at the end. */
  failures: Map<string, number>;
  /** Set once a failure would repeat for every later request: those fail without being sent. */
  fatal: string | null;
  /** Requests the provider answered in any way (a reply, an error it sent back). */
  responses: number;
  /** Requests that got no answer at all, by why, and the longest wait among them. */
  silent: { timeout: number; cancelled: number; waitedMs: number };
}

interface Attempt {
  /** How often this request's items were already halved. */
  depth: number;
  /** The retry after unparseable output, with a more insistent answer format. */
  strict: boolean;
}

function settle(run: Run, items: readonly ReviewItem[], reason: string): void {
  for (const item of items) run.outcomes.set(item.hunk.hash, { status: 'failed', reason });
}

/** A request that failed: its hunks are not reviewed, and the run's notes say so once per reason. */
function fail(run: Run, items: readonly ReviewItem[], reason: string): void {
  settle(run, items, reason);
  run.failures.set(reason, (run.failures.get(reason) ?? 0) + items.length);
}

/** Halves a request and sends each half; false when it cannot be split (one hunk, or split often enough). */
async function retrySplit(run: Run, items: readonly ReviewItem[], attempt: Attempt, note: string) {
  const halves = attempt.depth < run.provider.limits.maxSplitDepth ? splitRequest(items) : null;
  if (!halves) return false;
  run.notes.add(note);
  for (const half of halves) await reviewRequest(run, half, { ...attempt, depth: attempt.depth + 1 });
  return true;
}

function accept(run: Run, items: readonly ReviewItem[], text: string): string | null {
  const parsed = parseModelOutput(text);
  if ('error' in parsed) return parsed.error;
  const anchored = anchorFindings(
    parsed.candidates,
    items.map((item) => item.hunk),
    { source: ROLE_NAME[run.role], origin: run.provider.model },
  );
  run.findings.push(...anchored.findings);
  if (parsed.extracted) run.repairs.extracted += 1;
  run.repairs.dropped += parsed.dropped + anchored.repairs.dropped;
  run.repairs.reanchored += anchored.repairs.reanchored;
  run.repairs.fileLevel += anchored.repairs.fileLevel;
  for (const item of items) run.outcomes.set(item.hunk.hash, { status: 'reviewed' });
  return null;
}

/**
 * Books a failed request: a silent one (no answer before a timeout or the caller's signal) counts towards a
 * stall; a fatal one stops the requests still in flight, which would only fail the same way, later.
 */
function noteFailure(run: Run, failure: ProviderFailure, waitedMs: number): void {
  if (failure.counted) addFailedRequest(run.usage, failure.host);
  if (failure.silence) {
    run.silent[failure.silence] += 1;
    run.silent.waitedMs = Math.max(run.silent.waitedMs, waitedMs);
  } else run.responses += 1;
  if (failure.effect === 'fatal' && !run.fatal) {
    run.fatal = failure.message;
    run.halt.abort(new Error(failure.message));
  }
}

/** One request for `items`: send, then truncation / refusal / parse handling, splitting and retrying. */
async function reviewRequest(run: Run, items: readonly ReviewItem[], attempt: Attempt): Promise<void> {
  if (run.fatal) return fail(run, items, run.fatal);
  if (run.signal.aborted) return settle(run, items, m.cancelled(run.role));
  const user = buildUserPrompt(shareFileContext(items), { kind: run.role, strict: attempt.strict });
  const started = Date.now();
  const sent = await run.provider.send({ system: run.system, user, schema: findingsJsonSchema }, run.signal);
  if (!sent.ok) {
    const { failure } = sent;
    // Stopped because another request found the provider unusable: that is this request's reason too.
    if (run.fatal && failure.silence === 'cancelled' && !run.outer?.aborted)
      return fail(run, items, run.fatal);
    noteFailure(run, failure, Date.now() - started);
    // Cut off by the caller (deadline, Ctrl-C): the run says why once, for every hunk it stopped.
    if (failure.silence === 'cancelled') return settle(run, items, failure.message);
    if (failure.effect === 'split') {
      const note = m.failureSplit(failure.message, items.length);
      if (await retrySplit(run, items, attempt, note)) return;
    }
    return fail(run, items, failure.message);
  }
  const { reply } = sent;
  run.responses += 1;
  addReply(run.usage, reply);
  for (const note of reply.notes) run.notes.add(note);
  if (reply.stop.kind === 'truncated') {
    if (await retrySplit(run, items, attempt, m.truncatedSplit(run.role, items.length))) return;
    return fail(run, items, reply.stop.detail);
  }
  if (reply.stop.kind === 'refused') return fail(run, items, reply.stop.detail);
  const error = accept(run, items, reply.text);
  if (error === null) return;
  if (attempt.strict) return fail(run, items, m.unparseable(run.role, error));
  run.repairs.retried += 1;
  return reviewRequest(run, items, { ...attempt, strict: true });
}

/**
 * What may be sent at all: never_send is enforced here again for a provider outside your infrastructure
 * (whatever the caller did), and every item is redacted once more (defence in depth: the pipeline
 * redacts already, so anything found here was missed upstream).
 */
async function sendable(run: Run, items: readonly ReviewItem[], config: Config): Promise<ReviewItem[]> {
  const allowed = items.filter((item) => {
    if (!run.provider.cloud || !isNeverSend(item.hunk.file, config)) return true;
    settle(run, [item], m.neverSend());
    return false;
  });
  const redacted = await redactItems(allowed);
  if (redacted.count > 0) run.notes.add(m.redactedLate(run.role, redacted.count));
  return redacted.value;
}

async function review(
  role: Role,
  provider: ModelProvider,
  config: Config,
  items: readonly ReviewItem[],
  signal?: AbortSignal,
): Promise<ReviewBatchResult> {
  const halt = childController(signal);
  const run: Run = {
    role,
    provider,
    system: systemPromptFor(role),
    outer: signal,
    halt,
    signal: halt.signal,
    findings: [],
    outcomes: new Map(),
    usage: emptyUsage(provider.model, role, provider.id),
    repairs: emptyRepairs(),
    notes: new Set(provider.notes),
    failures: new Map(),
    fatal: null,
    responses: 0,
    silent: { timeout: 0, cancelled: 0, waitedMs: 0 },
  };
  const { limits } = provider;
  const packed = packRequests(await sendable(run, items, config), {
    budgetTokens: Math.min(limits.requestTokens, limits.maxRequestTokens),
    maxTokens: limits.maxRequestTokens,
    overheadTokens: estimateTokens(run.system) + limits.framingTokens,
    kind: role,
  });
  for (const { item, tokens } of packed.tooLarge) settle(run, [item], provider.tooLarge(tokens));
  const results = await runLimited(packed.requests, { concurrency: limits.concurrency, signal }, (request) =>
    reviewRequest(run, request, { depth: 0, strict: false }),
  );
  // A request that threw (a bug, not a service failure) or never started still owes its items an outcome.
  results.forEach((result, index) => {
    if (result.ok) return;
    const reason = result.cancelled ? m.cancelled(role) : m.failed(role, errorMessage(result.error));
    settle(
      run,
      (packed.requests[index] ?? []).filter((item) => !run.outcomes.has(item.hunk.hash)),
      reason,
    );
  });
  for (const [reason, hunks] of run.failures) run.notes.add(m.failedNote(role, reason, hunks));
  const stall = stallOf(run);
  return {
    findings: run.findings,
    outcomes: run.outcomes,
    usage: run.usage,
    repairs: run.repairs,
    notes: [...run.notes],
    answered: run.responses > 0,
    ...(stall ? { stall } : {}),
    ...(run.fatal ? { fatal: run.fatal } : {}),
  };
}

/**
 * Up but stuck: the provider's own timeout found the server silent, or the run's deadline cut off requests
 * of which not one had been answered. An interruption (Ctrl-C) or a slow server that did answer is no stall.
 */
function stallOf(run: Run): { waitedMs: number } | null {
  const { timeout, cancelled, waitedMs } = run.silent;
  const cutOffUnanswered = cancelled > 0 && run.responses === 0 && abortedByDeadline(run.outer);
  return timeout > 0 || cutOffUnanswered ? { waitedMs } : null;
}

/** A role's reviewer: the runner over the provider the config assigns to the role. */
export function createModelReviewer(role: Role, provider: ModelProvider, config: Config): ModelReviewer {
  return {
    role,
    provider: provider.id,
    model: provider.model,
    url: provider.url ?? null,
    probeBeforeUse: provider.probeBeforeUse,
    configured: () => provider.configured(),
    check: (signal, limitMs) => provider.check(signal, limitMs),
    review: (items, signal) => review(role, provider, config, items, signal),
  } satisfies ModelReviewer;
}
