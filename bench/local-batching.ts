// Measurement behind bench/local-batching.mjs: the local reviewer over a real multi-hunk change, against the
// fake Ollama server with a fixed latency per request, batched + concurrent versus one request per hunk.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { configSchema } from '../src/config/schema.js';
import { parseUnifiedDiff } from '../src/diff/parse.js';
import type { ReviewItem } from '../src/review/reviewer.js';
import { estimateTokens } from '../src/route/tokens.js';
import type { Hunk } from '../src/types.js';
import { type ChatBody, startFakeOllama, userPrompt } from '../test/fakes/ollamaServer.js';
import { packedTree } from '../test/helpers/npmPack.js';
import { ollamaReviewer } from '../test/helpers/reviewers.js';

const run = promisify(execFile);

export interface Change {
  name: string;
  from: string;
  to: string;
}

/** Hunks of the real change NAME@from → NAME@to, as the local route would see them (≤ maxChanged lines). */
export async function hunksOf(change: Change, cacheDir: string, maxChanged = 100): Promise<Hunk[]> {
  const [oldDir, newDir] = await Promise.all([
    packedTree(change.name, change.from, cacheDir),
    packedTree(change.name, change.to, cacheDir),
  ]);
  // `git diff --no-index` exits 1 when the trees differ; that is the expected case.
  const diff = await run('git', ['diff', '--no-index', '--no-color', '--no-ext-diff', oldDir, newDir], {
    maxBuffer: 256 << 20,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const prefix = `${newDir.replace(/^\/+/, '')}/`;
  return parseUnifiedDiff(diff.stdout)
    .flatMap((file) => file.hunks)
    .map((hunk) => ({
      ...hunk,
      file: hunk.file.startsWith(prefix) ? hunk.file.slice(prefix.length) : hunk.file,
    }))
    .filter((hunk) => hunk.lines.filter((l) => l.kind !== 'ctx').length <= maxChanged);
}

export function itemsOf(hunks: readonly Hunk[]): ReviewItem[] {
  return hunks.map((hunk) => ({
    decision: { hunk, route: 'local', reasons: [], estimatedTokens: 0, securityScore: 0 },
    hunk,
    context: '',
  }));
}

export interface LatencyModel {
  /** Per request: queueing, template, first token, the short JSON answer. */
  fixedMs: number;
  /** Per prompt token of the user message (prefill); the system prefix is assumed cached. */
  perTokenMs: number;
}

export interface ModeResult {
  label: string;
  wallMs: number;
  requests: number;
  reviewed: number;
  failed: number;
  promptTokensSent: number;
}

interface Mode {
  label: string;
  batchTokens: number;
  concurrency: number;
  /** OLLAMA_NUM_PARALLEL of the simulated server. */
  serverParallel: number;
}

async function measure(items: ReviewItem[], mode: Mode, latency: LatencyModel): Promise<ModeResult> {
  const fake = await startFakeOllama({
    parallel: mode.serverParallel,
    latencyMs: (body: ChatBody) => latency.fixedMs + latency.perTokenMs * estimateTokens(userPrompt(body)),
  });
  try {
    const config = configSchema.parse({
      local: { host: fake.url, batch_tokens: mode.batchTokens, concurrency: mode.concurrency },
    });
    const reviewer = ollamaReviewer(config, {});
    const started = performance.now();
    const result = await reviewer.review(items);
    const wallMs = performance.now() - started;
    const outcomes = [...result.outcomes.values()];
    return {
      label: mode.label,
      wallMs,
      requests: fake.chats().length,
      reviewed: outcomes.filter((o) => o.status === 'reviewed').length,
      failed: outcomes.filter((o) => o.status === 'failed').length,
      promptTokensSent: result.usage.inputTokens,
    };
  } finally {
    await fake.close();
  }
}

/** One request per hunk, sequential: the baseline. Batch budget below the system prompt ⇒ one hunk each. */
export const BASELINE: Mode = {
  label: 'one request per hunk, sequential',
  batchTokens: 256,
  concurrency: 1,
  serverParallel: 1,
};

export const MODES: Mode[] = [
  BASELINE,
  { label: 'batched (3000 tokens), sequential', batchTokens: 3000, concurrency: 1, serverParallel: 1 },
  {
    label: 'batched (3000 tokens), concurrency 2, server NUM_PARALLEL=1',
    batchTokens: 3000,
    concurrency: 2,
    serverParallel: 1,
  },
  {
    label: 'batched (3000 tokens), concurrency 2, server NUM_PARALLEL=2',
    batchTokens: 3000,
    concurrency: 2,
    serverParallel: 2,
  },
];

export async function runModes(
  items: ReviewItem[],
  latency: LatencyModel,
  rounds: number,
): Promise<ModeResult[][]> {
  const all: ModeResult[][] = [];
  for (let round = 0; round < rounds; round += 1) {
    const results: ModeResult[] = [];
    for (const mode of MODES) results.push(await measure(items, mode, latency));
    all.push(results);
  }
  return all;
}
