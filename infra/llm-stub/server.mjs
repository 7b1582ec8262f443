#!/usr/bin/env node
// A scripted, OpenAI-compatible stand-in for demos (docker compose --profile demo): no model, no
// network, no dependencies beyond node:http. It is NOT a grader: every criterion gets the same
// middling score, backed by a verbatim quote of the answer's first sentence.
//
//   POST /v1/chat/completions      a grading reply in the JSON shape the LLM grader asks for
//                                   (packages/grader/src/llm/prompt.ts), one entry per rubric
//                                   criterion named in the system prompt
//   POST /v1/audio/transcriptions  a fixed transcript ({"text": ...})
//   GET  /v1/models, GET /healthz
//
// Env: PORT (8080; 0 picks a free port), HOST (0.0.0.0), LLM_STUB_TRANSCRIPT (the fixed text).
import { createServer } from 'node:http';

const MAX_BODY_BYTES = 26 * 1024 * 1024; // OpenAI's audio upload limit is 25 MB
const MODEL = 'llm-stub';
const TRANSCRIPT =
  process.env.LLM_STUB_TRANSCRIPT ||
  'A Deployment manages ReplicaSets, which keep the requested number of pods running. This transcript comes from the demo LLM stub.';
const STUB_SCORE = 2;

let sequence = 0;

/** Text of a chat message whose content is a string or an array of text parts. */
function textOf(message) {
  if (!message) return '';
  if (typeof message.content === 'string') return message.content;
  if (Array.isArray(message.content)) {
    return message.content
      .filter((p) => p && p.type === 'text' && typeof p.text === 'string')
      .map((p) => p.text)
      .join('\n');
  }
  return '';
}

/**
 * Criterion keys from the grader's system prompt: lines "## Criterion `key`: ...". Conservative:
 * only slug-like keys, each once, in prompt order; anything unrecognised gives an empty list.
 */
function criterionKeys(systemPrompt) {
  const keys = [];
  for (const m of systemPrompt.matchAll(/^## Criterion `([A-Za-z0-9][A-Za-z0-9_.-]{0,63})`:/gm)) {
    if (!keys.includes(m[1])) keys.push(m[1]);
  }
  return keys;
}

/** The candidate answer between the grader's boundary lines, or null. */
function answerOf(messages) {
  for (const message of messages) {
    if (message?.role !== 'user') continue;
    const m = textOf(message).match(/<<<ANSWER-([A-Za-z0-9]+)>>>\n([\s\S]*?)\n?<<<END-ANSWER-\1>>>/);
    if (m) return m[2];
  }
  return null;
}

/** A short verbatim quote: the first sentence of the first non-empty line, at most ~100 characters. */
function firstQuote(answer) {
  const line = (answer ?? '')
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  if (!line) return null;
  const sentenceEnd = line.search(/[.!?](\s|$)/);
  let quote = sentenceEnd >= 0 ? line.slice(0, sentenceEnd + 1) : line;
  if (quote.length > 100) {
    const cut = quote.lastIndexOf(' ', 100);
    quote = quote.slice(0, cut > 20 ? cut : 100);
  }
  return quote.trim() || null;
}

function gradingReply(messages) {
  const system = textOf(messages.find((m) => m?.role === 'system'));
  const keys = criterionKeys(system);
  const quote = firstQuote(answerOf(messages));
  return {
    criteria: keys.map((key) => ({
      key,
      evidence: quote ? [quote] : [],
      reasoning: quote
        ? 'Scripted demo grade from llm-stub: the answer touches this criterion; no model judged it.'
        : 'Scripted demo grade from llm-stub: no answer text was found.',
      score: quote ? STUB_SCORE : 0,
    })),
    strengths: quote ? ['The answer is on the page (scripted demo feedback).'] : [],
    improvements: ['This grade comes from the demo LLM stub; configure a real model for real feedback.'],
    keyPointsCovered: [],
    keyPointsMissed: [],
    flags: { promptInjection: false, offTopic: false, wrongLanguage: false },
  };
}

function send(res, status, body, type = 'application/json') {
  const text = type === 'application/json' ? JSON.stringify(body) : String(body);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res, status, message, type = 'invalid_request_error') {
  send(res, status, { error: { message, type, param: null, code: null } });
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error('request body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const tokens = (text) => Math.max(1, Math.ceil(text.length / 4));

async function chatCompletions(req, res) {
  let body;
  try {
    body = JSON.parse((await readBody(req)).toString('utf8'));
  } catch (err) {
    return sendError(res, err.status ?? 400, err.status ? err.message : 'the body is not valid JSON');
  }
  if (!body || !Array.isArray(body.messages)) return sendError(res, 400, 'messages is required');
  if (body.stream) return sendError(res, 400, 'llm-stub does not stream');
  const content = JSON.stringify(gradingReply(body.messages));
  const promptTokens = tokens(body.messages.map(textOf).join('\n'));
  const completionTokens = tokens(content);
  sequence += 1;
  send(res, 200, {
    id: `chatcmpl-stub-${sequence}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: typeof body.model === 'string' ? body.model : MODEL,
    system_fingerprint: MODEL,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: 0 },
    },
  });
}

async function transcriptions(req, res) {
  let body;
  try {
    body = await readBody(req);
  } catch (err) {
    return sendError(res, err.status ?? 400, err.message);
  }
  // multipart/form-data: only the response_format field matters here.
  const format = body
    .toString('latin1')
    .match(/name="response_format"\r\n\r\n([a-z_]+)/)?.[1]
    ?.trim();
  if (format === 'text') return send(res, 200, TRANSCRIPT, 'text/plain; charset=utf-8');
  send(res, 200, { text: TRANSCRIPT });
}

function createStubServer() {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '') || '/';
    const route = `${req.method} ${path}`;
    const handle =
      route === 'POST /v1/chat/completions' || route === 'POST /chat/completions'
        ? chatCompletions(req, res)
        : route === 'POST /v1/audio/transcriptions' || route === 'POST /audio/transcriptions'
          ? transcriptions(req, res)
          : route === 'GET /v1/models' || route === 'GET /models'
            ? Promise.resolve(send(res, 200, { object: 'list', data: [{ id: MODEL, object: 'model', created: 0, owned_by: 'llm-stub' }] }))
            : route === 'GET /healthz' || route === 'GET /'
              ? Promise.resolve(send(res, 200, { status: 'ok' }))
              : Promise.resolve(sendError(res, 404, `llm-stub has no route ${route}`, 'not_found_error'));
    handle.catch((err) => {
      if (!res.headersSent) sendError(res, 500, err instanceof Error ? err.message : String(err), 'server_error');
      else res.destroy();
    });
  });
}

const server = createStubServer();
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST || '0.0.0.0';
server.listen(port, host, () => {
  const address = server.address();
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host;
  console.log(`llm-stub listening on http://${shown}:${typeof address === 'object' && address ? address.port : port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2_000).unref();
  });
}
