// A raw record (exact paths and modes) plus its patch sections → FileDiff. Pure.
import type { FileDiff, FileStatus, Hunk, SkippedFile } from '../types.js';
import { countChanges, decodePatch, kindOf, parseSection } from './parse.js';
import type { NumStat, RawRecord, RawStatus } from './parseRaw.js';

const STATUS: Record<RawStatus, FileStatus> = {
  A: 'added',
  C: 'copied',
  D: 'deleted',
  M: 'modified',
  R: 'renamed',
  T: 'typechange',
  U: 'modified',
  X: 'modified',
};

const nullMode = (mode: string) => (/^0+$/.test(mode) ? null : mode);

/**
 * `sections` are the record's `diff --git` sections (two for a type change), or null for a skipped
 * file, whose counts then come from numstat.
 */
export function fileFromRecord(
  record: RawRecord,
  stat: NumStat,
  sections: Buffer[] | null,
  skipped?: SkippedFile,
): FileDiff {
  const oldPath = record.status === 'A' ? null : record.oldPath;
  const newPath = record.status === 'D' ? null : record.newPath;
  const path = newPath ?? oldPath ?? '';
  const oldMode = nullMode(record.oldMode);
  const newMode = nullMode(record.newMode);
  const binary = stat.added === null;
  const decoded = decodeAll(sections ?? []);
  const hunks: Hunk[] = decoded.texts.flatMap((text) => parseSection(text, path).hunks);
  const counts = sections ? countChanges(hunks) : { added: stat.added ?? 0, deleted: stat.deleted ?? 0 };
  return {
    oldPath,
    newPath,
    path,
    status: STATUS[record.status],
    kind: kindOf(record.status === 'D' ? oldMode : newMode, binary),
    oldMode,
    newMode,
    similarity: record.status === 'R' || record.status === 'C' ? record.score : null,
    encoding: decoded.encoding,
    ...counts,
    hunks,
    ...(skipped ? { skipped } : {}),
  };
}

/** One encoding per file: latin1 if any of its sections is not valid UTF-8. */
function decodeAll(sections: Buffer[]): { texts: string[]; encoding: 'utf8' | 'latin1' } {
  const decoded = sections.map(decodePatch);
  if (decoded.every((d) => d.encoding === 'utf8'))
    return { texts: decoded.map((d) => d.text), encoding: 'utf8' };
  return { texts: sections.map((s) => s.toString('latin1')), encoding: 'latin1' };
}
