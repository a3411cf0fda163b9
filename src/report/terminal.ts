// The human report: findings grouped by file with path:line references, what was (not) reviewed and why,
// notices, the dry-run plan, and one last line with counts, time and tokens per model. Pure: result → string.
import picocolors from 'picocolors';
import type { Colors } from 'picocolors/types.js';
import { type Coverage, coverageOf } from '../coverage.js';
import type { SuppressedFinding } from '../memory/record.js';
import { memoryMessages as mm } from '../messages/memory.js';
import {
  describeNote,
  describeNotice,
  describeReasonDetail,
  describeReasonGroup,
  leftForCiWhy,
} from '../messages/outcomes.js';
import { groupThousands } from '../messages/plural.js';
import { reportMessages as m } from '../messages/report.js';
import type { Notice, OutcomeNote } from '../reasons.js';
import type { FileDiff, Hunk, HunkOutcome, PlacedFinding, ReviewResult, RouteDecision } from '../types.js';
import { type Role, type RunMode, SEVERITIES, type Severity } from '../vocabulary.js';
import type { OutputFormat } from './outputFormat.js';
import { groupByReason, type UnreviewedOutcome } from './reasonGroups.js';
import { terminalSafeResult } from './terminalSafe.js';

export interface TerminalOptions {
  color: boolean;
  /** List every hunk and its notes, not only the ones that need attention. */
  verbose: boolean;
  mode?: RunMode;
  /** List the findings the team memory suppressed, not only their count. */
  showSuppressed?: boolean;
}

/** Lists longer than this are cut in the default view; --verbose shows all. */
const LIST_LIMIT = 20;
/** Hunks folded under one reason in the default view, and how wide their lines grow. */
const FOLD_LIMIT = 10;
const FOLD_WIDTH = 100;

interface Ctx {
  c: Colors;
  verbose: boolean;
  showSuppressed: boolean;
  /** The model that played each role, as the usage names it. */
  models: Record<Role, string>;
}

export function renderTerminal(untrusted: ReviewResult, options: TerminalOptions): string {
  const result = terminalSafeResult(untrusted);
  // Ctrl-C in the hook: git is already gone, so a full report would land after the shell prompt. One line.
  const interrupted = result.outcomes.filter(
    (o) => o.status === 'notReviewed' && o.reason.code === 'interrupted',
  );
  if (options.mode === 'hook' && interrupted.length > 0) {
    return `${m.interruptedHook(interrupted.length, result.outcomes.length)}\n`;
  }
  const ctx: Ctx = {
    c: picocolors.createColors(options.color),
    verbose: options.verbose,
    showSuppressed: options.showSuppressed ?? false,
    models: modelNames(result),
  };
  const sections = [
    result.dryRun ? renderPlan(result, ctx) : [],
    renderFindings(result.findings, ctx),
    renderMemory(result, ctx),
    renderCoverage(result, ctx),
    renderNotices(result.notices, ctx),
    result.dryRun ? [] : renderCost(result, ctx),
  ].filter((lines) => lines.length > 0);
  const body = sections.map((lines) => lines.join('\n')).join('\n\n');
  const last = result.dryRun ? planLastLine(result, ctx) : lastLine(result, ctx);
  return `${body ? `${body}\n\n` : ''}${last}\n`;
}

function modelNames(result: ReviewResult): Ctx['models'] {
  const of = (role: Role, fallback: string) => result.usage.find((u) => u.role === role)?.model ?? fallback;
  return { local: of('local', 'local model'), escalation: of('escalation', 'Claude') };
}

// ---- locations ---------------------------------------------------------------------------------

function hunkSpan(hunk: Hunk): string {
  if (hunk.newLines === 0) return `${hunk.file}:${hunk.newStart} ${m.deletedLines()}`;
  const end = hunk.newStart + hunk.newLines - 1;
  return end === hunk.newStart ? `${hunk.file}:${hunk.newStart}` : `${hunk.file}:${hunk.newStart}-${end}`;
}

function findingLocation(placed: PlacedFinding): string {
  const { file, range } = placed.finding;
  if (!range) return `${file} ${m.wholeFile()}`;
  const at = range.end > range.start ? `${file}:${range.start}-${range.end}` : `${file}:${range.start}`;
  return placed.placement === 'summary' ? `${at} ${m.outsideDiff()}` : at;
}

