// GitHub Actions' own surfaces: the job summary file every run writes, and workflow-command annotations on
// stdout when nothing can be posted (fork PR with a read-only token, missing permission, rate limits).
// @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
import { appendFile } from 'node:fs/promises';
import { githubMessages as m } from '../../messages/github.js';
import type { Severity } from '../../types.js';
import { compareTracked, producer } from '../markdown.js';
import type { TrackedFinding } from '../marker.js';
import type { JobSurfaces } from '../reviewHost.js';
import { buildSummary, type SummaryInput } from '../summary.js';

/** GitHub shows this many annotations of each level per step; the rest only in the raw log. */
export const ANNOTATIONS_PER_LEVEL = 10;
/** The job summary of one step may hold at most 1 MiB. */
export const STEP_SUMMARY_BYTES = 1024 * 1024;

type Level = 'error' | 'warning' | 'notice';

const LEVEL: Record<Severity, Level> = {
  critical: 'error',
  major: 'error',
  minor: 'warning',
  info: 'notice',
};

/** Toolkit escaping for a command's message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Toolkit escaping for a property value: also `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotationFor(f: TrackedFinding): string {
  const props = [`file=${escapeProperty(f.file)}`];
  if (f.start !== null) {
    props.push(`line=${f.start}`);
    if (f.end !== null && f.end !== f.start) props.push(`endLine=${f.end}`);
  }
  props.push(`title=${escapeProperty(`hunkwise ${f.severity} ${f.category} (${producer(f)})`)}`);
  return `::${LEVEL[f.severity]} ${props.join(',')}::${escapeData(f.message)}`;
}

/** Most severe first, at most ten per level (the ones GitHub shows), plus a note when some were left out. */
export function annotationLines(findings: readonly TrackedFinding[]): string[] {
  const sorted = [...findings].sort(compareTracked);
  const used: Record<Level, number> = { error: 0, warning: 0, notice: 0 };
  const lines: string[] = [];
  for (const f of sorted) {
    const level = LEVEL[f.severity];
    if (used[level] >= ANNOTATIONS_PER_LEVEL) continue;
    used[level] += 1;
    lines.push(annotationFor(f));
  }
  if (lines.length < sorted.length)
    lines.push(`::notice::${escapeData(m.annotationsCapped(lines.length, sorted.length))}`);
  return lines;
}

/** The job summary: everything, cut to the 1 MiB (bytes, not characters) GitHub accepts. */
export function jobSummaryMarkdown(input: SummaryInput): string {
  let budget = 900_000;
  for (;;) {
    const text = buildSummary({ ...input, listInline: true }, budget);
    if (Buffer.byteLength(text, 'utf8') < STEP_SUMMARY_BYTES - 1024 || budget < 10_000) return text;
    budget = Math.floor(budget * 0.7);
  }
}

export async function writeJobSummary(path: string, markdown: string): Promise<void> {
  await appendFile(path, `${markdown}\n`, 'utf8');
}

/** The surfaces of this Actions job: `GITHUB_STEP_SUMMARY` (when set) and annotations; `runUrl` names the job. */
export function actionsSurfaces(run: { stepSummaryPath: string | null; runUrl: string | null }): JobSurfaces {
  const path = run.stepSummaryPath;
  return {
    writeSummary: path ? (input) => writeJobSummary(path, jobSummaryMarkdown(input)) : null,
    annotations: annotationLines,
    overflowTo: m.jobSummaryPlace(run.runUrl),
  };
}
