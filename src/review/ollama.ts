// The local reviewer: small hunks to an Ollama model (qwen2.5-coder:7b by default), batched, in parallel,
// each request bounded in context, output and time. Never throws for service failures.
import type { Config } from '../config/schema.js';
import { errorMessage } from '../errors.js';
import { anchorFindings } from '../findings/anchor.js';
import { localMessages as msg } from '../messages/local.js';
import { estimateTokens } from '../route/tokens.js';
import type { Finding } from '../types.js';
import { packRequests, runLimited, splitRequest, withAttempt } from './batch.js';
import { findingsJsonSchema } from './findingSchema.js';
import {
  classifyFailure,
  createClient,
  type OllamaChatRequest,
  type OllamaFailure,
  type PullProgress,
  streamChat,
  streamPull,
} from './ollamaClient.js';
import { type OllamaHost, resolveOllamaHost } from './ollamaHost.js';
import { parseModelOutput } from './parseModelOutput.js';
import { buildSystemPrompt, buildUserPrompt } from './prompt.js';
import {
  type Availability,
  emptyRepairs,
  emptyUsage,
  type ItemOutcome,
  type ModelReviewer,
  type RepairCounts,
  type ReviewBatchResult,
  type ReviewItem,
} from './reviewer.js';

const CHECK_TIMEOUT_MS = 5000;
/** Fixed so that the same hunk gets the same answer (with temperature 0). */
const SEED = 42;
/** Chat template and user-prompt framing around the hunks, on top of the system prompt. */
const FRAMING_TOKENS = 64;
/** Below this share of our estimate, the server probably cut the prompt. */
const SHORTFALL_RATIO = 0.5;

/** Trained context of models whose Ollama builds cannot go further; Ollama caps num_ctx silently. */
const MAX_CONTEXT: Array<[RegExp, number]> = [[/^qwen2\.5-coder(:|$)/i, 32768]];

export function effectiveNumCtx(model: string, requested: number): number {
  const cap = MAX_CONTEXT.find(([pattern]) => pattern.test(model))?.[1];
  return cap !== undefined ? Math.min(cap, requested) : requested;
}

export interface OllamaDeps {
  /** The fetch the client uses; tests and proxies may swap it. */
  fetch?: typeof fetch;
}

interface Settings {
  host: OllamaHost;
  model: string;
  numCtx: number;
  /** num_ctx as configured, when it was above what the model supports. */
  cappedFrom: number | null;
  numPredict: number;
  batchTokens: number;
  concurrency: number;
  timeoutMs: number;
  keepAlive: string;
  fetch: typeof fetch;
  system: string;
}

function settingsOf(config: Config, env: Record<string, string | undefined>, deps: OllamaDeps): Settings {
  const local = config.local;
  return {
    host: resolveOllamaHost(local.host, env),
    model: local.model,
    numCtx: effectiveNumCtx(local.model, local.num_ctx),
    cappedFrom: effectiveNumCtx(local.model, local.num_ctx) < local.num_ctx ? local.num_ctx : null,
    numPredict: local.num_predict,
    batchTokens: local.batch_tokens,
    concurrency: local.concurrency,
    timeoutMs: local.timeout_seconds * 1000,
    keepAlive: local.keep_alive,
    fetch: deps.fetch ?? fetch,
    system: buildSystemPrompt('local'),
  };
}

/** Mutable tally of one review() call; every item ends in `outcomes`. */
interface Run {
  settings: Settings;
  url: string;
  signal: AbortSignal | undefined;
  findings: Finding[];
  outcomes: Map<string, ItemOutcome>;
  usage: ReviewBatchResult['usage'];
  repairs: RepairCounts;
  notes: string[];
  /** Set once the server or model is known to be unusable: later requests fail without being sent. */
  fatal: string | null;
}

function note(run: Run, text: string): void {
  if (!run.notes.includes(text)) run.notes.push(text);
}

function fail(run: Run, items: readonly ReviewItem[], reason: string): void {
  for (const item of items) run.outcomes.set(item.hunk.hash, { status: 'failed', reason });
}

function chatRequest(settings: Settings, user: string): OllamaChatRequest {
  return {
    model: settings.model,
    messages: [
      { role: 'system', content: settings.system },
      { role: 'user', content: user },
    ],
    format: findingsJsonSchema,
    options: { temperature: 0, seed: SEED, num_ctx: settings.numCtx, num_predict: settings.numPredict },
    keep_alive: settings.keepAlive,
    // Without these Ollama drops the middle of an over-long prompt and answers 200 (PROTOCOLS.md 1.4).
    shift: false,
    truncate: false,
  };
}

/** Whether the server saw the request at all (so it counts as a request in usage). */
function reachedServer(failure: OllamaFailure): boolean {
  return ['modelMissing', 'contextExceeded', 'http', 'stream'].includes(failure.kind);
}

