// The domain nouns every stage shares. Types only: nothing here runs at import time. The words they are
// built from (severities, routes, roles…) are spelled once in vocabulary.ts; reason codes live in reasons.ts.
import type { Notice, NotReviewedReason, OutcomeNote, SkippedReason } from './reasons.js';
import type {
  Category,
  FileKind,
  FileSkipReason,
  FileStatus,
  FindingSource,
  Placement,
  ProviderId,
  Role,
  Route,
  Severity,
} from './vocabulary.js';

export type { Category, FileKind, FileStatus, FindingSource, Placement, ProviderId, Role, Route, Severity };

/**
 * Why a whole file was left out: `ignored` (an ignore glob: generated, minified, lock files…), `binary`,
 * `too-large` (over max_file_changed_lines), `diff-budget` (the diff was over max_total_changed_lines),
 * `never-send` (matched never_send and the route needed the cloud).
 */
export type SkipReason = FileSkipReason;

export interface SkippedFile {
  reason: SkipReason;
  /** Human detail, e.g. the glob that matched or the line count. */
  detail: string;
}

/**
 * One line of a hunk. Line numbers are 1-based and belong to the side the line exists on:
 * `@@ -10,3 +10,4 @@` followed by ` a`, `-b`, `+c`, `+d`, ` e` gives
 * ctx a (old 10, new 10), del b (old 11), add c (new 11), add d (new 12), ctx e (old 12, new 13).
 * `noEol` marks a line followed by `\ No newline at end of file`.
 */
export type DiffLine =
  | { kind: 'ctx'; text: string; oldLine: number; newLine: number; noEol?: boolean }
  | { kind: 'add'; text: string; newLine: number; noEol?: boolean }
  | { kind: 'del'; text: string; oldLine: number; noEol?: boolean };

export interface Hunk {
  /** Path on the new side (old side for deletions), repository-relative, `/`-separated. */
  file: string;
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /**
   * Text after the second `@@`: git's guess at the enclosing function. For a long deleted file sent as a
   * digest (route/deletionDigest.ts), a one-line summary of the file and of what was left out.
   */
  section: string;
  lines: DiffLine[];
  /** Stable content hash of file path + lines (not line numbers): the cache key. */
  hash: string;
}

export interface FileDiff {
  /** Null for an added file. */
  oldPath: string | null;
  /** Null for a deleted file. */
  newPath: string | null;
  /** newPath ?? oldPath: the path reports use. */
  path: string;
  status: FileStatus;
  kind: FileKind;
  oldMode: string | null;
  newMode: string | null;
  /** Rename/copy similarity in percent. */
  similarity: number | null;
  /** How the diff's bytes were decoded: `latin1` when the file is not valid UTF-8, so bytes survive. */
  encoding: 'utf8' | 'latin1';
  added: number;
  deleted: number;
  hunks: Hunk[];
  skipped?: SkippedFile;
}

/** Why a hunk got its route; tests assert codes, reports show details. */
export interface Reason {
  code: string;
  detail: string;
}

export interface RouteDecision {
  hunk: Hunk;
  route: Route;
  reasons: Reason[];
  estimatedTokens: number;
  /** 0..1, how strongly the hunk looks security-relevant; orders Claude's budget. */
  securityScore: number;
}

/**
 * A model-agnostic diagnostic. `range` is 1-based and inclusive on the NEW side of the file;
 * for a finding about deleted lines it points at the nearest new-side line. A finding with
 * `range: null` is about the file as a whole.
 */
export interface Finding {
  file: string;
  range: { start: number; end: number } | null;
  severity: Severity;
  category: Category;
  message: string;
  /** The offending code as quoted by its source; anchors findings and feeds the fingerprint. */
  quote?: string;
  suggestion?: string;
  source: FindingSource;
  /** Rule id for rule findings, model id for model findings. */
  origin: string;
  /** Stable across runs and line moves: file + normalised quote + category. */
  fingerprint: string;
}

/** A finding after it was checked against the diff; never dropped, only annotated. */
export interface PlacedFinding {
  finding: Finding;
  placement: Placement;
  /** Set when the line the source gave was corrected (e.g. re-anchored by its quote). */
  snappedFrom?: { start: number; end: number };
}

/** What became of a hunk: reviewed (by the rules and which model), not reviewed and why, or skipped. */
export type HunkOutcome =
  | { hunk: Hunk; route: Route; status: 'reviewed'; by: FindingSource[]; notes: OutcomeNote[] }
  | { hunk: Hunk; route: Route; status: 'notReviewed'; reason: NotReviewedReason; notes: OutcomeNote[] }
  | { hunk: Hunk; route: 'skip'; status: 'skipped'; reason: SkippedReason; notes: OutcomeNote[] };

/** What one server (of a pool, or the one server) did for a model: requests and the tokens it counted. */
export interface HostUsage {
  /** Its URL. */
  host: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
}

export interface ModelUsage {
  model: string;
  /** The role the model played in this run. */
  role: Role;
  /** Who served it. */
  provider: ProviderId;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** Hunks answered from hunkwise's own cache, costing nothing. */
  cacheHits: number;
  /** USD, from the prices in config; 0 for the local model. */
  costUsd: number;
  /** Per server, in the order they first answered, for a provider of servers of your own. */
  hosts?: HostUsage[];
}

