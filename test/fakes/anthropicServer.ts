// A loopback server speaking the Claude Messages API wire format, for driving the real @anthropic-ai/sdk.
// Replies are scripted per request; every request is recorded (headers + parsed body).
// @see https://platform.claude.com/docs/en/api/messages  (responses, SSE events)
// @see https://platform.claude.com/docs/en/api/errors    (error bodies, statuses)
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (null for GET or an unparseable body). */
  body: Record<string, unknown> | null;
  raw: string;
}

export interface WireUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export type FakeReply =
  /** A successful message; streamed as SSE when the request asked for `stream: true`. */
  | {
      type: 'message';
      text: string;
      stopReason?: 'end_turn' | 'max_tokens' | 'refusal' | 'model_context_window_exceeded' | 'stop_sequence';
      stopDetails?: { type: 'refusal'; category: string | null; explanation: string | null };
      usage?: Partial<WireUsage>;
      /** A thinking block before the text, as models that think by default send. */
      thinking?: string;
    }
  /** An HTTP error with the API's error body; `errorCode` becomes `error.details.error_code`. */
  | {
      type: 'error';
      status: number;
      errorType: string;
      message: string;
      errorCode?: string;
      headers?: Record<string, string>;
    }
  /** HTTP 200 SSE stream that sends some text, then `event: error` (the SDK does not retry these). */
  | { type: 'streamError'; errorType: string; message: string; afterText?: string }
  /** Accepts the request and never answers. */
  | { type: 'hang' }
  /** Sends a 200's headers (and, streaming, `message_start`), then nothing more: a stall mid-answer. */
  | { type: 'stall' };

export type ReplyFn = (request: RecordedRequest, index: number) => FakeReply;

export interface FakeAnthropicOptions {
  /** The only key accepted (x-api-key or Authorization: Bearer). */
  apiKey?: string;
  /** Model ids that exist for GET /v1/models/{id} and POST /v1/messages. */
  models?: string[];
  /** Minimum cached-prefix size in tokens (chars / 4 here); below it nothing is cached, silently, like the API. */
  minCacheTokens?: number;
  /** GET /v1/models/{id} (the key check) is taken and never answered, as by an API or proxy that is stuck. */
  silentChecks?: boolean;
}

export interface FakeAnthropic {
  url: string;
  requests: RecordedRequest[];
  /** Requests to POST /v1/messages only. */
  messageRequests(): RecordedRequest[];
  /** Replies for the next /v1/messages requests, in order; after them `fallback` answers. */
  script(...replies: FakeReply[]): void;
  /** Answers /v1/messages when the script is empty. Default: `{"findings": []}`. */
  fallback: ReplyFn;
  close(): Promise<void>;
}

const REQUEST_ID = (n: number) => `req_fake_${String(n).padStart(6, '0')}`;
const approxTokens = (text: string) => Math.ceil(text.length / 4);

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function errorBody(errorType: string, message: string, requestId: string, errorCode?: string) {
  return {
    type: 'error',
    error: { type: errorType, message, ...(errorCode ? { details: { error_code: errorCode } } : {}) },
    request_id: requestId,
  };
}

/** Text of a `system` param (string or text blocks) and whether a block carries cache_control. */
function systemOf(body: Record<string, unknown>): { text: string; cached: boolean } {
  const system = body.system;
  if (typeof system === 'string') return { text: system, cached: false };
  if (!Array.isArray(system)) return { text: '', cached: false };
  const blocks = system as Array<{ text?: string; cache_control?: unknown }>;
  return {
    text: blocks.map((b) => b.text ?? '').join(''),
    cached: blocks.some((b) => b.cache_control != null),
  };
}

function userTextOf(body: Record<string, unknown>): string {
  return JSON.stringify(body.messages ?? []);
}

