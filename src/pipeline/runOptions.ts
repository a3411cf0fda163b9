// What a run of the engine is given. Its own module so that every pipeline step can name it without
// importing the composition (runReview) that calls them.
import type { Config } from '../config/schema.js';
import type { DiffSpec } from '../git/diffSpec.js';
import type { Repository } from '../git/root.js';
import type { DismissRecord } from '../memory/record.js';
import type { GuidanceNote } from '../memory/selectNotes.js';
import type { ModelReviewer } from '../review/reviewer.js';
import type { ProgressEvent } from '../types.js';
import type { Role, RunMode } from '../vocabulary.js';

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
  /** False: the review cache is neither read nor written (`--no-cache`), as with cache.enabled: false. */
  cache?: boolean;
  /**
   * The build whose remembered results (secret findings, route plan) a run may reuse; by default the bundle's
   * (version.ts), null running from source. Tests of the memos set one.
   */
  buildId?: string | null;
  progress?: (event: ProgressEvent) => void;
  /** Root, git directory and HEAD when the caller already read them (readRepository): no git call again. */
  repository?: Repository;
  /** Injected reviewers per role (tests); by default built from config and env. */
  reviewers?: Partial<Record<Role, ModelReviewer>>;
  /** Dismissals made in a pull request's conversation: they hold for this run like the memory file's. */
  extraDismissals?: readonly DismissRecord[];
}

/** The options once the run's signal carries the deadline, and the team notes are known. */
export type ExecOptions = RunReviewOptions & {
  signal: AbortSignal;
  /** Team notes for each hunk about to go to a model, by hunk hash. */
  guidance?: ReadonlyMap<string, GuidanceNote[]>;
  /** Digest of the team notes: part of every review-cache key (null: no notes). */
  notesDigest?: string | null;
};