// ---- findings ----------------------------------------------------------------------------------

function badge(severity: Severity, c: Colors): string {
  const text = (severity === 'critical' || severity === 'major' ? severity.toUpperCase() : severity).padEnd(
    8,
  );
  if (severity === 'critical') return c.bold(c.red(text));
  if (severity === 'major') return c.red(text);
  if (severity === 'minor') return c.yellow(text);
  return c.blue(text);
}

function sourceLabel(placed: PlacedFinding): string {
  const { source, origin } = placed.finding;
  return source === 'rule' ? `rule ${origin}` : origin;
}

function groupByFile(findings: readonly PlacedFinding[]): Map<string, PlacedFinding[]> {
  const groups = new Map<string, PlacedFinding[]>();
  for (const placed of findings) {
    const list = groups.get(placed.finding.file) ?? [];
    list.push(placed);
    groups.set(placed.finding.file, list);
  }
  for (const list of groups.values()) {
    list.sort((a, b) => (a.finding.range?.start ?? 0) - (b.finding.range?.start ?? 0));
  }
  return groups;
}

/** Where a finding's further lines start: under its message. */
const HANG = ' '.repeat(11);

/** A multi-line message continues indented under its finding. */
function hanging(text: string): string {
  return text.replace(/\n/g, `\n${HANG}`);
}

function renderFinding(placed: PlacedFinding, ctx: Ctx): string[] {
  const { c } = ctx;
  const f = placed.finding;
  const head = `  ${badge(f.severity, c)} ${c.bold(findingLocation(placed))}  ${c.dim(f.category)}  ${hanging(f.message)} ${c.dim(`(${sourceLabel(placed)})`)}`;
  const lines = [head];
  if (f.suggestion?.trim()) {
    const [first, ...rest] = f.suggestion.trimEnd().split('\n');
    const hang = ' '.repeat(m.suggestion().length + 1);
    lines.push(`${HANG}${c.green(`${m.suggestion()} ${first}`)}`);
    for (const line of rest) lines.push(`${HANG}${c.green(`${hang}${line}`)}`);
  }
  if (ctx.verbose && placed.snappedFrom) {
    lines.push(`${HANG}${c.dim(m.snapped(placed.snappedFrom.start, placed.snappedFrom.end))}`);
  }
  return lines;
}

function renderFindings(findings: readonly PlacedFinding[], ctx: Ctx): string[] {
  const lines: string[] = [];
  for (const [file, list] of groupByFile(findings)) {
    if (lines.length > 0) lines.push('');
    lines.push(ctx.c.underline(file));
    for (const placed of list) lines.push(...renderFinding(placed, ctx));
  }
  return lines;
}

// ---- team memory -------------------------------------------------------------------------------

function renderSuppressed(s: SuppressedFinding, ctx: Ctx): string[] {
  const { c } = ctx;
  const f = s.finding.finding;
  const head = `  ${badge(f.severity, c)} ${c.bold(findingLocation(s.finding))}  ${c.dim(f.category)}  ${hanging(f.message)} ${c.dim(`(${sourceLabel(s.finding)})`)}`;
  const why = `${mm.matchLabel(s.match, s.similarity)} · ${mm.dismissedBy(s.record.who, s.record.reason)} · ${s.record.fingerprint}`;
  return [head, `${HANG}${c.dim(hanging(why))}`];
}

function renderMemory(result: ReviewResult, ctx: Ctx): string[] {
  const lines: string[] = [];
  const n = result.suppressed.length;
  if (n > 0 && ctx.showSuppressed) {
    lines.push(ctx.c.bold(mm.suppressedCount(n)));
    for (const s of result.suppressed) lines.push(...renderSuppressed(s, ctx));
  } else if (n > 0) lines.push(ctx.c.dim(`${mm.suppressedCount(n)} (${mm.suppressedHint()})`));
  const memory = result.memory;
  if (memory && memory.notesUsed > 0)
    lines.push(ctx.c.dim(mm.notesUsed(memory.notesUsed, memory.hunksWithNotes)));
  return lines;
}

// ---- coverage ----------------------------------------------------------------------------------

