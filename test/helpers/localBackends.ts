// The local role's backends, for tests that hold for each of them: Ollama's native API, an
// OpenAI-compatible server, and a pool of two servers of either kind (answering from one script, with one
// request log). Each starts its loopback server(s), builds the config and the reviewer as a run would
// (through the provider registry), and knows the sentences its failures are reported with.
import { configSchema, type WrittenConfig } from '../../src/config/schema.js';
import { createProvider } from '../../src/review/providers.js';
import type { ModelReviewer } from '../../src/review/reviewer.js';
import { createModelReviewer } from '../../src/review/runBatches.js';
import type { ProviderId } from '../../src/vocabulary.js';
import {
  type ChatReply,
  type ChatServerOptions,
  closedPortUrl,
  type FakeChatServer,
  type RecordedRequest,
} from '../fakes/chatCore.js';
import { OLLAMA_ERRORS, startFakeOllama } from '../fakes/ollamaServer.js';
import { OPENAI_ERRORS, startFakeOpenAI } from '../fakes/openaiServer.js';

type Local = NonNullable<WrittenConfig['local']>;
type Env = Record<string, string | undefined>;

/** One or more loopback servers seen as one: the script and the log are shared. */
export interface FakeBackend {
  servers: FakeChatServer[];
  /** What `local.host` (or each of `local.hosts`) is set to. */
  urls: string[];
  script: FakeChatServer['script'];
  chats(): ReturnType<FakeChatServer['chats']>;
  requests: RecordedRequest[];
  /** Most requests in flight at once on any one server. */
  peakPerServer(): number;
  abandonedChats(): number;
  abandonedChecks(): number;
  close(): Promise<void>;
}

export interface LocalBackend {
  name: string;
  provider: Extract<ProviderId, 'ollama' | 'openai'>;
  /** How many servers answer (a pool tries each once before giving up). */
  servers: number;
  start(options?: ChatServerOptions): Promise<FakeBackend>;
  /** Urls of servers that refuse connections, as many as the backend has. */
  downUrls(): Promise<string[]>;
  /** The config a run would load, pointing at `urls`. */
  config(urls: string[], local?: Local): ReturnType<typeof configSchema.parse>;
  /** Server errors in this wire format. */
  errors: { busy: ChatReply; internal: ChatReply; contextTooLong: ChatReply };
  /** The sentences hunks fail with. */
  reasons: {
    http(reply: ChatReply): string;
    streamError(detail: string): string;
    modelMissing(model: string): string;
    contextExceeded(numCtx: number): string;
    down(urls: string[]): string;
    /** Each server took the request and sent nothing within `seconds`. */
    stuck(urls: string[], seconds: number): string;
    /** What the check says of servers that took it and sent nothing within `seconds`. */
    checkSilent(urls: string[], seconds: number): string;
    shortfall: RegExp;
  };
}

/** The reviewer a run builds for the local role from `config`. */
export async function localReviewer(config: ReturnType<typeof configSchema.parse>, env: Env = {}) {
  const provider = await createProvider({ role: 'local', config, env });
  return createModelReviewer('local', provider, config) satisfies ModelReviewer;
}

