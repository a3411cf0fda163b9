// The one summary builder, shared by the sticky PR comment, the job summary and the review fallback.
import { coverageOf } from '../coverage.js';
import { formatRecord } from '../memory/formatRecord.js';
import type { DismissRecord } from '../memory/record.js';
import { githubMessages as m } from '../messages/github.js';
import { memoryMessages as mm } from '../messages/memory.js';
import { describeNotice, describeReasonGroup } from '../messages/outcomes.js';
import { groupThousands } from '../messages/plural.js';
import { reportMessages } from '../messages/report.js';
import { groupByReason } from '../report/reasonGroups.js';
import type { ReviewResult } from '../types.js';
import { SEVERITIES, type Severity } from '../vocabulary.js';
import {
  codeSpan,
  compareTracked,
  cutAtLine,
  location,
  oneLine,
  producer,
  SEVERITY_LABEL,
  track,
} from './markdown.js';
import type { TrackedFinding } from './marker.js';

export interface ListedFinding {
  finding: TrackedFinding;
  /** Where the reader finds it: posted inline now, inline earlier, or only here. */
  where: 'inline' | 'posted' | 'summary';
}

export interface SummaryInput {
  headSha: string;
  /** Sentences about the scope of this run (full, incremental, unresolvable head, …). */
  scope: string[];
  findings: ListedFinding[];
  /** This run's engine result; null when nothing was reviewed (same head re-run). */
  result: ReviewResult | null;
  resolved: number;
  /** Also list findings already visible as inline comments (job summary, fallbacks). */
  listInline: boolean;
  /** Where the omitted findings can be read when the body is cut. */
  overflowTo: string;
  /** Findings dismissed in this pull request's conversation, as lines for the memory file. */
  dismissed?: readonly DismissRecord[];
  pullNumber?: number;
}

/** Suppressed findings and memory lines listed before the rest is only counted. */
const MEMORY_LIST_LIMIT = 30;