function reviewerLabel(outcome: Extract<HunkOutcome, { status: 'reviewed' }>, ctx: Ctx): string {
  const models = [];
  if (outcome.by.includes('claude')) models.push(ctx.models.escalation);
  if (outcome.by.includes('local')) models.push(ctx.models.local);
  return models.join(' + ');
}

function capped(items: string[], ctx: Ctx): string[] {
  if (ctx.verbose || items.length <= LIST_LIMIT) return items;
  return [...items.slice(0, LIST_LIMIT), `    ${ctx.c.dim(m.more(items.length - LIST_LIMIT))}`];
}

function notesOf(outcome: HunkOutcome, indent: string, ctx: Ctx): string[] {
  if (!ctx.verbose) return [];
  return outcome.notes.map((note) => `${indent}${ctx.c.dim(`· ${describeNote(note)}`)}`);
}

function hunkLines(outcomes: readonly HunkOutcome[], detail: (o: HunkOutcome) => string, ctx: Ctx): string[] {
  const width = Math.max(...outcomes.map((o) => hunkSpan(o.hunk).length));
  const lines: string[] = [];
  for (const outcome of outcomes) {
    const text = detail(outcome);
    lines.push(`    ${hunkSpan(outcome.hunk).padEnd(width)}${text ? `  ${ctx.c.dim(text)}` : ''}`);
    lines.push(...notesOf(outcome, '      ', ctx));
  }
  return capped(lines, ctx);
}

/** Items joined a few to a line, each line at most FOLD_WIDTH wide (one long item stands alone). */
function wrapped(items: readonly string[], indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line && indent.length + line.length + 2 + item.length > FOLD_WIDTH) {
      lines.push(`${indent}${line},`);
      line = item;
    } else line = line ? `${line}, ${item}` : item;
  }
  return line ? [...lines, `${indent}${line}`] : lines;
}

/** The hunks under one heading: folded a few to a line; with --verbose one per line with its own detail and notes. */
function foldedHunks(outcomes: readonly HunkOutcome[], ctx: Ctx): string[] {
  const indent = '      ';
  if (ctx.verbose) {
    return outcomes.flatMap((o) => {
      const detail = o.status === 'reviewed' ? '' : describeReasonDetail(o.reason);
      return [
        `${indent}${hunkSpan(o.hunk)}${detail ? `  ${ctx.c.dim(detail)}` : ''}`,
        ...notesOf(o, `${indent}  `, ctx),
      ];
    });
  }
  const spans = outcomes.slice(0, FOLD_LIMIT).map((o) => hunkSpan(o.hunk));
  const more = outcomes.length - spans.length;
  return [...wrapped(spans, indent), ...(more > 0 ? [`${indent}${ctx.c.dim(m.more(more))}`] : [])];
}

/** One line per reason (typed code and the details that matter) with its count, its hunks folded under it. */
function groupedByReason(outcomes: readonly UnreviewedOutcome[], ctx: Ctx): string[] {
  return groupByReason(outcomes).flatMap((group) => [
    `    ${m.reasonGroup(group.outcomes.length, describeReasonGroup(group.reason))}`,
    ...foldedHunks(group.outcomes, ctx),
  ]);
}

function reviewedByModel(cov: Coverage, ctx: Ctx): string {
  const counts = new Map<string, number>();
  for (const outcome of cov.reviewed) {
    const label = reviewerLabel(outcome, ctx);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, n]) => `${label} ${n}`).join(', ');
}

/** What the reviewed hunks' notes add up to, said without --verbose: cached answers, escalations left for CI. */
function reviewedNotes(cov: Coverage): string {
  const count = (code: OutcomeNote['code']) =>
    cov.reviewed.filter((o) => o.notes.some((note) => note.code === code)).length;
  return m.reviewedNotes(count('from-cache'), count('escalation-left-for-ci'));
}

function renderSkippedFiles(files: readonly FileDiff[], ctx: Ctx): string[] {
  const skipped = files.filter((f) => f.skipped);
  if (skipped.length === 0) return [];
  const width = Math.max(...skipped.map((f) => f.path.length));
  const lines = skipped.map(
    (f) => `    ${f.path.padEnd(width)}  ${ctx.c.dim(f.skipped?.detail || f.skipped?.reason || '')}`,
  );
  return [`  ${m.skippedFiles(skipped.length)}`, ...capped(lines, ctx)];
}

