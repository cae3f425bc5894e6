import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat completion request as the fake server received it. */
export interface FakeOpenAiRequest {
  path: string;
  authorization: string | undefined;
  body: {
    model: string;
    messages: { role: string; content: string }[];
    tools?: { type: string; function: { name: string } }[];
    tool_choice?: unknown;
    max_tokens?: number;
  };
}

/** How the fake answers one request. */
export type FakeOpenAiAnswer =
  | { reply: readonly string[]; delayMs?: number; usage?: { prompt: number; completion: number } }
  | { handOver: string; delayMs?: number; usage?: { prompt: number; completion: number } }
  /** A plain assistant message with no tool call, as many local models answer. */
  | { content: string; delayMs?: number }
  /** An OpenAI error body with this HTTP status (401, 429, 500…). */
  | { status: number; message?: string; delayMs?: number; headers?: Record<string, string> }
  /** Any bytes with status 200 (a server that returns garbage). */
  | { raw: string; delayMs?: number };

type Script = (request: FakeOpenAiRequest) => FakeOpenAiAnswer;

const errorTypes: Record<number, { type: string; code: string | null }> = {
  401: { type: 'invalid_request_error', code: 'invalid_api_key' },
  429: { type: 'requests', code: 'rate_limit_exceeded' },
  500: { type: 'server_error', code: null },
};

/**
 * A local OpenAI-compatible server that speaks the real shapes of `POST /v1/chat/completions`
 * (tool calls, usage, error bodies). Each test queues answers (`next`) or sets a `fallback`.
 */
export async function startFakeOpenAiServer(options: { fallback?: Script } = {}) {
  const queue: (FakeOpenAiAnswer | Script)[] = [];
  const requests: FakeOpenAiRequest[] = [];
  let fallback: Script = options.fallback ?? (() => ({ reply: ['ok'] }));
  let sequence = 0;
  const sockets = new Set<import('node:net').Socket>();

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_fake_${sequence}`, ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

  const completion = (request: FakeOpenAiRequest, message: Record<string, unknown>, finish: string, usage: { prompt: number; completion: number }) => ({
    id: `chatcmpl-fake${sequence}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: request.body.model,
    choices: [{ index: 0, message: { role: 'assistant', refusal: null, ...message }, logprobs: null, finish_reason: finish }],
    usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion },
    system_fingerprint: 'fp_fake',
  });

  const toolCall = (name: string, args: unknown) => ({
    content: null,
    tool_calls: [{ id: `call_fake${sequence}`, type: 'function', function: { name, arguments: JSON.stringify(args) } }],
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      send(res, 404, { error: { message: `Unknown path ${req.url}`, type: 'invalid_request_error', param: null, code: 'unknown_url' } });
      return;
    }
    let body: FakeOpenAiRequest['body'];
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as FakeOpenAiRequest['body'];
    } catch {
      send(res, 400, { error: { message: 'We could not parse the JSON body of your request.', type: 'invalid_request_error', param: null, code: null } });
      return;
    }
    sequence++;
    const request: FakeOpenAiRequest = { path: req.url, authorization: req.headers.authorization, body };
    requests.push(request);
    const next = queue.shift() ?? fallback;
    const answer = typeof next === 'function' ? next(request) : next;
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    const usage = 'usage' in answer && answer.usage ? answer.usage : { prompt: 120, completion: 30 };
    if ('status' in answer) {
      const kind = errorTypes[answer.status] ?? { type: 'server_error', code: null };
      send(res, answer.status, { error: { message: answer.message ?? `Fake error ${answer.status}`, type: kind.type, param: null, code: kind.code } }, answer.headers);
    } else if ('raw' in answer) send(res, 200, answer.raw);
    else if ('reply' in answer) send(res, 200, completion(request, toolCall('reply', { messages: answer.reply }), 'tool_calls', usage));
    else if ('handOver' in answer) send(res, 200, completion(request, toolCall('hand_over', { reason: answer.handOver }), 'tool_calls', usage));
    else send(res, 200, completion(request, { content: answer.content }, 'stop', usage));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { error: { message: 'fake server failure', type: 'server_error', param: null, code: null } }));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    /** Pass as the assistant's base URL. */
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    /** Answers the next request with this (queued in order). */
    next(answer: FakeOpenAiAnswer | Script) {
      queue.push(answer);
      return this;
    },
    /** Answers requests when nothing is queued. */
    setFallback(script: Script) {
      fallback = script;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeOpenAiServer = Awaited<ReturnType<typeof startFakeOpenAiServer>>;

/** The customer's newest text in a request. */
export const lastCustomerText = (request: FakeOpenAiRequest) => [...request.body.messages].reverse().find((m) => m.role === 'user')?.content ?? '';

/** The business information the system prompt carried. */
export const businessInfoOf = (request: FakeOpenAiRequest) =>
  /<business_information>\n([\s\S]*)\n<\/business_information>/.exec(request.body.messages[0]?.content ?? '')?.[1] ?? '';

/**
 * A stand-in model for end-to-end tests: answers from the line of the business information that
 * shares a word with the question, and hands over when it finds none.
 */
export const knowledgeModel: Script = (request) => {
  const words = lastCustomerText(request)
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 3);
  const line = businessInfoOf(request)
    .split('\n')
    .find((l) => words.some((w) => l.toLowerCase().normalize('NFD').replace(/\p{Diacritic}/gu, '').includes(w)));
  return line ? { reply: [line.trim()] } : { handOver: 'No está en la información del negocio' };
};
