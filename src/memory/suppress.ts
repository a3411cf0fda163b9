// Pure: merged findings × dismissed records (× similarities, when the embedding model answered) → the findings
// that stand and the ones suppressed, each with the record it matched. The one place suppression happens.
import type { PlacedFinding } from '../types.js';
import { normaliseText } from './embedText.js';
import type { DismissRecord, SuppressedFinding } from './record.js';
import { inScope } from './scope.js';

export interface SuppressInput {
  findings: readonly PlacedFinding[];
  records: readonly DismissRecord[];
  /**
   * `similarity[i][j]`: cosine similarity of finding i and record j (message + quote), or null where one of
   * them was not embedded. Null as a whole when the embedding model is off or unavailable.
   */
  similarity: ReadonlyArray<ReadonlyArray<number | null>> | null;
  threshold: number;
  /** Path in this diff → its name before (renames), so records made before a rename still apply. */
  renamedFrom?: ReadonlyMap<string, string>;
}

export interface SuppressOutput {
  findings: PlacedFinding[];
  suppressed: SuppressedFinding[];
}

/** Secrets match by fingerprint only: their quote is the secret, so it is neither stored nor embedded. */
export function matchesByMeaning(item: { category?: string | undefined }): boolean {
  return item.category !== 'secret';
}

/** The records (by index) meaning may match a finding in `file` against: ones of a kind meaning can judge, in scope. */
export function candidatesOf(
  file: string,
  records: readonly DismissRecord[],
  renamedFrom?: ReadonlyMap<string, string>,
): number[] {
  const indexes: number[] = [];
  records.forEach((record, j) => {
    if (matchesByMeaning(record) && inScope(record, file, renamedFrom)) indexes.push(j);
  });
  return indexes;
}

function sameText(finding: PlacedFinding['finding'], record: DismissRecord): boolean {
  if (normaliseText(finding.message) !== normaliseText(record.message)) return false;
  return normaliseText(finding.quote ?? '') === normaliseText(record.quote ?? '');
}

function matchOne(
  placed: PlacedFinding,
  row: ReadonlyArray<number | null> | null,
  input: SuppressInput,
): SuppressedFinding | null {
  const { finding } = placed;
  const byFingerprint = input.records.find((r) => r.fingerprint === finding.fingerprint);
  if (byFingerprint)
    return { finding: placed, record: byFingerprint, match: 'fingerprint', similarity: null };
  if (!matchesByMeaning(finding)) return null;
  const candidates = candidatesOf(finding.file, input.records, input.renamedFrom).map((j) => ({
    record: input.records[j]!,
    j,
  }));
  const byText = candidates.find(({ record }) => sameText(finding, record));
  if (byText) return { finding: placed, record: byText.record, match: 'text', similarity: null };
  let best: { record: DismissRecord; similarity: number } | null = null;
  for (const { record, j } of candidates) {
    const similarity = row?.[j] ?? null;
    if (similarity === null || similarity < input.threshold) continue;
    if (!best || similarity > best.similarity) best = { record, similarity };
  }
  if (!best) return null;
  return {
    finding: placed,
    record: best.record,
    match: 'embedding',
    similarity: Math.round(best.similarity * 1000) / 1000,
  };
}

export function suppressFindings(input: SuppressInput): SuppressOutput {
  const findings: PlacedFinding[] = [];
  const suppressed: SuppressedFinding[] = [];
  input.findings.forEach((placed, i) => {
    const match = input.records.length > 0 ? matchOne(placed, input.similarity?.[i] ?? null, input) : null;
    if (match) suppressed.push(match);
    else findings.push(placed);
  });
  return { findings, suppressed };
}
