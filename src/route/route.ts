// Pure: every hunk of every non-skipped file → local | claude | skip, with the reasons that decided it.
// Order: skip globs, then the user's always_* globs; then hunks no model needs to read (copies of a change
// reviewed in another file, minified code, pure re-formatting) unless the user's own security paths or
// patterns claim them; then escalations (security paths, size, file size, cross-cutting signatures,
// security score); a hunk nothing escalates is a local job.
import type { Config } from '../config/schema.js';
import { routeMessages } from '../messages/route.js';
import { firstMatchingGlob } from '../rules/compileGlob.js';
import { compilePattern } from '../rules/compilePattern.js';
import type { LinearRegex } from '../rules/linearRegex.js';
import type { FileDiff, Finding, Hunk, Reason, RouteDecision } from '../types.js';
import { buildRank, type CopyOf, findCopies } from './copies.js';
import { isDataTable } from './dataTable.js';
import { digestDeletion } from './deletionDigest.js';
import { learnedScore } from './learnedScore.js';
import { isMinified } from './minified.js';
import { classifyFile } from './pathSignals.js';
import { assessSecurity, type SecurityAssessment } from './securityScore.js';
import { changedSignature } from './signatures.js';
import { elideSourceMaps } from './sourceMaps.js';
import { estimateTokens } from './tokens.js';

/** Tokens each hunk adds to a prompt beyond its own text: file header, delimiters, line-number hints. */
export const HUNK_PROMPT_OVERHEAD_TOKENS = 40;

/**
 * A large file change escalates its hunks of at least this many changed lines; smaller hunks of it are
 * judged as well locally, and a rebuilt bundle would otherwise send every one-line hunk to Claude.
 */
export const FILE_SIZE_MIN_HUNK_LINES = 10;

/** Names the first glob that matched, so reasons can quote it. */
type GlobMatcher = (path: string) => string | null;

interface RouteContext {
  config: Config['routing'];
  skip: GlobMatcher;
  alwaysClaude: GlobMatcher;
  alwaysLocal: GlobMatcher;
  securityPaths: GlobMatcher;
  patterns: LinearRegex[];
  files: readonly FileDiff[];
  fileCount: number;
  secretsByFile: Map<string, number[]>;
  copies: Map<Hunk, CopyOf>;
}

function changedLines(hunk: Hunk): number {
  return hunk.lines.reduce((n, line) => n + (line.kind === 'ctx' ? 0 : 1), 0);
}

/** The text a model is given for the hunk: the `@@` header and the prefixed lines. */
export function hunkText(hunk: Hunk): string {
  const header = `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@ ${hunk.section}`;
  const prefix = { add: '+', del: '-', ctx: ' ' } as const;
  return [hunk.file, header, ...hunk.lines.map((l) => prefix[l.kind] + l.text)].join('\n');
}

export function estimateHunkTokens(hunk: Hunk): number {
  return estimateTokens(hunkText(hunk)) + HUNK_PROMPT_OVERHEAD_TOKENS;
}

function secretLines(findings: readonly Finding[]): Map<string, number[]> {
  const byFile = new Map<string, number[]>();
  for (const f of findings) {
    if (f.category !== 'secret' || !f.range) continue;
    byFile.set(f.file, [...(byFile.get(f.file) ?? []), f.range.start]);
  }
  return byFile;
}

function secretsIn(hunk: Hunk, ctx: RouteContext): number {
  const lines = ctx.secretsByFile.get(hunk.file) ?? [];
  const end = hunk.newStart + Math.max(hunk.newLines, 1) - 1;
  return lines.filter((line) => line >= hunk.newStart && line <= end).length;
}

/** Why no model needs to read this hunk, or null: its change is reviewed elsewhere, or there is none to review. */
function unneeded(hunk: Hunk, security: SecurityAssessment, ctx: RouteContext): Reason | null {
  const copy = ctx.copies.get(hunk);
  if (copy) return { code: 'copy', detail: routeMessages.copy(copy.path, copy.covered, copy.lines) };
  if (classifyFile(hunk.file) === 'prose') return null;
  if (isMinified(hunk)) return { code: 'minified', detail: routeMessages.minified() };
  if (security.formattingOnly) return { code: 'reformatted', detail: routeMessages.reformatted() };
  return null;
}

