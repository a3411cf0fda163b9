// Sentences about the OpenAI-compatible provider (vLLM, SGLang, llama.cpp's server, LM Studio, LiteLLM):
// availability, failures and notes. Sentences about the local role's own settings (timeouts, num_predict,
// num_ctx) are shared with Ollama, in local.ts.

const SERVER = 'the OpenAI-compatible server';

export const openaiMessages = {
  noHost: () => 'local.provider is openai but local.host (or local.hosts) is not set',
  noHostFix: () => "set local.host to the server's base URL, e.g. http://gpu-box:8000/v1",
  badHost: (raw: string) => `local.host "${raw}" is not an http(s) URL`,
  badHostFix: () => "set local.host to the server's base URL, e.g. http://gpu-box:8000/v1",
  noKey: (variable: string) => `local.api_key_env names ${variable}, which is not set`,
  noKeyFix: (variable: string) =>
    `export ${variable} with the server's key, or remove local.api_key_env if the server needs none`,
  available: (url: string, model: string) => `OpenAI-compatible server at ${url} serves ${model}`,
  unreachable: (url: string) => `${SERVER} at ${url} is not reachable`,
  unreachableFix: () =>
    'start it (vllm serve, llama-server, LM Studio, a LiteLLM proxy…) or point local.host at it',
  unreachableReason: (url: string) => `${SERVER} at ${url} is not reachable: start it or fix local.host`,
  notApiRoot: (url: string) => `${url} is not an OpenAI-compatible API root: GET ${url}/models answered 404`,
  notApiRootFix: (url: string) =>
    /\/v1$/.test(url)
      ? 'check local.host: the server answers 404 for the API paths under it'
      : `set local.host to ${url}/v1: the base URL of these servers usually ends in /v1`,
  notApiRootReason: (url: string) =>
    `${url} has no /chat/completions (404): set local.host to the API root, usually ending in /v1`,
  modelNotServed: (url: string, model: string, served: readonly string[]) =>
    `${SERVER} at ${url} does not serve the model ${model} (it serves ${served.length > 0 ? served.join(', ') : 'none'})`,
  modelNotServedFix: () =>
    'set local.model to one of the ids GET /v1/models lists (vLLM: --served-model-name)',
  modelMissingReason: (model: string) =>
    `the server does not serve the model ${model}: set local.model to an id GET /v1/models lists`,
  keyRejected: (url: string, status: number, detail: string) =>
    `${SERVER} at ${url} refused the request (${status}): ${detail}`,
  keyRejectedFix: (variable: string | null) =>
    variable
      ? `check the key in ${variable} (local.api_key_env)`
      : "set local.api_key_env to the name of the variable holding the server's key",
  checkTimeout: (url: string, seconds: number) => `${SERVER} at ${url} did not answer within ${seconds} s`,
  checkTimeoutFix: () => 'check that the server is not stuck (its log, its /health), or restart it',
  checkFailed: (url: string, detail: string) => `${SERVER} at ${url} failed the check: ${detail}`,
  checkFailedFix: () => "look at the server's log",
  httpError: (status: number, detail: string) => `${SERVER} answered ${status}: ${detail}`,
  streamError: (detail: string) => `${SERVER} failed while answering: ${detail}`,
  endedEarly: () => 'the answer ended before the server said it was done',
  contentFilter: () => "the server's content filter stopped the answer (finish_reason content_filter)",
  contextExceeded: (numCtx: number) =>
    `the prompt is longer than the server's context window; set local.num_ctx (now ${numCtx}) to the server's (vLLM --max-model-len, llama.cpp -c) or route it to Claude`,
  noUsage: () =>
    'the OpenAI-compatible server reported no token usage (it ignores stream_options.include_usage): local token counts are missing',
  promptShortfall: (counted: number, expected: number) =>
    `the server counted ${counted} prompt tokens where about ${expected} were sent: the prompt may have been truncated (llama.cpp's server shifts or cuts an over-long prompt); check its context size (-c)`,
};
