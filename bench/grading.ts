/**
 * Grading throughput and added latency, end to end: answers submitted through the real REST
 * submit route, graded by the real worker with the LLM grader against the scripted
 * OpenAI-compatible provider (its own process) replying after a fixed latency L.
 *
 *   pnpm bench grading [--quick] [--n=2000] [--latency=200] [--concurrency=8] [--paced=300]
 *                      [--submitters=16] [--backends=redis,postgres,embedded]
 *
 * Per backend (Redis and Postgres: the API here, the worker as a ROLE=worker process; embedded:
 * one ROLE=all process, as `pnpm start` runs it):
 *  - throughput: N answers submitted through the API (by `submitters` parallel clients) while the
 *    grade queue is paused, then drained by the worker: the rate at which grades are stored (first
 *    to last), and efficiency = throughput / (C / L);
 *  - added latency: `paced` answers submitted at half the ideal rate (no queue builds up); for
 *    each, the time from the submit request to the grade row being written, minus L.
 * Baseline, measured in the same run: the same LLM grader called by C loops in this process,
 * with no API, queue or database in between.
 */
import { loadConfig } from '@interview/config';
import { createGrader } from '@interview/worker';
import { sampleQuestion } from '../apps/worker/test/fixtures';
import { bulkStartInterviews } from './support/bulk';
import {
  type Backend,
  cpuMs,
  numberOption,
  percentile,
  pool,
  printResult,
  processCpuMs,
  quick,
  round,
  selectBackends,
  sleep,
  until,
} from './support/common';
import { answerText, createCandidate, createLongTemplate, type OpenInterview, type Submitted, submitCurrent } from './support/interviews';
import { startLlm } from './support/llm';
import { bootStack, type Stack } from './support/stack';

const N = numberOption('n', quick ? 300 : 2000);
const L = numberOption('latency', 200);
const C = numberOption('concurrency', 8);
const PACED = numberOption('paced', quick ? 30 : 300);
const SUBMITTERS = numberOption('submitters', 16);
const QUESTIONS = 25;
const ideal = C / (L / 1000);
/** Final grades each stack's database held after the last wait (warm-up included). */
const graded = new WeakMap<Stack, number>();
const backends = selectBackends();

console.log(`grading: N=${N} L=${L} ms C=${C} (ideal ${ideal.toFixed(1)} answers/s), paced=${PACED}, backends=${backends.join(',')}`);
const runStarted = performance.now();
const llm = await startLlm({ latencyMs: L });
const fields: Record<string, string | number | boolean> = { n: N, latency_ms: L, concurrency: C };

try {
  // Baseline: C loops calling the production LLM grader directly; the same answers and provider.
  const question = await sampleQuestion();
  const grader = createGrader(loadConfig(llm.env).env);
  const baseN = Math.min(N, quick ? 60 : 800);
  const durations: number[] = [];
  await pool(Array.from({ length: 2 * C }), C, (_, i) => grader.grade({ question, rubric: question.rubric, answer: answerText(i) }));
  const t0 = performance.now();
  await pool(Array.from({ length: baseN }), C, async (_, i) => {
    const s = performance.now();
    const r = await grader.grade({ question, rubric: question.rubric, answer: answerText(i) });
    if (r.flags.includes('needs_human_review')) throw new Error('baseline grade was not accepted');
    durations.push(performance.now() - s);
  });
  const baseRate = baseN / ((performance.now() - t0) / 1000);
  const baseAdded = durations.map((d) => d - L);
  console.log(
    `baseline (grader in a loop, no API/queue/DB): ${baseRate.toFixed(1)}/s, efficiency ${(baseRate / ideal).toFixed(3)}, ` +
      `added p50 ${percentile(baseAdded, 50).toFixed(1)} ms, p99 ${percentile(baseAdded, 99).toFixed(1)} ms`,
  );
  Object.assign(fields, {
    baseline_throughput: round(baseRate),
    baseline_efficiency: round(baseRate / ideal, 3),
    baseline_added_p50_ms: round(percentile(baseAdded, 50)),
    baseline_added_p99_ms: round(percentile(baseAdded, 99)),
  });

  for (const backend of backends) Object.assign(fields, await runBackend(backend));
} finally {
  await llm.close();
}
console.log(`(${((performance.now() - runStarted) / 1000).toFixed(1)} s in all)`);
if (fields.redis_efficiency !== undefined) fields.redis_target_met = Number(fields.redis_efficiency) >= 0.9;
printResult('grading', fields);

