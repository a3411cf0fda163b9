// What the loopback model servers (Ollama's wire format, the OpenAI-compatible one) share: the scripted
// replies, latency, parallel slots, in-flight bookkeeping and request log, so that one test script drives
// either server, or a pool of them, the same way.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** The chat request body as a client sent it: both wire formats carry `model` and `messages`. */
export interface ChatBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  stream?: boolean;
  [key: string]: unknown;
}

export type ChatReply =
  /** A well-formed answer whose content is `{"findings": …}`. */
  | { findings: unknown[]; promptEvalCount?: number; evalCount?: number }
  /** Any content: prose-wrapped JSON, garbage, a cut-off answer with `doneReason: 'length'`. */
  | { content: string; doneReason?: string; promptEvalCount?: number; evalCount?: number }
  /** An HTTP error with the server's error body; `type`/`code` fill OpenAI's error object. */
  | { status: number; error: string; type?: string; code?: string | number }
  /** HTTP 200, some content, then an error inside the stream: how servers report failures mid-answer. */
  | { streamError: string; partial?: string }
  /** Never sends headers. */
  | { hang: true }
  /** Sends headers (and `partial` content), then nothing more. */
  | { stall: true; partial?: string };

export type ChatScript = ChatReply | ((body: ChatBody, index: number) => ChatReply);

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface ChatServerOptions {
  /** Models the server lists and accepts. */
  models?: string[];
  /** Delay before a chat answer's content (headers go out at once, as streaming servers do). */
  latencyMs?: number | ((body: ChatBody) => number);
  /** The reply once the scripted ones are used up. Default: no findings. */
  defaultReply?: ChatScript;
  /**
   * Chat requests answered at once (Ollama's OLLAMA_NUM_PARALLEL, a server's slots); the rest wait in a FIFO
   * queue without headers. Default: unlimited.
   */
  parallel?: number;
  /** Scripted replies shared with other servers (a pool answering from one script). */
  queue?: ChatScript[];
  /** A request log shared with other servers, in arrival order. */
  log?: RecordedRequest[];
  /**
   * GET requests (the availability check: /api/version and /api/tags, /v1/models) are taken and never
   * answered, as by a server that accepts connections and is stuck.
   */
  silentChecks?: boolean;
}

/** A loopback chat server, whichever wire format it speaks. */
export interface FakeChatServer {
  /** What a client is configured with: Ollama's host, or an OpenAI-compatible base URL (…/v1). */
  url: string;
  requests: RecordedRequest[];
  /** Bodies of every chat request, in arrival order. */
  chats(): ChatBody[];
  /** Replies for the next chat requests, in order. */
  script(...replies: ChatScript[]): void;
  models: Set<string>;
  /** Most chat requests in flight at once. */
  peakConcurrentChats: number;
  /** Chat requests the client hung up on before the answer was complete. */
  abandonedChats: number;
  /** Chat requests this server received (with a shared log, `chats()` holds every server's). */
  chatCount: number;
  /** With silentChecks: GET requests the client gave up on (hung up) while waiting. */
  abandonedChecks: number;
  /** Stops the server at once, cutting every open connection, as a crash would. */
  close(): Promise<void>;
}

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

export function readBody(req: IncomingMessage): Promise<unknown> {
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

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The prompt tokens a server would count, about as hunkwise estimates them. */
export function estimatePromptTokens(body: ChatBody): number {
  return Math.ceil(body.messages.reduce((n, m) => n + m.content.length, 0) / 3.5);
}

/** Splits content into a few pieces, as tokens would arrive. */
export function pieces(content: string): string[] {
  const size = Math.max(1, Math.ceil(content.length / 3));
  const out: string[] = [];
  for (let i = 0; i < content.length; i += size) out.push(content.slice(i, i + size));
  return out;
}

/** The text of an answer that has content. */
export function contentOf(reply: Extract<ChatReply, { content: string } | { findings: unknown[] }>): string {
  return 'findings' in reply ? JSON.stringify({ findings: reply.findings }) : reply.content;
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

export interface ChatTurn {
  body: ChatBody;
  reply: ChatReply;
  latency: number;
}

export type ChatHandler = (req: IncomingMessage, res: ServerResponse, path: string, body: unknown) => unknown;

/**
 * Starts a loopback server around `handle`, with the shared bookkeeping; `chatPath` is the path whose
 * requests are chats; `basePath` is appended to the address to make `url`.
 */
export async function startChatServer(
  options: ChatServerOptions,
  spec: { chatPath: string; basePath: string; defaultModels: string[] },
  handle: (
    fake: FakeChatServer,
    chat: (res: ServerResponse, body: ChatBody, answer: (turn: ChatTurn) => Promise<void>) => Promise<void>,
  ) => ChatHandler,
): Promise<FakeChatServer> {
  const models = new Set(options.models ?? spec.defaultModels);
  const requests = options.log ?? [];
  const queue = options.queue ?? [];
  const sockets = new Set<Socket>();
  const slots = createSlots(options.parallel ?? Number.POSITIVE_INFINITY);
  let server: Server | undefined;
  let inFlight = 0;
  const fake: FakeChatServer = {
    url: '',
    requests,
    chats: () => requests.filter((r) => r.path === spec.chatPath).map((r) => r.body as ChatBody),
    script: (...replies) => queue.push(...replies),
    models,
    peakConcurrentChats: 0,
    abandonedChats: 0,
    chatCount: 0,
    abandonedChecks: 0,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        if (server?.listening) server.close(() => resolve());
        else resolve();
      }),
  };

  /** Takes the next scripted reply and answers it within a parallel slot, counting it in flight until closed. */
  async function chat(res: ServerResponse, body: ChatBody, answer: (turn: ChatTurn) => Promise<void>) {
    const index = fake.chatCount++;
    const script = queue.shift() ?? options.defaultReply ?? { findings: [] };
    const reply = typeof script === 'function' ? script(body, index) : script;
    const latency =
      typeof options.latencyMs === 'function' ? options.latencyMs(body) : (options.latencyMs ?? 0);
    inFlight += 1;
    fake.peakConcurrentChats = Math.max(fake.peakConcurrentChats, inFlight);
    // 'close' fires once the answer is sent or the client hung up, whichever comes first.
    res.once('close', () => {
      inFlight -= 1;
      if (!res.writableFinished) fake.abandonedChats += 1;
    });
    if ('hang' in reply) return; // never answer; the client must give up by itself
    const release = await slots.acquire();
    try {
      await answer({ body, reply, latency });
    } finally {
      release();
    }
  }

  const handler = handle(fake, chat);
  server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = await readBody(req);
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
    if (options.silentChecks && req.method === 'GET') {
      res.once('close', () => {
        fake.abandonedChecks += 1;
      });
      return;
    }
    await handler(req, res, path, body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${spec.basePath}`;
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
