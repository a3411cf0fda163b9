// The lines the rules look at: added lines of files that were not skipped, with their new-side line numbers.
import type { FileDiff, Hunk } from '../types.js';

export interface AddedLine {
  file: string;
  hunk: Hunk;
  newLine: number;
  text: string;
}

export function* addedLines(files: readonly FileDiff[]): Generator<AddedLine> {
  for (const file of files) {
    if (file.skipped) continue;
    for (const hunk of file.hunks) {
      for (const line of hunk.lines) {
        if (line.kind === 'add') yield { file: hunk.file, hunk, newLine: line.newLine, text: line.text };
      }
    }
  }
}
