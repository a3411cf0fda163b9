// A loopback server speaking Ollama's wire format, for driving the real `ollama` client in tests and the bench.
// @see https://github.com/ollama/ollama/blob/main/docs/api.md
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import {
  type ChatBody as BaseChatBody,
  type ChatServerOptions,
  type ChatTurn,
  contentOf,
  estimatePromptTokens,
  type FakeChatServer,
  pieces,
  sendJson,
  sleep,
  startChatServer,
} from './chatCore.js';

export {
  type ChatReply,
  type ChatScript,
  closedPortUrl,
  promptFiles,
  type RecordedRequest,
  userPrompt,
} from './chatCore.js';

/** The bodies of /api/chat requests as the client sent them. */
export interface ChatBody extends BaseChatBody {
  format?: unknown;
  options?: Record<string, unknown>;
  keep_alive?: string | number;
  shift?: boolean;
  truncate?: boolean;
}

/** The body of an /api/embed request as the client sent it. */
export interface EmbedBody {
  model: string;
  input: string | string[];
  truncate?: boolean;
  [key: string]: unknown;
}

/** A vector for one input text (prefix included), or an error for the whole request. */
export type EmbedScript = (text: string) => number[];

export interface FakeOllamaOptions extends ChatServerOptions {
  version?: string;
  /** Vectors /api/embed returns; default: a deterministic bag-of-words vector of the text (see bagOfWords). */
  embed?: EmbedScript;
  /** Longest input (characters) /api/embed takes before it says the input exceeds the context. */
  embedContextChars?: number;
  /** /api/embed takes the request and never answers (a model still loading, a stuck server). */
  embedHang?: boolean;
}

export interface FakeOllama extends FakeChatServer {
  chats(): ChatBody[];
  /** Bodies of every /api/embed request, in arrival order. */
  embeds(): EmbedBody[];
  /** Digest /api/tags lists per model (a re-pull changes it); default: derived from the name. */
  digests: Map<string, string>;
}

/** Ollama's own error strings. */
export const OLLAMA_ERRORS = {
  modelNotFound: (model: string) => `model "${model}" not found, try pulling it first`,
  contextTooLong:
    'the prompt is longer than the context length currently available to the model; shorten the prompt, adjust the context length in settings, or use a model with a longer context length',
  busy: 'server busy, please try again.  maximum pending requests exceeded',
  internal: 'llama runner process has terminated: exit status 2',
};

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

async function answerChat(res: ServerResponse, { body, reply, latency }: ChatTurn): Promise<void> {
  if ('hang' in reply) return;
  if ('status' in reply) {
    await sleep(latency);
    return sendJson(res, reply.status, { error: reply.error });
  }
  const streaming = body.stream !== false;
  if ('streamError' in reply || 'stall' in reply) {
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    await sleep(latency);
    if (reply.partial) res.write(`${JSON.stringify(chunk(body, reply.partial, false))}\n`);
    // A stalled answer stays open until the client gives up.
    if ('streamError' in reply) res.end(`${JSON.stringify({ error: reply.streamError })}\n`);
    return;
  }
  const content = contentOf(reply);
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

/** As Ollama answers /api/embed: 404 for a model not pulled, 400 for an input over the context. */
function answerEmbed(res: ServerResponse, body: EmbedBody, models: Set<string>, options: FakeOllamaOptions) {
  if (!body?.model) return sendJson(res, 400, { error: 'model is required' });
  if (!models.has(body.model)) return sendJson(res, 404, { error: OLLAMA_ERRORS.modelNotFound(body.model) });
  if (options.embedHang) return;
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

/** A loopback server speaking Ollama's API at its root (`url` is the host hunkwise connects to). */
export async function startFakeOllama(options: FakeOllamaOptions = {}): Promise<FakeOllama> {
  const digests = new Map<string, string>();
  const fake = await startChatServer(
    options,
    { chatPath: '/api/chat', basePath: '', defaultModels: ['qwen2.5-coder:7b'] },
    ({ models }, chat) =>
      (req, res, path, body) => {
        if (req.method === 'GET' && path === '/api/version')
          return sendJson(res, 200, { version: options.version ?? '0.13.2' });
        if (req.method === 'GET' && path === '/api/tags') return sendJson(res, 200, tagsOf(models, digests));
        if (req.method === 'POST' && path === '/api/embed')
          return answerEmbed(res, body as EmbedBody, models, options);
        if (req.method === 'POST' && path === '/api/show') {
          const model = (body as { model?: string } | null)?.model ?? '';
          if (!models.has(model)) return sendJson(res, 404, { error: `model '${model}' not found` });
          return sendJson(res, 200, showOf(model));
        }
        if (req.method === 'POST' && path === '/api/pull')
          return answerPull(res, (body ?? {}) as { model?: string }, models);
        if (req.method === 'POST' && path === '/api/chat') {
          const chatBody = body as ChatBody;
          if (!models.has(chatBody.model))
            return sendJson(res, 404, { error: OLLAMA_ERRORS.modelNotFound(chatBody.model) });
          return chat(res, chatBody, (turn) => answerChat(res, turn));
        }
        // Ollama's router (gin) answers unknown paths in plain text, not in its JSON error shape.
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('404 page not found');
      },
  );
  const ollama = fake as FakeOllama;
  ollama.digests = digests;
  ollama.embeds = () => fake.requests.filter((r) => r.path === '/api/embed').map((r) => r.body as EmbedBody);
  return ollama;
}
