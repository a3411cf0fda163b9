// The findings of the last review run in this working tree (`<git dir>/hunkwise/last-run.json`), written by
// every run, so that `review dismiss --last` can list them and `review dismiss <fingerprint>` can record one.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, ReviewResult } from '../types.js';
import { stateDir } from './stateDir.js';

export interface LastRunFinding {
  fingerprint: string;
  file: string;
  line: number | null;
  endLine: number | null;
  severity: Finding['severity'];
  category: Finding['category'];
  message: string;
  quote?: string;
  source: Finding['source'];
  origin: string;
}

export interface LastRun {
  version: 1;
  when: string;
  source: string;
  findings: LastRunFinding[];
  /** Findings the memory suppressed in that run, with the fingerprint of the record they matched. */
  suppressed: Array<LastRunFinding & { matched: string }>;
}

function entryOf(finding: Finding): LastRunFinding {
  return {
    fingerprint: finding.fingerprint,
    file: finding.file,
    line: finding.range?.start ?? null,
    endLine: finding.range?.end ?? null,
    severity: finding.severity,
    category: finding.category,
    message: finding.message,
    ...(finding.quote !== undefined ? { quote: finding.quote } : {}),
    source: finding.source,
    origin: finding.origin,
  };
}

export function toLastRun(result: ReviewResult, when: Date): LastRun {
  return {
    version: 1,
    when: when.toISOString(),
    source: result.source,
    findings: result.findings.map((p) => entryOf(p.finding)),
    suppressed: result.suppressed.map((s) => ({
      ...entryOf(s.finding.finding),
      matched: s.record.fingerprint,
    })),
  };
}

const FILE = 'last-run.json';

/** Best effort: a run whose findings cannot be remembered is still a complete run. Returns false then. */
export async function writeLastRun(root: string, result: ReviewResult, when = new Date()): Promise<boolean> {
  try {
    const dir = await stateDir(root);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, FILE);
    writeFileSync(`${path}.${process.pid}.tmp`, `${JSON.stringify(toLastRun(result, when), null, 1)}\n`);
    renameSync(`${path}.${process.pid}.tmp`, path);
    return true;
  } catch {
    return false;
  }
}

function isLastRun(value: unknown): value is LastRun {
  const v = value as Partial<LastRun> | null;
  return (
    v?.version === 1 &&
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