/** What became of a run's hunks (see coverage.ts): the hunks a saving speaks for, and the others. */
export interface HunkCounts {
  /** Reviewed by a model (the rules see every hunk). */
  reviewed: number;
  /** Marked reviewed by the deterministic rules alone: no model read them, yet nothing was lost. */
  rulesOnly: number;
  /** Escalated, left for the CI review (the hook does not escalate). */
  leftForCi: number;
  /** Should have gone to a model and did not: service down, budget, time, interrupted, dry run. */
  notReviewed: number;
  /** Sent to no model by routing (routing.skip). */
  skipped: number;
}

/**
 * Tokens and cost against the all-Claude baseline. Token counts are the router's estimates of the hunks
 * themselves (RouteDecision.estimatedTokens), the same in a dry run and a real run; only Claude's cost is
 * replaced by what was billed once Claude was really called.
 */
export interface CostSummary {
  /** Estimated tokens of the hunks the local model reviewed (a dry run: would review). */
  localTokens: number;
  /** Estimated tokens of the hunks Claude reviewed (a dry run: would review). */
  claudeTokens: number;
  /** Estimated tokens of the hunks a model reviewed: what the saving is measured over. */
  reviewedTokens: number;
  /** Estimated tokens of every hunk routed to a model, as if all were sent to Claude: the baseline. */
  allClaudeTokens: number;
  /** USD: billed by Claude in a real run (0 when it was not called), estimated in a dry run. */
  claudeCostUsd: number;
  /** USD: the baseline at the configured price, estimated the same way in every run of the same diff. */
  allClaudeCostUsd: number;
  /** 0..100: the share of the reviewed hunks' tokens that did not go to Claude; null when no model reviewed a hunk. */
  savingPercent: number | null;
  hunks: HunkCounts;
}

/** What the engine reports while it works (report/progress.ts draws it). */
export type ProgressEvent =
  | { kind: 'diff'; files: number; hunks: number }
  | { kind: 'review-start'; role: Role; hunks: number }
  | { kind: 'review-done'; role: Role; hunks: number };

export interface ReviewResult {
  /** Which revisions were compared, for reports ("staged", "HEAD~1..HEAD", …). */
  source: string;
  files: FileDiff[];
  decisions: RouteDecision[];
  outcomes: HunkOutcome[];
  findings: PlacedFinding[];
  /** Findings the team memory suppressed: never dropped, every report can show them. */
  suppressed: SuppressedFinding[];
  /** What the team memory contributed; null when it is off. */
  memory: MemorySummary | null;
  usage: ModelUsage[];
  cost: CostSummary;
  /** Notices about the run as a whole: service down, budget reached, secrets redacted… */
  notices: Notice[];
  dryRun: boolean;
  durationMs: number;
}

// ---- team memory (.hunkwise/memory.jsonl, docs/memory.md) ----------------------------------------------

/** Where a record applies: one file (the finding's, by default) or every path a glob matches. */
export type RecordScope = { file: string; glob?: undefined } | { glob: string; file?: undefined };

/**
 * "This finding does not apply here": a person dismissed it. Text only, no vectors, so the file is
 * model-independent and reads well in a diff.
 */
export type DismissRecord = RecordScope & {
  kind: 'dismiss';
  /** The finding's fingerprint (file + normalised quote + category). */
  fingerprint: string;
  category?: Category;
  /** The finding's message as it was when dismissed. */
  message: string;
  /** The code it quoted; absent for secrets (the quote would be the secret). */
  quote?: string;
  /** Why it does not apply, in the dismisser's words. */
  reason?: string;
  /** `Name <email>` from git, or `@login` for a dismissal made on GitHub. */
  who: string;
  /** ISO 8601 time of the dismissal. */
  when: string;
};

/** Team guidance for the models ("we use assertNever for exhaustive switches"), optionally for some paths. */
export interface NoteRecord {
  kind: 'note';
  message: string;
  /** Paths the note is about; absent: every path. */
  glob?: string;
  file?: string;
  who: string;
  when: string;
}

export type MemoryRecord = DismissRecord | NoteRecord;

/** A line of the memory file that is not a valid record: reported with its line number, never dropped silently. */
export interface MemoryIssue {
  line: number;
  message: string;
}

/** How a suppressed finding was matched to its record. */
export type MatchKind = 'fingerprint' | 'text' | 'embedding';

/** A finding the memory suppressed: kept in every report, with the record it matched and how. */
export interface SuppressedFinding {
  finding: PlacedFinding;
  record: DismissRecord;
  match: MatchKind;
  /** Cosine similarity of message + quote, for embedding matches; null otherwise. */
  similarity: number | null;
}

/** How the matching of this run worked: by meaning, or (model unavailable or off) by fingerprint and text. */
export type MatchingMode = 'embeddings' | 'text';

/** What the memory contributed to a run, for the reports. */
export interface MemorySummary {
  /** The memory file, relative to the repository root. */
  file: string;
  dismissals: number;
  notes: number;
  /** Lines of the memory file that could not be read. */
  issues: MemoryIssue[];
  matching: MatchingMode;
  /** Distinct notes included in at least one prompt. */
  notesUsed: number;
  /** Hunks sent to a model with at least one note. */
  hunksWithNotes: number;
}
