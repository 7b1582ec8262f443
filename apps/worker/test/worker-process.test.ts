import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createQueueRuntime } from '@interview/queue';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, tracesUrl } from '../src/index';
import { type Backend, openBackend, postgresCases, TEST_REDIS_URL } from './support/backends';
import { ANSWER, enqueueGrade, rubricQuestion, submitAnswers } from './support/harness';
import { get, sample } from './support/metrics';
import { startCollector } from './support/otlp-collector';
import { freePort, stopChild } from './support/processes';
import { gradeFor, type LlmHandler, ScriptedLlm } from './support/scripted-llm';
import { settled, waitFor } from './support/state';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('tracing stays off unless OTEL_EXPORTER_OTLP_ENDPOINT is set', () => {
  it('imports OpenTelemetry and bullmq-otel only dynamically, from observability/tracing.ts', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
    const sources = ['apps/api/src', 'apps/worker/src', ...readdirSync(join(REPO_ROOT, 'packages')).map((p) => `packages/${p}/src`)]
      .flatMap((d) => files(join(REPO_ROOT, d)))
      .filter((f) => f.endsWith('.ts'));
    const importers = sources.filter((f) =>
      /from '(@opentelemetry\/[\w-]+|bullmq-otel)'|import\('(@opentelemetry|bullmq-otel)/.test(readFileSync(f, 'utf8')),
    );
    expect(importers.map((f) => f.slice(REPO_ROOT.length))).toEqual(['apps/worker/src/observability/tracing.ts']);
    const tracing = readFileSync(importers[0]!, 'utf8');
    // `import type` is erased at build time; every value import must be a dynamic import().
    expect(tracing).not.toMatch(/^import (?!type ).*from '(@opentelemetry|bullmq-otel)/m);
    expect(tracing).toMatch(/import\('@opentelemetry\/sdk-trace-node'\)/);
  });

  it('sends traces to <endpoint>/v1/traces, as the OpenTelemetry spec derives it', () => {
    expect(tracesUrl('http://collector:4318')).toBe('http://collector:4318/v1/traces');
    expect(tracesUrl('http://collector:4318/')).toBe('http://collector:4318/v1/traces');
  });
});

// The worker role exactly as deployed (`ROLE=worker node --import tsx apps/api/src/main.ts`), so a
// second process must reach the database: this needs a real Postgres (TEST_DATABASE_URL).
describe.runIf(postgresCases.length > 0)('a ROLE=worker process: health server, metrics and traces', () => {
  describe.each(postgresCases)('on $name', (backendCase) => {
    let backend: Backend;
    let ok: LlmHandler;
    let child: ChildProcess | null = null;
    const closers: (() => Promise<void>)[] = [];

    beforeAll(async () => {
      backend = await openBackend(backendCase);
      ok = gradeFor((await rubricQuestion()).rubric);
    });
    afterEach(async () => {
      if (child) await stopChild(child, 'SIGKILL');
      child = null;
      for (const close of closers.splice(0).reverse()) await close();
      await backend.cleanup();
    });
    afterAll(async () => {
      await backend?.close();
    });

    it('grades a job traced from the producer: both spans share one trace; counters move; SIGTERM exits cleanly', async () => {
      const llm = await new ScriptedLlm(ok).start();
      closers.push(() => llm.close());
      const collector = await startCollector();
      closers.push(() => collector.close());
      const port = await freePort();
      const prefix = backend.queues().prefix;

      let output = '';
      child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_ENV: 'test',
          ROLE: 'worker',
          HOST: '127.0.0.1',
          WORKER_METRICS_PORT: String(port),
          OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
          DATABASE_URL: backend.testDb.url,
          ...(backendCase.queue === 'redis' ? { REDIS_URL: TEST_REDIS_URL } : {}),
          QUEUE_PREFIX: prefix,
          LOG_LEVEL: 'silent',
          LLM_BASE_URL: llm.baseURL,
          LLM_MODEL: 'scripted-model',
          LLM_API_KEY: 'test-key',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (d) => {
        output += d;
      });
      child.stderr?.on('data', (d) => {
        output += d;
      });
      const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
      // Any wait below fails at once, with the worker's output, if the process dies meanwhile.
      const alive = <T>(work: Promise<T>) =>
        Promise.race([
          work.catch((err: Error) => {
            throw new Error(`${err.message}\nworker output:\n${output}`);
          }),
          exited.then((code) => {
            throw new Error(`worker process exited early (${code}):\n${output}`);
          }),
        ]);
      await alive(waitFor('the worker health server', async () => (await get(port, '/readyz').catch(() => null))?.status === 200, 60_000));
      expect(JSON.parse((await get(port, '/healthz')).text)).toEqual({ status: 'ok', role: 'worker' });

      // The producer side, as the api process does it: its own tracer, bullmq-otel on the queue.
      const tracing = await startTracing({ endpoint: collector.url, serviceName: 'test-producer' });
      const producer = createQueueRuntime({ ...backend.queueOptions(prefix), telemetry: tracing.telemetry });
      closers.push(async () => {
        await producer.close();
        await tracing.shutdown();
      });
      const [target] = await submitAnswers(backend.handle.db, [ANSWER]);
      await enqueueGrade(producer, target!);
      expect(await alive(settled(backend.handle.pool, target!.answerId, 60_000))).toBe('graded');

      const metrics = await alive(
        waitFor('the completed counter', async () => {
          const { text } = await get(port, '/metrics');
          return sample(text, 'worker_jobs_completed_total', { queue: 'grade-answer' }) === 1 ? text : null;
        }),
      );
      expect(sample(metrics, 'worker_llm_tokens_total', { kind: 'prompt', model: 'scripted-model' })).toBe(1_000);

      // SIGTERM drains, flushes the worker's spans and exits 0.
      child.kill('SIGTERM');
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no exit 30 s after SIGTERM:\n${output}`)), 30_000),
      );
      expect(await Promise.race([exited, timeout])).toBe(0);
      child = null;
      await tracing.shutdown();

      const produced = collector.spans.filter((s) => s.service === 'test-producer' && s.kind === 4);
      const consumed = collector.spans.filter((s) => s.service === 'mock-interview-worker' && s.kind === 5);
      expect(produced.map((s) => s.name)).toEqual([`add ${prefix}grade-answer.grade-answer`]);
      expect(consumed.map((s) => s.name)).toContain(`process ${prefix}grade-answer`);
      const job = consumed.find((s) => s.name === `process ${prefix}grade-answer`)!;
      expect(job.traceId).toBe(produced[0]!.traceId);
      expect(job.parentSpanId).toBe(produced[0]!.spanId);
      // BullMQ's periodic stalled-job checks are sampled out: traces show jobs, not timers.
      expect(collector.spans.filter((s) => /StalledJobs|StalledCheck/.test(s.name))).toEqual([]);
    }, 120_000);
  });
});
