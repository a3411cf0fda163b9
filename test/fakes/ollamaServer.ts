// A loopback server speaking Ollama's wire format, for driving the real `ollama` client in tests and the bench.
// @see https://github.com/ollama/ollama/blob/main/docs/api.md
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** The bodies of /api/chat requests as the client sent them. */
export interface ChatBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  stream?: boolean;
  format?: unknown;
  options?: Record<string, unknown>;
  keep_alive?: string | number;
  shift?: boolean;
  truncate?: boolean;
  [key: string]: unknown;
}

export type ChatReply =
  /** A well-formed answer whose content is `{"findings": …}`. */
  | { findings: unknown[]; promptEvalCount?: number; evalCount?: number }
  /** Any content: prose-wrapped JSON, garbage, a cut-off answer with `doneReason: 'length'`. */
  | { content: string; doneReason?: string; promptEvalCount?: number; evalCount?: number }
  /** An HTTP error with Ollama's `{"error": …}` body. */
  | { status: number; error: string }
  /** HTTP 200, some content, then an `{"error": …}` line: how Ollama reports failures mid-stream. */
  | { streamError: string; partial?: string }
  /** Never sends headers. */
  | { hang: true };

export type ChatScript = ChatReply | ((body: ChatBody, index: number) => ChatReply);

/** The body of an /api/embed request as the client sent it. */
export interface EmbedBody {
  model: string;
  input: string | string[];
  truncate?: boolean;
  [key: string]: unknown;
}

/** A vector for one input text (prefix included), or an error for the whole request. */
export type EmbedScript = (text: string) => number[];

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

export interface FakeOllamaOptions {
  version?: string;
  /** Models /api/tags lists and /api/chat accepts. */
  models?: string[];
  /** Delay before a chat answer's content (headers go out at once, as Ollama does when streaming). */
  latencyMs?: number | ((body: ChatBody) => number);
  /** The reply once the scripted ones are used up. Default: no findings. */
  defaultReply?: ChatScript;
  /**
   * Chat requests answered at once (OLLAMA_NUM_PARALLEL, default 1 since v0.10); the rest wait in a FIFO
   * queue without headers, as Ollama's scheduler does. Default: unlimited.
   */
  parallel?: number;
  /** Vectors /api/embed returns; default: a deterministic bag-of-words vector of the text (see bagOfWords). */
  embed?: EmbedScript;
  /** Longest input (characters) /api/embed takes before it says the input exceeds the context. */
  embedContextChars?: number;
}

export interface FakeOllama {
  url: string;
  requests: RecordedRequest[];
  /** Bodies of every /api/chat request, in arrival order. */
  chats(): ChatBody[];
  /** Bodies of every /api/embed request, in arrival order. */
  embeds(): EmbedBody[];
  /** Digest /api/tags lists per model (a re-pull changes it); default: derived from the name. */
  digests: Map<string, string>;
  /** Replies for the next chat requests, in order. */
  script(...replies: ChatScript[]): void;
  models: Set<string>;
  /** Most /api/chat requests in flight at once. */
  peakConcurrentChats: number;
  /** /api/chat requests the client hung up on before the answer was complete. */
  abandonedChats: number;
  close(): Promise<void>;
}

/** Ollama's own error strings. */
export const OLLAMA_ERRORS = {
  modelNotFound: (model: string) => `model "${model}" not found, try pulling it first`,
  contextTooLong:
    'the prompt is longer than the context length currently available to the model; shorten the prompt, adjust the context length in settings, or use a model with a longer context length',
  busy: 'server busy, please try again.  maximum pending requests exceeded',
  internal: 'llama runner process has terminated: exit status 2',
};

/** The user message of a chat body: the hunks the reviewer sent. */
export function userPrompt(body: ChatBody): string {
  return body.messages.find((m) => m.role === 'user')?.content ?? '';
}

/** Files named in the fence headers of a user prompt, in order. */
export function promptFiles(body: ChatBody): string[] {
  return [...userPrompt(body).matchAll(/<<<UNTRUSTED_DIFF id=\d+ file=("(?:[^"\\]|\\.)*")>>>/g)].map(
    (m) => JSON.parse(m[1]!) as string,
  );
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => {
      try {
        resolve(text ? JSON.parse(text) : null);
      } catch {
        resolve(text);
      }
    });
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function estimatePromptTokens(body: ChatBody): number {
  return Math.ceil(body.messages.reduce((n, m) => n + m.content.length, 0) / 3.5);
}

function finalStats(
  body: ChatBody,
  reply: { promptEvalCount?: number; evalCount?: number },
  content: string,
) {
  return {
    total_duration: 1_200_000_000,
    load_duration: 50_000_000,
    prompt_eval_count: reply.promptEvalCount ?? estimatePromptTokens(body),
    prompt_eval_duration: 400_000_000,
    eval_count: reply.evalCount ?? Math.max(1, Math.ceil(content.length / 4)),
    eval_duration: 700_000_000,
  };
}

