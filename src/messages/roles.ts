// How sentences name each role: in the product's own terms (the config sections and flags say local
// and claude), whichever provider serves it.
import type { ProviderId, Role } from '../vocabulary.js';

export const ROLE_LABEL: Record<Role, string> = { local: 'local model', escalation: 'Claude' };

/** How sentences name the server behind a role, where it is the server that matters (down, stuck). */
export const PROVIDER_LABEL: Record<ProviderId, string> = {
  ollama: 'Ollama',
  openai: 'the OpenAI-compatible server',
  anthropic: 'the Anthropic API',
};

export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Ollama at http://…", or the provider alone when its address is not known. */
export function serverLabel(provider: ProviderId, endpoint: string | null): string {
  return endpoint ? `${PROVIDER_LABEL[provider]} at ${endpoint}` : PROVIDER_LABEL[provider];
}

/** How to find and end what keeps an Ollama server from answering. */
export const OLLAMA_RESTART = '(`ollama ps` shows what it is busy with; then restart `ollama serve`)';