function combine(servers: FakeChatServer[]): FakeBackend {
  const first = servers[0]!;
  return {
    servers,
    urls: servers.map((s) => s.url),
    script: first.script,
    chats: () => first.chats(),
    requests: first.requests,
    peakPerServer: () => Math.max(...servers.map((s) => s.peakConcurrentChats)),
    abandonedChats: () => servers.reduce((n, s) => n + s.abandonedChats, 0),
    abandonedChecks: () => servers.reduce((n, s) => n + s.abandonedChecks, 0),
    close: async () => {
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}

const stuck = (server: string, seconds: number) =>
  `${server} took the request but sent nothing within ${seconds} s (local.timeout_seconds): stuck, or too slow for that limit; no further request was sent to it`;

const httpText = (reply: ChatReply) =>
  'status' in reply ? { status: reply.status, error: reply.error } : null;

const ollama: Omit<LocalBackend, 'name' | 'servers' | 'start' | 'downUrls' | 'config'> = {
  provider: 'ollama',
  errors: {
    busy: { status: 503, error: OLLAMA_ERRORS.busy },
    internal: { status: 500, error: OLLAMA_ERRORS.internal },
    contextTooLong: { status: 400, error: OLLAMA_ERRORS.contextTooLong },
  },
  reasons: {
    http: (reply) => `Ollama answered ${httpText(reply)?.status}: ${httpText(reply)?.error}`,
    streamError: (detail) => `Ollama failed while answering: ${detail}`,
    modelMissing: (model) => `model missing: run \`ollama pull ${model}\``,
    contextExceeded: (numCtx) =>
      `the prompt is longer than the local model's context (num_ctx ${numCtx}); raise local.num_ctx or route it to Claude`,
    down: ([url]) => `Ollama is not reachable at ${url}: start it with \`ollama serve\``,
    stuck: ([url], seconds) => stuck(`Ollama at ${url}`, seconds),
    checkSilent: ([url], seconds) => `Ollama at ${url} did not answer within ${seconds} s`,
    shortfall: /^Ollama counted 12 prompt tokens where about \d+ were sent/,
  },
};

const openai: Omit<LocalBackend, 'name' | 'servers' | 'start' | 'downUrls' | 'config'> = {
  provider: 'openai',
  errors: {
    busy: OPENAI_ERRORS.unavailable,
    internal: OPENAI_ERRORS.internal,
    contextTooLong: OPENAI_ERRORS.contextTooLong,
  },
  reasons: {
    http: (reply) =>
      `the OpenAI-compatible server answered ${httpText(reply)?.status}: ${httpText(reply)?.error}`,
    streamError: (detail) => `the OpenAI-compatible server failed while answering: ${detail}`,
    modelMissing: (model) =>
      `the server does not serve the model ${model}: set local.model to an id GET /v1/models lists`,
    contextExceeded: (numCtx) =>
      `the prompt is longer than the server's context window; set local.num_ctx (now ${numCtx}) to the server's (vLLM --max-model-len, llama.cpp -c) or route it to Claude`,
    down: ([url]) => `the OpenAI-compatible server at ${url} is not reachable: start it or fix local.host`,
    stuck: ([url], seconds) => stuck(`The OpenAI-compatible server at ${url}`, seconds),
    checkSilent: ([url], seconds) =>
      `the OpenAI-compatible server at ${url} did not answer within ${seconds} s`,
    shortfall: /^the server counted 12 prompt tokens where about \d+ were sent/,
  },
};

function single(kind: typeof ollama, start: typeof startFakeOllama | typeof startFakeOpenAI): LocalBackend {
  const suffix = kind.provider === 'openai' ? '/v1' : '';
  return {
    ...kind,
    name: kind.provider,
    servers: 1,
    start: async (options) => combine([await start(options)]),
    downUrls: async () => [`${await closedPortUrl()}${suffix}`],
    // The client retries 5xx on its own; with none, one request is one exchange, as with Ollama.
    config: ([url], local = {}) =>
      configSchema.parse({
        local: {
          provider: kind.provider,
          host: url,
          ...(kind.provider === 'openai' ? { max_retries: 0 } : {}),
          ...local,
        },
      }),
  };
}

/** Two servers behind one pool; when both fail, the pool's sentence holds theirs. */
function pool(kind: typeof ollama, start: typeof startFakeOllama | typeof startFakeOpenAI): LocalBackend {
  const base = single(kind, start);
  return {
    ...base,
    name: `${kind.provider} pool of 2`,
    servers: 2,
    start: async (options = {}) => {
      const shared = { queue: options.queue ?? [], log: options.log ?? [] };
      return combine([await start({ ...options, ...shared }), await start({ ...options, ...shared })]);
    },
    downUrls: async () => [...(await base.downUrls()), ...(await base.downUrls())],
    config: (urls, local = {}) => {
      const { host: _host, ...rest } = base.config(urls.slice(0, 1), local).local;
      return configSchema.parse({ local: { ...rest, hosts: urls } });
    },
    reasons: {
      ...kind.reasons,
      modelMissing: (model) =>
        `none of the 2 local servers could answer: ${kind.reasons.modelMissing(model)}`,
      down: (urls) =>
        `none of the 2 local servers could answer: ${urls.map((url) => kind.reasons.down([url])).join('; ')}`,
      stuck: (urls, seconds) =>
        `none of the 2 local servers could answer: ${urls.map((url) => kind.reasons.stuck([url], seconds)).join('; ')}`,
      checkSilent: (urls, seconds) =>
        `none of the 2 local servers is usable: ${kind.reasons.checkSilent(urls, seconds)}`,
    },
  };
}

export const LOCAL_BACKENDS: LocalBackend[] = [
  single(ollama, startFakeOllama),
  single(openai, startFakeOpenAI),
  pool(ollama, startFakeOllama),
  pool(openai, startFakeOpenAI),
];
