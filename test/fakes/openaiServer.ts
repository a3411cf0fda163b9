// A loopback server speaking the OpenAI-compatible chat API the way vLLM, SGLang, llama.cpp's server and
// LiteLLM do, for driving the real `openai` client in tests and the bench: POST /v1/chat/completions with
// and without streaming (SSE `data:` chunks, the usage chunk with empty `choices` when
// stream_options.include_usage is set, `data: [DONE]`), GET /v1/models, and error bodies
// `{"error": {"message", "type", "param", "code"}}`.
// @see https://platform.openai.com/docs/api-reference/chat/streaming
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

/** The bodies of /v1/chat/completions requests as the client sent them. */
export interface ChatBody extends BaseChatBody {
  response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
  max_tokens?: number;
  seed?: number;
  temperature?: number;
  stream_options?: { include_usage?: boolean };
}

export interface FakeOpenAIOptions extends ChatServerOptions {
  /** Requests must carry `Authorization: Bearer <apiKey>`, else 401. Default: no key needed. */
  apiKey?: string;
  /** A server that ignores stream_options.include_usage and never reports usage. */
  noUsage?: boolean;
}

export interface FakeOpenAI extends FakeChatServer {
  chats(): ChatBody[];
}

/** Error bodies as vLLM and the OpenAI API send them. */
export const OPENAI_ERRORS = {
  modelNotFound: (model: string) => ({
    status: 404,
    error: `The model \`${model}\` does not exist.`,
    type: 'NotFoundError',
    code: 404,
  }),
  contextTooLong: {
    status: 400,
    error:
      "This model's maximum context length is 32768 tokens. However, you requested 40113 tokens (39089 in the messages, 1024 in the completion). Please reduce the length of the messages or completion.",
    type: 'BadRequestError',
    code: 400,
  },
  badKey: {
    status: 401,
    error: 'Incorrect API key provided.',
    type: 'invalid_request_error',
    code: 'invalid_api_key',
  },
  rateLimited: {
    status: 429,
    error: 'Rate limit reached: too many requests in flight.',
    type: 'rate_limit_error',
    code: 'rate_limit_exceeded',
  },
  internal: {
    status: 500,
    error: 'EngineCore encountered an issue. See stack trace (above) for the root cause.',
    type: 'InternalServerError',
    code: 500,
  },
  unavailable: {
    status: 503,
    error: 'The server is overloaded.',
    type: 'ServiceUnavailableError',
    code: 503,
  },
  badRequest: {
    status: 400,
    error: "[{'type': 'missing', 'loc': ('body', 'messages'), 'msg': 'Field required'}]",
    type: 'BadRequestError',
    code: 400,
  },
};

function errorBody(message: string, type: string, code: string | number | null) {
  return { error: { message, type, param: null, code } };
}

function usageOf(body: ChatBody, reply: { promptEvalCount?: number; evalCount?: number }, content: string) {
  const prompt = reply.promptEvalCount ?? estimatePromptTokens(body);
  const completion = reply.evalCount ?? Math.max(1, Math.ceil(content.length / 4));
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

const CREATED = 1_764_000_000;

function chunk(body: ChatBody, id: string, delta: Record<string, unknown>, finish: string | null) {
  return {
    id,
    object: 'chat.completion.chunk',
    created: CREATED,
    model: body.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  };
}

const sse = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

async function answerChat(
  res: ServerResponse,
  turn: ChatTurn,
  options: FakeOpenAIOptions,
  index: number,
): Promise<void> {
  const { reply, latency } = turn;
  const body = turn.body as ChatBody;
  const id = `chatcmpl-${index}`;
  if ('hang' in reply) return;
  if ('status' in reply) {
    await sleep(latency);
    return sendJson(
      res,
      reply.status,
      errorBody(reply.error, reply.type ?? 'BadRequestError', reply.code ?? reply.status),
    );
  }
  const streaming = body.stream === true;
  if ('streamError' in reply || 'stall' in reply) {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(sse(chunk(body, id, { role: 'assistant', content: '' }, null)));
    await sleep(latency);
    if (reply.partial) res.write(sse(chunk(body, id, { content: reply.partial }, null)));
    // vLLM reports an engine failure after the 200 as a data line holding an error object; a stall stays open.
    if ('streamError' in reply) res.end(sse(errorBody(reply.streamError, 'InternalServerError', 500)));
    return;
  }
  const content = contentOf(reply);
  const finish = 'doneReason' in reply && reply.doneReason ? reply.doneReason : 'stop';
  const usage = options.noUsage ? undefined : usageOf(body, reply, content);
  if (!streaming) {
    await sleep(latency);
    return sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created: CREATED,
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: finish }],
      ...(usage ? { usage } : {}),
    });
  }
  const withUsage = body.stream_options?.include_usage === true && usage !== undefined;
  // With include_usage every chunk carries `usage: null`, and a last chunk with no choices carries the totals.
  const tagged = (value: object) => (withUsage ? { ...value, usage: null } : value);
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write(sse(tagged(chunk(body, id, { role: 'assistant', content: '' }, null))));
  await sleep(latency);
  for (const piece of pieces(content)) res.write(sse(tagged(chunk(body, id, { content: piece }, null))));
  res.write(sse(tagged(chunk(body, id, {}, finish))));
  if (withUsage)
    res.write(
      sse({ id, object: 'chat.completion.chunk', created: CREATED, model: body.model, choices: [], usage }),
    );
  res.end('data: [DONE]\n\n');
}

function modelsOf(models: Set<string>) {
  return {
    object: 'list',
    data: [...models].map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'vllm' })),
  };
}

/** A loopback OpenAI-compatible server; `url` is its base URL, ending in /v1. */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  let index = 0;
  const fake = await startChatServer(
    options,
    { chatPath: '/v1/chat/completions', basePath: '/v1', defaultModels: ['qwen2.5-coder:7b'] },
    ({ models }, chat) =>
      (req, res, path, body) => {
        if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
          const { status, error, type, code } = OPENAI_ERRORS.badKey;
          return sendJson(res, status, errorBody(error, type, code));
        }
        if (req.method === 'GET' && path === '/v1/models') return sendJson(res, 200, modelsOf(models));
        if (req.method === 'POST' && path === '/v1/chat/completions') {
          const chatBody = body as ChatBody;
          if (!models.has(chatBody.model)) {
            const { status, error, type, code } = OPENAI_ERRORS.modelNotFound(chatBody.model);
            return sendJson(res, status, errorBody(error, type, code));
          }
          const turn = index++;
          return chat(res, chatBody, (t) => answerChat(res, t, options, turn));
        }
        // FastAPI (vLLM, SGLang) answers unknown paths with its own shape.
        return sendJson(res, 404, { detail: 'Not Found' });
      },
  );
  return fake as FakeOpenAI;
}
