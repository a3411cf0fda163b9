// Where a finding can be shown: on a diff line, on its file, or only in the summary. Never dropped.
import type { FileDiff, Finding, PlacedFinding } from '../types.js';

function newLinesOf(file: FileDiff): Array<Set<number>> {
  return file.hunks.map((hunk) => {
    const lines = new Set<number>();
    for (const line of hunk.lines) if (line.kind !== 'del') lines.add(line.newLine);
    return lines;
  });
}

export function placeFindings(findings: readonly Finding[], files: readonly FileDiff[]): PlacedFinding[] {
  const byPath = new Map<string, Array<Set<number>>>();
  for (const file of files) byPath.set(file.path, newLinesOf(file));
  return findings.map((finding) => {
    const hunks = byPath.get(finding.file);
    if (!hunks) return { finding, placement: 'summary' };
    const range = finding.range;
    if (!range) return { finding, placement: 'file' };
    const inOneHunk = hunks.some((lines) => lines.has(range.start) && lines.has(range.end));
    return { finding, placement: inOneHunk ? 'inline' : 'file' };
  });
}