async function retrySplit(
  run: Run,
  items: readonly ReviewItem[],
  strict: boolean,
  reason: string,
): Promise<void> {
  const halves = splitRequest(items);
  if (!halves) return fail(run, items, reason);
  for (const half of halves) await reviewRequest(run, half, strict);
}

async function onFailure(run: Run, items: readonly ReviewItem[], failure: OllamaFailure, strict: boolean) {
  const { settings } = run;
  switch (failure.kind) {
    case 'contextExceeded':
      return retrySplit(run, items, strict, msg.contextExceeded(settings.numCtx));
    case 'modelMissing':
      run.fatal = msg.modelMissingReason(settings.model);
      return fail(run, items, run.fatal);
    case 'unreachable':
      run.fatal = msg.unreachableReason(run.url);
      return fail(run, items, run.fatal);
    case 'timeout':
      return fail(run, items, msg.timedOut(Number((failure.timeoutMs / 1000).toFixed(1))));
    case 'cancelled':
      return fail(run, items, msg.cancelled());
    case 'http':
      return fail(run, items, msg.httpError(failure.status, failure.detail));
    case 'stream':
      return fail(run, items, msg.streamError(failure.detail));
    default:
      return fail(run, items, msg.failed(failure.detail));
  }
}

/** One request for `items`; splits and retries on truncation, retries once stricter on garbage. */
async function reviewRequest(run: Run, items: readonly ReviewItem[], strict = false): Promise<void> {
  const { settings } = run;
  if (run.fatal) return fail(run, items, run.fatal);
  if (run.signal?.aborted) return fail(run, items, msg.cancelled());
  const user = buildUserPrompt(items, { kind: 'local', strict });
  const outcome = await withAttempt(settings.timeoutMs, run.signal, (signal) =>
    streamChat(createClient(run.url, signal, settings.fetch), chatRequest(settings, user), signal),
  );
  if (!outcome.ok) {
    if (reachedServer(outcome.failure)) run.usage.requests += 1;
    return onFailure(run, items, outcome.failure, strict);
  }
  const { answer } = outcome;
  run.usage.requests += 1;
  run.usage.inputTokens += answer.promptEvalCount;
  run.usage.outputTokens += answer.evalCount;
  if (answer.doneReason !== 'stop') {
    return retrySplit(run, items, strict, msg.truncatedOutput(settings.numPredict));
  }
  const expected = estimateTokens(settings.system) + estimateTokens(user);
  if (answer.promptEvalCount > 0 && answer.promptEvalCount < expected * SHORTFALL_RATIO) {
    note(run, msg.promptShortfall(answer.promptEvalCount, expected, items.length));
  }
  const parsed = parseModelOutput(answer.content);
  if ('error' in parsed) {
    if (strict) return fail(run, items, msg.unparseable(parsed.error));
    run.repairs.retried += 1;
    return reviewRequest(run, items, true);
  }
  if (parsed.extracted) run.repairs.extracted += 1;
  const anchored = anchorFindings(
    parsed.candidates,
    items.map((item) => item.hunk),
    { source: 'local', origin: settings.model },
  );
  run.repairs.dropped += parsed.dropped + anchored.repairs.dropped;
  run.repairs.reanchored += anchored.repairs.reanchored;
  run.repairs.fileLevel += anchored.repairs.fileLevel;
  run.findings.push(...anchored.findings);
  for (const item of items) run.outcomes.set(item.hunk.hash, { status: 'reviewed' });
}

async function review(
  settings: Settings,
  items: ReviewItem[],
  signal?: AbortSignal,
): Promise<ReviewBatchResult> {
  const run: Run = {
    settings,
    url: settings.host.ok ? settings.host.url : '',
    signal,
    findings: [],
    outcomes: new Map(),
    usage: emptyUsage(settings.model, 'local', 'ollama'),
    repairs: emptyRepairs(),
    notes: [],
    fatal: settings.host.ok ? null : msg.badHost(settings.host.raw, settings.host.from),
  };
  if (settings.cappedFrom) note(run, msg.numCtxCapped(settings.model, settings.cappedFrom, settings.numCtx));
  const overhead = estimateTokens(settings.system) + FRAMING_TOKENS;
  const maxTokens = settings.numCtx - settings.numPredict;
  const { requests, tooLarge } = packRequests(items, {
    budgetTokens: Math.min(settings.batchTokens, maxTokens),
    maxTokens,
    overheadTokens: overhead,
    kind: 'local',
  });
  for (const { item, tokens } of tooLarge) fail(run, [item], msg.tooLarge(tokens, settings.numCtx));
  const results = await runLimited(requests, { concurrency: settings.concurrency, signal }, (batch) =>
    reviewRequest(run, batch),
  );
  // A request that threw (a bug, not a service failure) or never started still owes its items an outcome.
  results.forEach((result, i) => {
    if (result.ok) return;
    const reason = result.cancelled ? msg.cancelled() : msg.failed(errorMessage(result.error));
    fail(
      run,
      requests[i]!.filter((item) => !run.outcomes.has(item.hunk.hash)),
      reason,
    );
  });
  return {
    findings: run.findings,
    outcomes: run.outcomes,
    usage: run.usage,
    repairs: run.repairs,
    notes: run.notes,
  };
}

