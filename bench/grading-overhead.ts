/**
 * Queue + database overhead per graded job, per backend.
 *
 * Grades N submitted answers with the offline grader through the real queue and worker, and
 * compares the wall time per job against grading the same answers in a plain loop (the
 * baseline, measured in the same run). The difference is what the queue and the database add.
 *
 *   pnpm bench grading-overhead [--quick]
 *
 * Postgres and Redis cases run when BENCH_DATABASE_URL / BENCH_REDIS_URL are set
 * (e.g. postgres://postgres@127.0.0.1:5432/postgres and redis://127.0.0.1:6379).
 */
import { loadConfig } from '@interview/config';
import { createDb, runMigrations } from '@interview/db';
import { createTestDatabase } from '@interview/db/testing';
import { createMemoryEventBus } from '@interview/events';
import { offlineGrader } from '@interview/grader';
import { createQueueRuntime, type QueueBackendOptions } from '@interview/queue';
import { startWorkers } from '@interview/worker';
import { createSubmittedAnswers, sampleQuestion } from '../apps/worker/test/fixtures';

const quick = process.argv.includes('--quick');
const N = quick ? 100 : 500;
const CONCURRENCY = 8;
const dbUrl = process.env.BENCH_DATABASE_URL || undefined;
const redisUrl = process.env.BENCH_REDIS_URL || undefined;
const silent = { info() {}, warn() {}, error() {} };

const question = await sampleQuestion();
const sentences = question.referenceAnswer.split(/(?<=\.)\s+/);
// A realistic spread of answers: prefixes of the reference answer of varying length.
const texts = Array.from({ length: N }, (_, i) => sentences.slice(0, 1 + (i % sentences.length)).join(' '));

const t0 = performance.now();
for (const answer of texts) await offlineGrader.grade({ question, rubric: question.rubric, answer });
const baselineMs = (performance.now() - t0) / N;
console.log(`baseline: offline grading in a loop, ${baselineMs.toFixed(2)} ms/answer`);

type Case = { name: string; db: 'embedded' | 'postgres'; queue: 'postgres' | 'redis' };
const cases: Case[] = [
  { name: 'embedded', db: 'embedded', queue: 'postgres' },
  ...(dbUrl ? [{ name: 'postgres', db: 'postgres' as const, queue: 'postgres' as const }] : []),
  ...(dbUrl && redisUrl ? [{ name: 'redis', db: 'postgres' as const, queue: 'redis' as const }] : []),
];

const results: string[] = [];
for (const c of cases) {
  const testDb = await createTestDatabase(c.db, dbUrl);
  const handle = createDb(testDb.url, { max: 10 });
  await runMigrations(handle.pool);
  const { answers } = await createSubmittedAnswers(handle.db, texts);
  const backend: QueueBackendOptions = c.queue === 'redis' ? { kind: 'redis', url: redisUrl! } : { kind: 'postgres', ...testDb.queue };
  const queues = createQueueRuntime({ ...backend, prefix: `bench${Date.now()}-` });
  const env = { ...loadConfig({}).env, WORKER_CONCURRENCY: CONCURRENCY };
  const workers = startWorkers({
    db: handle.db,
    queues,
    events: createMemoryEventBus(),
    grader: offlineGrader,
    transcriber: null,
    log: silent,
    env,
    sweepIntervalMs: 3_600_000,
  });

  const start = performance.now();
  for (const a of answers) await queues.add('grade-answer', { ...a, reason: 'submit' });
  for (;;) {
    const { rows } = await handle.pool.query("select count(*)::int as n from app.grades where status = 'done'");
    if (rows[0].n >= N) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const perJob = (performance.now() - start) / N;
  await workers.close();
  if (c.queue === 'redis') await queues.queue('grade-answer').obliterate({ force: true });
  await queues.close();
  await handle.close();
  await testDb.drop();
  const overhead = perJob - baselineMs;
  console.log(
    `${c.name}: ${perJob.toFixed(2)} ms/job wall (concurrency ${CONCURRENCY}), overhead ${overhead.toFixed(2)} ms/job, ratio ${(perJob / baselineMs).toFixed(1)}x`,
  );
  results.push(`${c.name}_ms_per_job=${perJob.toFixed(2)} ${c.name}_overhead_ms=${overhead.toFixed(2)}`);
}
console.log(`RESULT grading-overhead n=${N} baseline_ms=${baselineMs.toFixed(2)} ${results.join(' ')}`);
