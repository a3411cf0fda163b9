// The team memory during one review run: the records read once, the embedder shared by note retrieval
// (before the models) and suppression (after the merge), and what to tell the report. The pipeline calls
// three functions: openMemory, notesForHunks, suppressWithMemory.
import { createHash } from 'node:crypto';
import type { Config } from '../config/schema.js';
import type { Notice } from '../reasons.js';
import { redactText } from '../review/redact.js';
import type { Hunk, PlacedFinding } from '../types.js';
import { cosine } from './cosine.js';
import type { Embedder } from './embedder.js';
import { findingInput, hunkInput, noteInput } from './embedText.js';
import { loadMemory } from './memoryFile.js';
import type { DismissRecord, MemorySummary, NoteRecord, SuppressedFinding } from './record.js';
import { inScope } from './scope.js';
import { type SelectedNotes, selectNotes } from './selectNotes.js';
import { candidatesOf, matchesByMeaning, suppressFindings } from './suppress.js';

export interface RunMemory {
  file: string;
  dismissals: DismissRecord[];
  notes: NoteRecord[];
  issues: MemorySummary['issues'];
  threshold: number;
  promptTokens: number;
  /** memory.embeddings: whether matching by meaning was asked for at all. */
  embeddings: boolean;
  embedder: Embedder | null;
  notesUsed: Set<number>;
  hunksWithNotes: Set<string>;
}

export interface OpenMemoryOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  config: Config;
  /** Where embeddings are cached (null: not cached); asked only when something is embedded. */
  cacheDir: () => Promise<string | null>;
  /** Dismissals that hold for this run only (made in the pull request's conversation). */
  extraDismissals?: readonly DismissRecord[];
  fetch?: typeof fetch;
}

/** Null when the memory is off. A missing file is an empty memory: nothing is embedded, nothing contacted. */
export async function openMemory(options: OpenMemoryOptions): Promise<RunMemory | null> {
  const { config } = options;
  if (!config.memory.enabled) return null;
  const loaded = await loadMemory(options.cwd, config);
  const dismissals = [
    ...loaded.records.filter((r): r is DismissRecord => r.kind === 'dismiss'),
    ...(options.extraDismissals ?? []),
  ];
  const notes = loaded.records.filter((r): r is NoteRecord => r.kind === 'note');
  // The embedder (and with it the Ollama client) loads only when there is something to match or retrieve.
  const embedder =
    config.memory.embeddings && (dismissals.length > 0 || notes.length > 0)
      ? (await import('./embedder.js')).createEmbedder({
          config,
          env: options.env,
          cacheDir: options.cacheDir,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        })
      : null;
  return {
    file: loaded.label,
    dismissals,
    notes,
    issues: loaded.issues,
    threshold: config.memory.threshold,
    promptTokens: config.memory.prompt_tokens,
    embeddings: config.memory.embeddings,
    embedder,
    notesUsed: new Set(),
    hunksWithNotes: new Set(),
  };
}

/**
 * Changes whenever a prompt could change: the notes, the model that ranks them, the budget. Part of the
 * review-cache key of every hunk, so a new note is never answered from a review made without it.
 */
