// Every model provider by id, and which one serves each role. Adding a provider: its adapter file
// (implementing provider.ts), its id in vocabulary.ts PROVIDER_IDS (which the config enum is built from),
// and its entry here. Adapters load only when a run needs them.
import { roleSettings } from '../config/roleSettings.js';
import type { Config } from '../config/schema.js';
import type { ProviderId, Role } from '../vocabulary.js';
import type { CreateProvider, ModelProvider, ProviderContext } from './provider.js';

interface ProviderEntry {
  load: () => Promise<CreateProvider>;
  /**
   * The model and the provider settings that change its answers: they key the review cache, and are known
   * without loading the adapter (with every hunk cached, no provider is ever loaded).
   */
  identity: (config: Config) => { model: string; settings: unknown[] };
  /** For a provider of servers of your own: the pool configured instead of one server, if any. */
  pool?: (config: Config) => readonly string[] | null;
}

const PROVIDERS: Record<ProviderId, ProviderEntry> = {
  ollama: {
    load: async () => (await import('./providers/ollama.js')).createOllamaProvider,
    identity: (config) => ({
      model: config.local.model,
      settings: [config.local.num_ctx, config.local.num_predict],
    }),
    pool: (config) => config.local.hosts,
  },
  anthropic: {
    load: async () => (await import('./providers/anthropic.js')).createAnthropicProvider,
    identity: (config) => ({ model: config.claude.model, settings: [config.claude.max_tokens] }),
  },
  openai: {
    load: async () => (await import('./providers/openai.js')).createOpenAIProvider,
    identity: (config) => ({ model: config.local.model, settings: ['openai', config.local.num_predict] }),
    pool: (config) => config.local.hosts,
  },
};

/** The provider the config assigns to a role (`local.provider`, `claude.provider`). */
export function providerOf(role: Role, config: Config): ProviderId {
  return roleSettings(config, role).provider;
}

export function providerIdentity(role: Role, config: Config): { model: string; settings: unknown[] } {
  return PROVIDERS[providerOf(role, config)].identity(config);
}

/** The role's provider; over a pool of servers (local.hosts), one instance per server behind the pool. */
export async function createProvider(context: ProviderContext): Promise<ModelProvider> {
  const entry = PROVIDERS[providerOf(context.role, context.config)];
  const create = await entry.load();
  const hosts = entry.pool?.(context.config);
  if (!hosts || hosts.length === 0) return create(context);
  const { createPool } = await import('./pool.js');
  return createPool(hosts.map((host) => create({ ...context, host })));
}

/** Ollama's host rules (OLLAMA_HOST forms, default port), for inputs that name a server before any run. */
export { formatOllamaHost, resolveOllamaHost } from './providers/ollamaHost.js';

/** Ollama's embedding endpoint (the team memory's matching by meaning); loads the client only when used. */
export const loadOllamaEmbeddings = () => import('./providers/ollamaEmbed.js');
export type { EmbedEndpoint, EmbedFailure } from './providers/ollamaEmbed.js';
