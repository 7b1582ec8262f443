/**
 * K concurrent interview rooms on /ws/interviews/:id, each saving a draft every 5 s.
 *
 *   pnpm bench ws [--quick] [--rooms=5000] [--interval=5000] [--steady=30] [--backends=redis]
 *
 * The API runs here (ROLE=api, first backend available unless --backends says otherwise); the K
 * clients run in a process of their own and connect through the real route with the
 * candidate's real session cookie (one sign-in; every room is one of that candidate's
 * interviews, created in bulk with SQL). Reported: server memory per connection (heap + external
 * after a forced GC, and RSS), the draft.save → draft.saved round trip (p50, p99), and the
 * server's CPU while the rooms save (share of one core).
 * Baseline, in the same run: a bare `ws` server (the library under @fastify/websocket) on the same
 * database, answering each draft.save with one INSERT through pg, no session or room logic.
 */
import { createServer } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import { WebSocketServer } from 'ws';
import { bulkStartInterviews } from './support/bulk';
import {
  ALL_BACKENDS,
  BENCH_DATABASE_URL,
  BENCH_REDIS_URL,
  cpuMs,
  numberOption,
  percentile,
  printResult,
  quick,
  round,
  selectBackends,
  sleep,
  stringOption,
} from './support/common';
import { createCandidate, createLongTemplate } from './support/interviews';
import { bootStack } from './support/stack';
import { startWsClients, type WsClientsSpec } from './support/ws-clients';

const ROOMS = numberOption('rooms', quick ? 1000 : 5000);
const INTERVAL = numberOption('interval', 5000);
const STEADY_S = numberOption('steady', quick ? 8 : 30);
const TEXT = 'I would check the finalizers on the pod and the controller that owns them, then the kubelet on the node. '.repeat(3);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.external, rss: m.rss };
};

const firstAvailable = ALL_BACKENDS.find((b) => b === 'embedded' || (BENCH_DATABASE_URL && (b === 'postgres' || BENCH_REDIS_URL)))!;
const [backend] = selectBackends([stringOption('backends', firstAvailable) as (typeof ALL_BACKENDS)[number]]);
if (!backend) throw new Error('no backend to run on');
console.log(`ws: ${ROOMS} rooms on ${backend}, a draft every ${INTERVAL} ms each, ${STEADY_S} s steady state`);

const stack = await bootStack(backend, { worker: 'none' });
const basePool = new pg.Pool({ connectionString: stack.running.database.url, max: 10 });
const fields: Record<string, string | number | boolean> = { backend, rooms: ROOMS, interval_ms: INTERVAL };

interface Measured {
  connected: number;
  connectS: number;
  heapPerConn: number;
  rssPerConn: number;
  p50: number;
  p99: number;
  cpuShare: number;
  sent: number;
  saved: number;
  errors: number;
}

async function measure(label: string, spec: Omit<WsClientsSpec, 'intervalMs' | 'connectConcurrency' | 'text'>): Promise<Measured> {
  const before = heap();
  const clients = startWsClients({ ...spec, intervalMs: INTERVAL, connectConcurrency: 64, text: TEXT });
  try {
    const conn = await clients.connect();
    if (conn.failed) console.log(`${label}: ${conn.failed} connections failed (first: ${conn.firstError})`);
    await sleep(1_000);
    const after = heap();
    const cpu = process.cpuUsage();
    const started = performance.now();
    clients.go();
    await sleep(STEADY_S * 1000);
    const serverCpu = cpuMs(cpu) / (performance.now() - started);
    const stats = await clients.stop();
    const m: Measured = {
      connected: conn.connected,
      connectS: conn.seconds,
      heapPerConn: (after.heap - before.heap) / conn.connected,
      rssPerConn: (after.rss - before.rss) / conn.connected,
      p50: percentile(stats.rtts, 50),
      p99: percentile(stats.rtts, 99),
      cpuShare: serverCpu,
      sent: stats.sent,
      saved: stats.saved,
      errors: stats.errors,
    };
    console.log(
      `${label}: ${m.connected}/${spec.rooms.length} connected in ${m.connectS.toFixed(1)} s; ` +
        `${(m.heapPerConn / 1024).toFixed(1)} KiB heap+external and ${(m.rssPerConn / 1024).toFixed(1)} KiB RSS per connection; ` +
        `${m.saved}/${m.sent} saves answered, round trip p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms; ` +
        `server CPU ${(m.cpuShare * 100).toFixed(0)}% of a core (client ${((stats.cpuMs / (STEADY_S * 1000 + 2000)) * 100).toFixed(0)}%)` +
        (m.errors ? `; ${m.errors} error frames (first: ${stats.firstError})` : '') +
        (stats.closed ? `; ${stats.closed} closed by the server` : ''),
    );
    return m;
  } finally {
    await clients.close();
    await sleep(500);
  }
}

