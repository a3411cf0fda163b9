// The real reviewers of each provider, as a run builds them: the batch runner over the provider, bound
// to config and env (the loopback fakes are reached through the standard variables).
import type { Config } from '../../src/config/schema.js';
import { createAnthropicProvider } from '../../src/review/providers/anthropic.js';
import { createOllamaProvider } from '../../src/review/providers/ollama.js';
import { createModelReviewer } from '../../src/review/runBatches.js';

type Env = Record<string, string | undefined>;

/** The local role over Ollama, with the adapter's own extras (the resolved URL, pulling the model). */
export function ollamaReviewer(config: Config, env: Env, deps: { fetch?: typeof fetch } = {}) {
  const provider = createOllamaProvider({ role: 'local', config, env, ...deps });
  return {
    ...createModelReviewer('local', provider, config),
    url: provider.url,
    pullModel: provider.pullModel,
  };
}

/** The escalation role over the Anthropic API. */
export function claudeReviewer(config: Config, env: Env) {
  return createModelReviewer(
    'escalation',
    createAnthropicProvider({ role: 'escalation', config, env }),
    config,
  );
}