function renderCoverage(result: ReviewResult, ctx: Ctx): string[] {
  const cov = coverageOf(result.outcomes);
  const total = result.outcomes.length;
  const { c } = ctx;
  const lines: string[] = [];
  if (total > 0 && !result.dryRun) {
    const byModel = cov.reviewed.length > 0 ? ` (${reviewedByModel(cov, ctx)})` : '';
    const notes = reviewedNotes(cov);
    lines.push(`  ${m.reviewedCount(cov.reviewed.length, total)}${byModel}${notes ? `; ${notes}` : ''}`);
    if (ctx.verbose && cov.reviewed.length > 0) {
      lines.push(
        ...hunkLines(cov.reviewed, (o) => (o.status === 'reviewed' ? reviewerLabel(o, ctx) : ''), ctx),
      );
    }
  }
  if (cov.rulesOnly.length > 0) {
    lines.push(`  ${m.rulesOnlyHeading(cov.rulesOnly.length)}`);
    lines.push(...foldedHunks(cov.rulesOnly, ctx));
  }
  if (cov.notReviewed.length > 0 && !result.dryRun) {
    lines.push(`  ${c.yellow(m.notReviewedHeading(cov.notReviewed.length))}`);
    lines.push(...groupedByReason(cov.notReviewed, ctx));
  }
  if (cov.leftForCi.length > 0) {
    lines.push(`  ${c.cyan(m.leftForCiHeading(cov.leftForCi.length, leftForCiWhy()))}`);
    lines.push(
      ...foldedHunks(
        groupByReason(cov.leftForCi).flatMap((g) => g.outcomes),
        ctx,
      ),
    );
  }
  if (cov.skipped.length > 0 && !result.dryRun) {
    lines.push(`  ${m.skippedHunks(cov.skipped.length)}`);
    lines.push(...groupedByReason(cov.skipped, ctx));
  }
  lines.push(...renderSkippedFiles(result.files, ctx));
  return lines.length > 0 ? [c.bold(m.coverageTitle()), ...lines] : [];
}

function renderNotices(notices: readonly Notice[], ctx: Ctx): string[] {
  return notices.map((notice) => `${ctx.c.yellow('!')} ${describeNotice(notice)}`);
}

// ---- tokens, cost, time ------------------------------------------------------------------------

const int = groupThousands;
const usd = (n: number) => `$${n.toFixed(n > 0 && n < 1 ? 4 : 2)}`;

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}

/** Claude's share, the baseline, and a saving only over hunks a model reviewed, with what the others became. */
function renderCost(result: ReviewResult, ctx: Ctx): string[] {
  const { cost } = result;
  if (cost.allClaudeTokens === 0) return [];
  const common = {
    baselineTokens: int(cost.allClaudeTokens),
    baselineCost: usd(cost.allClaudeCostUsd),
    counts: m.hunkCounts(cost.hunks),
  };
  if (cost.savingPercent === null) return [ctx.c.dim(m.costLineNoModel(common))];
  return [
    ctx.c.dim(
      m.costLine({
        ...common,
        claudeTokens: int(cost.claudeTokens),
        claudeCost: usd(cost.claudeCostUsd),
        saving: `${cost.savingPercent}%`,
      }),
    ),
  ];
}