async function runBackend(backend: Backend): Promise<Record<string, number | string>> {
  const bootStarted = performance.now();
  const stack = await bootStack(backend, {
    env: { ...llm.env, WORKER_CONCURRENCY: String(C), WORKER_RATE_LIMIT_PER_SEC: '0' },
    worker: 'process',
  });
  try {
    const { candidate, orgId } = await createCandidate(stack.server);
    const templateId = await createLongTemplate(stack.sql, orgId, QUESTIONS);
    const throughputIvs = Math.max(SUBMITTERS, Math.ceil(N / QUESTIONS));
    const pacedIvs = Math.max(Math.ceil(ideal), Math.ceil(PACED / QUESTIONS) + 2);
    // Started interviews in bulk (SQL): creating them is not what is measured; submitting is.
    const ivs: OpenInterview[] = (
      await bulkStartInterviews(stack.sql, { orgId, candidateId: candidate.userId, templateId, count: 1 + throughputIvs + pacedIvs })
    ).map((iv) => ({ id: iv.id, currentItemId: iv.itemIds[0]! }));
    const warm = ivs.slice(0, 1);
    const forThroughput = ivs.slice(1, 1 + throughputIvs);
    const forPaced = ivs.slice(1 + throughputIvs);
    const t = () => `[${((performance.now() - bootStarted) / 1000).toFixed(1)} s] `;
    console.log(`${t()}${backend}: booted and set up ${ivs.length} interviews`);

    // Warm-up (JIT, connection pools, the worker process): 2C answers (C with --quick), all graded.
    const warmUp: Submitted[] = [];
    for (let i = 0; i < Math.min(quick ? C : 2 * C, QUESTIONS); i++) warmUp.push(await submitCurrent(candidate, warm[0]!, answerText(i)));
    await waitGraded(stack, warmUp, 120_000);

    // Throughput: N answers submitted through the API while the queue is paused, then the worker
    // drains the backlog; the rate at which grades are stored is what C workers sustain.
    const gradeQueue = stack.running.queues.queue('grade-answer');
    await gradeQueue.pause();
    const ready = [...forThroughput];
    const submitted: Submitted[] = [];
    let issued = 0;
    const started = performance.now();
    const cpu = process.cpuUsage();
    await Promise.all(
      Array.from({ length: SUBMITTERS }, async () => {
        while (issued < N) {
          const iv = ready.shift();
          if (!iv) throw new Error('ran out of open interviews');
          const i = issued++;
          submitted.push(await submitCurrent(candidate, iv, answerText(i)));
          if (iv.currentItemId) ready.push(iv);
        }
      }),
    );
    const submitSeconds = (performance.now() - started) / 1000;
    const submitCpu = cpuMs(cpu) / N;
    // The worker's CPU per graded job: its own process, or this one on embedded (ROLE=all).
    const workerPid = stack.worker?.child.pid;
    const workerCpu0 = workerPid ? processCpuMs(workerPid) : 0;
    const drainCpu = process.cpuUsage();
    await gradeQueue.resume();
    const rows = await waitGraded(stack, submitted, ((N / ideal) * 4 + 120) * 1000);
    const workerCpu = (workerPid ? processCpuMs(workerPid) - workerCpu0 : cpuMs(drainCpu)) / N;
    const stored = rows.map((r) => r.storedAt).sort((a, b) => a - b);
    const span = (stored.at(-1)! - stored[0]!) / 1000;
    const throughput = (stored.length - 1) / span;
    const submitRate = N / submitSeconds;
    console.log(
      `${t()}${backend}: throughput ${throughput.toFixed(1)}/s (efficiency ${(throughput / ideal).toFixed(3)}), ${statusSummary(rows)}, ` +
        `${workerCpu.toFixed(1)} ms worker CPU per job; ` +
        `the backlog was submitted at ${submitRate.toFixed(1)}/s by ${SUBMITTERS} clients (request p50 ${percentile(
          submitted.map((s) => s.ms),
          50,
        ).toFixed(1)} ms, ${submitCpu.toFixed(1)} ms CPU each in the API process)`,
    );

    // Added latency: paced at half the ideal rate, so nothing waits in the queue for a free slot.
    const rate = ideal / 2;
    const paced: Submitted[] = [];
    const inFlight: Promise<void>[] = [];
    const idle = [...forPaced];
    const freed: (() => void)[] = [];
    let late = 0;
    const pacedStart = performance.now();
    for (let i = 0; i < PACED; i++) {
      const wait = pacedStart + (i * 1000) / rate - performance.now();
      if (wait > 0) await sleep(wait);
      // Every interview busy (submits slower than the pace): wait for one, and count the slip.
      if (idle.length === 0) {
        late++;
        await new Promise<void>((resolve) => freed.push(resolve));
      }
      const iv = idle.shift()!;
      inFlight.push(
        submitCurrent(candidate, iv, answerText(N + i)).then((s) => {
          paced.push(s);
          if (iv.currentItemId) idle.push(iv);
          freed.shift()?.();
        }),
      );
    }
    await Promise.all(inFlight);
    const pacedRows = await waitGraded(stack, paced, 120_000);
    const byAnswer = new Map(pacedRows.map((r) => [r.answerId, r]));
    const added = paced.map((s) => byAnswer.get(s.answerId)!.storedAt - s.at - L);
    const llmMs = pacedRows.map((r) => r.latencyMs ?? Number.NaN).filter(Number.isFinite);
    console.log(
      `${t()}${backend}: added latency at ${rate.toFixed(1)}/s: p50 ${percentile(added, 50).toFixed(1)} ms, p99 ${percentile(
        added,
        99,
      ).toFixed(1)} ms (submit request p50 ${percentile(
        paced.map((s) => s.ms),
        50,
      ).toFixed(1)} ms; grader call p50 ${percentile(llmMs, 50).toFixed(1)} ms); ${statusSummary(pacedRows)}` +
        (late ? `; ${late} submits started late (every interview busy)` : ''),
    );
    return {
      [`${backend}_throughput`]: round(throughput),
      [`${backend}_efficiency`]: round(throughput / ideal, 3),
      [`${backend}_submit_rate`]: round(submitRate),
      [`${backend}_submit_cpu_ms`]: round(submitCpu),
      [`${backend}_worker_cpu_ms_per_job`]: round(workerCpu),
      [`${backend}_added_p50_ms`]: round(percentile(added, 50)),
      [`${backend}_added_p99_ms`]: round(percentile(added, 99)),
    };
  } catch (err) {
    if (stack.worker) console.error(`worker process output:\n${stack.worker.output()}`);
    throw err;
  } finally {
    const closing = performance.now();
    await stack.close();
    console.log(
      `${backend}: ${((performance.now() - bootStarted) / 1000).toFixed(1)} s (closing ${((performance.now() - closing) / 1000).toFixed(1)} s)`,
    );
  }
}

