/**
 * Fault script: restart Redis (jobs and events) several times while answers stream in.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     pnpm bench faults/redis-restart [--answers=500] [--restarts=3] [--down=3]
 *
 * Runs the scale-out profile on a redis-server of its own (no persistence: a restart loses every
 * queued job), never the shared one. The API runs here, the worker as a ROLE=worker process with
 * its production sweeper (every 30 s, for answers over a minute old). Answers are submitted
 * through the REST route throughout; Redis is stopped for `down` seconds `restarts` times. Passes
 * when every answer ends `graded` with exactly one grade (the sweeper re-enqueues what was lost).
 * The fast CI variant is apps/api/test/faults/redis-restart.test.ts.
 */
import { freePort, RedisServer } from '../../apps/worker/test/support/processes';
import { numberOption, printResult, sleep } from '../support/common';
import { startLlm } from '../support/llm';
import { bootStack } from '../support/stack';
import { outcome, prepareRun, waitSettled } from './support';

const ANSWERS = numberOption('answers', 500);
const RESTARTS = numberOption('restarts', 3);
const DOWN_S = numberOption('down', 3);
if (!process.env.BENCH_DATABASE_URL) throw new Error('set BENCH_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)');

const redis = await new RedisServer(await freePort()).start();
const llm = await startLlm({ latencyMs: 200 });
const stack = await bootStack('redis', { worker: 'process', env: { ...llm.env, REDIS_URL: redis.url, WORKER_CONCURRENCY: '8' } });
let ok = false;
try {
  const run = await prepareRun(stack, ANSWERS);
  const perSec = 10;
  const span = ANSWERS / perSec;
  console.log(`${ANSWERS} answers at ${perSec}/s through the API; Redis restarted ${RESTARTS} times (down ${DOWN_S} s each)`);
  let failedSubmits = 0;
  const submitting = run.submit(ANSWERS, perSec, { allowFailures: true }).then((r) => {
    failedSubmits = r.failed;
  });
  for (let i = 1; i <= RESTARTS; i++) {
    await sleep(((span - DOWN_S * RESTARTS) / (RESTARTS + 1)) * 1000);
    await redis.stop();
    console.log(`  Redis down (${i}/${RESTARTS}), ${run.answerIds.length} answers submitted`);
    await sleep(DOWN_S * 1000);
    await redis.start();
  }
  await submitting;
  const { settled, seconds } = await waitSettled(stack, run.answerIds, 10 * 60_000, 'redis');
  const o = await outcome(stack, run.answerIds);
  ok = settled && failedSubmits === 0 && o.missing === 0 && o.duplicated === 0 && (o.statuses.graded ?? 0) === ANSWERS;
  console.log(
    `${ok ? 'PASS' : 'FAIL'}: ${JSON.stringify(o.statuses)}; grades ${JSON.stringify(o.gradeStatuses)}; ${failedSubmits} submits refused; ` +
      `${o.missing} without a grade, ${o.duplicated} with more than one; all settled ${seconds.toFixed(0)} s after the last submit`,
  );
  if (!ok && stack.worker) console.log(`worker output:\n${stack.worker.output()}`);
  printResult('faults/redis-restart', {
    answers: ANSWERS,
    restarts: RESTARTS,
    submits_refused: failedSubmits,
    graded: o.statuses.graded ?? 0,
    missing: o.missing,
    duplicated: o.duplicated,
    settle_s: Math.round(seconds),
    ok,
  });
} finally {
  if (!redis.running) await redis.start();
  await stack.close();
  await redis.stop();
  await llm.close();
}
process.exitCode = ok ? 0 : 1;
