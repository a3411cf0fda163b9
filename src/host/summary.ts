// The one summary builder, shared by the sticky PR comment, the job summary and the review fallback.
import { githubMessages as m } from '../messages/github.js';
import { describeNotice, describeReason } from '../messages/outcomes.js';
import { groupThousands } from '../messages/plural.js';
import type { ReviewResult } from '../types.js';
import { SEVERITIES, type Severity } from '../vocabulary.js';
import { codeSpan, compareTracked, location, oneLine, producer, SEVERITY_LABEL } from './markdown.js';
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
  const by = new Map<string, number>();
  const notReviewed = new Map<string, number>();
  let skipped = 0;
  for (const outcome of result.outcomes) {
    if (outcome.status === 'reviewed') {
      const key = outcome.by.map((source) => (source === 'rule' ? 'rules' : source)).join(' + ') || 'rules';
      by.set(key, (by.get(key) ?? 0) + 1);
    } else if (outcome.status === 'notReviewed') {
      const reason = describeReason(outcome.reason);
      notReviewed.set(reason, (notReviewed.get(reason) ?? 0) + 1);
    } else skipped += 1;
  }
  const lines = ['### Coverage'];
  const reviewed = [...by].map(([who, n]) => `${n} by ${who}`).join(', ');
  lines.push(`- Hunks reviewed: ${reviewed || 'none'}`);
  for (const [reason, n] of [...notReviewed].sort((a, b) => b[1] - a[1]))
    lines.push(`- ⚠️ ${n} hunk${n === 1 ? '' : 's'} not reviewed: ${oneLine(reason, 200)}`);
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
    for (const u of result.usage)
      lines.push(
        `| ${codeSpan(u.model)} | ${u.requests} | ${tokens(u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens)} | ${tokens(u.outputTokens)} | ${u.cacheHits} | ${usd(u.costUsd)} |`,
      );
  } else lines.push('No model was called.');
  const c = result.cost;
  const baseline = `Sending every hunk to Claude would have cost about ${usd(c.allClaudeCostUsd)} (${tokens(c.allClaudeTokens)} tokens)`;
  if (c.claudeTokens === 0 && c.localTokens === 0)
    lines.push('', `${baseline}; no hunk went to a model in this run.`);
  else
    lines.push(
      '',
      `${baseline}; this run sent ${tokens(c.claudeTokens)} tokens to Claude (${usd(c.claudeCostUsd)}) and ${tokens(c.localTokens)} to the local model: **${c.savingPercent}% saved**.`,
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
  const tail = input.result
    ? ['', ...coverage(input.result), '', ...costSection(input.result), ...notices(input.result)]
    : [];
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
  return body.length <= budget ? body : `${body.slice(0, budget - 2)}\n…`;
}

function notices(result: ReviewResult): string[] {
  if (result.notices.length === 0) return [];
  return [
    '',
    '### Notices',
    ...result.notices.slice(0, 20).map((n) => `- ${oneLine(describeNotice(n), 500)}`),
  ];
}