interface StoredGrade {
  answerId: string;
  status: string;
  /** grades.updated_at: set by the worker as it writes the grade (ms since epoch). */
  storedAt: number;
  latencyMs: number | null;
}

/**
 * Waits until every answer has a final grade row (done or needs_human_review) and returns them.
 * While waiting it only counts the (fresh) database's final grades, to keep polling cheap.
 */
async function waitGraded(stack: Stack, submitted: Submitted[], timeoutMs: number): Promise<StoredGrade[]> {
  const ids = submitted.map((s) => s.answerId);
  await until(
    `${ids.length} grades on ${stack.backend}`,
    async () => {
      const [row] = await stack.sql<{ n: number }>(
        "select count(*)::int as n from app.grades where status in ('done', 'needs_human_review')",
      );
      return row!.n >= (graded.get(stack) ?? 0) + ids.length;
    },
    timeoutMs,
    100,
  );
  graded.set(stack, (graded.get(stack) ?? 0) + ids.length);
  const rows = await stack.sql<{ answer_id: string; status: string; updated_at: Date; latency_ms: number | null }>(
    `select answer_id, status::text as status, updated_at, latency_ms from app.grades
      where answer_id = any($1::uuid[]) and status in ('done', 'needs_human_review')`,
    [ids],
  );
  if (rows.length !== ids.length) throw new Error(`expected ${ids.length} final grades, found ${rows.length}`);
  return rows.map((r) => ({ answerId: r.answer_id, status: r.status, storedAt: r.updated_at.getTime(), latencyMs: r.latency_ms }));
}
function statusSummary(rows: StoredGrade[]) {
  const done = rows.filter((r) => r.status === 'done').length;
  return `${done}/${rows.length} graded done`;
}
