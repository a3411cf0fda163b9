// The domain nouns every stage shares. Types only: nothing here runs at import time.
import type { MemorySummary, SuppressedFinding } from './memory/record.js';

/** How a file changed between the two sides of the diff. */
export type FileStatus = 'added' | 'deleted' | 'modified' | 'renamed' | 'copied' | 'typechange';

/** What kind of object the file is on its new side (old side for deletions). */
export type FileKind = 'text' | 'binary' | 'submodule' | 'symlink';

export type SkipReason =
  | 'ignored' // matched an ignore glob (generated, minified, lock files…)
  | 'binary'
  | 'too-large' // over max_file_changed_lines
  | 'diff-budget' // the whole diff was over max_total_changed_lines
  | 'never-send'; // matched never_send and the route needed the cloud

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
  /** Text after the second `@@`: git's guess at the enclosing function. */
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

export type Route = 'local' | 'claude' | 'skip';

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

export type Severity = 'info' | 'minor' | 'major' | 'critical';
export const SEVERITIES: readonly Severity[] = ['info', 'minor', 'major', 'critical'];

export type FindingSource = 'rule' | 'local' | 'claude';

export type Category =
  | 'secret'
  | 'conflict'
  | 'security'
  | 'bug'
  | 'syntax'
  | 'style'
  | 'performance'
  | 'maintainability'
  | 'other';
export const CATEGORIES: readonly Category[] = [
  'secret',
  'conflict',
  'security',
  'bug',
  'syntax',
  'style',
  'performance',
  'maintainability',
  'other',
];

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

export type Placement = 'inline' | 'file' | 'summary';

/** A finding after it was checked against the diff; never dropped, only annotated. */
export interface PlacedFinding {
  finding: Finding;
  placement: Placement;
  /** Set when the line the source gave was corrected (e.g. re-anchored by its quote). */
  snappedFrom?: { start: number; end: number };
}

export type Reviewer = 'rules' | 'local' | 'claude';

export type HunkOutcome =
  | { hunk: Hunk; route: Route; status: 'reviewed'; by: Reviewer[]; notes: string[] }
  | { hunk: Hunk; route: Route; status: 'notReviewed'; reason: string; notes: string[] }
  | { hunk: Hunk; route: 'skip'; status: 'skipped'; reason: string; notes: string[] };

export interface ModelUsage {
  model: string;
  provider: 'ollama' | 'anthropic';
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** Hunks answered from hunkwise's own cache, costing nothing. */
  cacheHits: number;
  /** USD, from the prices in config; 0 for the local model. */
  costUsd: number;
}

export interface CostSummary {
  /** Estimated tokens the local model was given / would be given. */
  localTokens: number;
  /** Estimated tokens Claude was given / would be given. */
  claudeTokens: number;
  /** Estimated Claude tokens if every hunk were sent to Claude: the baseline we are judged against. */
  allClaudeTokens: number;
  claudeCostUsd: number;
  allClaudeCostUsd: number;
  /** 0..100: how much of the all-Claude cost was saved. */
  savingPercent: number;
}

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
  /** One-line notices for the user: service down, budget reached, secrets redacted… */
  notices: string[];
  dryRun: boolean;
  durationMs: number;
}
