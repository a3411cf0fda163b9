// Measurement behind bench/memory.mjs: embed both sides of every labelled finding pair through hunkwise's own
// embedding client (the real `ollama` client → /api/embed), then suppression precision and recall per threshold.
import { readFileSync } from 'node:fs';
import { cosine } from '../src/memory/cosine.js';
import { findingInput } from '../src/memory/embedText.js';
import { embedBatch } from '../src/review/providers/ollamaEmbed.js';
import { bagOfWords, startFakeOllama } from '../test/fakes/ollamaServer.js';

export interface Pair {
  id: number;
  same: boolean;
  a: { message: string; quote: string };
  b: { message: string; quote: string };
}

export function readPairs(path: string): Pair[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [id, label, am, aq, bm, bq] = line.split('\t');
      if (label !== 'same' && label !== 'different') throw new Error(`${path}: bad label in row ${id}`);
      return {
        id: Number(id),
        same: label === 'same',
        a: { message: am!, quote: aq! },
        b: { message: bm!, quote: bq! },
      };
    });
}

/** The prefixes compared: hunkwise's choice and the alternatives it was chosen over. */
export const PREFIXES = ['clustering: ', 'classification: ', 'search_query: ', ''] as const;

export interface Scored {
  pair: Pair;
  similarity: number;
}

/** One /api/embed call per prefix for every text of every pair; the pair's cosine similarity. */
export async function scorePairs(
  pairs: readonly Pair[],
  endpoint: { url: string; model: string; timeoutMs: number },
  prefix: string,
): Promise<Scored[]> {
  const texts = pairs
    .flatMap((p) => [findingInput(p.a).text, findingInput(p.b).text])
    .map((t) => `${prefix}${t}`);
  const answer = await embedBatch(endpoint, texts, new AbortController().signal);
  if (!answer.ok) throw new Error(`/api/embed failed: ${JSON.stringify(answer.failure)}`);
  return pairs.map((pair, i) => ({
    pair,
    similarity: cosine(answer.vectors[2 * i]!, answer.vectors[2 * i + 1]!),
  }));
}

export interface Row {
  threshold: number;
  precision: number | null;
  recall: number;
  suppressed: number;
  wrong: number;
}

export function sweep(scored: readonly Scored[], thresholds: readonly number[]): Row[] {
  const positives = scored.filter((s) => s.pair.same).length;
  return thresholds.map((threshold) => {
    const hits = scored.filter((s) => s.similarity >= threshold);
    const right = hits.filter((s) => s.pair.same).length;
    return {
      threshold,
      precision: hits.length ? right / hits.length : null,
      recall: positives ? right / positives : 0,
      suppressed: hits.length,
      wrong: hits.length - right,
    };
  });
}

/** A loopback Ollama whose "model" is a bag-of-words hash: it tests the plumbing, not meaning. */
export async function plumbingServer(model: string) {
  return startFakeOllama({ models: [model], embed: bagOfWords });
}
