// Decide which files get a patch before asking git for any, so huge diffs stay in bounded memory. Pure.
import { gitMessages } from '../messages/git.js';
import { firstMatchingGlob } from '../rules/compileGlob.js';
import type { SkippedFile } from '../types.js';
import type { NumStat, RawRecord } from './parseRaw.js';

export interface FileLimits {
  /** Globs (picomatch syntax, dotfiles included; a user's run in RE2) of files to skip, matched against the path reports use. */
  ignore: string[];
  maxFileChangedLines: number;
  maxTotalChangedLines: number;
}

export interface PlannedFile {
  record: RawRecord;
  stat: NumStat;
  skipped?: SkippedFile;
}

/** The path reports use: the new path, or the old one for deletions. */
export function reportPath(record: RawRecord): string {
  return record.status === 'D' ? record.oldPath : record.newPath;
}

/**
 * Skips, in this order: ignored by a glob, binary, over the per-file limit, and, once the running
 * total of kept changed lines passes the diff budget, every further file (in git's path order).
 */
export function planFiles(records: RawRecord[], numstats: NumStat[], limits: FileLimits): PlannedFile[] {
  const ignoredBy = firstMatchingGlob(limits.ignore);
  let total = 0;
  let exhausted = false;
  return records.map((record, i) => {
    const stat = numstats[i] ?? { added: null, deleted: null };
    const path = reportPath(record);
    const glob = ignoredBy(path);
    if (glob !== null)
      return { record, stat, skipped: { reason: 'ignored', detail: gitMessages.skippedIgnored(glob) } };
    if (stat.added === null || stat.deleted === null)
      return { record, stat, skipped: { reason: 'binary', detail: gitMessages.skippedBinary() } };
    const lines = stat.added + stat.deleted;
    if (lines > limits.maxFileChangedLines) {
      const detail = gitMessages.skippedTooLarge(lines, limits.maxFileChangedLines);
      return { record, stat, skipped: { reason: 'too-large', detail } };
    }
    if (exhausted || total + lines > limits.maxTotalChangedLines) {
      exhausted = true;
      const detail = gitMessages.skippedBudget(total + lines, limits.maxTotalChangedLines);
      return { record, stat, skipped: { reason: 'diff-budget', detail } };
    }
    total += lines;
    return { record, stat };
  });
}
