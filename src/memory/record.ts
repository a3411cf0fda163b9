// The team memory's nouns: what one line of .hunkwise/memory.jsonl holds, and what a run did with it.
// Types only; src/memory/parseMemory.ts validates lines against the same shapes with zod.
import type { Category, PlacedFinding } from '../types.js';

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
