// Builds Hunks and FileDiffs from `+`/`-`/` `-prefixed lines, as git would number them.
import type { DiffLine, FileDiff, Hunk } from '../../../src/types.js';
import { fileOf } from '../../helpers/build.js';

export function makeHunk(
  file: string,
  lines: string[],
  opts: { oldStart?: number; newStart?: number; section?: string } = {},
): Hunk {
  let oldLine = opts.oldStart ?? 1;
  let newLine = opts.newStart ?? 1;
  const parsed: DiffLine[] = lines.map((raw) => {
    const text = raw.slice(1);
    if (raw.startsWith('+')) return { kind: 'add', text, newLine: newLine++ };
    if (raw.startsWith('-')) return { kind: 'del', text, oldLine: oldLine++ };
    return { kind: 'ctx', text, oldLine: oldLine++, newLine: newLine++ };
  });
  const oldLines = parsed.filter((l) => l.kind !== 'add').length;
  const newLines = parsed.filter((l) => l.kind !== 'del').length;
  return {
    file,
    oldStart: opts.oldStart ?? 1,
    oldLines,
    newStart: opts.newStart ?? 1,
    newLines,
    section: opts.section ?? '',
    lines: parsed,
    hash: `${file}:${opts.newStart ?? 1}:${lines.join('\n').length}`,
  };
}

/** The shared builder, under the name the router tests use. */
export const makeFile = fileOf;

/** One file with one hunk. */
export function fileWith(path: string, lines: string[], opts: Parameters<typeof makeHunk>[2] = {}): FileDiff {
  return makeFile(path, [makeHunk(path, lines, opts)]);
}

/** `n` added lines of plain code. */
export function addedLines(n: number, text = 'const value = compute(item);'): string[] {
  return Array.from({ length: n }, () => `+${text}`);
}
