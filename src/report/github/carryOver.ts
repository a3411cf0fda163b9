// After an incremental review (last reviewed head → new head), which earlier findings still stand:
// those whose lines the change did not touch stay (moved to their new line numbers), touched ones
// that were not found again are gone.
import type { FileDiff, FindingSource, Hunk } from '../../types.js';
import type { TrackedFinding } from './marker.js';
import type { PullRequestDiff } from './prDiff.js';

export interface CarryOver {
  carried: TrackedFinding[];
  goneFingerprints: Set<string>;
}

function byOldPath(files: readonly FileDiff[]): Map<string, FileDiff> {
  const map = new Map<string, FileDiff>();
  for (const file of files) map.set(file.oldPath ?? file.path, file);
  return map;
}

/** Does the hunk change any of the old-side lines start..end (or insert between them)? */
function touches(hunk: Hunk, start: number, end: number): boolean {
  if (hunk.oldLines === 0) return hunk.oldStart >= start && hunk.oldStart < end;
  const last = hunk.oldStart + hunk.oldLines - 1;
  return hunk.oldStart <= end && last >= start;
}

/** Where an untouched old-side line sits on the new side: shifted by every hunk before it. */
export function shiftLine(line: number, hunks: readonly Hunk[]): number {
  let delta = 0;
  for (const hunk of hunks) {
    const before = hunk.oldLines === 0 ? hunk.oldStart < line : hunk.oldStart + hunk.oldLines - 1 < line;
    if (before) delta += hunk.newLines - hunk.oldLines;
  }
  return line + delta;
}

export function carryOver(
  previous: readonly TrackedFinding[],
  change: readonly FileDiff[],
  found: ReadonlySet<string>,
  pr: PullRequestDiff,
  undecided: (file: string, source: FindingSource) => boolean = () => false,
): CarryOver {
  const files = byOldPath(change);
  const carried: TrackedFinding[] = [];
  const goneFingerprints = new Set<string>();
  for (const finding of previous) {
    if (found.has(finding.fingerprint)) continue; // found again: the new finding replaces it
    const file = files.get(finding.file);
    const path = file ? file.newPath : (pr.renamedFrom.get(finding.file) ?? finding.file);
    if (path === null || !pr.paths.has(path)) {
      goneFingerprints.add(finding.fingerprint); // file deleted or no longer part of the pull request
      continue;
    }
    const hunks = file?.hunks ?? [];
    const { start, end } = finding;
    const touched = start === null ? hunks.length > 0 : hunks.some((h) => touches(h, start, end ?? start));
    if (touched && !undecided(path, finding.source)) {
      goneFingerprints.add(finding.fingerprint);
      continue;
    }
    carried.push({
      ...finding,
      file: path,
      start: start === null ? null : shiftLine(start, hunks),
      end: end === null ? null : shiftLine(end, hunks),
    });
  }
  return { carried, goneFingerprints };
}