export function notesDigest(memory: RunMemory | null): string | null {
  if (!memory || memory.notes.length === 0 || memory.promptTokens === 0) return null;
  const parts = [
    memory.promptTokens,
    memory.embedder ? 'embed' : 'text',
    ...memory.notes.map((n) => [n.message, n.glob, n.file]),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

function matrix(rows: Array<number[] | null>, columns: Array<number[] | null>): Array<Array<number | null>> {
  return rows.map((row) => columns.map((column) => (row && column ? cosine(row, column) : null)));
}

/** The notes for each hunk about to go to a model; embeds hunks (queries) and notes (documents) in one call. */
export async function notesForHunks(
  memory: RunMemory | null,
  hunks: readonly Hunk[],
  signal: AbortSignal,
): Promise<SelectedNotes> {
  if (!memory || memory.notes.length === 0 || memory.promptTokens === 0 || hunks.length === 0)
    return { byHunk: new Map(), used: new Set() };
  let similarity: Array<Array<number | null>> | null = null;
  const wanted = hunks.filter((hunk) => memory.notes.some((note) => inScope(note, hunk.file)));
  if (memory.embedder && wanted.length > 0) {
    // What leaves for the embedding server is redacted like what leaves for a model.
    const queries = [];
    for (const hunk of wanted) {
      const input = hunkInput(hunk);
      queries.push({ ...input, text: (await redactText(input.text, undefined, hunk.file)).text });
    }
    const vectors = await memory.embedder.embed([...queries, ...memory.notes.map(noteInput)], signal);
    if (!memory.embedder.failure) {
      const rows = matrix(vectors.slice(0, wanted.length), vectors.slice(wanted.length));
      const rowOf = new Map(wanted.map((hunk, k) => [hunk, rows[k]!]));
      similarity = hunks.map((hunk) => rowOf.get(hunk) ?? memory.notes.map(() => null));
    }
  }
  const selected = selectNotes({ hunks, notes: memory.notes, similarity, budgetTokens: memory.promptTokens });
  for (const j of selected.used) memory.notesUsed.add(j);
  for (const hash of selected.byHunk.keys()) memory.hunksWithNotes.add(hash);
  return selected;
}

export interface Suppression {
  findings: PlacedFinding[];
  suppressed: SuppressedFinding[];
}

/**
 * Which finding × record pairs only meaning can decide: the record applies to the finding's path and
 * neither fingerprint nor text already settled it. Only those texts are embedded.
 */
function pairsToEmbed(
  findings: readonly PlacedFinding[],
  memory: RunMemory,
  renamedFrom: ReadonlyMap<string, string>,
) {
  const settled = suppressFindings({
    findings,
    records: memory.dismissals,
    similarity: null,
    threshold: 1,
    renamedFrom,
  });
  const open = new Set(settled.findings);
  const rows = findings.map((placed) =>
    open.has(placed) && matchesByMeaning(placed.finding)
      ? candidatesOf(placed.finding.file, memory.dismissals, renamedFrom)
      : [],
  );
  return rows;
}

/** The one place findings are suppressed: on commit, by hand and in CI alike. */
export async function suppressWithMemory(
  memory: RunMemory | null,
  findings: PlacedFinding[],
  signal: AbortSignal,
  renamedFrom: ReadonlyMap<string, string> = new Map(),
): Promise<Suppression> {
  if (!memory || memory.dismissals.length === 0 || findings.length === 0) return { findings, suppressed: [] };
  let similarity: Array<Array<number | null>> | null = null;
  const pairs = pairsToEmbed(findings, memory, renamedFrom);
  const rowsWanted = pairs.map((row, i) => (row.length > 0 ? i : -1)).filter((i) => i >= 0);
  const columnsWanted = [...new Set(pairs.flat())].sort((a, b) => a - b);
  if (memory.embedder && rowsWanted.length > 0) {
    const inputs = [
      ...rowsWanted.map((i) => findingInput(findings[i]!.finding)),
      ...columnsWanted.map((j) => findingInput(memory.dismissals[j]!)),
    ];
    const vectors = await memory.embedder.embed(inputs, signal);
    const rowVector = new Map(rowsWanted.map((i, k) => [i, vectors[k] ?? null]));
    const columnVector = new Map(columnsWanted.map((j, k) => [j, vectors[rowsWanted.length + k] ?? null]));
    similarity = findings.map((_, i) =>
      memory.dismissals.map((_r, j) => {
        const a = rowVector.get(i);
        const b = columnVector.get(j);
        return a && b ? cosine(a, b) : null;
      }),
    );
  }
  return suppressFindings({
    findings,
    records: memory.dismissals,
    similarity,
    threshold: memory.threshold,
    renamedFrom,
  });
}

export function memorySummary(memory: RunMemory | null): MemorySummary | null {
  if (!memory) return null;
  return {
    file: memory.file,
    dismissals: memory.dismissals.length,
    notes: memory.notes.length,
    issues: memory.issues,
    matching: memory.embeddings && !memory.embedder?.failure ? 'embeddings' : 'text',
    notesUsed: memory.notesUsed.size,
    hunksWithNotes: memory.hunksWithNotes.size,
  };
}

/** Invalid lines named one by one in the report before the rest is counted. */
const ISSUES_LISTED = 5;

/** The memory's warnings for the report: unreadable lines, and the embedding model's failure, once. */
export function memoryNotices(memory: RunMemory | null): Notice[] {
  if (!memory) return [];
  const notices: Notice[] = memory.issues.slice(0, ISSUES_LISTED).map((issue) => ({
    code: 'memory-line-invalid',
    file: memory.file,
    line: issue.line,
    detail: issue.message,
  }));
  if (memory.issues.length > ISSUES_LISTED)
    notices.push({
      code: 'memory-lines-invalid',
      file: memory.file,
      more: memory.issues.length - ISSUES_LISTED,
    });
  if (memory.embedder?.failure) notices.push(memory.embedder.failure);
  return notices;
}
