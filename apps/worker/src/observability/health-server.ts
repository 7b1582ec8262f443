import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface HealthServerOptions {
  host: string;
  /** 0 = any free port (tests); the caller decides whether to start one at all. */
  port: number;
  registry: Registry;
  isDraining(): boolean;
  /** Rejects when a dependency (database, queue backend) is unusable; its message becomes the 503 reason. */
  checkDependencies(): Promise<void>;
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The worker's only HTTP surface (node:http, no framework): /healthz for liveness, /readyz (503
 * while draining or while a dependency is down) and /metrics for Prometheus.
 */
export async function startHealthServer(opts: HealthServerOptions): Promise<HealthServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'method not allowed' });
    if (path === '/healthz') return json(res, 200, { status: 'ok', role: 'worker' });
    if (path === '/readyz') {
      if (opts.isDraining()) return json(res, 503, { ready: false, reason: 'draining' });
      opts.checkDependencies().then(
        () => json(res, 200, { ready: true }),
        (err: Error) => json(res, 503, { ready: false, reason: err.message }),
      );
      return;
    }
    if (path === '/metrics') {
      opts.registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': opts.registry.contentType });
          res.end(text);
        },
        (err: Error) => json(res, 500, { error: err.message }),
      );
      return;
    }
    json(res, 404, { error: 'not found' });
  });
  server.listen(opts.port, opts.host);
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Keep-alive scrapers would otherwise hold close() open.
        server.closeIdleConnections();
      }),
  };
}

function json(res: ServerResponse, status: number, body: object) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
