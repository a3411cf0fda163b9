// The Claude adapter of the Reviewer port, over @anthropic-ai/sdk 1.x (anthropic-version 2026-10-21).
// Escalated hunks go out redacted, fenced as untrusted data, with no tools; only schema-valid findings that
// anchor to the hunks sent come back. Every failure ends as an item outcome with a sentence, never a throw.
import Anthropic, { type Middleware } from '@anthropic-ai/sdk';
import type { Message, MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import type { Config } from '../config/schema.js';
import { anchorFindings } from '../findings/anchor.js';
import { claudeMessages as m } from '../messages/claude.js';
import { estimateTokens } from '../route/tokens.js';
import type { ModelUsage } from '../types.js';
import { packRequests, runLimited, splitRequest } from './batch.js';
import { type ClaudeFailure, describeClaudeError } from './claudeErrors.js';
import { findingsJsonSchema } from './findingSchema.js';
import { parseModelOutput } from './parseModelOutput.js';
import { type BilledTokens, billedTokensOf, costOf } from './pricing.js';
import { buildSystemPrompt, buildUserPrompt } from './prompt.js';
import { isNeverSend, redactItems } from './redact.js';
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

export type ClaudeEnv = Record<string, string | undefined>;

const DEFAULT_BASE_URL = 'https://api.anthropic.com';
/**
 * The SDK refuses non-streaming calls whose max_tokens implies more than 10 minutes at its 128k tokens/hour
 * heuristic (21,333 tokens); above that we stream, which also keeps idle proxies from cutting the socket.
 */
const STREAM_ABOVE_MAX_TOKENS = 21_333;
const CHECK_TIMEOUT_MS = 5_000;
/** No single request beyond this many estimated input tokens; a hunk bigger than it is reported, not sent. */
export const HARD_REQUEST_TOKENS = 150_000;
const TRUNCATED = new Set(['max_tokens', 'model_context_window_exceeded']);

/**
 * A Claude-only checklist appended to the shared system prompt. Besides guiding the review it lifts the
 * stable prefix above the 1,024-token minimum below which the API caches nothing (silently): the shared
 * prompt alone is about 800 tokens.
 * @see https://platform.claude.com/docs/en/build-with-claude/prompt-caching
 */
export const CLAUDE_CHECKLIST = [
  'Security checklist for escalated hunks (check what applies, skip what does not):',
  '- Injection: values from requests, files, environment or the network reaching SQL, shell commands,',
  '  file paths, regular expressions, HTML/templates, eval/Function, deserialisers or URL builders',
  '  without parameterisation, escaping or an allow-list.',
  '- Path handling: joins with user input that allow "..", absolute paths, symlinks or NUL bytes;',
  '  archive extraction without checking entry names ("zip slip").',
  '- Authentication and authorisation: checks removed, inverted or moved after the action; comparisons',
  '  of secrets that are not constant-time; tokens or sessions that never expire; missing ownership checks.',
  '- Prototype pollution and object injection: merging or setting keys such as __proto__, constructor or',
  '  prototype from untrusted input; property lookups on plain objects used as maps.',
  '- Regular expressions: nested quantifiers or overlapping alternatives on untrusted input (ReDoS);',
  '  anchors missing where a whole-string match was intended; character classes that admit control chars.',
  '- Cryptography: weak or home-made algorithms, fixed IVs or nonces, Math.random for secrets, disabled',
  '  certificate verification, secrets or keys written to logs, errors or URLs.',
  '- Resource safety: unbounded reads, loops or recursion driven by input; missing timeouts; leaked',
  '  handles, listeners or locks on error paths; races between check and use.',
  '- Error handling: exceptions swallowed so a failure looks like success; partial writes left behind;',
  '  error messages that reveal internals to callers.',
  '- Correctness of the changed logic: off-by-one, wrong operator or variable, inverted condition,',
  '  missing await, unhandled null or undefined, changed behaviour for existing callers of an exported',
  '  function, and mismatches between the code and its tests or documentation in the same change.',
  '',
  'Severity guide: critical = exploitable or data-losing as written; major = a real bug or a risk that needs',
  'a specific but plausible input; minor = should fix, limited impact; info = a remark worth knowing.',
  'Placeholders such as [REDACTED:aws-access-key-id#1] stand for secrets removed before sending: do not',
  'report the placeholder itself; report how the secret is handled if that is wrong.',
  'Quote only code that appears in the hunk; never invent line numbers outside the hunks shown.',
].join('\n');

/** The stable prefix for every Claude review request (byte-identical across requests, so it is cached). */
export function claudeSystemPrompt(): string {
  return `${buildSystemPrompt('claude')}\n\n${CLAUDE_CHECKLIST}`;
}

/** 429s that cannot succeed before the limit resets (the SDK would otherwise retry every 429). */
const SPEND_LIMIT_CODES = new Set(['enforced_spend_limit_reached', 'contract_spend_limit_reached']);

/**
 * Marks spend-limit 429s `x-should-retry: false`, the header the SDK obeys before its status rules, so a
 * reached spend limit costs one request instead of max_retries + 1 with back-off.
 */
export const noRetryOnSpendLimit: Middleware = async (request, next) => {
  const response = await next(request);
  if (response.status !== 429) return response;
  const text = await response.text();
  let code: unknown;
  try {
    code = (JSON.parse(text) as { error?: { details?: { error_code?: unknown } } }).error?.details
      ?.error_code;
  } catch {
    code = undefined;
  }
  const headers = new Headers(response.headers);
  if (typeof code === 'string' && SPEND_LIMIT_CODES.has(code)) headers.set('x-should-retry', 'false');
  return new Response(text, { status: response.status, statusText: response.statusText, headers });
};

export interface ClaudeConnection {
  client: Anthropic;
  baseURL: string;
  settings: Config['claude'];
}

/**
 * A client bound to the key and base URL from `env` only: with no key there is no client, so the SDK's
 * credential chain (profiles, identity tokens) can never pick up something the user did not choose.
 */
export function connectClaude(config: Config, env: ClaudeEnv): ClaudeConnection | null {
  const apiKey = env.ANTHROPIC_API_KEY?.trim();
  if (!apiKey) return null;
  const baseURL = env.ANTHROPIC_BASE_URL?.trim() || DEFAULT_BASE_URL;
  const logLevel = (env.ANTHROPIC_LOG as 'debug' | 'info' | 'warn' | 'error' | undefined) ?? 'off';
  const client = new Anthropic({
    apiKey,
    baseURL,
    maxRetries: config.claude.max_retries,
    timeout: config.claude.timeout_seconds * 1000,
    logLevel,
    middleware: [noRetryOnSpendLimit],
  });
  return { client, baseURL, settings: config.claude };
}

export interface ClaudeCall {
  system: string;
  user: string;
  schema: Record<string, unknown>;
}

export type CallResult =
  | { ok: true; message: Message; text: string; billed: BilledTokens }
  | { ok: false; failure: ClaudeFailure };

/** The request body: cached stable system prefix, one user turn, JSON-schema output, no tools, no sampling knobs. */
export function requestBody(settings: Config['claude'], call: ClaudeCall): MessageCreateParamsNonStreaming {
  return {
    model: settings.model,
    max_tokens: settings.max_tokens,
    system: [{ type: 'text', text: call.system, cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: call.user }],
    output_config: { format: { type: 'json_schema', schema: call.schema } },
  };
}

function textOf(message: Message): string {
  return message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
}

/** One Messages API call (with the SDK's own retries). Never throws. */
export async function callClaude(
  connection: ClaudeConnection,
  call: ClaudeCall,
  signal?: AbortSignal,
): Promise<CallResult> {
  const { client, settings } = connection;
  const body = requestBody(settings, call);
  const options = { timeout: settings.timeout_seconds * 1000, maxRetries: settings.max_retries, signal };
  try {
    const message =
      settings.max_tokens > STREAM_ABOVE_MAX_TOKENS
        ? await client.messages.stream(body, options).finalMessage()
        : await client.messages.create(body, options);
    return { ok: true, message, text: textOf(message), billed: billedTokensOf(message.usage) };
  } catch (error) {
    return { ok: false, failure: describeError(connection, error) };
  }
}

function describeError(connection: ClaudeConnection, error: unknown): ClaudeFailure {
  return describeClaudeError(error, {
    model: connection.settings.model,
    baseURL: connection.baseURL,
    timeoutSeconds: connection.settings.timeout_seconds,
    retries: connection.settings.max_retries,
  });
}

/** Running totals of one `review` call. */
export class ClaudeTally {
  readonly usage: ModelUsage;
  readonly notes = new Set<string>();
  constructor(
    readonly model: string,
    readonly prices: Config['claude']['prices'],
  ) {
    this.usage = emptyUsage(model, 'escalation', 'anthropic');
  }

  /** Adds one billed answer (truncated ones cost money too). */
  bill(billed: BilledTokens): void {
    const usage = this.usage;
    usage.requests += 1;
    usage.inputTokens += billed.input;
    usage.outputTokens += billed.output;
    usage.cacheWriteTokens += billed.cacheWrite;
    usage.cacheReadTokens += billed.cacheRead;
    const cost = costOf(this.model, billed, this.prices);
    if (cost.priced) usage.costUsd += cost.costUsd;
    else this.notes.add(m.noPrice(this.model));
  }
}

interface RunState {
  connection: ClaudeConnection;
  tally: ClaudeTally;
  system: string;
  outcomes: Map<string, ItemOutcome>;
  findings: ReviewBatchResult['findings'];
  repairs: RepairCounts;
  /** Set after a failure every later request would repeat (bad key, spend limit, server unreachable). */
  fatal: ClaudeFailure | null;
  signal?: AbortSignal;
}

function failAll(state: RunState, items: readonly ReviewItem[], reason: string): void {
  for (const item of items) state.outcomes.set(item.hunk.hash, { status: 'failed', reason });
  state.tally.notes.add(m.failedNote(reason, items.length));
}

function accept(state: RunState, items: readonly ReviewItem[], text: string): 'ok' | string {
  const parsed = parseModelOutput(text);
  if ('error' in parsed) return parsed.error;
  const anchored = anchorFindings(
    parsed.candidates,
    items.map((item) => item.hunk),
    { source: 'claude', origin: state.connection.settings.model },
  );
  state.findings.push(...anchored.findings);
  state.repairs.extracted += parsed.extracted ? 1 : 0;
  state.repairs.dropped += parsed.dropped + anchored.repairs.dropped;
  state.repairs.reanchored += anchored.repairs.reanchored;
  state.repairs.fileLevel += anchored.repairs.fileLevel;
  for (const item of items) state.outcomes.set(item.hunk.hash, { status: 'reviewed' });
  return 'ok';
}

async function reviewSplit(state: RunState, items: ReviewItem[], note: string): Promise<boolean> {
  const halves = splitRequest(items);
  if (!halves) return false;
  state.tally.notes.add(note);
  for (const half of halves) await reviewRequest(state, half, { canSplit: false, strict: false });
  return true;
}

/**
 * Hunks of one file often carry the same context (the whole file when it fits claude.context_tokens): within
 * a request, send it once, with the first hunk of that file; later hunks of the file point back to it.
 */
export function shareFileContext(items: readonly ReviewItem[]): ReviewItem[] {
  const seen = new Set<string>();
  return items.map((item) => {
    if (!item.context) return item;
    const key = `${item.hunk.file}\0${item.contextStartLine}\0${item.context}`;
    if (!seen.has(key)) {
      seen.add(key);
      return item;
    }
    const { contextStartLine: _dropped, ...rest } = item;
    return { ...rest, context: '' };
  });
}

/** One request's items: call, then truncation / refusal / parse handling, with one split and one strict retry. */
async function reviewRequest(
  state: RunState,
  items: ReviewItem[],
  attempt: { canSplit: boolean; strict: boolean },
): Promise<void> {
  if (state.fatal) return failAll(state, items, state.fatal.message);
  const user = buildUserPrompt(shareFileContext(items), { kind: 'claude', strict: attempt.strict });
  const result = await callClaude(
    state.connection,
    { system: state.system, user, schema: findingsJsonSchema },
    state.signal,
  );
  if (!result.ok) {
    if (result.failure.fatal) state.fatal = result.failure;
    if (result.failure.split && attempt.canSplit && (await reviewSplit(state, items, result.failure.message)))
      return;
    return failAll(state, items, result.failure.message);
  }
  state.tally.bill(result.billed);
  const stop = result.message.stop_reason ?? 'end_turn';
  const maxTokens = state.connection.settings.max_tokens;
  if (TRUNCATED.has(stop)) {
    if (attempt.canSplit && (await reviewSplit(state, items, m.truncatedSplit(items.length)))) return;
    return failAll(state, items, m.truncated(stop, maxTokens));
  }
  if (stop === 'refusal') {
    const details = result.message.stop_details;
    return failAll(state, items, m.refusal(details?.explanation ?? details?.category ?? ''));
  }
  const accepted = accept(state, items, result.text);
  if (accepted === 'ok') return;
  if (!attempt.strict) {
    state.repairs.retried += 1;
    return reviewRequest(state, items, { canSplit: attempt.canSplit, strict: true });
  }
  failAll(state, items, m.unparseable(accepted));
}

/** Items that may not leave the machine fail here, whatever the caller did: never_send is enforced twice. */
function withoutNeverSend(state: RunState, items: readonly ReviewItem[], config: Config): ReviewItem[] {
  const allowed: ReviewItem[] = [];
  for (const item of items) {
    if (isNeverSend(item.hunk.file, config)) {
      state.outcomes.set(item.hunk.hash, { status: 'failed', reason: m.neverSend() });
    } else allowed.push(item);
  }
  return allowed;
}

async function reviewAll(
  connection: ClaudeConnection,
  config: Config,
  items: readonly ReviewItem[],
  signal?: AbortSignal,
): Promise<ReviewBatchResult> {
  const system = claudeSystemPrompt();
  const state: RunState = {
    connection,
    tally: new ClaudeTally(config.claude.model, config.claude.prices),
    system,
    outcomes: new Map(),
    findings: [],
    repairs: emptyRepairs(),
    fatal: null,
    signal,
  };
  const allowed = withoutNeverSend(state, items, config);
  // Defence in depth: the pipeline redacts already; anything found here was missed upstream.
  const redacted = redactItems(allowed);
  if (redacted.count > 0) state.tally.notes.add(m.redactedLate(redacted.count));
  const packed = packRequests(redacted.value, {
    budgetTokens: config.claude.request_tokens,
    maxTokens: HARD_REQUEST_TOKENS,
    overheadTokens: estimateTokens(system),
    kind: 'claude',
  });
  for (const { item, tokens } of packed.tooLarge) {
    state.outcomes.set(item.hunk.hash, {
      status: 'failed',
      reason: m.tooLargeItem(tokens, HARD_REQUEST_TOKENS),
    });
  }
  const results = await runLimited(
    packed.requests,
    { concurrency: config.claude.concurrency, signal },
    (request) => reviewRequest(state, request, { canSplit: true, strict: false }),
  );
  results.forEach((result, index) => {
    if (result.ok) return;
    const reason = result.cancelled ? m.cancelled() : describeError(connection, result.error).message;
    for (const item of packed.requests[index] ?? []) {
      if (!state.outcomes.has(item.hunk.hash))
        state.outcomes.set(item.hunk.hash, { status: 'failed', reason });
    }
  });
  return {
    findings: state.findings,
    outcomes: state.outcomes,
    usage: state.tally.usage,
    repairs: state.repairs,
    notes: [...state.tally.notes],
  };
}

function fixFor(failure: ClaudeFailure): string {
  switch (failure.code) {
    case 'key-rejected':
      return m.keyRejectedFix();
    case 'model-unknown':
      return m.modelUnknownFix();
    case 'forbidden':
      return m.forbiddenFix();
    case 'spend-limit':
    case 'billing':
      return m.spendLimitFix();
    case 'unreachable':
      return m.unreachableFix();
    default:
      return failure.retryLater ? m.laterFix() : m.requestFix();
  }
}

/** Cheap accepted-key check: GET /v1/models/{model} proves the key and the model id in one free call. */
async function checkClaude(connection: ClaudeConnection | null, signal?: AbortSignal): Promise<Availability> {
  if (!connection) return { ok: false, reason: m.noKey(), fix: m.noKeyFix() };
  const model = connection.settings.model;
  try {
    await connection.client.models.retrieve(model, {}, { timeout: CHECK_TIMEOUT_MS, maxRetries: 0, signal });
    return { ok: true, detail: m.keyAccepted(model) };
  } catch (error) {
    const failure = describeError(connection, error);
    return { ok: false, reason: failure.message, fix: fixFor(failure) };
  }
}

export function createClaudeReviewer(config: Config, env: ClaudeEnv) {
  const connection = connectClaude(config, env);
  return {
    role: 'escalation' as const,
    provider: 'anthropic' as const,
    model: config.claude.model,
    check: (signal?: AbortSignal) => checkClaude(connection, signal),
    async review(items: ReviewItem[], signal?: AbortSignal): Promise<ReviewBatchResult> {
      if (connection) return reviewAll(connection, config, items, signal);
      const outcomes = new Map<string, ItemOutcome>(
        items.map((item) => [item.hunk.hash, { status: 'failed', reason: m.noKey() }]),
      );
      return {
        findings: [],
        outcomes,
        usage: emptyUsage(config.claude.model, 'escalation', 'anthropic'),
        repairs: emptyRepairs(),
        notes: [`${m.noKey()} — ${m.noKeyFix()}`],
      };
    },
  } satisfies ModelReviewer;
}
