import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';

/** A request the fake provider received, with its JSON body parsed. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are inspected freely in assertions
  body: any;
}

export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless it is already a string. */
  body: unknown;
}

export type Script = ScriptedReply | ((req: RecordedRequest) => ScriptedReply);

/**
 * A real OpenAI-compatible HTTP server on 127.0.0.1 (port 0) that answers with scripted replies
 * in order and records every request. Tests talk to it through the real `openai` client.
 */
export class FakeOpenAI {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: Script[] = [];
  private fallback: Script | null = null;
  private server: Server | null = null;
  baseURL = '';

  /** Queue replies for the next requests, in order. */
  reply(...replies: Script[]): this {
    this.queue.push(...replies);
    return this;
  }

  /** Reply used once the queue is empty. */
  always(reply: Script): this {
    this.fallback = reply;
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const recorded: RecordedRequest = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: text ? JSON.parse(text) : null,
        };
        this.requests.push(recorded);
        const script = this.queue.shift() ?? this.fallback;
        const reply: ScriptedReply = script
          ? typeof script === 'function'
            ? script(recorded)
            : script
          : { status: 500, body: { error: { message: 'no scripted reply left', type: 'test_error' } } };
        const payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        res.end(payload);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseURL = `http://127.0.0.1:${port}/v1`;
    return this;
  }

  client(): OpenAI {
    return new OpenAI({ apiKey: 'test-key', baseURL: this.baseURL, maxRetries: 0, timeout: 5_000 });
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export const USAGE = {
  prompt_tokens: 2_000,
  completion_tokens: 400,
  total_tokens: 2_400,
  prompt_tokens_details: { cached_tokens: 1_536 },
};

/** A chat.completion body whose message content is `content`. */
export function completion(content: string | null, extra: { finish_reason?: string; usage?: unknown } = {}): ScriptedReply {
  return {
    body: {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'test-model',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: null },
          finish_reason: extra.finish_reason ?? 'stop',
          logprobs: null,
        },
      ],
      usage: extra.usage ?? USAGE,
    },
  };
}

export function apiError(status: number, message: string, headers: Record<string, string> = {}): ScriptedReply {
  return { status, headers, body: { error: { message, type: 'invalid_request_error', param: null, code: null } } };
}
