// The Reviewer port: what the pipeline asks of a role's model. Built by runBatches.ts over the provider
// (provider.ts) the config assigns to the role; tests may inject their own.
import type { AnchorRepairs } from '../findings/anchor.js';
import type { GuidanceNote } from '../memory/selectNotes.js';
import type { Finding, HostUsage, Hunk, ModelUsage, RouteDecision } from '../types.js';
import type { ProviderId, Role } from '../vocabulary.js';
import type { Availability, ModelReply } from './provider.js';

/** One hunk handed to a model, with what the model needs to judge it. */
export interface ReviewItem {
  decision: RouteDecision;
  /**
   * The hunk as it may leave the machine: secrets found by the rules already replaced by
   * placeholders. Line numbers are unchanged.
   */
  hunk: Hunk;
  /** Extra new-side context (enclosing function or file excerpt), already redacted; may be empty. */
  context: string;
  /** Line number (new side) of the first line of `context`, when there is context. */
  contextStartLine?: number;
  /** Team notes for this hunk from the memory file: data the team wrote, fenced in the prompt. */
  guidance?: GuidanceNote[];
}

/** What became of each hunk of a request. Keyed by `Hunk.hash`. */
export type ItemOutcome = { status: 'reviewed' } | { status: 'failed'; reason: string };

/** Counts of what the output parser and anchoring had to fix or throw away: reported, never hidden. */
export interface RepairCounts extends AnchorRepairs {
  /** Findings dropped: invalid shape, or for a file that was not in the request. */
  dropped: number;
  /** Replies that needed extraction from prose or code fences. */
  extracted: number;
  /** Requests retried with a stricter prompt after unparseable output. */
  retried: number;
}

export interface ReviewBatchResult {
  findings: Finding[];
  outcomes: Map<string, ItemOutcome>;
  usage: ModelUsage;
  repairs: RepairCounts;
  /** One-line notes for the report (truncation detected, budget reached…). */
  notes: string[];
  /**
   * Set when the provider took requests and answered none of them before its timeout or the run's deadline cut
   * them off: the server is up but stuck. `waitedMs`: the longest it was waited on.
   */
  stall?: { waitedMs: number };
  /** True when the provider answered at least one request (a reply, or an error it sent back). */
  answered?: boolean;
  /**
   * Set when a failure made the provider unusable for the rest of the run (a rejected key, a server down or
   * stuck): its sentence. Later calls would only fail the same way, after waiting as long.
   */
  fatal?: string;
}

export type { Availability };

export interface ModelReviewer {
  /** The role this reviewer plays in the run. */
  readonly role: Role;
  /** Who serves it. */
  readonly provider: ProviderId;
  readonly model: string;
  /** The server its requests go to, when it is one server of yours (ModelProvider.url). */
  readonly url?: string | null;
  /** Whether a run calls check() before using it (see ModelProvider.probeBeforeUse); absent means yes. */
  readonly probeBeforeUse?: boolean;
  /** No I/O: are settings and credentials there? Absent means yes. */
  configured?(): Availability;
  /** Reachability check (server up, model present / key accepted), within `limitMs` (ModelProvider.check). */
  check(signal?: AbortSignal, limitMs?: number): Promise<Availability>;
  /**
   * Reviews the items, batching and parallelising as configured. Never throws for service
   * failures: every item ends in `outcomes`, failed ones with a reason.
   */
  review(items: ReviewItem[], signal?: AbortSignal): Promise<ReviewBatchResult>;
}

export function emptyRepairs(): RepairCounts {
  return { reanchored: 0, fileLevel: 0, dropped: 0, extracted: 0, retried: 0 };
}

export function emptyUsage(model: string, role: Role, provider: ProviderId): ModelUsage {
  return {
    model,
    role,
    provider,
    requests: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    cacheHits: 0,
    costUsd: 0,
  };
}

/** Adds requests and tokens to the server's line of a usage total. */
export function addHostUsage(usage: ModelUsage, line: HostUsage): void {
  usage.hosts ??= [];
  const known = usage.hosts.find((h) => h.host === line.host);
  if (!known) {
    usage.hosts.push({ ...line });
    return;
  }
  known.requests += line.requests;
  known.inputTokens += line.inputTokens;
  known.outputTokens += line.outputTokens;
}

/** A failed request the server saw: it counts, with no tokens. */
export function addFailedRequest(usage: ModelUsage, host: string | undefined): void {
  usage.requests += 1;
  if (host) addHostUsage(usage, { host, requests: 1, inputTokens: 0, outputTokens: 0 });
}

/** Adds one answer to a usage total (truncated answers are billed too). */
export function addReply(usage: ModelUsage, reply: ModelReply): void {
  if (reply.host)
    addHostUsage(usage, {
      host: reply.host,
      requests: 1,
      inputTokens: reply.usage.input,
      outputTokens: reply.usage.output,
    });
  usage.requests += 1;
  usage.inputTokens += reply.usage.input;
  usage.outputTokens += reply.usage.output;
  usage.cacheReadTokens += reply.usage.cacheRead;
  usage.cacheWriteTokens += reply.usage.cacheWrite;
  usage.costUsd += reply.costUsd;
}
