// Content-addressed cache of model reviews: a second run over the same hunks is free and instant.
// Findings are stored relative to their hunk, so a hunk that moved still gets its findings on the right lines.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, Hunk } from '../types.js';
import type { RoleName } from '../vocabulary.js';
import { writeAtomically } from '../writeAtomically.js';

const ENTRY_VERSION = 1;

export interface CacheKeyParts {
  hunkHash: string;
  /** The role, by its route name (kept so existing entries stay valid). */
  reviewer: RoleName;
  model: string;
  promptVersion: string;
  /** Digest of the config that changes answers (context size, token caps…). */
  settings: string;
}

export function cacheKey(parts: CacheKeyParts): string {
  return createHash('sha256')
    .update(
      [parts.hunkHash, parts.reviewer, parts.model, parts.promptVersion, parts.settings, ENTRY_VERSION].join(
        '\0',
      ),
    )
    .digest('hex');
}

type StoredFinding = Omit<Finding, 'range'> & { offset: { start: number; end: number } | null };

interface Entry {
  v: number;
  findings: StoredFinding[];
}

function isEntry(value: unknown): value is Entry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<Entry>;
  return (
    entry.v === ENTRY_VERSION &&
    Array.isArray(entry.findings) &&
    entry.findings.every(
      (f) =>
        typeof f?.file === 'string' && typeof f.message === 'string' && typeof f.fingerprint === 'string',
    )
  );
}

export class ReviewCache {
  /** Entries that existed but could not be read: ignored, counted for the report. */
  corrupt = 0;
  /** Keys already looked up in vain this run: a hunk may be looked up at each step of its chain. */
  private readonly missed = new Set<string>();

  constructor(private readonly dir: string | null) {}

  private pathOf(key: string): string {
    return join(this.dir ?? '', key.slice(0, 2), `${key}.json`);
  }

  get(key: string, hunk: Hunk): Finding[] | null {
    if (!this.dir || this.missed.has(key)) return null;
    let raw: string;
    try {
      raw = readFileSync(this.pathOf(key), 'utf8');
    } catch {
      this.missed.add(key);
      return null;
    }
    try {
      const entry: unknown = JSON.parse(raw);
      if (!isEntry(entry)) throw new Error('unexpected shape');
      return entry.findings.map(({ offset, ...rest }) => ({
        ...rest,
        range: offset ? { start: hunk.newStart + offset.start, end: hunk.newStart + offset.end } : null,
      }));
    } catch {
      this.corrupt += 1;
      this.missed.add(key);
      return null;
    }
  }

  /** Best effort: a cache that cannot be written only costs the next run its speed. */
  set(key: string, hunk: Hunk, findings: readonly Finding[]): boolean {
    if (!this.dir) return false;
    const entry: Entry = {
      v: ENTRY_VERSION,
      findings: findings.map(({ range, ...rest }) => ({
        ...rest,
        offset: range ? { start: range.start - hunk.newStart, end: range.end - hunk.newStart } : null,
      })),
    };
    this.missed.delete(key);
    return writeAtomically(this.pathOf(key), JSON.stringify(entry));
  }
}
