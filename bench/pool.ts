// Measurement behind bench/pool.mjs: the local role over 1, 2 and 4 loopback servers (Ollama's wire format
// or the OpenAI-compatible one), each answering after a fixed latency with one slot, through the real
// clients and the pool (src/review/pool.ts); and a pool of two where one server is killed mid-run.
import { configSchema } from '../src/config/schema.js';
import { createProvider } from '../src/review/providers.js';
import type { ReviewItem } from '../src/review/reviewer.js';
import { createModelReviewer } from '../src/review/runBatches.js';
import type { ChatServerOptions, FakeChatServer } from '../test/fakes/chatCore.js';
import { startFakeOllama } from '../test/fakes/ollamaServer.js';
import { startFakeOpenAI } from '../test/fakes/openaiServer.js';

export { hunksOf, itemsOf } from './local-batching.js';

export const PROVIDERS = ['ollama', 'openai'] as const;
export type Provider = (typeof PROVIDERS)[number];

export interface PoolRun {
  provider: Provider;
  servers: number;
  /** The first server was killed after it had taken this many requests; null when none was killed. */
  killedAfter: number | null;
  wallMs: number;
  requests: number;
  /** Requests each server received, in server order (a killed server's last one never answered). */
  perServer: number[];
  reviewed: number;
  failed: number;
  notes: string[];
}

function start(provider: Provider, options: ChatServerOptions): Promise<FakeChatServer> {
  return provider === 'ollama' ? startFakeOllama(options) : startFakeOpenAI(options);
}

/** Reviews `items` with the local role over `servers` fakes; one server is plain `local.host`, more a pool. */
export async function measure(
  items: ReviewItem[],
  options: { provider: Provider; servers: number; latencyMs: number; killAfter?: number },
): Promise<PoolRun> {
  const { provider, servers: count, latencyMs, killAfter } = options;
  let victim: FakeChatServer | undefined;
  const servers: FakeChatServer[] = [];
  for (let i = 0; i < count; i += 1) {
    const kill =
      i === 0 && killAfter !== undefined
        ? {
            // Killed while its (killAfter + 1)th answer is pending: the connection is cut.
            defaultReply: (_body: unknown, index: number) => {
              if (index === killAfter) setTimeout(() => void victim?.close(), latencyMs / 2);
              return { findings: [] };
            },
          }
        : {};
    servers.push(await start(provider, { latencyMs, parallel: 1, ...kill }));
  }
  victim = servers[0];
  try {
    const urls = servers.map((s) => s.url);
    const where = count === 1 ? { host: urls[0] } : { hosts: urls };
    const config = configSchema.parse({
      local: { provider, ...where, concurrency: 1, max_retries: 0, timeout_seconds: 60 },
    });
    const reviewer = createModelReviewer(
      'local',
      await createProvider({ role: 'local', config, env: {} }),
      config,
    );
    const check = await reviewer.check();
    if (!check.ok) throw new Error(`servers not ready: ${check.reason}`);
    const started = performance.now();
    const result = await reviewer.review(items);
    const wallMs = performance.now() - started;
    const outcomes = [...result.outcomes.values()];
    return {
      provider,
      servers: count,
      killedAfter: killAfter ?? null,
      wallMs,
      requests: result.usage.requests,
      perServer: servers.map((s) => s.chatCount),
      reviewed: outcomes.filter((o) => o.status === 'reviewed').length,
      failed: items.length - outcomes.filter((o) => o.status === 'reviewed').length,
      notes: result.notes,
    };
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
}
