import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RubricDefinition } from '@interview/contracts';

/** A chat-completions request the scripted provider received. */
export interface LlmRequest {
  /** 0-based arrival order. */
  index: number;
  /** performance.now() when the request body had arrived. */
  at: number;
  url: string;
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are inspected freely in assertions
  body: any;
  /** The candidate answer inside the delimited block, or null when none was found. */
  answer: string | null;
  /** Resolves when the client went away before a reply was written (e.g. its timeout fired). */
  aborted: Promise<void>;
}

export type LlmReply =
  | { kind: 'json'; status: number; headers?: Record<string, string>; body: unknown }
  /** Never answer; the socket stays open until the client gives up or the server closes. */
  | { kind: 'hang' };

export type LlmHandler = (req: LlmRequest) => LlmReply | Promise<LlmReply>;

const ANSWER_BLOCK = /<<<ANSWER-([0-9a-f]+)>>>\n([\s\S]*)\n<<<END-ANSWER-\1>>>/;

function extractAnswer(body: unknown): string | null {
  const messages = (body as { messages?: { role: string; content: unknown }[] } | null)?.messages ?? [];
  for (const m of messages) {
    if (m.role !== 'user' || typeof m.content !== 'string') continue;
    const match = m.content.match(ANSWER_BLOCK);
    if (match) return match[2] ?? null;
  }
  return null;
}

/**
 * A real OpenAI-compatible HTTP server on 127.0.0.1 (port 0). Each request goes to the next
 * scripted handler, then to the fallback; handlers may be async (slow replies) or hang. The
 * worker reaches it through the real `openai` client, exactly as it would a provider.
 */
export class ScriptedLlm {
  readonly requests: LlmRequest[] = [];
  private readonly script: LlmHandler[] = [];
  private fallback: LlmHandler;
  private server: Server | null = null;
  private readonly open = new Set<ServerResponse>();
  private readonly waiters: { n: number; resolve: () => void }[] = [];
  baseURL = '';

  constructor(fallback: LlmHandler) {
    this.fallback = fallback;
  }

  /** Handlers for the next requests, in order. */
  reply(...handlers: LlmHandler[]): this {
    this.script.push(...handlers);
    return this;
  }

  /** Handler used once the script is used up. */
  otherwise(handler: LlmHandler): this {
    this.fallback = handler;
    return this;
  }

  /** Resolves once `n` requests have arrived. */
  received(n: number, timeoutMs = 30_000): Promise<void> {
    if (this.requests.length >= n) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`scripted LLM: only ${this.requests.length}/${n} requests arrived`)), timeoutMs);
      this.waiters.push({
        n,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseURL = `http://127.0.0.1:${port}/v1`;
    return this;
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      this.open.add(res);
      let onAbort!: () => void;
      const aborted = new Promise<void>((resolve) => {
        onAbort = resolve;
      });
      res.on('close', () => {
        this.open.delete(res);
        if (!res.writableFinished) onAbort();
      });
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? JSON.parse(text) : null;
      const request: LlmRequest = {
        index: this.requests.length,
        at: performance.now(),
        url: req.url ?? '',
        body,
        answer: extractAnswer(body),
        aborted,
      };
      this.requests.push(request);
      for (const w of this.waiters.filter((x) => this.requests.length >= x.n)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
      let reply: LlmReply;
      try {
        reply = await (this.script.shift() ?? this.fallback)(request);
      } catch (err) {
        reply = errorReply(500, `scripted handler threw: ${(err as Error).message}`);
      }
      if (reply.kind === 'hang' || res.destroyed) return;
      const payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(payload);
    });
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const res of this.open) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A chat.completion whose message content is `content` (any string, valid JSON or not). */
export function completionReply(content: string): LlmReply {
  return {
    kind: 'json',
    status: 200,
    body: {
      id: 'chatcmpl-scripted',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'scripted-model',
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 1_000, completion_tokens: 200, total_tokens: 1_200 },
    },
  };
}

export function errorReply(status: number, message: string, headers: Record<string, string> = {}): LlmReply {
  return { kind: 'json', status, headers, body: { error: { message, type: 'scripted_error', param: null, code: null } } };
}

/**
 * A valid grade for the request: every criterion scored 2 with the whole answer as its evidence
 * quote, so evidence verification passes and the grade lands as `done`.
 */
export function gradeFor(rubric: RubricDefinition): LlmHandler {
  return (req) => {
    const quote = req.answer?.trim();
    return completionReply(
      JSON.stringify({
        criteria: rubric.criteria.map((c) => ({
          key: c.key,
          evidence: quote ? [quote] : [],
          reasoning: `Scripted reasoning for ${c.key}.`,
          score: quote ? 2 : 0,
        })),
        strengths: ['Scripted strength.'],
        improvements: ['Scripted improvement.'],
        keyPointsCovered: [],
        keyPointsMissed: [],
        flags: { promptInjection: false, offTopic: false, wrongLanguage: false },
      }),
    );
  };
}

const CRITERION_HEADING = /^## Criterion `([^`]+)`/gm;

/**
 * A valid grade for whichever question the request is about: `gradeFor` with the rubric's
 * criterion keys read back from the system prompt the grader built. For runs that grade answers
 * to many different questions (through the API, say).
 */
export const gradeAnyQuestion: LlmHandler = (req) => {
  const system = (req.body?.messages ?? []).find((m: { role: string }) => m.role === 'system')?.content;
  const keys = typeof system === 'string' ? [...system.matchAll(CRITERION_HEADING)].map((m) => m[1]!) : [];
  return gradeFor({ criteria: keys.map((key) => ({ key })) } as unknown as RubricDefinition)(req);
};

/** Replies with `handler` after `ms`, unless the client has gone away first. */
export function slow(ms: number, handler: LlmHandler): LlmHandler {
  return async (req) => {
    await Promise.race([new Promise((r) => setTimeout(r, ms)), req.aborted]);
    return handler(req);
  };
}

export const hang: LlmHandler = () => ({ kind: 'hang' });
export const garbage: LlmHandler = () => completionReply('Sure! Here is the grade: {criteria: oops');

/** mulberry32: a tiny seeded PRNG so "random" fault runs are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
