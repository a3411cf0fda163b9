// The model-provider port: all a model backend (Ollama, the Anthropic API, an OpenAI-compatible server…)
// supplies. Packing, sending in parallel, parsing, anchoring, repair counts, split-and-retry, the strict
// retry and outcomes for every hunk live once, in runBatches.ts. A provider is one file registered in
// providers.ts; which provider serves which role (local, escalation) is config.
import type { Config } from '../config/schema.js';
import type { ProviderId, Role } from '../vocabulary.js';

/** Whether a provider (or a role's reviewer) can be used, in one line either way. */
export type Availability =
  /** `warnings`: usable, but worth saying (a server of a pool that is down). */
  | { ok: true; detail: string; warnings?: string[] }
  /**
   * `modelMissing`: the server is up but lacks the model (a provider that can pull offers to). `unanswered`: the
   * server took the check and sent nothing back within its limit: up but stuck, not down.
   */
  | { ok: false; reason: string; fix: string; modelMissing?: boolean; unanswered?: Unanswered };

/** A check the server took and never answered: how long it was given, and which servers stayed silent. */
export interface Unanswered {
  seconds: number;
  /** Their URLs (every server of a pool). */
  servers: string[];
}

export interface ModelRequest {
  /** The stable instruction prefix: byte-identical across requests, so providers may cache it. */
  system: string;
  /** The per-request part: the hunks, fenced as untrusted data. */
  user: string;
  /** JSON Schema the answer must follow (structured output where the API has it). */
  schema: Record<string, unknown>;
}

/** Tokens as the provider bills or counts them; `input` excludes cache reads and writes. */
export interface TokenUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/** How generation ended. A truncated answer is never parsed: its JSON is cut off. */
export type StopReason =
  | { kind: 'complete' }
  /** Cut off by the output cap or the context window; `detail` says which setting to raise. */
  | { kind: 'truncated'; detail: string }
  /** The model declined; `detail` is its explanation. */
  | { kind: 'refused'; detail: string };

export interface ModelReply {
  text: string;
  usage: TokenUsage;
  /** USD for this answer, from the prices in config; 0 when free or unpriced (an unpriced answer says so in `notes`). */
  costUsd: number;
  stop: StopReason;
  /** One-line notes about this answer (the server counted far fewer prompt tokens than sent, no price…). */
  notes: string[];
  /** The server that answered (its URL), for usage per server; absent for a cloud API. */
  host?: string;
}

/** A request that failed, classified so the runner knows what to do next. */
export interface ProviderFailure {
  /** The provider's own code for what happened (`timeout`, `unreachable`, `key-rejected`…). */
  code: string;
  /** One sentence for the report, saying what the user can do. */
  message: string;
  /**
   * `request`: only this request failed. `fatal`: every later request of the run would fail the same way
   * (bad key, server down, model missing): they fail without being sent. `split`: smaller requests may
   * succeed (the prompt was too large): the runner halves the request.
   */
  effect: 'request' | 'fatal' | 'split';
  /** The server saw the request, so it counts in usage (with no tokens). */
  counted: boolean;
  /** The server the request went to (its URL), as in ModelReply. */
  host?: string;
  /**
   * The server itself failed (refused the connection, or dropped it mid-answer), not the request: another
   * server of a pool may answer the same request.
   */
  serverFailed?: boolean;
  /**
   * Set when the request got no answer at all: `timeout`, the provider's own timeout fired while the server
   * stayed silent (a hung server: the provider makes this `fatal`, so the run waits on it once, not once per
   * request); `cancelled`, the caller's signal (the hook's deadline, Ctrl-C) cut it off while it waited.
   */
  silence?: 'timeout' | 'cancelled';
}

export type SendResult = { ok: true; reply: ModelReply } | { ok: false; failure: ProviderFailure };

export interface ProviderLimits {
  /** Requests in flight at once. */
  concurrency: number;
  /** Soft target: small hunks share a request up to this many estimated prompt tokens. */
  requestTokens: number;
  /** Hard limit on a request's estimated prompt tokens: a hunk over it alone is reported, not sent. */
  maxRequestTokens: number;
  /** Tokens every request costs beyond the system prompt and the hunks (chat template, framing). */
  framingTokens: number;
  /**
   * How often a cut-off request may be halved again. A free local model keeps halving down to single
   * hunks; a paid API halves once, so a truncated batch costs at most about twice.
   */
  maxSplitDepth: number;
}

export interface ModelProvider {
  readonly id: ProviderId;
  readonly model: string;
  readonly limits: ProviderLimits;
  /** Text sent to it leaves your infrastructure: never_send applies, whatever role it plays. */
  readonly cloud: boolean;
  /**
   * Whether a run calls check() before the first request: cheap for a local server (and it names the fix
   * when the server is down), a wasted request for a cloud API whose first answer says as much.
   */
  readonly probeBeforeUse: boolean;
  /** Standing notes about its settings (a context size capped to what the model supports…). */
  readonly notes: readonly string[];
  /** The server it talks to, for a provider of a server of yours; null when its address is unusable. */
  readonly url?: string | null;
  /** No I/O: are the settings and credentials there? A provider that is not configured is simply unavailable. */
  configured(): Availability;
  /**
   * Is it reachable, with the model? One line either way, with the fix. Never throws. Gives up after `limitMs`
   * (or its own shorter limit) as a timeout (`unanswered`); `signal` is a cancellation (Ctrl-C), never a timeout.
   */
  check(signal?: AbortSignal, limitMs?: number): Promise<Availability>;
  /** One request with the provider's own timeouts and retries. Never throws. */
  send(request: ModelRequest, signal?: AbortSignal): Promise<SendResult>;
  /** The sentence for a hunk too large for one request: the limit, and the setting that raises it. */
  tooLarge(tokens: number): string;
}

/** Everything a provider is built from; `fetch` lets a test or proxy swap the HTTP layer. */
export interface ProviderContext {
  role: Role;
  config: Config;
  env: Record<string, string | undefined>;
  fetch?: typeof fetch;
  /** One server of a pool (`local.hosts`): the provider talks to it instead of its configured host. */
  host?: string;
}

export type CreateProvider = (context: ProviderContext) => ModelProvider;
