// The code-host port: all `review pr` asks of GitHub (and, later, GitLab or Gitea) is these three calls.
// Markers, markdown, summaries, carry-over and the publication plan are host-neutral and stay outside
// the adapters, the way reviewdog keeps one file per host behind its CommentService.
import type { ChangedFile } from './commentableLines.js';
import type { TrackedFinding } from './marker.js';
import type { PublishPlan } from './plan.js';
import type { SummaryInput } from './summary.js';

/** Which change request: the repository as the host names it and the request's number. */
export interface ChangeRequestRef {
  /** `owner/name` on GitHub (a project path on GitLab). */
  repository: string;
  number: number;
}

/** The change request as the host sees it now. */
export interface ChangeRequestState {
  headSha: string;
  /** The head lives in another repository (or its repository is gone). */
  isFork: boolean;
}

export interface HostAuthor {
  login: string;
  /** A bot or app account (GitHub `type: Bot`): the accounts hunkwise posts as when no login is configured. */
  isBot: boolean;
  /** Speaks for the repository when writing this (GitHub: its owner, a member or a collaborator). */
  trusted: boolean;
}

/** Something someone wrote on the change request, exactly as the host stores it. */
export interface HostComment {
  id: number;
  author: HostAuthor;
  body: string;
  /** ISO time it was written, when the host says. */
  createdAt: string | null;
}

/** A comment on a line of the change request's diff, or a reply in its thread. */
export interface HostLineComment extends HostComment {
  path: string;
  /** Current new-side line; null once the host considers the comment outdated. */
  line: number | null;
  /** The id of the thread's first comment for a reply; null for the first comment itself. */
  replyTo: number | null;
  /** How many 👎 reactions it has; who gave them is readThumbsDown's answer. */
  thumbsDown: number;
}

/** A reaction on a comment; reactions carry no trust of their own (see ReviewHost.canWrite). */
export interface HostReaction {
  author: Omit<HostAuthor, 'trusted'>;
  /** ISO time of the reaction. */
  at: string;
}

/**
 * What is on the change request before this run, uninterpreted: its files, and every comment, review and
 * line-comment thread (with their replies and 👎 counts), whoever wrote them. Which of them are hunkwise's
 * and what they mean (markers, state, dismissals) is decided outside the adapter; a new kind of
 * conversation becomes a new field here (or a read like readThumbsDown) that other readers ignore.
 */
export interface EarlierOutput {
  files: ChangedFile[];
  /** Conversation comments: where the sticky summary lives. */
  comments: HostComment[];
  /** Review bodies: their markers name the heads hunkwise reviewed. */
  reviews: HostComment[];
  /** Line comments and every reply in their threads. */
  lineComments: HostLineComment[];
}

export interface ApplyResult {
  reviewUrl: string | null;
  summaryUrl: string | null;
  /** The host refused the line comments, so they went into the review body instead. */
  movedToBody: boolean;
}

export interface ReviewHost {
  /**
   * The login this connection posts as, resolved once: only comments by it are hunkwise's own (markers,
   * summary state, reviewed heads). GitHub: the token's account, `github-actions[bot]` for the Actions token.
   */
  identity(): Promise<string>;
  /** The change request's head commit and whether it comes from a fork. */
  readChangeRequest(): Promise<ChangeRequestState>;
  /** Its files and everything on it so far (see EarlierOutput). */
  readEarlier(): Promise<EarlierOutput>;
  /** The 👎 reactions on one line comment, oldest first. */
  readThumbsDown(commentId: number): Promise<HostReaction[]>;
  /** Whether `login` may write to the repository (and so speak for it with a reaction). */
  canWrite(login: string): Promise<boolean>;
  /**
   * Carries out a plan: the sticky summary, ONE review of `headSha` that approves nothing, with the plan's
   * line comments (moved into the body when the host refuses them), and the edits of resolved comments.
   */
  apply(plan: PublishPlan, headSha: string): Promise<ApplyResult>;
}

/**
 * The host answered a request with an error status (the client libraries report an unreachable host as a
 * status too). Anything else an adapter throws is a bug in hunkwise, not the host saying no.
 */
export class HostRequestError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    options: { cause?: unknown } = {},
  ) {
    super(`${status}: ${detail}`, options);
    this.name = 'HostRequestError';
  }
}

/** The status of a host's refusal; null for any other error. */
export function hostStatus(error: unknown): number | null {
  return error instanceof HostRequestError ? error.status : null;
}

/** Where the CI job shows results besides the host's review (GitHub Actions: the job summary, annotations). */
export interface JobSurfaces {
  /** Writes the run's whole summary on the job's page; null when the job has none. */
  writeSummary: ((input: SummaryInput) => Promise<void>) | null;
  /** Lines for stdout that the CI shows as annotations, used when nothing could be posted. */
  annotations: (findings: readonly TrackedFinding[]) => string[];
  /** Where a reader finds everything when a posted body had to be cut. */
  overflowTo: string;
}

type Env = Record<string, string | undefined>;

/** The change request a CI job runs for, read from the job's environment by the host's adapter. */
export interface ChangeRequestRun {
  pull: ChangeRequestRef;
  headSha: string;
  /** The base branch's commit the change request was opened against (its tip when the event fired). */
  baseSha: string;
  isFork: boolean;
  /** Null when the job passed no credentials: nothing can be read or posted. */
  token: string | null;
  /** The host's API root (GITHUB_API_URL on GitHub, so GitHub Enterprise and tests work unchanged). */
  apiUrl: string;
  /** Sentences to log before reviewing (a trigger that must never run the code under review, say). */
  warnings: string[];
  surfaces: JobSurfaces;
}

/** The trusted half of a fork-safe pair: it posts what an untrusted run computed (GitHub: `workflow_run`). */
export interface ArtifactRun {
  repository: string;
  token: string | null;
  apiUrl: string;
  /** The head commit the triggering run reviewed, as the host reports it. */
  triggeringHead: string | null;
  /** The change requests the triggering run was for; empty when the host does not say (fork pull requests). */
  numbers: number[];
  surfaces: JobSurfaces;
}

/** Knobs of an adapter's HTTP client; tests make rate-limit waits and retries instant. */
export interface ClientTuning {
  fast?: boolean;
  rateLimitRetries?: number;
  maxWaitSeconds?: number;
}

/** One code host, as `review pr` uses it; registered in hosts.ts. */
export interface HostAdapter {
  readonly name: string;
  /** True when `env` is a CI job of this host. */
  detects(env: Env): boolean;
  /** The change request this job reviews, or a UsageError saying what the environment lacks. */
  readRun(env: Env): Promise<ChangeRequestRun>;
  readArtifactRun(env: Env): Promise<ArtifactRun>;
  connect(
    pull: ChangeRequestRef,
    access: { token: string; apiUrl: string },
    options: { log: (line: string) => void; tuning?: ClientTuning },
  ): Promise<ReviewHost>;
  /** The sentence for a job that passed no credentials, naming the variable to set. */
  missingToken(): string;
  /**
   * The account CI jobs post as when nothing else is said (GitHub: `github-actions[bot]`): whose comments a
   * run outside CI (`review memory import`) reads as hunkwise's, unless `github.bot_login` names another.
   */
  readonly defaultPoster: string;
}
