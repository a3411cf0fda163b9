// git's machine output (`--raw -z`, `--numstat -z`) → records with exact paths. Pure.
// @see https://git-scm.com/docs/git-diff-tree#_raw_output_format

/** A = added, C = copied, D = deleted, M = modified, R = renamed, T = type changed, U = unmerged. */
export type RawStatus = 'A' | 'C' | 'D' | 'M' | 'R' | 'T' | 'U' | 'X';

export interface RawRecord {
  status: RawStatus;
  /** Similarity (R, C) in percent. */
  score: number | null;
  oldMode: string;
  newMode: string;
  oldId: string;
  newId: string;
  /** Source path; equals newPath unless renamed or copied. */
  oldPath: string;
  newPath: string;
}

/** Added and deleted line counts; null for binary files (numstat prints `-`). */
export interface NumStat {
  added: number | null;
  deleted: number | null;
}

export interface RawOutput {
  records: RawRecord[];
  numstats: NumStat[];
  /** Byte offset where a patch (`-p`) begins, or the buffer's length when there is none. */
  patchStart: number;
}

const NUL = 0;
const COLON = 0x3a;

/**
 * Reads `--raw -z` records, then `--numstat -z` records, then (with `-p`) stops after the extra NUL
 * that separates them from the patch. Paths are raw bytes between NULs, decoded as UTF-8.
 */
export function parseRawOutput(buf: Buffer): RawOutput {
  const records: RawRecord[] = [];
  const numstats: NumStat[] = [];
  let pos = 0;
  const field = (): string => {
    const end = buf.indexOf(NUL, pos);
    const stop = end === -1 ? buf.length : end;
    const value = buf.toString('utf8', pos, stop);
    pos = stop + 1;
    return value;
  };
  while (pos < buf.length) {
    const byte = buf[pos];
    if (byte === NUL) return { records, numstats, patchStart: pos + 1 };
    if (byte === COLON) {
      records.push(parseRecord(field(), field));
      continue;
    }
    if (buf.toString('latin1', pos, pos + 11) === 'diff --git ')
      return { records, numstats, patchStart: pos };
    numstats.push(parseNumstat(field(), field));
  }
  return { records, numstats, patchStart: buf.length };
}

function parseRecord(meta: string, next: () => string): RawRecord {
  // ":100644 100644 <old id> <new id> R086"
  const [oldMode = '', newMode = '', oldId = '', newId = '', statusField = 'X'] = meta.slice(1).split(' ');
  const status = (statusField[0] ?? 'X') as RawStatus;
  const score = statusField.length > 1 ? Number.parseInt(statusField.slice(1), 10) : null;
  const first = next();
  const second = status === 'R' || status === 'C' ? next() : first;
  return { status, score, oldMode, newMode, oldId, newId, oldPath: first, newPath: second };
}

function parseNumstat(head: string, next: () => string): NumStat {
  // "12\t3\tpath" or, for renames and copies, "12\t3\t" followed by two NUL-terminated paths.
  const [added = '-', deleted = '-', path = ''] = head.split('\t');
  if (path === '') {
    next();
    next();
  }
  const count = (value: string) => (value === '-' ? null : Number.parseInt(value, 10));
  return { added: count(added), deleted: count(deleted) };
}

/** Byte ranges of each `diff --git` section of a patch, in order. */
export function splitPatchSections(buf: Buffer, start = 0): Array<{ start: number; end: number }> {
  const marker = Buffer.from('\ndiff --git ', 'latin1');
  const sections: Array<{ start: number; end: number }> = [];
  let at = buf.indexOf('diff --git ', start, 'latin1');
  if (at === -1) return sections;
  while (at !== -1) {
    const next = buf.indexOf(marker, at);
    const end = next === -1 ? buf.length : next + 1;
    sections.push({ start: at, end });
    at = next === -1 ? -1 : next + 1;
  }
  return sections;
}

/** How many `diff --git` sections git prints for a record: two when a file's type changes (delete + add). */
export function sectionsFor(record: RawRecord): number {
  if (record.status === 'U') return 0;
  const type = (mode: string) => mode.slice(0, -3);
  const bothExist = !/^0+$/.test(record.oldMode) && !/^0+$/.test(record.newMode);
  return bothExist && type(record.oldMode) !== type(record.newMode) ? 2 : 1;
}
