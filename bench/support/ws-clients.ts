/**
 * K WebSocket clients in a process of their own (so the load generator never shares an event
 * loop with the server it measures). Driven by `startWsClients` over IPC:
 *   connect → { type: 'connected' }, go → { type: 'done', stats }, close → exits.
 * Each client saves a draft every `intervalMs` (random phase) and times draft.save → draft.saved.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

export interface WsClientsSpec {
  /** ws://127.0.0.1:port */
  url: string;
  rooms: { path: string; itemId: string }[];
  headers: Record<string, string>;
  /** Wait for the server's first frame (the room's `state`) before counting a client as connected. */
  waitForFirstFrame: boolean;
  intervalMs: number;
  connectConcurrency: number;
  text: string;
}

export interface WsConnectStats {
  connected: number;
  failed: number;
  seconds: number;
  firstError: string | null;
}

export interface WsRunStats {
  sent: number;
  saved: number;
  errors: number;
  firstError: string | null;
  rtts: number[];
  closed: number;
  /** This process's CPU while sending, ms. */
  cpuMs: number;
}

interface Client {
  ws: WebSocket;
  itemId: string;
  revision: number;
  pending: Map<number, number>;
}

async function connectAll(spec: WsClientsSpec, clients: Client[], stats: WsRunStats): Promise<WsConnectStats> {
  const started = performance.now();
  let next = 0;
  let failed = 0;
  let firstError: string | null = null;
  const one = (room: { path: string; itemId: string }) =>
    new Promise<Client>((resolve, reject) => {
      const ws = new WebSocket(`${spec.url}${room.path}`, { headers: spec.headers, perMessageDeflate: false });
      const client: Client = { ws, itemId: room.itemId, revision: 0, pending: new Map() };
      let ready = false;
      ws.once('unexpected-response', (req, res) => {
        req.destroy();
        reject(new Error(`upgrade refused: ${res.statusCode}`));
      });
      ws.once('error', (err) => {
        if (!ready) reject(err);
      });
      ws.once('open', () => {
        if (!spec.waitForFirstFrame) {
          ready = true;
          resolve(client);
        }
      });
      ws.on('message', (data) => {
        if (!ready) {
          ready = true;
          return resolve(client);
        }
        const msg = JSON.parse(data.toString()) as { type: string; revision?: number; code?: string; message?: string };
        if (msg.type === 'draft.saved' && msg.revision !== undefined) {
          const sentAt = client.pending.get(msg.revision);
          if (sentAt !== undefined) {
            client.pending.delete(msg.revision);
            stats.rtts.push(performance.now() - sentAt);
            stats.saved++;
          }
        } else if (msg.type === 'error') {
          stats.errors++;
          stats.firstError ??= `${msg.code}: ${msg.message}`;
        }
      });
      ws.on('close', () => {
        if (ready) stats.closed++;
      });
    });
  const lanes = Array.from({ length: spec.connectConcurrency }, async () => {
    while (next < spec.rooms.length) {
      const room = spec.rooms[next++]!;
      try {
        clients.push(await one(room));
      } catch (err) {
        failed++;
        firstError ??= (err as Error).message;
      }
    }
  });
  await Promise.all(lanes);
  return { connected: clients.length, failed, seconds: (performance.now() - started) / 1000, firstError };
}

function sendLoop(spec: WsClientsSpec, clients: Client[], stats: WsRunStats) {
  const timers: NodeJS.Timeout[] = [];
  for (const c of clients) {
    const save = () => {
      if (c.ws.readyState !== WebSocket.OPEN) return;
      c.revision++;
      c.pending.set(c.revision, performance.now());
      stats.sent++;
      c.ws.send(JSON.stringify({ type: 'draft.save', itemId: c.itemId, text: spec.text, revision: c.revision }));
    };
    // A random phase, so the saves are spread evenly over each interval.
    timers.push(
      setTimeout(() => {
        save();
        timers.push(setInterval(save, spec.intervalMs));
      }, Math.random() * spec.intervalMs),
    );
  }
  return () => {
    for (const t of timers) clearTimeout(t);
  };
}

if (process.argv.includes('--child')) {
  let spec: WsClientsSpec;
  const clients: Client[] = [];
  const stats: WsRunStats = { sent: 0, saved: 0, errors: 0, firstError: null, rtts: [], closed: 0, cpuMs: 0 };
  let stop: (() => void) | null = null;
  let cpu: NodeJS.CpuUsage | null = null;
  process.on('message', async (msg: { type: string; spec?: WsClientsSpec }) => {
    if (msg.type === 'connect') {
      spec = msg.spec!;
      process.send?.({ type: 'connected', stats: await connectAll(spec, clients, stats) });
    } else if (msg.type === 'go') {
      cpu = process.cpuUsage();
      stop = sendLoop(spec, clients, stats);
    } else if (msg.type === 'stop') {
      stop?.();
      // Let the last replies arrive.
      await new Promise((r) => setTimeout(r, 2_000));
      const d = process.cpuUsage(cpu ?? undefined);
      stats.cpuMs = (d.user + d.system) / 1000;
      process.send?.({ type: 'done', stats });
    } else if (msg.type === 'close') {
      for (const c of clients) c.ws.terminate();
      process.exit(0);
    }
  });
}

export interface WsClients {
  connect(): Promise<WsConnectStats>;
  go(): void;
  stop(): Promise<WsRunStats>;
  close(): Promise<void>;
}

export function startWsClients(spec: WsClientsSpec): WsClients {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--child'], {
    execArgv: ['--import', 'tsx', '--max-old-space-size=4096'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const reply = async <T>(type: string): Promise<T> => {
    for (;;) {
      const [msg] = (await once(child, 'message')) as [{ type: string; stats: T }];
      if (msg.type === type) return msg.stats;
    }
  };
  return {
    async connect() {
      const r = reply<WsConnectStats>('connected');
      child.send({ type: 'connect', spec });
      return r;
    },
    go() {
      child.send({ type: 'go' });
    },
    async stop() {
      const r = reply<WsRunStats>('done');
      child.send({ type: 'stop' });
      return r;
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.send({ type: 'close' });
      await exited;
    },
  };
}