/**
 * Whether a changed signature here can break code elsewhere: not in prose, type declarations or build output
 * (they mirror a source change that is judged on its own), nor in a file the change adds.
 */
function ripples(hunk: Hunk, file: FileDiff): boolean {
  const kind = classifyFile(hunk.file);
  return kind !== 'prose' && kind !== 'types' && file.status !== 'added' && buildRank(hunk.file) < 2;
}

/**
 * Size says "too much context for a small model". A removed file, prose or a table of data has no such
 * context to hold, and build output (dist/, bundles, transpiled flavours) mirrors source changes that are
 * judged on their own.
 */
function sizeExempt(hunk: Hunk, file: FileDiff): boolean {
  return (
    classifyFile(hunk.file) === 'prose' ||
    file.status === 'deleted' ||
    buildRank(hunk.file) >= 2 ||
    isDataTable(hunk)
  );
}

/** The score the route is decided on, and what raised it, strongest first. */
interface RoutingScore {
  score: number;
  why: string[];
  /** A hand-written signal or pattern raised the score: a local hunk says what fell short. */
  signalled: boolean;
}

/** Evidence quoted in a reason: enough to say why, few enough to read. */
const WHY_SHOWN = 3;

/**
 * The user's own patterns are decisive; with the built-in signals off only they count; otherwise the learned
 * score decides (learnedScore.ts), explained by the signals and words that raised it.
 */
function routingScore(hunk: Hunk, evidence: SecurityAssessment, signalsOn: boolean): RoutingScore {
  const patterns = evidence.hits.filter((h) => h.signal === 'security-pattern');
  if (patterns.length > 0 || !signalsOn)
    return {
      score: evidence.score,
      why: evidence.hits.slice(0, WHY_SHOWN).map((h) => h.detail),
      signalled: evidence.hits.length > 0,
    };
  const learned = learnedScore(hunk, evidence);
  const why = learned.signals.slice(0, WHY_SHOWN - 1).map((h) => h.detail);
  if (learned.words.length > 0) why.push(routeMessages.words(learned.words));
  return { score: learned.score, why, signalled: learned.signals.length > 0 };
}

function escalations(hunk: Hunk, file: FileDiff, security: RoutingScore, ctx: RouteContext): Reason[] {
  const { config } = ctx;
  const reasons: Reason[] = [];
  const securityGlob = ctx.securityPaths(hunk.file);
  if (securityGlob) reasons.push({ code: 'security-path', detail: routeMessages.securityPath(securityGlob) });
  const lines = changedLines(hunk);
  const fileLines = file.added + file.deleted;
  const bigHunk = lines > config.local_max_hunk_lines;
  const bigFile = fileLines > config.local_max_file_lines && lines >= FILE_SIZE_MIN_HUNK_LINES;
  // Only asked when size would escalate: the exemptions read the hunk's lines.
  const sizeCounts = (bigHunk || bigFile) && !sizeExempt(hunk, file);
  if (sizeCounts && bigHunk)
    reasons.push({ code: 'hunk-size', detail: routeMessages.hunkSize(lines, config.local_max_hunk_lines) });
  if (sizeCounts && bigFile)
    reasons.push({
      code: 'file-size',
      detail: routeMessages.fileSize(fileLines, config.local_max_file_lines),
    });
  if (ctx.fileCount > config.multi_file_threshold && ripples(hunk, file)) {
    const signature = changedSignature(hunk.lines);
    if (signature)
      reasons.push({
        code: 'cross-cutting',
        detail: routeMessages.crossCutting(ctx.fileCount, config.multi_file_threshold, signature),
      });
  }
  if (security.score >= config.security_threshold) {
    reasons.push({
      code: 'security',
      detail: routeMessages.security(security.score, config.security_threshold, security.why),
    });
  }
  return reasons;
}