/** A pool's servers by address without the scheme, each with its requests. */
function serversPart(usage: ReviewResult['usage'][number]): string {
  const hosts = usage.hosts ?? [];
  if (hosts.length < 2) return '';
  const servers = hosts.map((h) => ({ host: h.host.replace(/^https?:\/\//, ''), requests: h.requests }));
  return ` (${m.perServer(servers)})`;
}

function usagePart(usage: ReviewResult['usage'][number]): string {
  const cached = usage.cacheHits > 0 ? `, ${m.cached(usage.cacheHits)}` : '';
  return `${usage.model} ${m.requests(usage.requests)}, ${int(usage.inputTokens)}→${int(usage.outputTokens)} tok${cached}${serversPart(usage)}`;
}

function severityCounts(findings: readonly PlacedFinding[]): string {
  const parts = [...SEVERITIES]
    .reverse()
    .map((s) => [s, findings.filter((p) => p.finding.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  return parts.join(', ');
}

function headline(result: ReviewResult, cov: Coverage, ctx: Ctx): string {
  const { c } = ctx;
  const n = result.findings.length;
  if (n > 0) {
    const worst = result.findings.some(
      (p) => p.finding.severity === 'critical' || p.finding.severity === 'major',
    );
    const text = `${m.findings(n)} (${severityCounts(result.findings)})`;
    return worst ? c.red(c.bold(text)) : c.yellow(text);
  }
  if (result.outcomes.length === 0) return m.nothingToReview(result.source, result.files.length);
  // "No findings" only ever speaks of hunks a model actually reviewed.
  if (cov.reviewed.length === 0) return c.yellow(m.nothingReviewed());
  return c.green(m.noFindingsIn(cov.reviewed.length));
}

function lastLine(result: ReviewResult, ctx: Ctx): string {
  const cov = coverageOf(result.outcomes);
  const total = result.outcomes.length;
  const parts = [headline(result, cov, ctx)];
  if (result.suppressed.length > 0) parts.push(mm.suppressedShort(result.suppressed.length));
  if (total > 0) parts.push(m.reviewedShort(cov.reviewed.length, total));
  if (cov.rulesOnly.length > 0) parts.push(m.rulesOnlyShort(cov.rulesOnly.length));
  const pending = cov.notReviewed.length + cov.leftForCi.length;
  if (pending > 0) parts.push(ctx.c.yellow(m.notReviewedShort(cov.notReviewed.length, cov.leftForCi.length)));
  parts.push(formatDuration(result.durationMs));
  for (const usage of result.usage) parts.push(usagePart(usage));
  return parts.join(' · ');
}

// ---- dry-run plan ------------------------------------------------------------------------------

function routeLabel(decision: RouteDecision, ctx: Ctx): string {
  const text = decision.route.padEnd(6);
  if (decision.route === 'claude') return ctx.c.magenta(text);
  if (decision.route === 'local') return ctx.c.cyan(text);
  return ctx.c.dim(text);
}

function renderPlan(result: ReviewResult, ctx: Ctx): string[] {
  const { decisions } = result;
  if (decisions.length === 0) return [];
  const width = Math.max(...decisions.map((d) => hunkSpan(d.hunk).length));
  const tokWidth = Math.max(...decisions.map((d) => int(d.estimatedTokens).length)) + 1;
  const lines = decisions.map((d) => {
    const tokens =
      d.route === 'skip'
        ? '—'.padEnd(tokWidth + 4)
        : `${`~${int(d.estimatedTokens)}`.padStart(tokWidth)} tok`;
    const reasons = d.reasons.map((r) => r.detail).join('; ');
    return `  ${hunkSpan(d.hunk).padEnd(width)}  ${routeLabel(d, ctx)} ${tokens}  ${ctx.c.dim(reasons)}`;
  });
  const { cost } = result;
  const totals = m.planTotals({
    localTokens: int(cost.localTokens),
    claudeTokens: int(cost.claudeTokens),
    claudeCost: usd(cost.claudeCostUsd),
    baselineTokens: int(cost.allClaudeTokens),
    baselineCost: usd(cost.allClaudeCostUsd),
  });
  return [ctx.c.bold(m.planTitle(result.source)), ...capped(lines, ctx), '', totals];
}

function planLastLine(result: ReviewResult, ctx: Ctx): string {
  const count = (route: string) => result.decisions.filter((d) => d.route === route).length;
  const parts = [
    m.planLast(result.decisions.length, count('local'), count('claude'), count('skip')),
    formatDuration(result.durationMs),
  ];
  if (result.findings.length > 0)
    parts.unshift(m.ruleFindings(result.findings.length, severityCounts(result.findings)));
  return ctx.c.bold(parts.join(' · '));
}

export const textFormat = {
  render: (result, options) =>
    renderTerminal(result, {
      color: options.color,
      verbose: options.verbose,
      mode: options.mode,
      showSuppressed: options.showSuppressed ?? false,
    }),
} satisfies OutputFormat;
