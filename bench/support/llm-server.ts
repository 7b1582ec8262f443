/**
 * The scripted OpenAI-compatible provider (apps/worker/test/support/scripted-llm.ts) in a process
 * of its own, so its fixed latency is not skewed by the load the benchmark itself generates.
 *
 * Env: LLM_LATENCY_MS (fixed reply latency), LLM_FAULT_RATE (0..1: share of calls that get a
 * 429, a 500, a hang past the client timeout, or garbage, in equal parts), LLM_SEED.
 * Talks to its parent over IPC: sends { type: 'listening', baseURL }; answers { type: 'stats' }.
 */
import {
  completionReply,
  errorReply,
  garbage,
  gradeAnyQuestion,
  hang,
  type LlmHandler,
  ScriptedLlm,
  seededRandom,
} from '../../apps/worker/test/support/scripted-llm';

const latencyMs = Number(process.env.LLM_LATENCY_MS ?? 200);
const faultRate = Number(process.env.LLM_FAULT_RATE ?? 0);
const random = seededRandom(Number(process.env.LLM_SEED ?? 1));

/** A valid grade for whichever question the request is about. */
const grade: LlmHandler = gradeAnyQuestion;

const stats = { requests: 0, ok: 0, 429: 0, 500: 0, timeout: 0, garbage: 0 };

function pick(): LlmHandler {
  const r = random();
  if (r >= faultRate) {
    stats.ok++;
    return grade;
  }
  const slice = r / faultRate;
  if (slice < 0.25) {
    stats[429]++;
    return () => errorReply(429, 'Rate limit reached', { 'retry-after': '0.5' });
  }
  if (slice < 0.5) {
    stats[500]++;
    return () => errorReply(500, 'upstream overloaded');
  }
  if (slice < 0.75) {
    stats.timeout++;
    return hang;
  }
  stats.garbage++;
  return slice < 0.875 ? garbage : () => completionReply('{"criteria": []}');
}

const server = await new ScriptedLlm(async (req) => {
  stats.requests++;
  const handler = pick();
  if (handler !== hang && latencyMs > 0) await Promise.race([new Promise((r) => setTimeout(r, latencyMs)), req.aborted]);
  return handler(req);
}).start();

process.send?.({ type: 'listening', baseURL: server.baseURL });
process.on('message', (msg: { type?: string }) => {
  if (msg?.type === 'stats') process.send?.({ type: 'stats', stats });
});
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
