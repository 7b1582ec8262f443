import { connect, createServer, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { loadConfig } from '@interview/config';
import { createQueueRuntime, type QueueRuntime } from '@interview/queue';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import requestId, { requestIdOptions } from '../src/plugins/app/request-id';
import healthRoutes from '../src/routes/health/index';
import { apiProfiles, bootApi, TEST_REDIS_URL, type TestApi, waitFor } from './support/harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A TCP relay to `target` that a test can take down (refusing and cutting connections) and bring back on the same port. */
async function tcpProxy(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const up = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 6379), target.hostname);
        track(client);
        track(upstream);
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  const down = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server ? server.close(() => resolve()) : resolve();
      server = null;
    });
  await up();
  return { url: `redis://127.0.0.1:${port}`, up, down, close: down };
}

describe.each(apiProfiles)('health probes (%s)', (profile) => {
  let api: TestApi;
  const extra: Array<{ close(): Promise<unknown> }> = [];
  beforeAll(async () => {
    api = await bootApi(profile);
  });
  afterEach(async () => {
    for (const thing of extra.splice(0)) await thing.close();
  });
  // Proxies outlive the app that uses them: its stop() needs Redis reachable.
  const proxies: Array<{ close(): Promise<void> }> = [];
  afterAll(async () => {
    await api?.close();
    for (const proxy of proxies) await proxy.close();
  });

  /** The real health routes on the booted app's database, with the queues and draining flag a test picks. */
  async function probeApp(queues: QueueRuntime, isDraining = () => false): Promise<FastifyInstance> {
    const app = Fastify();
    extra.push(app);
    await app.register(healthRoutes, { deps: { config: loadConfig({}), db: api.running.database.db, queues, isDraining } });
    return app;
  }

  it('/healthz is live and /readyz is ready while the database and the queue answer', async () => {
    expect((await api.server.inject('/healthz')).json()).toMatchObject({ status: 'ok', profile });
    const ready = await api.server.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ ready: true, queueBackend: profile === 'embedded' ? 'postgres' : 'redis' });
  });

  it('/readyz answers 503 while the process drains', async () => {
    let draining = false;
    const app = await probeApp(api.running.queues, () => draining);
    expect((await app.inject('/readyz')).statusCode).toBe(200);
    draining = true;
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ ready: false, reason: 'draining' });
  });

  it('/readyz answers 503 with the reason when the queue backend is unreachable, within the probe timeout', async () => {
    // The same backend kind as the booted app, at an address nobody listens on.
    const dead = createQueueRuntime(
      profile === 'embedded'
        ? { kind: 'postgres', connectionString: 'postgres://postgres@127.0.0.1:1/none', schema: 'public', poolMax: 1 }
        : { kind: 'redis', url: 'redis://127.0.0.1:1' },
    );
    extra.push(dead);
    const app = await probeApp(dead);
    const started = performance.now();
    const res = await app.inject('/readyz');
    expect(performance.now() - started).toBeLessThan(2_900);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ ready: false, reason: `queue backend (${dead.backend}) unavailable` });
  });

  it.runIf(profile === 'scale-out')(
    'a process loses Redis: not ready with the reason, scrape still quick; ready again once it is back',
    async () => {
      const proxy = await tcpProxy(new URL(TEST_REDIS_URL!));
      proxies.push(proxy);
      const other = await api.startAnother({ REDIS_URL: proxy.url, ROLE: 'api' });
      expect((await other.server!.inject('/readyz')).statusCode).toBe(200);

      await proxy.down();
      const ready = await other.server!.inject('/readyz');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ ready: false, reason: 'queue backend (redis) unavailable' });
      const started = performance.now();
      const scrape = await other.server!.inject('/metrics');
      expect(performance.now() - started).toBeLessThan(2_900);
      expect(scrape.statusCode).toBe(200);
      expect(scrape.body).toContain('queue_up{queue="grade-answer"} 0');
      expect(scrape.body).not.toMatch(/^queue_jobs\{/m);

      // Back up: ioredis reconnects and the process reports ready again (and can then shut down cleanly).
      await proxy.up();
      await waitFor(async () => (await other.server!.inject('/readyz')).statusCode === 200, 15_000);
    },
  );

  it('echoes a sane x-request-id, replaces anything else with a UUID, on errors too', async () => {
    const own = await api.server.inject({ url: '/healthz', headers: { 'x-request-id': 'lb-1234.abc_DEF-9' } });
    expect(own.headers['x-request-id']).toBe('lb-1234.abc_DEF-9');
    const fresh = await api.server.inject('/healthz');
    expect(fresh.headers['x-request-id']).toMatch(UUID);
    for (const bad of ['x'.repeat(65), 'has space', 'semi;colon', '']) {
      const res = await api.server.inject({ url: '/api/auth/session', headers: { 'x-request-id': bad } });
      expect(res.statusCode).toBe(401);
      expect(res.headers['x-request-id']).toMatch(UUID);
    }
    const missing = await api.server.inject({ method: 'POST', url: '/no-such-route', headers: { 'x-request-id': 'trace-404' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['x-request-id']).toBe('trace-404');
  });
});

describe('request ids in logs', () => {
  it('binds the request id to every log line of the request as reqId', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const app = Fastify({ loggerInstance: pino(sink), ...requestIdOptions });
    await app.register(requestId);
    app.get('/work', async (request) => {
      request.log.info('working');
      return { id: request.id };
    });
    try {
      const res = await app.inject({ url: '/work', headers: { 'x-request-id': 'abc-123' } });
      expect(res.json()).toEqual({ id: 'abc-123' });
      expect(res.headers['x-request-id']).toBe('abc-123');
      const ours = lines.filter((l) => l.reqId === 'abc-123').map((l) => l.msg);
      expect(ours).toEqual(expect.arrayContaining(['incoming request', 'working', 'request completed']));
    } finally {
      await app.close();
    }
  });
});