export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const apiKey = options.apiKey ?? 'test-key';
  const models = new Set(options.models ?? ['claude-sonnet-5-5']);
  const minCache = options.minCacheTokens ?? 1024;
  const requests: RecordedRequest[] = [];
  const queue: FakeReply[] = [];
  const cachedPrefixes = new Set<string>();
  const sockets = new Set<Socket>();
  let messageCount = 0;

  const fake: FakeAnthropic = {
    url: '',
    requests,
    messageRequests: () => requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages'),
    script: (...replies) => queue.push(...replies),
    fallback: () => ({ type: 'message', text: '{"findings":[]}' }),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close').catch(() => undefined);
    },
  };

  /** Usage as the API reports it: input excludes the cached prefix, which is written once then read. */
  function usageFor(body: Record<string, unknown>, text: string, given: Partial<WireUsage> = {}): WireUsage {
    const system = systemOf(body);
    const systemTokens = approxTokens(system.text);
    const cacheable = system.cached && systemTokens >= minCache;
    const hit = cacheable && cachedPrefixes.has(`${String(body.model)}\0${system.text}`);
    if (cacheable) cachedPrefixes.add(`${String(body.model)}\0${system.text}`);
    const userTokens = approxTokens(userTextOf(body));
    return {
      input_tokens: cacheable ? userTokens : userTokens + systemTokens,
      output_tokens: approxTokens(text),
      cache_creation_input_tokens: cacheable && !hit ? systemTokens : 0,
      cache_read_input_tokens: hit ? systemTokens : 0,
      ...given,
    };
  }

  function messageOf(
    reply: Extract<FakeReply, { type: 'message' }>,
    body: Record<string, unknown>,
    id: string,
  ) {
    const usage = usageFor(body, reply.text, reply.usage);
    const content = [
      ...(reply.thinking ? [{ type: 'thinking', thinking: reply.thinking, signature: 'sig' }] : []),
      { type: 'text', text: reply.text, citations: null },
    ];
    return {
      id,
      type: 'message',
      role: 'assistant',
      model: body.model,
      content,
      stop_reason: reply.stopReason ?? 'end_turn',
      stop_sequence: null,
      stop_details: reply.stopDetails ?? null,
      container: null,
      diagnostics: null,
      usage: {
        ...usage,
        cache_creation: {
          ephemeral_5m_input_tokens: usage.cache_creation_input_tokens,
          ephemeral_1h_input_tokens: 0,
        },
        inference_geo: null,
        output_tokens_details: null,
        server_tool_use: null,
        service_tier: 'standard',
        speed: null,
      },
    };
  }

  function sse(res: ServerResponse, event: string, data: unknown) {
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  function startStream(res: ServerResponse, requestId: string) {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'request-id': requestId,
    });
  }

  /** message_start → content blocks (start/ping/deltas/stop) → message_delta → message_stop. */
  function streamMessage(res: ServerResponse, message: ReturnType<typeof messageOf>, requestId: string) {
    startStream(res, requestId);
    const { usage } = message;
    sse(res, 'message_start', {
      type: 'message_start',
      message: {
        ...message,
        content: [],
        stop_reason: null,
        stop_details: null,
        usage: { ...usage, output_tokens: 1 },
      },
    });
    message.content.forEach((block, index) => {
      if (block.type === 'thinking') {
        sse(res, 'content_block_start', {
          type: 'content_block_start',
          index,
          content_block: { ...block, thinking: '' },
        });
        sse(res, 'content_block_delta', {
          type: 'content_block_delta',
          index,
          delta: { type: 'thinking_delta', thinking: (block as { thinking: string }).thinking },
        });
        sse(res, 'content_block_delta', {
          type: 'content_block_delta',
          index,
          delta: { type: 'signature_delta', signature: 'sig' },
        });
      } else {
        const text = (block as { text: string }).text;
        sse(res, 'content_block_start', {
          type: 'content_block_start',
          index,
          content_block: { type: 'text', text: '' },
        });
        sse(res, 'ping', { type: 'ping' });
        const middle = Math.ceil(text.length / 2);
        for (const part of [text.slice(0, middle), text.slice(middle)]) {
          if (part)
            sse(res, 'content_block_delta', {
              type: 'content_block_delta',
              index,
              delta: { type: 'text_delta', text: part },
            });
        }
      }
      sse(res, 'content_block_stop', { type: 'content_block_stop', index });
    });
    sse(res, 'message_delta', {
      type: 'message_delta',
      delta: {
        stop_reason: message.stop_reason,
        stop_sequence: null,
        stop_details: message.stop_details,
        container: null,
      },
      usage: {
        input_tokens: usage.input_tokens,
        output_tokens: usage.output_tokens,
        cache_creation_input_tokens: usage.cache_creation_input_tokens,
        cache_read_input_tokens: usage.cache_read_input_tokens,
        output_tokens_details: null,
        server_tool_use: null,
      },
    });
    sse(res, 'message_stop', { type: 'message_stop' });
    res.end();
  }

  function authorised(headers: IncomingHttpHeaders): boolean {
    const bearer = headers.authorization?.replace(/^Bearer\s+/i, '');
    return headers['x-api-key'] === apiKey || bearer === apiKey;
  }

  function answerMessages(res: ServerResponse, request: RecordedRequest, requestId: string) {
    const body = request.body ?? {};
    if (!models.has(String(body.model))) {
      return sendJson(res, 404, errorBody('not_found_error', `model: ${String(body.model)}`, requestId), {
        'request-id': requestId,
      });
    }
    const index = messageCount++;
    const reply = queue.shift() ?? fake.fallback(request, index);
    const stream = body.stream === true;
    switch (reply.type) {
      case 'hang':
        return;
      case 'stall': {
        if (!stream) {
          res.writeHead(200, { 'content-type': 'application/json', 'request-id': requestId });
          res.flushHeaders();
          return;
        }
        startStream(res, requestId);
        const message = messageOf({ type: 'message', text: '' }, body, `msg_fake_${index}`);
        sse(res, 'message_start', { type: 'message_start', message: { ...message, stop_reason: null } });
        return;
      }
      case 'error':
        return sendJson(
          res,
          reply.status,
          errorBody(reply.errorType, reply.message, requestId, reply.errorCode),
          {
            'request-id': requestId,
            ...reply.headers,
          },
        );
      case 'streamError': {
        startStream(res, requestId);
        const message = messageOf({ type: 'message', text: '' }, body, `msg_fake_${index}`);
        sse(res, 'message_start', { type: 'message_start', message: { ...message, stop_reason: null } });
        sse(res, 'content_block_start', {
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'text', text: '' },
        });
        if (reply.afterText) {
          sse(res, 'content_block_delta', {
            type: 'content_block_delta',
            index: 0,
            delta: { type: 'text_delta', text: reply.afterText },
          });
        }
        sse(res, 'error', errorBody(reply.errorType, reply.message, requestId));
        return res.end();
      }
      case 'message': {
        const message = messageOf(reply, body, `msg_fake_${index}`);
        if (stream) return streamMessage(res, message, requestId);
        return sendJson(res, 200, message, { 'request-id': requestId });
      }
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> | null = null;
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
      } catch {
        body = null;
      }
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const request: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body, raw };
      requests.push(request);
      const requestId = REQUEST_ID(requests.length);
      if (!authorised(req.headers)) {
        return sendJson(res, 401, errorBody('authentication_error', 'invalid x-api-key', requestId), {
          'request-id': requestId,
        });
      }
      if (request.method === 'POST' && path === '/v1/messages')
        return answerMessages(res, request, requestId);
      if (request.method === 'POST' && path === '/v1/messages/count_tokens') {
        const tokens = approxTokens(systemOf(body ?? {}).text) + approxTokens(userTextOf(body ?? {}));
        return sendJson(res, 200, { input_tokens: tokens }, { 'request-id': requestId });
      }
      const model = /^\/v1\/models\/([^/]+)$/.exec(path)?.[1];
      if (request.method === 'GET' && model && options.silentChecks) return; // never answered
      if (request.method === 'GET' && model) {
        const id = decodeURIComponent(model);
        if (!models.has(id)) {
          return sendJson(res, 404, errorBody('not_found_error', `model: ${id}`, requestId), {
            'request-id': requestId,
          });
        }
        return sendJson(
          res,
          200,
          {
            type: 'model',
            id,
            display_name: id,
            created_at: '2026-09-01T00:00:00Z',
            deprecated_at: null,
            capabilities: null,
          },
          { 'request-id': requestId },
        );
      }
      sendJson(res, 404, errorBody('not_found_error', `no route ${request.method} ${path}`, requestId), {
        'request-id': requestId,
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** A port that refuses connections: listen, note the port, close. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return `http://127.0.0.1:${port}`;
}
