/**
 * Fault script: SIGKILL the worker process again and again while answers stream in.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres BENCH_REDIS_URL=redis://127.0.0.1:6379 \
 *     pnpm bench faults/worker-kill [--answers=500] [--kills=20] [--every=3] [--backends=redis,postgres]
 *
 * The API runs here (ROLE=api); the worker is the deployed entry point (`ROLE=worker node
 * apps/api/src/main.ts`) with production settings: BullMQ's 30 s job locks and the worker's own
 * sweeper (every 30 s, for answers over a minute old). Answers are submitted through the REST
 * route, paced to span the kills; every `every` seconds the worker is killed mid-job and a new one
 * started. Passes when every answer ends `graded` with exactly one grade. Takes a few minutes:
 * jobs of a killed worker wait out their lock, and jobs killed twice wait for the sweeper.
 * The fast CI variant is apps/worker/test/faults/worker-kills.test.ts.
 */
import { type Backend, numberOption, printResult, selectBackends, sleep } from '../support/common';
import { startLlm } from '../support/llm';
import { bootStack, type ChildRole, spawnRole } from '../support/stack';
import { outcome, prepareRun, waitSettled } from './support';

const ANSWERS = numberOption('answers', 500);
const KILLS = numberOption('kills', 20);
const EVERY_S = numberOption('every', 3);
const backends = selectBackends(['redis', 'postgres']).filter((b) => b !== 'embedded');
const llm = await startLlm({ latencyMs: 200 });
const fields: Record<string, string | number | boolean> = { answers: ANSWERS, kills: KILLS };
let allOk = true;
try {
  for (const backend of backends) {
    const ok = await run(backend);
    allOk &&= ok;
  }
} finally {
  await llm.close();
}
fields.ok = allOk && backends.length > 0;
printResult('faults/worker-kill', fields);
process.exitCode = fields.ok ? 0 : 1;

async function run(backend: Backend): Promise<boolean> {
  const stack = await bootStack(backend, { worker: 'none', env: { ...llm.env } });
  let worker: ChildRole | null = null;
  const startWorker = () => spawnRole({ ...stack.env, ROLE: 'worker', WORKER_CONCURRENCY: '8' });
  try {
    const run = await prepareRun(stack, ANSWERS);
    worker = startWorker();
    // Paced so the answers keep arriving for the whole series of kills.
    const perSec = ANSWERS / (KILLS * EVERY_S);
    console.log(
      `${backend}: ${ANSWERS} answers at ${perSec.toFixed(1)}/s through the API, SIGKILL of the worker every ${EVERY_S} s, ${KILLS} times`,
    );
    const submitting = run.submit(ANSWERS, perSec);
    const before = await llm.stats();
    for (let k = 1; k <= KILLS; k++) {
      await sleep(EVERY_S * 1000);
      await worker.stop('SIGKILL');
      worker = startWorker();
      if (k % 5 === 0) console.log(`  ${k} kills, ${run.answerIds.length} answers submitted`);
    }
    await submitting;
    const { settled, seconds } = await waitSettled(stack, run.answerIds, 10 * 60_000, backend);
    const o = await outcome(stack, run.answerIds);
    const calls = (await llm.stats()).requests - before.requests;
    const ok = settled && o.missing === 0 && o.duplicated === 0 && (o.statuses.graded ?? 0) === ANSWERS;
    console.log(
      `${backend}: ${ok ? 'PASS' : 'FAIL'}: ${JSON.stringify(o.statuses)}; grades ${JSON.stringify(o.gradeStatuses)}; ` +
        `${o.missing} without a grade, ${o.duplicated} with more than one; ${calls} model calls for ${ANSWERS} answers; ` +
        `all settled ${seconds.toFixed(0)} s after the last submit`,
    );
    if (!ok) console.log(`last worker output:\n${worker.output()}`);
    Object.assign(fields, {
      [`${backend}_graded`]: o.statuses.graded ?? 0,
      [`${backend}_missing`]: o.missing,
      [`${backend}_duplicated`]: o.duplicated,
      [`${backend}_model_calls`]: calls,
      [`${backend}_settle_s`]: Math.round(seconds),
    });
    return ok;
  } finally {
    await worker?.stop('SIGTERM');
    await stack.close();
  }
}
