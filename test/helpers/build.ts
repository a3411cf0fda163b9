// Small builders for hand-made domain values in unit tests.
import { createHash } from 'node:crypto';
import { fingerprintOf } from '../../src/findings/fingerprint.js';
import type { DiffLine, FileDiff, Finding, Hunk, RouteDecision } from '../../src/types.js';

/** A hunk from diff-style lines: '+added', '-deleted', ' context'. */
export function hunkOf(file: string, oldStart: number, newStart: number, body: string[]): Hunk {
  let oldLine = oldStart;
  let newLine = newStart;
  const lines: DiffLine[] = body.map((raw) => {
    const text = raw.slice(1);
    if (raw.startsWith('+')) return { kind: 'add', text, newLine: newLine++ };
    if (raw.startsWith('-')) return { kind: 'del', text, oldLine: oldLine++ };
    return { kind: 'ctx', text, oldLine: oldLine++, newLine: newLine++ };
  });
  const hash = createHash('sha256').update(file).update(body.join('\n')).digest('hex').slice(0, 24);
  return {
    file,
    oldStart,
    oldLines: oldLine - oldStart,
    newStart,
    newLines: newLine - newStart,
    section: '',
    lines,
    hash,
  };
}

export function fileOf(path: string, hunks: Hunk[], extra: Partial<FileDiff> = {}): FileDiff {
  const count = (kind: 'add' | 'del') => hunks.flatMap((h) => h.lines).filter((l) => l.kind === kind).length;
  return {
    oldPath: path,
    newPath: path,
    path,
    status: 'modified',
    kind: 'text',
    oldMode: '100644',
    newMode: '100644',
    similarity: null,
    encoding: 'utf8',
    added: count('add'),
    deleted: count('del'),
    hunks,
    ...extra,
  };
}

export function decisionOf(
  hunk: Hunk,
  route: RouteDecision['route'],
  extra: Partial<RouteDecision> = {},
): RouteDecision {
  return {
    hunk,
    route,
    reasons: [{ code: route, detail: `routed ${route}` }],
    estimatedTokens: 100,
    securityScore: 0,
    ...extra,
  };
}

export function findingOf(partial: Partial<Finding> & Pick<Finding, 'file'>): Finding {
  const base = {
    range: { start: 1, end: 1 },
    severity: 'minor' as const,
    category: 'bug' as const,
    message: 'something is off',
    source: 'local' as const,
    origin: 'test-model',
    ...partial,
  };
  return { ...base, fingerprint: partial.fingerprint ?? fingerprintOf(base) };
}
