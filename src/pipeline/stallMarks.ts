// The memory of a server that took requests and never answered (a stuck Ollama): one small file per role
// under the git directory, so that the commits of the next minutes skip that server at once instead of
// waiting out the hook's time budget again. Written when a run finds the stall, lifted when the server
// answers again (in any run, or `review doctor`), ignored once its pause is over.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Unavailable } from '../reasons.js';
import type { ModelReviewer } from '../review/reviewer.js';
import { PROVIDER_IDS, type ProviderId, ROLES, type Role, type RunMode } from '../vocabulary.js';
import { writeAtomically } from '../writeAtomically.js';

/** How long the hook skips a stalled server before trying it again by itself. */
export const STALL_PAUSE_MINUTES = 10;

/** For how long a run remembers a stall: CI runs start from a fresh checkout, where a mark would not be seen. */
export function stallPauseMinutes(mode: RunMode): number {
  return mode === 'ci' ? 0 : STALL_PAUSE_MINUTES;
}

export interface StallMark {
  role: Role;
  provider: ProviderId;
  model: string;
  endpoint: string | null;
  /** ISO 8601: when the stall was found, and when the hook tries the server again at the latest. */
  since: string;
  until: string;
  waitedSeconds: number;
}

export type StallMarks = Partial<Record<Role, StallMark>>;

type Server = Pick<ModelReviewer, 'provider' | 'model' | 'url'>;

/** A role's server that took requests (or its check) and answered none in time, and how long it was waited on. */
export interface StalledServer {
  reviewer: Server;
  waitedMs: number;
}

const fileOf = (dir: string, role: Role) => join(dir, `stalled-${role}.json`);

function isMark(value: unknown, role: Role): value is StallMark {
  const mark = value as Partial<StallMark> | null;
  return (
    typeof mark === 'object' &&
    mark !== null &&
    mark.role === role &&
    PROVIDER_IDS.includes(mark.provider as ProviderId) &&
    typeof mark.model === 'string' &&
    (mark.endpoint === null || typeof mark.endpoint === 'string') &&
    !Number.isNaN(Date.parse(mark.since ?? '')) &&
    !Number.isNaN(Date.parse(mark.until ?? ''))
  );
}

/** The marks present; a missing or unreadable file is no mark. */
export function readStallMarks(dir: string): StallMarks {
  const marks: StallMarks = {};
  for (const role of ROLES) {
    try {
      const value: unknown = JSON.parse(readFileSync(fileOf(dir, role), 'utf8'));
      if (isMark(value, role)) marks[role] = value;
    } catch {
      // No mark: the usual case.
    }
  }
  return marks;
}

export function stallMarkOf(role: Role, server: Server, waitedMs: number, now = Date.now()): StallMark {
  return {
    role,
    provider: server.provider,
    model: server.model,
    endpoint: server.url ?? null,
    since: new Date(now).toISOString(),
    until: new Date(now + STALL_PAUSE_MINUTES * 60_000).toISOString(),
    waitedSeconds: Math.round(waitedMs / 1000),
  };
}

/** Best effort: without the mark the next commit only waits once more. */
export function writeStallMark(dir: string, mark: StallMark): void {
  writeAtomically(fileOf(dir, mark.role), `${JSON.stringify(mark, null, 2)}\n`);
}

export function clearStallMark(dir: string, role: Role): void {
  try {
    rmSync(fileOf(dir, role), { force: true });
  } catch {
    // Unremovable: it lapses by itself when its pause is over.
  }
}

/** Why the hook skips this role's server now, or null: a mark for the same server whose pause is not over. */
export function pausedBy(mark: StallMark | undefined, server: Server, now = Date.now()): Unavailable | null {
  if (!mark || Date.parse(mark.until) <= now) return null;
  const same =
    mark.provider === server.provider &&
    mark.model === server.model &&
    mark.endpoint === (server.url ?? null);
  if (!same) return null;
  const { role, provider, endpoint, since, until } = mark;
  return { code: 'paused', role, provider, endpoint, since, until };
}
