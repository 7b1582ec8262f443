import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay on 127.0.0.1 in front of a shared service (Postgres, Redis). A test takes the
 * service away from one process by cutting the relay, without touching the real server that
 * other suites use at the same time.
 */
export interface TcpRelay {
  port: number;
  /** `target` with host and port replaced by the relay's. */
  url: string;
  /** Whether the relay is accepting connections. */
  readonly isUp: boolean;
  /** Stops accepting (connections are refused) and destroys every open connection. */
  down(): Promise<void>;
  /** Accepts again, on the same port. */
  up(): Promise<void>;
  /** Destroys the open connections but keeps accepting new ones (a dropped-connections blip). */
  cut(): void;
  close(): Promise<void>;
}

export async function tcpRelay(target: string | URL): Promise<TcpRelay> {
  const to = new URL(target);
  const targetPort = Number(to.port || (to.protocol.startsWith('redis') ? 6379 : 5432));
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const cut = () => {
    for (const s of sockets) s.destroy();
  };
  const up = () =>
    new Promise<void>((resolve, reject) => {
      if (server) return resolve();
      const srv = createServer((client) => {
        const upstream = connect(targetPort, to.hostname);
        track(client);
        track(upstream);
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        port = (srv.address() as { port: number }).port;
        server = srv;
        resolve();
      });
    });
  const down = () =>
    new Promise<void>((resolve) => {
      const srv = server;
      server = null;
      cut();
      srv ? srv.close(() => resolve()) : resolve();
    });
  await up();
  const url = new URL(to);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    port,
    url: url.toString(),
    get isUp() {
      return server !== null;
    },
    down,
    up,
    cut,
    close: down,
  };
}
