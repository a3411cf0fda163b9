// Claude tokens under the default routing versus sending every hunk to Claude, on the labelled corpus.
// Both sides are built exactly as the Claude reviewer builds requests: redacted hunk + new-side context
// (claude.context_tokens), packed into requests of claude.request_tokens, each carrying the cached system
// prefix. The routed side also honours claude.budget_tokens and never_send, as a real run does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../src/config/schema.js';
import { estimateItemTokens, packRequests } from '../src/review/batch.js';
import { selectWithinBudget } from '../src/review/budget.js';
import { contextForHunk } from '../src/review/context.js';
import { costOf } from '../src/review/pricing.js';
import { shareFileContext, systemPromptFor } from '../src/review/prompt.js';
import { HARD_REQUEST_TOKENS } from '../src/review/providers/anthropic.js';
import { isNeverSend, Redactor, redactHunk, redactText } from '../src/review/redact.js';
import type { ReviewItem } from '../src/review/reviewer.js';
import { estimateTokens } from '../src/route/tokens.js';
import type { RouteDecision } from '../src/types.js';
import { packedTree } from '../test/helpers/npmPack.js';
import { type CorpusRow, diffRow, routeRow } from './routing.corpus.js';

/** Same assumption as src/pipeline/cost.ts: reviews answer much shorter than they read. */
const OUTPUT_PER_INPUT = 0.15;
/** The API caches nothing below this prefix size for Sonnet-class models. */
const MIN_CACHE_TOKENS = 1024;

export interface Side {
  hunks: number;
  /** Sum of the router's per-hunk estimate (what the run report's cost summary counts). */
  hunkTokens: number;
  requests: number;
  /** Estimated input tokens of the real requests: prefix + framing + hunks + context. */
  requestTokens: number;
  costUsd: number;
}

export interface RowTokens {
  row: CorpusRow;
  reviewable: number;
  routed: Side;
  allClaude: Side;
  /** The same two sides with each hunk repeating its file's context (before shareFileContext). */
  routedRepeated: Side;
  allClaudeRepeated: Side;
  /** Escalated hunks the budget or never_send kept from Claude. */
  leftOver: number;
}

async function itemsFor(
  decisions: readonly RouteDecision[],
  newTree: string,
  config: Config,
): Promise<ReviewItem[]> {
  const redactor = new Redactor();
  const items: ReviewItem[] = [];
  for (const decision of decisions) items.push(await itemFor(decision, newTree, config, redactor));
  return items;
}

async function itemFor(
  decision: RouteDecision,
  newTree: string,
  config: Config,
  redactor: Redactor,
): Promise<ReviewItem> {
  const hunk = (await redactHunk(decision.hunk, redactor)).hunk;
  let text: string | null = null;
  try {
    text = readFileSync(join(newTree, decision.hunk.file.replace(/^package\//, '')), 'utf8');
  } catch {
    text = null;
  }
  const around = text ? contextForHunk(text, decision.hunk, config.claude.context_tokens) : null;
  if (!around) return { decision, hunk, context: '' };
  return {
    decision,
    hunk,
    context: (await redactText(around.text, redactor, decision.hunk.file)).text,
    contextStartLine: around.startLine,
  };
}

/** Tokens and cost of sending `decisions` to Claude the way the reviewer would. */
export async function sideOf(
  decisions: readonly RouteDecision[],
  newTree: string,
  config: Config,
  share = true,
): Promise<Side> {
  const system = estimateTokens(systemPromptFor('escalation'));
  const items = await itemsFor(decisions, newTree, config);
  const { requests } = packRequests(items, {
    budgetTokens: config.claude.request_tokens,
    maxTokens: HARD_REQUEST_TOKENS,
    overheadTokens: system,
    kind: 'escalation',
  });
  const inputTokens = requests
    .flatMap((request) => (share ? shareFileContext(request) : request))
    .reduce((sum, item) => sum + estimateItemTokens(item, 'escalation'), 0);
  const n = requests.length;
  // One review run: the first request writes the cached prefix, the others read it.
  const cacheable = system >= MIN_CACHE_TOKENS;
  const billed = {
    input: inputTokens + (cacheable ? 0 : system * n),
    output: Math.round(inputTokens * OUTPUT_PER_INPUT),
    cacheWrite: cacheable && n > 0 ? system : 0,
    cacheRead: cacheable && n > 1 ? system * (n - 1) : 0,
  };
  const cost = costOf(config.claude.model, billed, config.claude.prices);
  return {
    hunks: requests.flat().length,
    hunkTokens: decisions.reduce((sum, d) => sum + d.estimatedTokens, 0),
    requests: n,
    requestTokens: inputTokens + system * n,
    costUsd: cost.priced ? cost.costUsd : Number.NaN,
  };
}

export async function measureRow(row: CorpusRow, cacheDir: string, config: Config): Promise<RowTokens> {
  const files = await diffRow(row, cacheDir, config);
  const { decisions } = await routeRow(row, files, config);
  const newTree = await packedTree(row.package, row.to, cacheDir);
  const reviewable = decisions.filter((d) => d.route !== 'skip');
  const escalated = decisions.filter((d) => d.route === 'claude' && !isNeverSend(d.hunk.file, config));
  const { send } = selectWithinBudget(escalated, config.claude.budget_tokens);
  return {
    row,
    reviewable: reviewable.length,
    routed: await sideOf(send, newTree, config),
    allClaude: await sideOf(reviewable, newTree, config),
    routedRepeated: await sideOf(send, newTree, config, false),
    allClaudeRepeated: await sideOf(reviewable, newTree, config, false),
    leftOver: decisions.filter((d) => d.route === 'claude').length - send.length,
  };
}
