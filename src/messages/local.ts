// Sentences about the Ollama provider, and about the local role's own settings (timeouts, num_predict, num_ctx),
// which the OpenAI-compatible provider shares: availability, failures and notes.
export const localMessages = {
  badHost: (raw: string, from: string) => `Ollama host "${raw}" (from ${from}) is not a usable URL`,
  badHostFix: () => 'use host:port, :port or http(s)://host[:port] in local.host or OLLAMA_HOST',
  unreachable: (url: string) => `Ollama is not reachable at ${url}`,
  unreachableFix: () => 'start it with `ollama serve` (or point local.host / OLLAMA_HOST at your server)',
  unreachableReason: (url: string) => `Ollama is not reachable at ${url}: start it with \`ollama serve\``,
  notApiRoot: (url: string) =>
    `${url} is not an Ollama server's address: GET ${url}/api/version answered 404`,
  notApiRootFix: (url: string) =>
    /\/api$/.test(url)
      ? `set OLLAMA_HOST (or local.host) to ${url.replace(/\/api$/, '')}, without /api`
      : 'set OLLAMA_HOST (or local.host) to the address `ollama serve` listens on, e.g. http://127.0.0.1:11434',
  checkTimeout: (url: string, seconds: number) => `Ollama at ${url} did not answer within ${seconds} s`,
  checkTimeoutFix: () => 'check that the server is not stuck (`ollama ps`), or restart it',
  checkFailed: (url: string, detail: string) => `Ollama at ${url} failed the health check: ${detail}`,
  checkFailedFix: () => 'look at the Ollama server log; `ollama serve` prints why',
  modelMissing: (model: string) => `the local model ${model} is not pulled`,
  modelMissingFix: (model: string) => `run \`ollama pull ${model}\` or \`npx hunkwise doctor --pull\``,
  modelMissingReason: (model: string) => `model missing: run \`ollama pull ${model}\``,
  available: (version: string, url: string, model: string) =>
    `Ollama ${version} at ${url}, model ${model} present`,
  tooLarge: (tokens: number, numCtx: number) =>
    `too large for the local model (about ${tokens} prompt tokens, num_ctx ${numCtx}); raise local.num_ctx or route it to Claude`,
  contextExceeded: (numCtx: number) =>
    `the prompt is longer than the local model's context (num_ctx ${numCtx}); raise local.num_ctx or route it to Claude`,
  truncatedOutput: (numPredict: number) =>
    `model output truncated at local.num_predict (${numPredict} tokens); raise local.num_predict`,
  timedOut: (seconds: number) => `timed out after ${seconds} s (local.timeout_seconds)`,
  stalled: (server: string, seconds: number) =>
    `${server} took the request but sent nothing within ${seconds} s (local.timeout_seconds): stuck, or too slow for that limit; no further request was sent to it`,
  httpError: (status: number, detail: string) => `Ollama answered ${status}: ${detail}`,
  streamError: (detail: string) => `Ollama failed while answering: ${detail}`,
  failed: (detail: string) => `local review failed: ${detail}`,
  cancelled: () => 'cancelled before the local model answered',
  promptShortfall: (counted: number, expected: number) =>
    `Ollama counted ${counted} prompt tokens where about ${expected} were sent: the prompt may have been truncated; check that the server honours num_ctx`,
  numCtxCapped: (model: string, requested: number, max: number) =>
    `local.num_ctx ${requested} is above what ${model} supports; using ${max}`,
};
