// Pure: for each hunk going to a model, the team notes that apply to its path, most similar first, within
// the per-hunk token budget. The prompt builder receives the result as data on the review item.
import { estimateTokens } from '../route/tokens.js';
import type { Hunk } from '../types.js';
import type { NoteRecord } from './record.js';
import { inScope } from './scope.js';

/** A note as it reaches the prompt: capped text and the paths it was written for. */
export interface GuidanceNote {
  text: string;
  /** The note's glob or file; absent for a note about every path. */
  scope?: string;
}

/** Longest note text put in a prompt; the rest of a longer note is cut with an ellipsis. */
export const NOTE_PROMPT_CHARS = 500;
/** Per-note framing in the prompt ("- [glob] "), on top of its text. */
const NOTE_OVERHEAD_TOKENS = 6;

export interface SelectNotesInput {
  hunks: readonly Hunk[];
  notes: readonly NoteRecord[];
  /** `similarity[i][j]`: hunk i (query) × note j (document); null when embeddings are unavailable. */
  similarity: ReadonlyArray<ReadonlyArray<number | null>> | null;
  budgetTokens: number;
}

export interface SelectedNotes {
  /** By hunk hash; hunks without notes are absent. */
  byHunk: Map<string, GuidanceNote[]>;
  /** Indexes (into `notes`) of the notes given to at least one hunk. */
  used: Set<number>;
}

export function guidanceOf(note: NoteRecord): GuidanceNote {
  const text =
    note.message.length > NOTE_PROMPT_CHARS
      ? `${note.message.slice(0, NOTE_PROMPT_CHARS - 1)}…`
      : note.message;
  const scope = note.glob ?? note.file;
  return scope === undefined ? { text } : { text, scope };
}

export function noteTokens(note: GuidanceNote): number {
  return estimateTokens(`${note.scope ?? ''}${note.text}`) + NOTE_OVERHEAD_TOKENS;
}

/**
 * Without similarities, notes written for the hunk's paths go first (they are the specific ones), then
 * the newest: a later note usually refines an earlier one.
 */
function rank(candidates: number[], notes: readonly NoteRecord[], row: ReadonlyArray<number | null> | null) {
  const scoped = (j: number) => (notes[j]!.glob !== undefined || notes[j]!.file !== undefined ? 1 : 0);
  return [...candidates].sort(
    (a, b) => (row ? (row[b] ?? -1) - (row[a] ?? -1) : 0) || scoped(b) - scoped(a) || b - a,
  );
}

export function selectNotes(input: SelectNotesInput): SelectedNotes {
  const byHunk = new Map<string, GuidanceNote[]>();
  const used = new Set<number>();
  if (input.budgetTokens <= 0 || input.notes.length === 0) return { byHunk, used };
  input.hunks.forEach((hunk, i) => {
    const candidates = input.notes.map((_, j) => j).filter((j) => inScope(input.notes[j]!, hunk.file));
    let left = input.budgetTokens;
    const chosen: GuidanceNote[] = [];
    for (const j of rank(candidates, input.notes, input.similarity?.[i] ?? null)) {
      const note = guidanceOf(input.notes[j]!);
      const cost = noteTokens(note);
      if (cost > left) continue;
      left -= cost;
      chosen.push(note);
      used.add(j);
    }
    if (chosen.length > 0) byHunk.set(hunk.hash, chosen);
  });
  return { byHunk, used };
}
