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