/** What the team memory did: suppressed findings (counted, listed folded), notes used, PR dismissals as lines to add. */
function memorySection(input: SummaryInput): string[] {
  const suppressed = input.result?.suppressed ?? [];
  const notes = input.result?.memory?.notesUsed ?? 0;
  const dismissed = input.dismissed ?? [];
  if (suppressed.length === 0 && notes === 0 && dismissed.length === 0) return [];
  const lines = ['', '### Team memory'];
  if (suppressed.length > 0) {
    lines.push(
      `- ${mm.suppressedCount(suppressed.length)}:`,
      '',
      '<details><summary>Suppressed findings</summary>',
      '',
    );
    for (const s of suppressed.slice(0, MEMORY_LIST_LIMIT)) {
      const f = track(s.finding.finding);
      const why = `${mm.matchLabel(s.match, s.similarity)}, ${mm.dismissedBy(s.record.who, s.record.reason)}`;
      lines.push(
        `- ${SEVERITY_LABEL[f.severity]} ${codeSpan(location(f))} ${f.category} · ${codeSpan(producer(f))}: ${oneLine(f.message, 300)} — ${oneLine(why, 300)}`,
      );
    }
    if (suppressed.length > MEMORY_LIST_LIMIT)
      lines.push(`- ${mm.moreInReport(suppressed.length - MEMORY_LIST_LIMIT)}`);
    lines.push('', '</details>');
  }
  if (notes > 0) lines.push(`- ${mm.notesUsed(notes, input.result?.memory?.hunksWithNotes ?? 0)}.`);
  if (dismissed.length > 0) {
    const file = input.result?.memory?.file ?? '.hunkwise/memory.jsonl';
    lines.push('', mm.prDismissedIntro(dismissed.length, file, input.pullNumber), '', '```jsonl');
    // JSON escapes every character that could end the fence or hide a marker.
    for (const record of dismissed.slice(0, MEMORY_LIST_LIMIT))
      lines.push(formatRecord(record).replace(/</g, '\\u003c').replace(/`/g, '\\u0060'));
    lines.push('```');
    if (dismissed.length > MEMORY_LIST_LIMIT)
      lines.push('', mm.moreLines(dismissed.length - MEMORY_LIST_LIMIT, input.pullNumber));
  }
  return lines;
}

const MOST_SEVERE_FIRST: readonly Severity[] = [...SEVERITIES].reverse();

function countsTable(findings: readonly TrackedFinding[]): string[] {
  if (findings.length === 0) return ['No findings. ✅'];
  const producers = [...new Set(findings.map(producer))].sort();
  const head = `| Severity | ${producers.map((p) => codeSpan(p)).join(' | ')} | Total |`;
  const rule = `|---|${producers.map(() => '---:').join('|')}|---:|`;
  const rows = MOST_SEVERE_FIRST.flatMap((severity) => {
    const of = findings.filter((f) => f.severity === severity);
    if (of.length === 0) return [];
    const cells = producers.map((p) => of.filter((f) => producer(f) === p).length);
    return [`| ${SEVERITY_LABEL[severity]} | ${cells.join(' | ')} | ${of.length} |`];
  });
  return [head, rule, ...rows];
}

function coverage(result: ReviewResult): string[] {
  const cov = coverageOf(result.outcomes);
  const by = new Map<string, number>();
  for (const outcome of cov.reviewed) {
    const key = outcome.by.map((source) => (source === 'rule' ? 'rules' : source)).join(' + ');
    by.set(key, (by.get(key) ?? 0) + 1);
  }
  const lines = ['### Coverage'];
  const reviewed = [...by].map(([who, n]) => `${n} by ${who}`).join(', ');
  lines.push(`- Hunks reviewed: ${reviewed || 'none'}`);
  if (cov.rulesOnly.length > 0) lines.push(`- ${m.rulesOnlyGroup(cov.rulesOnly.length)}`);
  for (const group of groupByReason([...cov.leftForCi, ...cov.notReviewed]))
    lines.push(
      `- ${m.notReviewedGroup(group.outcomes.length, oneLine(describeReasonGroup(group.reason), 200))}`,
    );
  const skipped = cov.skipped.length;
  if (skipped) lines.push(`- ${skipped} hunk${skipped === 1 ? '' : 's'} skipped by routing rules`);
  const skippedFiles = result.files.filter((f) => f.skipped);
  for (const file of skippedFiles.slice(0, 20))
    lines.push(`- Skipped ${codeSpan(file.path)}: ${oneLine(file.skipped?.detail ?? '', 200)}`);
  if (skippedFiles.length > 20) lines.push(`- …and ${skippedFiles.length - 20} more skipped files`);
  return lines;
}

const usd = (n: number) => `$${n < 0.01 && n > 0 ? n.toFixed(4) : n.toFixed(2)}`;
const tokens = groupThousands;

function costSection(result: ReviewResult): string[] {
  const lines = ['### Tokens and cost'];
  if (result.usage.length > 0) {
    lines.push(
      '| Model | Requests | Input tokens | Output tokens | Cache hits | Cost |',
      '|---|---:|---:|---:|---:|---:|',
    );
    for (const u of result.usage) {
      lines.push(
        `| ${codeSpan(u.model)} | ${u.requests} | ${tokens(u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens)} | ${tokens(u.outputTokens)} | ${u.cacheHits} | ${usd(u.costUsd)} |`,
      );
      // A pool's servers, one row each, when there was more than one.
      if ((u.hosts?.length ?? 0) > 1)
        for (const h of u.hosts ?? [])
          lines.push(
            `| ↳ ${codeSpan(h.host)} | ${h.requests} | ${tokens(h.inputTokens)} | ${tokens(h.outputTokens)} | | |`,
          );
    }
  } else lines.push('No model was called.');
  const c = result.cost;
  const baseline = m.costBaseline(usd(c.allClaudeCostUsd), tokens(c.allClaudeTokens));
  const counts = reportMessages.hunkCounts(c.hunks);
  // A saving is only ever claimed over hunks a model reviewed.
  if (c.savingPercent === null) lines.push('', m.costNoSaving(baseline, counts));
  else
    lines.push(
      '',
      m.costSaving({
        baseline,
        claudeTokens: tokens(c.claudeTokens),
        reviewedTokens: tokens(c.reviewedTokens),
        billed: usd(c.claudeCostUsd),
        saving: `${c.savingPercent}%`,
        counts,
      }),
    );
  return lines;
}

function findingLine(item: ListedFinding): string {
  const f = item.finding;
  const tag = item.where === 'summary' ? '' : ' _(inline comment)_';
  return `- ${SEVERITY_LABEL[f.severity]} ${codeSpan(location(f))} ${f.category} · ${codeSpan(producer(f))}: ${oneLine(f.message)}${tag}`;
}

/** Markdown ≤ `budget` characters; when findings do not fit, the cut says how many and where to look. */
export function buildSummary(input: SummaryInput, budget: number): string {
  const all = input.findings.map((i) => i.finding);
  const head = [
    `## hunkwise review of ${input.headSha.slice(0, 7)}`,
    '',
    ...input.scope.map((s) => `> ${oneLine(s, 600)}`),
    ...(input.scope.length ? [''] : []),
    ...countsTable(all),
    ...(input.resolved
      ? ['', `${input.resolved} earlier finding${input.resolved === 1 ? '' : 's'} resolved.`]
      : []),
  ];
  const tail = [
    ...memorySection(input),
    ...(input.result
      ? ['', ...coverage(input.result), '', ...costSection(input.result), ...notices(input.result)]
      : []),
  ];
  const listed = input.findings
    .filter((i) => input.listInline || i.where === 'summary')
    .sort((a, b) => compareTracked(a.finding, b.finding));
  const listHead = listed.length ? ['', '### Findings', ''] : [];
  const fixed = [...head, ...listHead].join('\n').length + tail.join('\n').length + 2;
  const lines: string[] = [];
  let used = fixed;
  let omitted = 0;
  const reserve = 200; // room for the truncation note
  for (const item of listed) {
    const line = findingLine(item);
    if (omitted === 0 && used + line.length + 1 <= budget - reserve) {
      lines.push(line);
      used += line.length + 1;
    } else omitted += 1;
  }
  if (omitted) lines.push('', m.truncated(omitted, input.overflowTo));
  const body = [...head, ...listHead, ...lines, ...tail].join('\n');
  return cutAtLine(body, budget);
}

function notices(result: ReviewResult): string[] {
  if (result.notices.length === 0) return [];
  return [
    '',
    '### Notices',
    ...result.notices.slice(0, 20).map((n) => `- ${oneLine(describeNotice(n), 500)}`),
  ];
}
