import type { Db } from '@interview/db';
import type { QueueRuntime } from '@interview/queue';
import { createWorkerMetrics } from '@interview/worker';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { registerGradeMetrics } from '../../apps/api/src/metrics/grades';
import { registerHttpMetrics } from '../../apps/api/src/metrics/http';
import { registerQueueMetrics } from '../../apps/api/src/metrics/queues';
import { registry as apiProcessRegistry } from '../../apps/api/src/metrics/registry';
import { src } from './facts';

// Every expression of the dashboard and the alert rules must name metrics (and labels) the code
// really registers, so a renamed metric breaks this test rather than silently emptying a panel or
// muting an alert.

/** Labels Prometheus adds to every scraped series (target labels), plus the histogram bucket label. */
const TARGET_LABELS = ['instance', 'job', 'pod', 'namespace', 'le'];

/** The real registries, built with inert dependencies: registering touches no database or queue. */
function definedMetrics(): Map<string, Set<string>> {
  const api = new Registry();
  registerHttpMetrics({ addHook() {} } as unknown as FastifyInstance, api);
  registerQueueMetrics(api, {} as QueueRuntime, {} as FastifyBaseLogger);
  registerGradeMetrics(api, {} as Db, {} as FastifyBaseLogger);
  const defaults = new Registry();
  collectDefaultMetrics({ register: defaults });
  const worker = createWorkerMetrics({} as QueueRuntime).registry;
  const out = new Map<string, Set<string>>();
  for (const m of [api, apiProcessRegistry, defaults, worker].flatMap((r) => r.getMetricsAsArray())) {
    const { name, labelNames = [] } = m as unknown as { name: string; labelNames?: string[] };
    const series = m.constructor.name === 'Histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
    for (const s of series) out.set(s, new Set([...labelNames, ...TARGET_LABELS]));
  }
  return out;
}

const PROMQL_WORDS = new Set(
  'sum min max avg count topk bottomk by without rate irate increase histogram_quantile clamp_min clamp_max abs and or unless on ignoring group_left group_right bool offset'.split(
    ' ',
  ),
);

/** Problems in one PromQL expression: unknown metrics, and labels none of its metrics carry. */
function promqlProblems(expr: string, defined: Map<string, Set<string>>): string[] {
  const bare = expr
    .replace(/"[^"]*"/g, '""')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b\d+(\.\d+)?(e[-+]?\d+)?\b/gi, '');
  const labels = [...bare.matchAll(/([a-zA-Z_]\w*)\s*(=~|!~|!=|=)/g)].map((m) => m[1]!);
  const grouped = [...bare.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)].flatMap((m) => m[1]!.split(',').map((l) => l.trim()));
  const names = bare
    .replace(/\{[^}]*\}/g, '')
    .replace(/\b(?:by|without)\s*\([^)]*\)/g, '')
    .match(/[a-zA-Z_:][\w:]*/g)
    ?.filter((w) => !PROMQL_WORDS.has(w));
  const problems: string[] = [];
  if (!names?.length) problems.push(`${expr}: names no metric`);
  const known = new Set<string>();
  for (const n of names ?? []) {
    const l = defined.get(n);
    if (!l) problems.push(`${expr}: unknown metric ${n}`);
    else for (const x of l) known.add(x);
  }
  for (const l of [...labels, ...grouped]) if (!known.has(l)) problems.push(`${expr}: no metric here has the label ${l}`);
  return problems;
}

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { uid: string };
  targets?: { refId: string; expr: string; legendFormat?: string }[];
}
const dashboard = JSON.parse(src('infra/grafana/mock-interview.json')) as {
  uid: string;
  templating: { list: { name: string; type: string }[] };
  panels: Panel[];
};
const queries = dashboard.panels.filter((p) => p.type !== 'row');

describe('infra/grafana/mock-interview.json', () => {
  const defined = definedMetrics();

  it('queries only metrics and labels that the api and worker register', () => {
    const problems = queries.flatMap((p) =>
      (p.targets ?? []).flatMap((t) => promqlProblems(t.expr, defined).map((x) => `${p.title}: ${x}`)),
    );
    expect(problems).toEqual([]);
  });

  it('catches a misspelt metric or label (the check above can fail)', () => {
    expect(promqlProblems('sum(rate(http_requests_total[5m]))', defined)).toEqual([
      'sum(rate(http_requests_total[5m])): unknown metric http_requests_total',
    ]);
    expect(promqlProblems('sum by (queue) (grades_total)', defined)).toEqual([
      'sum by (queue) (grades_total): no metric here has the label queue',
    ]);
  });

  it('charts every api and worker metric family named in the operations guide', () => {
    const used = queries
      .flatMap((p) => p.targets ?? [])
      .map((t) => t.expr)
      .join('\n');
    const families = [
      'http_request_duration_seconds',
      'queue_jobs',
      'queue_up',
      'grades_total',
      'grade_duration_seconds',
      'llm_tokens_total',
      'llm_cost_usd_total',
      'interview_ws_connections',
      ...[...defined.keys()].filter((n) => n.startsWith('worker_')).map((n) => n.replace(/_(bucket|sum|count)$/, '')),
    ];
    for (const f of new Set(families)) expect(used, f).toMatch(new RegExp(`\\b${f}(_bucket|_count|_sum)?\\b`));
    for (const f of new Set(families)) expect(src('docs/operations.md'), f).toContain(f);
  });

  it('is a well-formed dashboard: unique ids, panels on the 24-column grid, one datasource variable', () => {
    expect(dashboard.uid).toBe('mock-interview');
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    expect(dashboard.templating.list).toEqual([expect.objectContaining({ name: 'datasource', type: 'datasource' })]);
    for (const p of queries) {
      expect(p.gridPos.x + p.gridPos.w, p.title).toBeLessThanOrEqual(24);
      // Grafana's datasource variable, so the dashboard imports into any Prometheus.
      expect(p.datasource?.uid, p.title).toBe(`${'$'}{datasource}`);
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
      expect(new Set(p.targets?.map((t) => t.refId)).size, p.title).toBe(p.targets?.length);
    }
  });
});

describe('infra/prometheus/alerts.yaml', () => {
  const defined = definedMetrics();
  const rules = (
    parse(src('infra/prometheus/alerts.yaml')) as { groups: { rules: { alert: string; expr: string; for?: string }[] }[] }
  ).groups.flatMap((g) => g.rules);

  it('alerts only on metrics and labels that the api and worker register', () => {
    expect(rules.length).toBeGreaterThanOrEqual(5);
    expect(rules.flatMap((r) => promqlProblems(r.expr, defined).map((x) => `${r.alert}: ${x}`))).toEqual([]);
  });

  it('has unique alert names and is linked from the operations guide', () => {
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
    expect(src('docs/operations.md')).toContain('infra/prometheus/alerts.yaml');
  });
});