function chunk(body: ChatBody, content: string, done: boolean) {
  return {
    model: body.model,
    created_at: new Date().toISOString(),
    message: { role: 'assistant', content },
    done,
  };
}

/** Splits content into a few pieces, as tokens would arrive. */
function pieces(content: string): string[] {
  const size = Math.max(1, Math.ceil(content.length / 3));
  const out: string[] = [];
  for (let i = 0; i < content.length; i += size) out.push(content.slice(i, i + size));
  return out;
}

async function answerChat(
  res: ServerResponse,
  body: ChatBody,
  reply: ChatReply,
  latency: number,
): Promise<void> {
  if ('hang' in reply) return; // never answer; the client must give up by itself
  if ('status' in reply) {
    await sleep(latency);
    return sendJson(res, reply.status, { error: reply.error });
  }
  const streaming = body.stream !== false;
  if ('streamError' in reply) {
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    await sleep(latency);
    if (reply.partial) res.write(`${JSON.stringify(chunk(body, reply.partial, false))}\n`);
    res.end(`${JSON.stringify({ error: reply.streamError })}\n`);
    return;
  }
  const content = 'findings' in reply ? JSON.stringify({ findings: reply.findings }) : reply.content;
  const doneReason = 'doneReason' in reply && reply.doneReason ? reply.doneReason : 'stop';
  const final = { ...chunk(body, '', true), done_reason: doneReason, ...finalStats(body, reply, content) };
  if (!streaming) {
    await sleep(latency);
    return sendJson(res, 200, { ...final, message: { role: 'assistant', content } });
  }
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  await sleep(latency);
  for (const piece of pieces(content)) res.write(`${JSON.stringify(chunk(body, piece, false))}\n`);
  res.end(`${JSON.stringify(final)}\n`);
}

/** The client sends the deprecated `name`; the server takes `model` or `name`. */
async function answerPull(
  res: ServerResponse,
  body: { model?: string; name?: string; stream?: boolean },
  models: Set<string>,
) {
  const model = body.model || body.name || '';
  models.add(model);
  if (body.stream === false) return sendJson(res, 200, { status: 'success' });
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  const digest = 'sha256:60e05f2100071479f596b964f89f510f057ce397ea22f2833a0cfe029bfc2463';
  const total = 4_683_073_184;
  const lines = [
    { status: 'pulling manifest' },
    { status: `pulling ${digest.slice(7, 19)}`, digest, total, completed: 0 },
    { status: `pulling ${digest.slice(7, 19)}`, digest, total, completed: total / 2 },
    { status: `pulling ${digest.slice(7, 19)}`, digest, total, completed: total },
    { status: 'verifying sha256 digest' },
    { status: 'writing manifest' },
    { status: 'success' },
  ];
  for (const line of lines) res.write(`${JSON.stringify(line)}\n`);
  res.end();
}

const QWEN_DIGEST = 'dae161e27b0e90dd1856c8bb3209201fd6736d8eb66298e75ed87571486f4364';

function digestOf(name: string, digests: ReadonlyMap<string, string>): string {
  return (
    digests.get(name) ??
    (name.startsWith('qwen') ? QWEN_DIGEST : createHash('sha256').update(name).digest('hex'))
  );
}

/** Ollama's answer when an input is longer than the model's context and `truncate` is false. */
export const EMBED_TOO_LONG = 'the input length exceeds the context length';

/**
 * A deterministic stand-in for an embedding model: words hashed into 64 buckets, so texts that share words
 * are close and texts that share none are orthogonal. Plumbing only; it knows nothing of meaning.
 */
export function bagOfWords(text: string): number[] {
  const vector = new Array<number>(64).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9_]+/g) ?? []) {
    const bucket = createHash('sha256').update(word).digest().readUInt32BE(0) % 64;
    vector[bucket] = (vector[bucket] ?? 0) + 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((x) => x / norm);
}

function tagsOf(models: Set<string>, digests: ReadonlyMap<string, string> = new Map()) {
  return {
    models: [...models].map((name) => ({
      name,
      model: name,
      modified_at: '2026-11-20T10:00:00.000Z',
      size: 4_683_087_332,
      digest: digestOf(name, digests),
      details: {
        parent_model: '',
        format: 'gguf',
        family: 'qwen2',
        families: ['qwen2'],
        parameter_size: '7.6B',
        quantization_level: 'Q4_K_M',
      },
    })),
  };
}

