// Pure: a finding (from the last run, or a pull-request comment) → the dismissal line that keeps it dismissed.
import type { Category } from '../types.js';
import type { DismissRecord } from './record.js';

export interface DismissedFinding {
  fingerprint: string;
  file: string;
  category?: Category | undefined;
  message: string;
  quote?: string | null | undefined;
}

export interface DismissBy {
  who: string;
  when: Date;
  reason?: string | undefined;
  /** Widens the record from the finding's file to every path the glob matches. */
  glob?: string | undefined;
}

export function dismissRecordOf(finding: DismissedFinding, by: DismissBy): DismissRecord {
  const scope = by.glob ? { glob: by.glob } : { file: finding.file };
  const reason = by.reason?.trim();
  // A secret's quote is the secret: it must never reach a file meant to be committed.
  const quote = finding.category === 'secret' ? undefined : finding.quote?.trim() || undefined;
  return {
    kind: 'dismiss',
    fingerprint: finding.fingerprint,
    ...scope,
    ...(finding.category ? { category: finding.category } : {}),
    message: finding.message,
    ...(quote ? { quote } : {}),
    ...(reason ? { reason } : {}),
    who: by.who,
    when: by.when.toISOString(),
  };
}

/** Whether the memory already holds this dismissal (same finding, same scope): writing it twice adds nothing. */
export function alreadyDismissed(records: readonly DismissRecord[], record: DismissRecord): boolean {
  return records.some(
    (r) => r.fingerprint === record.fingerprint && r.file === record.file && r.glob === record.glob,
  );
}
