// What the providers for servers of your own (Ollama, OpenAI-compatible) share: the fixed seed, the framing
// estimate, and the check of the server's prompt-token count against what was sent.
import { estimateTokens } from '../../route/tokens.js';
import type { ModelRequest } from '../provider.js';

/** Fixed so that the same hunk gets the same answer (with temperature 0). */
export const SEED = 42;
/** Chat template and user-prompt framing around the hunks, on top of the system prompt. */
export const FRAMING_TOKENS = 64;
/** Below this share of our estimate, the server probably cut the prompt. */
const SHORTFALL_RATIO = 0.5;

/**
 * A note when the server counted far fewer prompt tokens than were sent: it probably truncated the prompt
 * silently (an old Ollama ignoring `shift`, llama.cpp's server shifting its context).
 */
export function promptShortfall(
  counted: number,
  request: ModelRequest,
  sentence: (counted: number, expected: number) => string,
): string[] {
  const expected = estimateTokens(request.system) + estimateTokens(request.user);
  return counted > 0 && counted < expected * SHORTFALL_RATIO ? [sentence(counted, expected)] : [];
}
