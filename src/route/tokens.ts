// A local estimate, good enough for routing and budgets; real counts come back from each model's usage.
// Code tokenises denser than prose: about 3.2 characters per token for BPE tokenisers on source code.
const CHARS_PER_TOKEN = 3.2;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}
