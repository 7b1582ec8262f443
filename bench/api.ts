/**
 * HTTP throughput of the two hottest candidate writes, under autocannon:
 *   - draft autosave: PUT /api/interviews/:id/items/:itemId/draft
 *   - answer submit:  POST /api/interviews/:id/items/:itemId/submit
 * at 50 and 200 connections, each against a baseline measured in the same run: a bare Fastify
 * route (same Fastify, same pool size, same database) doing one INSERT of the same body with pg.
 *
 *   pnpm bench api [--quick] [--duration=10] [--backends=redis]
 *
 * The API runs here with ROLE=api (no worker: grade jobs wait in the queue) on the first backend
 * available (Redis, then Postgres, then embedded) unless --backends says otherwise. autocannon runs
 * in its own process. Sessions, CSRF and the auth guard are all on, as in production; the auth
 * rate limits apply to sign-in routes only. Every connection owns an interview (created in bulk
 * with SQL), so no request is refused for racing another.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { bulkStartInterviews } from './support/bulk';
import { type CannonResult, startCannon } from './support/cannon';
import {
  ALL_BACKENDS,
  BENCH_DATABASE_URL,
  BENCH_REDIS_URL,
  numberOption,
  printResult,
  quick,
  round,
  selectBackends,
  stringOption,
} from './support/common';
import { createCandidate, createLongTemplate } from './support/interviews';
import { bootStack } from './support/stack';

const DURATION = numberOption('duration', quick ? 3 : 10);
const LEVELS = [50, 200];
const QUESTIONS = 40;
const POOL_MAX = 10;
const TEXT =
  'A pod stays Terminating when a finalizer is never removed or the kubelet cannot confirm the container stopped. ' +
  'I would read the pod YAML for metadata.finalizers and deletionTimestamp, check the owning controller and the node, ' +
  'and only as a last resort remove the finalizer by hand after confirming nothing depends on it. '.repeat(2);

const firstAvailable = ALL_BACKENDS.find((b) => b === 'embedded' || (BENCH_DATABASE_URL && (b === 'postgres' || BENCH_REDIS_URL)))!;
const [backend] = selectBackends([stringOption('backends', firstAvailable) as (typeof ALL_BACKENDS)[number]]);
if (!backend) throw new Error('no backend to run on');
console.log(`api: backend ${backend}, ${DURATION} s per run, connections ${LEVELS.join(' and ')}`);

const stack = await bootStack(backend, { worker: 'none', env: { DATABASE_POOL_MAX: String(POOL_MAX) } });
const baseline = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
const basePool = new pg.Pool({ connectionString: stack.running.database.url, max: POOL_MAX });
const fields: Record<string, string | number | boolean> = { backend, duration_s: DURATION };
const load = await startCannon();
try {
  const { candidate, orgId } = await createCandidate(stack.server);
  const templateId = await createLongTemplate(stack.sql, orgId, QUESTIONS);
  const candidateId = candidate.userId;
  const make = (count: number) => bulkStartInterviews(stack.sql, { orgId, candidateId, templateId, count });
  // Drafts: one interview per connection (reused across runs with higher revisions).
  const draftIvs = await make(Math.max(...LEVELS));
  // Submits: a pool per run, three interviews (120 items) per connection.
  const submitPools = new Map<number, Awaited<ReturnType<typeof make>>>();
  for (const c of LEVELS) submitPools.set(c, await make(c * 3));

  await basePool.query(
    'create table if not exists bench_baseline (id bigserial primary key, item_id uuid not null, text text not null, revision int, created_at timestamptz not null default now())',
  );
  type Body = { itemId: string; text: string; revision?: number };
  const insert = (b: Body) =>
    basePool.query('insert into bench_baseline (item_id, text, revision) values ($1, $2, $3)', [b.itemId, b.text, b.revision ?? null]);
  baseline.put<{ Body: Body }>('/baseline/draft', async (request) => {
    await insert(request.body);
    return { ok: true };
  });
  baseline.post<{ Body: Body }>('/baseline/submit', async (request) => {
    await insert(request.body);
    return { ok: true };
  });
  const baseUrl = await baseline.listen({ host: '127.0.0.1', port: 0 });

  const headers = { cookie: candidate.cookie!, 'x-csrf-token': candidate.csrf! };
  let revisionBase = 0;
  const cannon = (kind: 'draft' | 'submit', target: 'ours' | 'baseline', connections: number, durationSec = DURATION) => {
    revisionBase += 1_000_000;
    return load.run({
      url: target === 'ours' ? stack.url : baseUrl,
      connections,
      durationSec,
      kind,
      target,
      headers: target === 'ours' ? headers : {},
      interviews: kind === 'draft' ? draftIvs.slice(0, connections) : submitPools.get(connections)!,
      revisionBase,
      text: TEXT,
    });
  };

  // Warm-up (JIT, pools): short draft runs on both servers.
  await cannon('draft', 'baseline', 50, quick ? 1 : 2);
  await cannon('draft', 'ours', 50, quick ? 1 : 2);

  const show = (r: CannonResult) =>
    `${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.non2xx ? `, ${r.non2xx} non-2xx` : ''}${r.errors ? `, ${r.errors} errors` : ''}`;
  let worst = Number.POSITIVE_INFINITY;
  for (const kind of ['draft', 'submit'] as const) {
    for (const connections of LEVELS) {
      const base = await cannon(kind, 'baseline', connections);
      const ours = await cannon(kind, 'ours', connections);
      if (ours.exhausted) throw new Error(`the ${kind} run used up its interviews; give it more`);
      const ratio = ours.rps / base.rps;
      worst = Math.min(worst, ratio);
      console.log(`${kind} @${connections}: ours ${show(ours)} | baseline ${show(base)} | ratio ${ratio.toFixed(2)}`);
      const key = `${kind}_c${connections}`;
      Object.assign(fields, {
        [`${key}_rps`]: round(ours.rps, 0),
        [`${key}_p50_ms`]: ours.p50,
        [`${key}_p99_ms`]: ours.p99,
        [`${key}_non2xx`]: ours.non2xx + ours.errors,
        [`${key}_baseline_rps`]: round(base.rps, 0),
        [`${key}_baseline_p99_ms`]: base.p99,
        [`${key}_ratio`]: round(ratio, 2),
      });
    }
  }
  fields.min_ratio = round(worst, 2);
  fields.target_met = worst >= 0.5;
} finally {
  await load.close();
  await baseline.close();
  await basePool.end();
  await stack.close();
}
printResult('api', fields);
