// Why things happened, as typed codes with their details: decided in the pipeline, rendered into sentences
// only at the edge (src/messages/outcomes.ts), published as they are in the JSON report. Policy and layout
// branch on `code`, never on a sentence. Types and code lists only.
import type { ProviderId, Role } from './vocabulary.js';

/** Why a role's model cannot be used at all in this run. */
export type Unavailable =
  /** Switched off on the command line (--no-local, --no-claude). */
  | { code: 'flag'; role: Role }
  /** The hook does not escalate (hook.escalate: false). */
  | { code: 'hook'; role: Role }
  /** Switched off in config (local.enabled / claude.enabled: false). */
  | { code: 'disabled'; role: Role }
  /** The provider lacks what it needs to start (an API key, a usable URL); no request was made. */
  | { code: 'not-configured'; role: Role; reason: string; fix: string }
  /** The provider's check failed (server down, model not pulled…); `reason` and `fix` are its sentences. */
  | { code: 'check-failed'; role: Role; reason: string; fix: string }
  /**
   * The server took the run's check and sent nothing back within `seconds` (the run's probe limit, or the role's
   * own timeout if shorter): up but stuck. Remembered like a stall (see `stalled`) for `pauseMinutes` (0: not
   * remembered, in CI). `servers`: their URLs, every server of a pool.
   */
  | {
      code: 'check-timeout';
      role: Role;
      provider: ProviderId;
      servers: string[];
      seconds: number;
      pauseMinutes: number;
    }
  /**
   * The hook skips a server that took a request and never answered in an earlier run (see `stalled`), until
   * `until` (ISO time) or until `review doctor` finds it answering again.
   */
  | {
      code: 'paused';
      role: Role;
      provider: ProviderId;
      /** Where its requests went, when the provider has one address. */
      endpoint: string | null;
      since: string;
      until: string;
    };

/** Why one reviewer did not review a hunk; the hunk may still fall back to the next reviewer. */
export type ReviewerFailure =
  /** Nobody in the chain could be used; empty when no reviewer was configured at all. */
  | { code: 'unavailable'; reviewers: Unavailable[] }
  /** Did not fit what was left of claude.budget_tokens. */
  | { code: 'over-budget'; tokens: number; left: number }
  /** The model's request failed; `detail` is the adapter's sentence. */
  | { code: 'model-failed'; role: Role; detail: string }
  /** The reviewer returned without a word about this hunk (a bug in an adapter, never silent). */
  | { code: 'no-answer'; role: Role };

/** Why a hunk a model should have reviewed was not reviewed. */
export type NotReviewedReason =
  | { code: 'dry-run' }
  /** Escalated, but the hook does not escalate: the CI review takes it. */
  | { code: 'left-for-ci' }
  /** Ctrl-C. */
  | { code: 'interrupted' }
  /** hook.time_budget_seconds ran out first. */
  | { code: 'time-budget' }
  | ReviewerFailure;

/** Why the router sent a hunk to no model; `detail` is the routing reasons' text. */
export interface SkippedReason {
  code: 'routing-skip';
  detail: string;
}

/** What else is worth knowing about how a hunk was reviewed. */
export type OutcomeNote =
  /** Answered from hunkwise's own cache. */
  | { code: 'from-cache' }
  /** Escalated, but matches never_send: reviewed locally instead. */
  | { code: 'never-send' }
  /** Escalated, but the hook does not escalate (or Claude was unavailable): reviewed locally, Claude's review left for CI. */
  | { code: 'escalation-left-for-ci' }
  /** Its first reviewer could not take it; the next one did (or will). */
  | { code: 'fell-back'; from: Role; to: Role; because: ReviewerFailure };

/** What the output parser had to repair in one role's answers (counts only; see RepairCounts). */
export interface RepairNotice {
  code: 'output-repaired';
  role: Role;
  reanchored: number;
  fileLevel: number;
  dropped: number;
  retried: number;
}

/**
 * Why the team memory's embedding model could not be used. `time-budget`: the hook's time budget
 * (hook.time_budget_seconds) ran out while the call waited — a deadline the user set, nothing said about the
 * server; `cancelled`: Ctrl-C / SIGTERM; `timeout`: memory.timeout_seconds; `bad-host`: no usable Ollama
 * address; `failed`: any other answer (the notice's reason says which).
 */
export type EmbeddingsCause =
  | 'bad-host'
  | 'unreachable'
  | 'model-missing'
  | 'timeout'
  | 'time-budget'
  | 'cancelled'
  | 'failed';

/** One-line notices about the run as a whole. */
export type Notice =
  /** A role's provider failed its check: said once, with how to fix it. */
  | { code: 'reviewer-unavailable'; unavailable: Unavailable }
  /** Some escalated hunks did not fit claude.budget_tokens. */
  | { code: 'over-budget'; hunks: number; budgetTokens: number }
  /** Secrets found by the rules were replaced before anything left for a model. */
  | { code: 'secrets-redacted'; count: number }
  | { code: 'cache-unreadable'; count: number }
  /** No price for the escalation model: costs shown are not real. */
  | { code: 'unpriced'; model: string }
  | RepairNotice
  /**
   * A role's server took requests and answered none of them before its timeout or the run's deadline cut them
   * off: up (it passed its check) but stuck. Remembered under the git directory, so that the hook skips it for
   * `pauseMinutes` (see Unavailable `paused`).
   */
  | {
      code: 'stalled';
      role: Role;
      provider: ProviderId;
      endpoint: string | null;
      waitedSeconds: number;
      pauseMinutes: number;
    }
  /** Something a model adapter noticed (truncation, a capped setting, an unpriced answer…); its sentence. */
  | { code: 'model-note'; role: Role; detail: string }
  /** claude.verify_local: what the verification pass decided. */
  | { code: 'verified'; confirmed: number; rejected: number }
  | { code: 'verification-failed'; detail: string }
  | { code: 'verdict-missing' }
  /** A line of the team memory file that is not a valid record (line 0: the whole file); the rest applies. */
  | { code: 'memory-line-invalid'; file: string; line: number; detail: string }
  /** More invalid memory lines than are listed one by one. */
  | { code: 'memory-lines-invalid'; file: string; more: number }
  /** The embedding model could not be used: dismissals were matched by fingerprint and text only. */
  | { code: 'embeddings-unavailable'; model: string; cause: EmbeddingsCause; reason: string; fix: string }
  /**
   * routing.triage: local — hunks just below the security threshold the local model was asked about, how
   * many it escalated, how many got no usable answer, the tokens the questions and answers took; `detail`
   * says what stopped the asking, if anything did.
   */
  | { code: 'triage'; asked: number; escalated: number; failed: number; tokens: number; detail?: string };
