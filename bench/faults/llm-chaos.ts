/**
 * Fault script: the model provider misbehaves on 30% of calls (429 with Retry-After, 500,
 * requests that hang past the client timeout, garbage replies) while answers stream in.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres BENCH_REDIS_URL=redis://127.0.0.1:6379 \
 *     pnpm bench faults/llm-chaos [--answers=500] [--fault-rate=0.3] [--backends=redis,postgres,embedded]
 *
 * Answers go through the REST submit route; the worker runs as in production (ROLE=worker process
 * beside the API, or ROLE=all on embedded) with the LLM grader and LLM_TIMEOUT_MS=1000. Passes when
 * every answer ends `graded` or `needs_human_review`, each with exactly one grade, and none is
 * left submitted or grading. The fast CI variant (30 answers) is the "mixed run" in
 * apps/worker/test/llm-faults.test.ts.
 */
import { type Backend, numberOption, printResult, selectBackends } from '../support/common';
import { startLlm } from '../support/llm';
import { bootStack } from '../support/stack';
import { outcome, prepareRun, waitSettled } from './support';

const ANSWERS = numberOption('answers', 500);
const FAULT_RATE = numberOption('fault-rate', 0.3);
const backends = selectBackends();
const llm = await startLlm({ latencyMs: 100, faultRate: FAULT_RATE, seed: 20_261_125 });
const fields: Record<string, string | number | boolean> = { answers: ANSWERS, fault_rate: FAULT_RATE };
let allOk = true;
try {
  for (const backend of backends) allOk = (await run(backend)) && allOk;
} finally {
  await llm.close();
}
fields.ok = allOk && backends.length > 0;
printResult('faults/llm-chaos', fields);
process.exitCode = fields.ok ? 0 : 1;

async function run(backend: Backend): Promise<boolean> {
  const stack = await bootStack(backend, {
    worker: 'process',
    env: { ...llm.env, LLM_TIMEOUT_MS: '1000', WORKER_CONCURRENCY: '16' },
  });
  try {
    const run = await prepareRun(stack, ANSWERS);
    const before = await llm.stats();
    console.log(`${backend}: ${ANSWERS} answers through the API, ${(FAULT_RATE * 100).toFixed(0)}% of model calls faulty`);
    await run.submit(ANSWERS, 50);
    const { settled, seconds } = await waitSettled(stack, run.answerIds, 10 * 60_000, backend);
    const o = await outcome(stack, run.answerIds);
    const after = await llm.stats();
    const faults = Object.fromEntries(
      (['429', '500', 'timeout', 'garbage', 'ok'] as const).map((k) => [
        k,
        after[k as keyof typeof after] - before[k as keyof typeof before],
      ]),
    );
    const final = (o.statuses.graded ?? 0) + (o.statuses.needs_human_review ?? 0);
    const ok = settled && final === ANSWERS && o.missing === 0 && o.duplicated === 0;
    console.log(
      `${backend}: ${ok ? 'PASS' : 'FAIL'}: ${JSON.stringify(o.statuses)}; grades ${JSON.stringify(o.gradeStatuses)}; ` +
        `model calls ${JSON.stringify(faults)}; ${o.missing} without a grade, ${o.duplicated} with more than one; settled in ${seconds.toFixed(0)} s`,
    );
    if (!ok && stack.worker) console.log(`worker output:\n${stack.worker.output()}`);
    Object.assign(fields, {
      [`${backend}_graded`]: o.statuses.graded ?? 0,
      [`${backend}_review`]: o.statuses.needs_human_review ?? 0,
      [`${backend}_stuck`]: ANSWERS - final,
      [`${backend}_duplicated`]: o.duplicated,
      [`${backend}_settle_s`]: Math.round(seconds),
    });
    return ok;
  } finally {
    await stack.close();
  }
}