function hasModel(models: ReadonlyArray<{ name?: string; model?: string }>, wanted: string): boolean {
  const names = new Set([wanted, wanted.includes(':') ? wanted : `${wanted}:latest`]);
  return models.some((m) => names.has(m.name ?? '') || names.has(m.model ?? ''));
}

function unavailable(settings: Settings, url: string, failure: OllamaFailure): Availability {
  switch (failure.kind) {
    case 'unreachable':
      return { ok: false, reason: msg.unreachable(url), fix: msg.unreachableFix() };
    case 'timeout':
      return {
        ok: false,
        reason: msg.checkTimeout(url, failure.timeoutMs / 1000),
        fix: msg.checkTimeoutFix(),
      };
    case 'modelMissing':
      return {
        ok: false,
        reason: msg.modelMissing(settings.model),
        fix: msg.modelMissingFix(settings.model),
      };
    case 'cancelled':
      return { ok: false, reason: msg.cancelled(), fix: msg.checkTimeoutFix() };
    case 'http':
      // A 404 for /api/version is not Ollama saying no: the URL points somewhere else (often `…/api`).
      if (failure.status === 404)
        return { ok: false, reason: msg.notApiRoot(url), fix: msg.notApiRootFix(url) };
      return { ok: false, reason: msg.checkFailed(url, failure.detail), fix: msg.checkFailedFix() };
    default:
      return {
        ok: false,
        reason: msg.checkFailed(url, failure.detail),
        fix: msg.checkFailedFix(),
      };
  }
}

/** `GET /api/version` then `/api/tags`: is the server up, and is the model pulled? Never throws. */
async function check(settings: Settings, signal?: AbortSignal): Promise<Availability> {
  const host = settings.host;
  if (!host.ok) return { ok: false, reason: msg.badHost(host.raw, host.from), fix: msg.badHostFix() };
  return withAttempt(CHECK_TIMEOUT_MS, signal, async (attempt): Promise<Availability> => {
    try {
      const client = createClient(host.url, attempt, settings.fetch);
      const { version } = await client.version();
      const { models } = await client.list();
      if (!hasModel(models ?? [], settings.model)) {
        return {
          ok: false,
          reason: msg.modelMissing(settings.model),
          fix: msg.modelMissingFix(settings.model),
        };
      }
      return { ok: true, detail: msg.available(version, host.url, settings.model) };
    } catch (error) {
      return unavailable(settings, host.url, classifyFailure(error, attempt, 'request'));
    }
  });
}

export type PullResult = { ok: true } | { ok: false; reason: string };

/** Pulls the configured model with progress (for `review doctor --pull`); no timeout but the caller's. */
async function pull(
  settings: Settings,
  onProgress: (p: PullProgress) => void,
  signal?: AbortSignal,
): Promise<PullResult> {
  const host = settings.host;
  if (!host.ok) return { ok: false, reason: msg.badHost(host.raw, host.from) };
  const attempt = signal ?? new AbortController().signal;
  const result = await streamPull(
    createClient(host.url, attempt, settings.fetch),
    settings.model,
    onProgress,
    attempt,
  );
  if (result.ok) return result;
  const failure = result.failure;
  if (failure.kind === 'unreachable') return { ok: false, reason: msg.unreachableReason(host.url) };
  if (failure.kind === 'cancelled') return { ok: false, reason: msg.cancelled() };
  return { ok: false, reason: msg.failed('detail' in failure ? failure.detail : failure.kind) };
}

export interface OllamaReviewer extends ModelReviewer {
  readonly role: 'local';
  /** The URL requests go to, after config / OLLAMA_HOST / default; null when that value is unusable. */
  readonly url: string | null;
  pullModel(onProgress: (progress: PullProgress) => void, signal?: AbortSignal): Promise<PullResult>;
}

export function createOllamaReviewer(
  config: Config,
  env: Record<string, string | undefined> = process.env,
  deps: OllamaDeps = {},
): OllamaReviewer {
  const settings = settingsOf(config, env, deps);
  return {
    role: 'local',
    provider: 'ollama',
    model: settings.model,
    url: settings.host.ok ? settings.host.url : null,
    check: (signal) => check(settings, signal),
    review: (items, signal) => review(settings, items, signal),
    pullModel: (onProgress, signal) => pull(settings, onProgress, signal),
  } satisfies OllamaReviewer;
}

/** `review doctor --pull`: pull the configured model, reporting progress. */
export function pullModel(
  config: Config,
  env: Record<string, string | undefined>,
  onProgress: (progress: PullProgress) => void,
  signal?: AbortSignal,
): Promise<PullResult> {
  return createOllamaReviewer(config, env).pullModel(onProgress, signal);
}
