// The findings of the last review run in this working tree (`<git dir>/hunkwise/last-run.json`), written by
// every run, so that `review dismiss --last` can list them and `review dismiss <fingerprint>` can record one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingJson } from '../report/json.js';
import type { ReviewResult } from '../types.js';
import { writeAtomically } from '../writeAtomically.js';
import { stateDir } from './stateDir.js';

/** A finding as the JSON report carries it. */
export type LastRunFinding = ReturnType<typeof findingJson>;

export interface LastRun {
  version: 2;
  when: string;
  source: string;
  findings: LastRunFinding[];
  /** Findings the memory suppressed in that run, with the fingerprint of the record they matched. */
  suppressed: Array<LastRunFinding & { matched: string }>;
}

export function toLastRun(result: ReviewResult, when: Date): LastRun {
  return {
    version: 2,
    when: when.toISOString(),
    source: result.source,
    findings: result.findings.map(findingJson),
    suppressed: result.suppressed.map((s) => ({
      ...findingJson(s.finding),
      matched: s.record.fingerprint,
    })),
  };
}

const FILE = 'last-run.json';

/** Best effort: a run whose findings cannot be remembered is still a complete run. Returns false then. */
export async function writeLastRun(root: string, result: ReviewResult, when = new Date()): Promise<boolean> {
  let dir: string;
  try {
    dir = await stateDir(root);
  } catch {
    return false;
  }
  return writeAtomically(join(dir, FILE), `${JSON.stringify(toLastRun(result, when), null, 1)}\n`);
}

function isLastRun(value: unknown): value is LastRun {
  const v = value as Partial<LastRun> | null;
  return (
    v?.version === 2 &&
    typeof v.when === 'string' &&
    Array.isArray(v.findings) &&
    Array.isArray(v.suppressed) &&
    v.findings.every((f) => typeof f?.fingerprint === 'string' && typeof f.file === 'string')
  );
}

/** The last run, or null when no run was recorded here (or the record is unreadable). */
export async function readLastRun(root: string): Promise<LastRun | null> {
  try {
    const value: unknown = JSON.parse(readFileSync(join(await stateDir(root), FILE), 'utf8'));
    return isLastRun(value) ? value : null;
  } catch {
    return null;
  }
}
