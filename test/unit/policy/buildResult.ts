// Hand-built ReviewResults for the policy and terminal-report tests.

import { defaultConfig } from '../../../src/config/defaults.js';
import { summariseCost } from '../../../src/pipeline/cost.js';
import type { NotReviewedReason, Unavailable } from '../../../src/reasons.js';
import type {
  Category,
  FileDiff,
  Finding,
  FindingSource,
  Hunk,
  HunkOutcome,
  ModelUsage,
  PlacedFinding,
  Placement,
  Reason,
  ReviewResult,
  Route,
  RouteDecision,
  Severity,
} from '../../../src/types.js';
import { fileOf } from '../../helpers/build.js';

export function hunk(file: string, newStart: number, newLines: number, hash = `${file}:${newStart}`): Hunk {
  const lines: Hunk['lines'] = Array.from({ length: newLines }, (_, i) => ({
    kind: 'add' as const,
    text: `line ${newStart + i}`,
    newLine: newStart + i,
  }));
  return { file, oldStart: newStart, oldLines: 0, newStart, newLines, section: '', lines, hash };
}

export function finding(
  file: string,
  line: number | null,
  severity: Severity,
  overrides: Partial<Finding> & { category?: Category; source?: FindingSource } = {},
): Finding {
  return {
    file,
    range: line === null ? null : { start: line, end: line },
    severity,
    category: 'bug',
    message: `${severity} problem in ${file}`,
    source: 'local',
    origin: 'qwen2.5-coder:7b',
    fingerprint: `${file}:${line}:${severity}`,
    ...overrides,
  };
}

export function placed(f: Finding, placement: Placement = f.range ? 'inline' : 'file'): PlacedFinding {
  return { finding: f, placement };
}

export function decision(
  h: Hunk,
  route: Route,
  estimatedTokens = 100,
  reasons: Reason[] = [{ code: route, detail: `${route} route` }],
): RouteDecision {
  return { hunk: h, route, reasons, estimatedTokens, securityScore: 0 };
}

export function reviewed(
  h: Hunk,
  by: ('local' | 'claude')[],
  route: Route = by.includes('claude') ? 'claude' : 'local',
): HunkOutcome {
  return { hunk: h, route, status: 'reviewed', by: ['rule', ...by], notes: [] };
}

export function notReviewed(h: Hunk, reason: NotReviewedReason, route: Route = 'local'): HunkOutcome {
  return { hunk: h, route, status: 'notReviewed', reason, notes: [] };
}

export function skipped(h: Hunk, detail: string): HunkOutcome {
  return { hunk: h, route: 'skip', status: 'skipped', reason: { code: 'routing-skip', detail }, notes: [] };
}

/** The local model's server did not answer its check, with the sentence the check gave. */
export function localDown(reason: string, fix = 'start it with `ollama serve`'): Unavailable {
  return { code: 'check-failed', role: 'local', reason, fix };
}

export function usage(
  model: string,
  provider: ModelUsage['provider'],
  over: Partial<ModelUsage> = {},
): ModelUsage {
  return {
    model,
    role: provider === 'ollama' ? 'local' : 'escalation',
    provider,
    requests: 1,
    inputTokens: 1200,
    outputTokens: 150,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    cacheHits: 0,
    costUsd: 0,
    ...over,
  };
}

export function fileDiff(path: string, hunks: Hunk[], skipped?: FileDiff['skipped']): FileDiff {
  return fileOf(path, hunks, skipped ? { skipped } : {});
}

/** A result; its cost is computed from its decisions, outcomes and usage as the pipeline does, unless given. */
export function result(over: Partial<ReviewResult> = {}): ReviewResult {
  const base = {
    source: 'staged',
    files: [],
    decisions: [],
    outcomes: [],
    findings: [],
    suppressed: [],
    memory: null,
    usage: [],
    notices: [],
    dryRun: false,
    durationMs: 1234,
    ...over,
  };
  return { ...base, cost: over.cost ?? summariseCost(base, defaultConfig()) };
}
