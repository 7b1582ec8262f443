import type { Db } from '@interview/db';
import { grades } from '@interview/db/schema';
import { and, count, gt, isNotNull, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { Counter, Gauge, type Registry } from 'prom-client';
import { perScrape, withTimeout } from './scrape';

/** Latency quantiles cover grades finished this recently: long enough to have samples at low volume. */
export const LATENCY_WINDOW_MINUTES = 60;
const DB_TIMEOUT_MS = 2_000;

/** One read of the grades table: it is the source of truth across every worker process. */
async function readGradeFigures(db: Db) {
  const [byStatus, [tokens], latency] = await Promise.all([
    db.select({ grader: grades.grader, status: grades.status, n: count() }).from(grades).groupBy(grades.grader, grades.status),
    db
      .select({
        prompt: sql<string>`coalesce(sum(${grades.promptTokens}), 0)`,
        completion: sql<string>`coalesce(sum(${grades.completionTokens}), 0)`,
        cached: sql<string>`coalesce(sum(${grades.cachedTokens}), 0)`,
        costUsd: sql<string>`coalesce(sum(${grades.costUsd}), 0)`,
      })
      .from(grades),
    db
      .select({
        grader: grades.grader,
        n: count(),
        p50: sql<number>`percentile_cont(0.5) within group (order by ${grades.latencyMs})`,
        p95: sql<number>`percentile_cont(0.95) within group (order by ${grades.latencyMs})`,
      })
      .from(grades)
      .where(and(isNotNull(grades.latencyMs), gt(grades.updatedAt, sql`now() - make_interval(mins => ${LATENCY_WINDOW_MINUTES})`)))
      .groupBy(grades.grader),
  ]);
  return { byStatus, tokens, latency };
}

/**
 * Grading figures computed at scrape time from the grades table, so every API replica reports the
 * same numbers whichever worker graded. Sums are exposed as counters so rate()/increase() apply.
 */
export function registerGradeMetrics(registry: Registry, db: Db, log: FastifyBaseLogger) {
  const read = perScrape(async () => {
    try {
      return await withTimeout(readGradeFigures(db), DB_TIMEOUT_MS, 'grade figures');
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'grade metrics unavailable');
      return null;
    }
  });
  const registers = [registry];

  new Gauge({
    name: 'grades_total',
    help: 'Grades stored, by grader and current status',
    labelNames: ['grader', 'status'],
    registers,
    async collect() {
      const figures = await read();
      this.reset();
      for (const row of figures?.byStatus ?? []) this.set({ grader: row.grader, status: row.status }, Number(row.n));
    },
  });
  new Gauge({
    name: 'grade_duration_seconds',
    help: `Grading latency quantiles over grades finished in the last ${LATENCY_WINDOW_MINUTES} minutes`,
    labelNames: ['grader', 'quantile'],
    registers,
    async collect() {
      const figures = await read();
      this.reset();
      for (const row of figures?.latency ?? []) {
        this.set({ grader: row.grader, quantile: '0.5' }, Number(row.p50) / 1000);
        this.set({ grader: row.grader, quantile: '0.95' }, Number(row.p95) / 1000);
      }
    },
  });
  new Gauge({
    name: 'grade_duration_sample_count',
    help: `Grades with a latency finished in the last ${LATENCY_WINDOW_MINUTES} minutes (the sample behind grade_duration_seconds)`,
    labelNames: ['grader'],
    registers,
    async collect() {
      const figures = await read();
      this.reset();
      for (const row of figures?.latency ?? []) this.set({ grader: row.grader }, Number(row.n));
    },
  });
  new Counter({
    name: 'llm_tokens_total',
    help: 'LLM tokens spent on grading, by kind',
    labelNames: ['kind'],
    registers,
    async collect() {
      const tokens = (await read())?.tokens;
      // Unreadable: keep the last totals, since a drop to zero would read as a counter reset.
      if (!tokens) return;
      this.reset();
      this.inc({ kind: 'prompt' }, Number(tokens.prompt));
      this.inc({ kind: 'completion' }, Number(tokens.completion));
      this.inc({ kind: 'cached' }, Number(tokens.cached));
    },
  });
  new Counter({
    name: 'llm_cost_usd_total',
    help: 'Estimated LLM cost of grading in US dollars',
    registers,
    async collect() {
      const tokens = (await read())?.tokens;
      if (!tokens) return;
      this.reset();
      this.inc(Number(tokens.costUsd));
    },
  });
}
