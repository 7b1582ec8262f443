import { QUEUE_NAMES } from '@interview/contracts/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubmittedAnswers } from '../../worker/test/fixtures';
import { TestClient } from './support/client';
import { apiProfiles, bootApi, type TestApi, waitFor } from './support/harness';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus text format, samples only. Label values here never contain `",` so a simple split does. */
function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

const find = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

describe.each(apiProfiles)('Prometheus metrics (%s)', (profile) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await bootApi(profile);
  });
  afterAll(async () => api?.close());

  const scrape = async () => {
    const res = await api.server.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return { text: res.body, samples: parseMetrics(res.body) };
  };

  it('times requests by route pattern, never the raw URL, and leaves /metrics itself out', async () => {
    const client = new TestClient(api.server);
    for (const token of ['tok-one-aaaaaaaaaaaaaaaaaaaaaaaa', 'tok-two-bbbbbbbbbbbbbbbbbbbbbbbb'])
      await client.get(`/api/invitations/${token}`);
    await client.get('/api/auth/session');
    await client.get('/api/auth/session');
    await api.server.inject('/metrics');
    const { text, samples } = await scrape();
    const counts = find(samples, 'http_request_duration_seconds_count');
    const byRoute = (route: string) => counts.filter((s) => s.labels.route === route).reduce((n, s) => n + s.value, 0);
    expect(byRoute('/api/invitations/:token')).toBe(2);
    expect(
      find(samples, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/auth/session', status_code: '401' })[0]?.value,
    ).toBe(2);
    expect(find(samples, 'http_request_duration_seconds_bucket', { route: '/api/auth/session', le: '+Inf' })[0]?.value).toBe(2);
    expect(text).not.toContain('tok-one');
    expect(byRoute('/metrics')).toBe(0);
    // Process metrics and the WebSocket gauge come from the shared registry.
    expect(find(samples, 'process_cpu_user_seconds_total')).toHaveLength(1);
    expect(find(samples, 'interview_ws_connections')).toHaveLength(1);
  });

  it('reports job counts for every queue and state from the queue backend', async () => {
    const { samples } = await scrape();
    for (const queue of QUEUE_NAMES) {
      expect(find(samples, 'queue_up', { queue })[0]?.value, queue).toBe(1);
      const states = find(samples, 'queue_jobs', { queue }).map((s) => s.labels.state);
      expect(states.sort(), queue).toEqual(['active', 'completed', 'delayed', 'failed', 'waiting']);
    }
  });

  it('reads grading figures from the grades table, as the real worker wrote them', async () => {
    const fixture = await createSubmittedAnswers(api.running.database.db, ['Finalizers keep the pod; the kubelet must confirm deletion.']);
    const target = fixture.answers[0]!;
    await api.running.queues.add('grade-answer', { ...target, reason: 'submit' });
    await waitFor(
      async () => (await api.sql("select 1 from app.grades where answer_id = $1 and status = 'done'", [target.answerId])).length,
    );

    const [row] = await api.sql<{ grader: string; latency_ms: number }>('select grader, latency_ms from app.grades where answer_id = $1', [
      target.answerId,
    ]);
    let { samples } = await scrape();
    expect(find(samples, 'grades_total', { grader: row!.grader, status: 'done' })[0]?.value).toBe(1);
    expect(find(samples, 'grade_duration_sample_count', { grader: row!.grader })[0]?.value).toBe(1);
    expect(find(samples, 'grade_duration_seconds', { grader: row!.grader, quantile: '0.95' })[0]?.value).toBeCloseTo(
      row!.latency_ms / 1000,
      6,
    );
    // The completed job shows in the queue gauges too.
    await waitFor(async () => find((await scrape()).samples, 'queue_jobs', { queue: 'grade-answer', state: 'completed' })[0]?.value === 1);

    // Token and cost totals are sums over the table: another worker's LLM grade counts here too.
    await api.sql(
      "update app.grades set grader = 'llm', prompt_tokens = 1200, completion_tokens = 300, cached_tokens = 1000, cost_usd = 0.0125, latency_ms = 4000 where answer_id = $1",
      [target.answerId],
    );
    ({ samples } = await scrape());
    expect(find(samples, 'grades_total', { grader: 'llm', status: 'done' })[0]?.value).toBe(1);
    expect(find(samples, 'grades_total', { grader: row!.grader, status: 'done' })).toHaveLength(row!.grader === 'llm' ? 1 : 0);
    expect(find(samples, 'llm_tokens_total', { kind: 'prompt' })[0]?.value).toBe(1200);
    expect(find(samples, 'llm_tokens_total', { kind: 'completion' })[0]?.value).toBe(300);
    expect(find(samples, 'llm_tokens_total', { kind: 'cached' })[0]?.value).toBe(1000);
    expect(find(samples, 'llm_cost_usd_total')[0]?.value).toBeCloseTo(0.0125, 6);
    expect(find(samples, 'grade_duration_seconds', { grader: 'llm', quantile: '0.5' })[0]?.value).toBe(4);
  });
});