try {
  const { candidate, orgId } = await createCandidate(stack.server);
  const templateId = await createLongTemplate(stack.sql, orgId, 1);
  const setupStarted = performance.now();
  const ivs = await bulkStartInterviews(stack.sql, { orgId, candidateId: candidate.userId, templateId, count: ROOMS });
  console.log(`created ${ivs.length} started interviews in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);
  const wsBase = (url: string) => url.replace(/^http/, 'ws');

  // Baseline: bare ws + one INSERT per draft.save.
  await basePool.query(
    'create table if not exists bench_ws_baseline (id bigserial primary key, item_id uuid not null, text text not null, revision int not null, saved_at timestamptz not null default now())',
  );
  const http = createServer();
  const wss = new WebSocketServer({ server: http, maxPayload: 64 * 1024 });
  wss.on('connection', (socket) => {
    socket.on('message', async (raw) => {
      const msg = JSON.parse(raw.toString()) as { itemId: string; text: string; revision: number };
      const { rows } = await basePool.query<{ saved_at: Date }>(
        'insert into bench_ws_baseline (item_id, text, revision) values ($1, $2, $3) returning saved_at',
        [msg.itemId, msg.text, msg.revision],
      );
      socket.send(
        JSON.stringify({ type: 'draft.saved', itemId: msg.itemId, revision: msg.revision, savedAt: rows[0]!.saved_at.toISOString() }),
      );
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const basePort = (http.address() as { port: number }).port;
  const rooms = ivs.map((iv) => ({ path: `/ws/interviews/${iv.id}`, itemId: iv.itemIds[0]! }));
  const base = await measure('baseline (bare ws + pg INSERT)', {
    url: `ws://127.0.0.1:${basePort}`,
    rooms,
    headers: {},
    waitForFirstFrame: false,
  });
  await new Promise<void>((resolve) => {
    wss.close(() => http.close(() => resolve()));
  });

  const ours = await measure('ours (/ws/interviews/:id)', {
    url: wsBase(stack.url),
    rooms,
    headers: { cookie: candidate.cookie! },
    waitForFirstFrame: true,
  });

  Object.assign(fields, {
    connected: ours.connected,
    connect_s: round(ours.connectS),
    heap_kib_per_conn: round(ours.heapPerConn / 1024),
    rss_kib_per_conn: round(ours.rssPerConn / 1024),
    rtt_p50_ms: round(ours.p50),
    rtt_p99_ms: round(ours.p99),
    cpu_core_share: round(ours.cpuShare, 2),
    saves_answered: `${ours.saved}/${ours.sent}`,
    error_frames: ours.errors,
    baseline_heap_kib_per_conn: round(base.heapPerConn / 1024),
    baseline_rtt_p99_ms: round(base.p99),
    baseline_cpu_core_share: round(base.cpuShare, 2),
    target_met: ours.connected >= ROOMS && ours.errors === 0 && ours.saved >= ours.sent * 0.99,
  });
} finally {
  await basePool.end();
  await stack.close();
}
printResult('ws', fields);
