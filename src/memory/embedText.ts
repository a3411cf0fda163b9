// Pure: what gets embedded, with which nomic-embed-text task prefix, and the normalised text the fallback compares.
// @see https://huggingface.co/nomic-ai/nomic-embed-text-v1.5 (task instruction prefixes)
import type { Hunk } from '../types.js';

/**
 * A new finding and a dismissed one are the same kind of text compared symmetrically ("is this the same
 * remark?"): both get `clustering: `, the prefix nomic documents for grouping texts and removing semantic
 * duplicates. Note retrieval is asymmetric (which notes answer this hunk?): the hunk is the query, notes
 * are the documents.
 */
export const PREFIX = {
  finding: 'clustering: ',
  query: 'search_query: ',
  document: 'search_document: ',
} as const;

export type Prefix = (typeof PREFIX)[keyof typeof PREFIX];

/** One text to embed: the prefix is part of the cache key, and is sent in front of the text. */
export interface EmbedInput {
  prefix: Prefix;
  text: string;
}

/** Inputs stay far below nomic-embed-text's context, so the server never cuts one (truncate is off). */
const MAX_FINDING_CHARS = 1200;
const MAX_HUNK_CHARS = 2400;
const MAX_NOTE_CHARS = 1200;

function cap(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max);
}

/** A finding (or a dismissed one) as embedded: its message, then the code it quotes. */
export function findingInput(f: { message: string; quote?: string | undefined }): EmbedInput {
  const quote = f.quote?.trim();
  return {
    prefix: PREFIX.finding,
    text: cap(quote ? `${f.message.trim()}\n${quote}` : f.message.trim(), MAX_FINDING_CHARS),
  };
}

/** A hunk as a query for notes: its path and what it adds (what it removes, for a pure deletion). */
export function hunkInput(hunk: Hunk): EmbedInput {
  const added = hunk.lines.filter((l) => l.kind === 'add');
  const lines = (added.length > 0 ? added : hunk.lines).map((l) => l.text.trim()).filter(Boolean);
  return { prefix: PREFIX.query, text: cap(`${hunk.file}\n${lines.join('\n')}`, MAX_HUNK_CHARS) };
}

export function noteInput(note: { message: string }): EmbedInput {
  return { prefix: PREFIX.document, text: cap(note.message.trim(), MAX_NOTE_CHARS) };
}

/** Case, punctuation and spacing do not make a different remark. */
export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