function localReasons(
  hunk: Hunk,
  file: FileDiff,
  security: RoutingScore,
  ctx: RouteContext,
  digested: boolean,
): Reason[] {
  const lines = changedLines(hunk);
  const big = lines > ctx.config.local_max_hunk_lines;
  const reasons: Reason[] = [];
  if (big && file.status === 'deleted') {
    const detail = digested ? routeMessages.deletedDigest(lines) : routeMessages.deletedFile(lines);
    reasons.push({ code: 'deleted-file', detail });
  } else if (big && classifyFile(hunk.file) === 'prose')
    reasons.push({ code: 'prose', detail: routeMessages.prose(lines) });
  else if (big && isDataTable(hunk)) reasons.push({ code: 'data', detail: routeMessages.dataTable(lines) });
  else reasons.push({ code: 'small', detail: routeMessages.small(lines, ctx.config.local_max_hunk_lines) });
  const top = security.why[0];
  if (!ctx.config.security) reasons.push({ code: 'security-off', detail: routeMessages.securityOff() });
  if (top && security.signalled)
    reasons.push({
      code: 'below-threshold',
      detail: routeMessages.belowThreshold(security.score, ctx.config.security_threshold, top),
    });
  return reasons;
}

/**
 * Routes on the whole hunk; the decision carries what will be sent, which for a long deleted file is a
 * digest and for built code has its inline source maps elided (same hash), so the estimate, the dry-run
 * plan and the request agree.
 */
function routeHunk(hunk: Hunk, file: FileDiff, ctx: RouteContext): RouteDecision {
  const evidence = assessSecurity(hunk, ctx.patterns, { signals: ctx.config.security });
  const security = routingScore(hunk, evidence, ctx.config.security);
  const digest = digestDeletion(file, hunk, {
    files: ctx.files,
    patterns: ctx.patterns,
    measure: estimateHunkTokens,
  });
  const sent = elideSourceMaps(digest);
  const base = { hunk: sent, estimatedTokens: estimateHunkTokens(sent), securityScore: security.score };
  const secrets = secretsIn(hunk, ctx);
  const secretReason: Reason[] =
    secrets > 0 ? [{ code: 'secret', detail: routeMessages.secret(secrets) }] : [];
  const decide = (route: RouteDecision['route'], reasons: Reason[]): RouteDecision => ({
    ...base,
    route,
    reasons: [...reasons, ...secretReason],
  });

  const skip = ctx.skip(hunk.file);
  if (skip) return decide('skip', [{ code: 'skip-glob', detail: routeMessages.skipGlob(skip) }]);
  const claude = ctx.alwaysClaude(hunk.file);
  if (claude)
    return decide('claude', [{ code: 'always-claude', detail: routeMessages.alwaysClaude(claude) }]);
  const local = ctx.alwaysLocal(hunk.file);
  if (local) return decide('local', [{ code: 'always-local', detail: routeMessages.alwaysLocal(local) }]);
  const userClaims =
    ctx.securityPaths(hunk.file) !== null || evidence.hits.some((h) => h.signal === 'security-pattern');
  const notNeeded = userClaims ? null : unneeded(hunk, evidence, ctx);
  if (notNeeded) return decide('skip', [notNeeded]);
  const escalated = escalations(hunk, file, security, ctx);
  if (escalated.length > 0) return decide('claude', escalated);
  return decide('local', localReasons(hunk, file, security, ctx, digest !== hunk));
}

export function routeHunks(
  files: readonly FileDiff[],
  config: Config,
  ruleFindings: readonly Finding[],
): RouteDecision[] {
  const routing = config.routing;
  const kept = files.filter((f) => !f.skipped);
  const skip = firstMatchingGlob(routing.skip);
  const ctx: RouteContext = {
    config: routing,
    skip,
    alwaysClaude: firstMatchingGlob(routing.always_claude),
    alwaysLocal: firstMatchingGlob(routing.always_local),
    securityPaths: firstMatchingGlob(routing.security_paths),
    patterns: routing.security_patterns.map(compilePattern),
    files: kept,
    // Files the change spans, counting code only: READMEs, changelogs and manifests ride along with any release.
    fileCount: kept.filter((f) => f.hunks.length > 0 && !['prose', 'data'].includes(classifyFile(f.path)))
      .length,
    secretsByFile: secretLines(ruleFindings),
    // A copy points at a file whose hunks a model reads: never one the user's skip globs drop.
    copies: findCopies(kept.filter((f) => !skip(f.path))),
  };
  return kept.flatMap((file) => file.hunks.map((hunk) => routeHunk(hunk, file, ctx)));
}