function showOf(model: string) {
  return {
    modelfile: `FROM ${model}`,
    parameters: 'stop "<|im_start|>"\nstop "<|im_end|>"',
    template: '{{- if .System }}<|im_start|>system\n{{ .System }}<|im_end|>\n{{ end }}',
    details: tagsOf(new Set([model])).models[0]!.details,
    model_info: { 'general.architecture': 'qwen2', 'qwen2.context_length': 32768 },
    capabilities: ['completion', 'tools', 'insert'],
    modified_at: '2026-11-20T10:00:00.000Z',
  };
}

/** A FIFO semaphore: `acquire` resolves with a release function once a slot is free. */
function createSlots(size: number) {
  let free = size;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free += 1;
  };
  return {
    acquire: (): Promise<() => void> => {
      if (free > 0) {
        free -= 1;
        return Promise.resolve(release);
      }
      return new Promise((resolve) => waiting.push(() => resolve(release)));
    },
  };
}

export async function startFakeOllama(options: FakeOllamaOptions = {}): Promise<FakeOllama> {
  const models = new Set(options.models ?? ['qwen2.5-coder:7b']);
  const requests: RecordedRequest[] = [];
  const queue: ChatScript[] = [];
  const sockets = new Set<Socket>();
  let chatIndex = 0;
  let inFlight = 0;
  const slots = createSlots(options.parallel ?? Number.POSITIVE_INFINITY);
  const fake: FakeOllama = {
    url: '',
    requests,
    chats: () => requests.filter((r) => r.path === '/api/chat').map((r) => r.body as ChatBody),
    embeds: () => requests.filter((r) => r.path === '/api/embed').map((r) => r.body as EmbedBody),
    digests: new Map(),
    script: (...replies) => queue.push(...replies),
    models,
    peakConcurrentChats: 0,
    abandonedChats: 0,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };

  async function chat(res: ServerResponse, body: ChatBody) {
    const index = chatIndex++;
    const script = queue.shift() ?? options.defaultReply ?? { findings: [] };
    const reply = typeof script === 'function' ? script(body, index) : script;
    const latency =
      typeof options.latencyMs === 'function' ? options.latencyMs(body) : (options.latencyMs ?? 0);
    if (!models.has(body.model))
      return sendJson(res, 404, { error: OLLAMA_ERRORS.modelNotFound(body.model) });
    inFlight += 1;
    fake.peakConcurrentChats = Math.max(fake.peakConcurrentChats, inFlight);
    // 'close' fires once the answer is sent or the client hung up, whichever comes first.
    res.once('close', () => {
      inFlight -= 1;
      if (!res.writableFinished) fake.abandonedChats += 1;
    });
    if ('hang' in reply) return;
    const release = await slots.acquire();
    try {
      await answerChat(res, body, reply, latency);
    } finally {
      release();
    }
  }

  /** As Ollama answers /api/embed: 404 for a model not pulled, 400 for an input over the context. */
  function embed(res: ServerResponse, body: EmbedBody) {
    if (!body?.model) return sendJson(res, 400, { error: 'model is required' });
    if (!models.has(body.model))
      return sendJson(res, 404, { error: OLLAMA_ERRORS.modelNotFound(body.model) });
    const inputs = typeof body.input === 'string' ? [body.input] : (body.input ?? []);
    const limit = options.embedContextChars ?? Number.POSITIVE_INFINITY;
    if (body.truncate === false && inputs.some((text) => text.length > limit))
      return sendJson(res, 400, { error: EMBED_TOO_LONG });
    const vectorOf = options.embed ?? bagOfWords;
    return sendJson(res, 200, {
      model: body.model,
      embeddings: inputs.map((text) => vectorOf(text)),
      total_duration: 14_000_000,
      load_duration: 1_000_000,
      prompt_eval_count: inputs.reduce((n, text) => n + Math.ceil(text.length / 4), 0),
    });
  }

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = await readBody(req);
    requests.push({ method: req.method ?? 'GET', path, body });
    if (req.method === 'GET' && path === '/api/version')
      return sendJson(res, 200, { version: options.version ?? '0.13.2' });
    if (req.method === 'GET' && path === '/api/tags') return sendJson(res, 200, tagsOf(models, fake.digests));
    if (req.method === 'POST' && path === '/api/embed') return embed(res, body as EmbedBody);
    if (req.method === 'POST' && path === '/api/show') {
      const model = (body as { model?: string } | null)?.model ?? '';
      if (!models.has(model)) return sendJson(res, 404, { error: `model '${model}' not found` });
      return sendJson(res, 200, showOf(model));
    }
    if (req.method === 'POST' && path === '/api/pull')
      return answerPull(res, (body ?? {}) as { model?: string }, models);
    if (req.method === 'POST' && path === '/api/chat') return chat(res, body as ChatBody);
    // Ollama's router (gin) answers unknown paths in plain text, not in its JSON error shape.
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('404 page not found');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** A loopback port that refuses connections: a server started and closed again. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
