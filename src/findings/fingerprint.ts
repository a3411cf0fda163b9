import { createHash } from 'node:crypto';
import type { Category } from '../types.js';

/** Whitespace- and case-insensitive form of quoted code, so re-indented or reformatted code keeps its identity. */
export function normaliseQuote(quote: string): string {
  return quote.replace(/\s+/g, '').toLowerCase();
}

/**
 * Stable identity of a finding across runs, commits and line moves: file, normalised quoted code and
 * category, never the line number. Without a quote the message stands in for it.
 */
export function fingerprintOf(input: {
  file: string;
  category: Category;
  quote?: string;
  message: string;
}): string {
  const anchor = input.quote?.trim() ? normaliseQuote(input.quote) : `msg:${normaliseQuote(input.message)}`;
  return createHash('sha256')
    .update(`${input.file}\0${input.category}\0${anchor}`)
    .digest('hex')
    .slice(0, 16);
}
