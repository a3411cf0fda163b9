// After an incremental review (last reviewed head → new head), which earlier findings still stand:
// those whose lines the change did not touch stay (moved to their new line numbers), touched ones
// that were not found again are gone.
import { buildDiffIndex } from '../diff/diffIndex.js';
import type { FileDiff, FindingSource } from '../types.js';
import type { ChangeRequestDiff } from './commentableLines.js';
import type { TrackedFinding } from './marker.js';

export interface CarryOver {
  carried: TrackedFinding[];
  goneFingerprints: Set<string>;
}

export function carryOver(
  previous: readonly TrackedFinding[],
  change: readonly FileDiff[],
  found: ReadonlySet<string>,
  pr: ChangeRequestDiff,
  undecided: (file: string, source: FindingSource) => boolean = () => false,
): CarryOver {
  // Earlier findings name files as they were: the change is looked up by its old paths.
  const index = buildDiffIndex(change, (file) => file.oldPath ?? file.path);
  const carried: TrackedFinding[] = [];
  const goneFingerprints = new Set<string>();
  for (const finding of previous) {
    if (found.has(finding.fingerprint)) continue; // found again: the new finding replaces it
    const file = index.file(finding.file);
    const path = file ? file.newPath : (pr.renamedFrom.get(finding.file) ?? finding.file);
    if (path === null || !pr.paths.has(path)) {
      goneFingerprints.add(finding.fingerprint); // file deleted or no longer part of the pull request
      continue;
    }
    const { start, end } = finding;
    const touched =
      start === null
        ? index.hunksOf(finding.file).length > 0
        : index.touchesOld(finding.file, start, end ?? start);
    if (touched && !undecided(path, finding.source)) {
      goneFingerprints.add(finding.fingerprint);
      continue;
    }
    carried.push({
      ...finding,
      file: path,
      start: start === null ? null : index.newLineOf(finding.file, start),
      end: end === null ? null : index.newLineOf(finding.file, end),
    });
  }
  return { carried, goneFingerprints };
}
