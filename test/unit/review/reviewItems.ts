// Builds hunks and review items from diff-like lines (' ctx', '+add', '-del') for the model-output tests.
import type { ReviewItem } from '../../../src/review/reviewer.js';
import type { DiffLine, Hunk, Reason } from '../../../src/types.js';

/** One finding as a model writes it in a well-formed answer, for the parsing and schema tests. */
export const MODEL_FINDING = {
  file: 'src/a.ts',
  line: 12,
  severity: 'major',
  category: 'bug',
  message: 'b is used before it is assigned',
  quote: 'const c = b;',
};

export function makeHunk(
  file: string,
  start: { old: number; new: number },
  body: string[],
  section = '',
): Hunk {
  let oldLine = start.old;
  let newLine = start.new;
  const lines: DiffLine[] = body.map((raw) => {
    const text = raw.slice(1);
    if (raw.startsWith('+')) return { kind: 'add', text, newLine: newLine++ };
    if (raw.startsWith('-')) return { kind: 'del', text, oldLine: oldLine++ };
    return { kind: 'ctx', text, oldLine: oldLine++, newLine: newLine++ };
  });
  return {
    file,
    oldStart: start.old,
    oldLines: oldLine - start.old,
    newStart: start.new,
    newLines: newLine - start.new,
    section,
    lines,
    hash: `${file}@${start.new}`,
  };
}

export function makeItem(
  hunk: Hunk,
  extra: { context?: string; contextStartLine?: number; reasons?: Reason[] } = {},
) {
  const item: ReviewItem = {
    decision: {
      hunk,
      route: extra.reasons ? 'claude' : 'local',
      reasons: extra.reasons ?? [],
      estimatedTokens: 0,
      securityScore: 0,
    },
    hunk,
    context: extra.context ?? '',
    ...(extra.contextStartLine !== undefined ? { contextStartLine: extra.contextStartLine } : {}),
  };
  return item;
}
