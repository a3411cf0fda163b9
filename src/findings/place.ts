// Where a finding can be shown: on a diff line, on its file, or only in the summary. Never dropped.
import { buildDiffIndex } from '../diff/diffIndex.js';
import type { FileDiff, Finding, PlacedFinding } from '../types.js';

export function placeFindings(findings: readonly Finding[], files: readonly FileDiff[]): PlacedFinding[] {
  const index = buildDiffIndex(files);
  return findings.map((finding) => {
    if (!index.hasFile(finding.file)) return { finding, placement: 'summary' };
    const range = finding.range;
    if (!range) return { finding, placement: 'file' };
    return { finding, placement: index.sameHunk(finding.file, range.start, range.end) ? 'inline' : 'file' };
  });
}
