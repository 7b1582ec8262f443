import type { ServerMessage } from '@interview/contracts/api';
import WebSocket from 'ws';

type Msg<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

/** A real WebSocket client on the listening server, recording every frame it receives. */
export class RoomClient {
  readonly messages: ServerMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()) as ServerMessage);
      for (const w of this.waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static open(baseUrl: string, interviewId: string, headers: Record<string, string> = {}) {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws/interviews/${interviewId}`, { headers });
    const client = new RoomClient(ws);
    return new Promise<RoomClient>((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (req, res) => {
        // With this listener ws leaves the request open; end it so the server can shut down.
        req.destroy();
        reject(new Error(`upgrade refused: ${res.statusCode}`));
      });
      ws.once('error', reject);
    });
  }

  send(frame: unknown) {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame (already received or still to come) of a type that matches. */
  async next<T extends ServerMessage['type']>(type: T, match: (m: Msg<T>) => boolean = () => true, timeoutMs = 10_000): Promise<Msg<T>> {
    const until = Date.now() + timeoutMs;
    let seen = 0;
    for (;;) {
      for (; seen < this.messages.length; seen++) {
        const m = this.messages[seen]!;
        if (m.type === type && match(m as Msg<T>)) {
          this.messages.splice(seen, 1);
          return m as Msg<T>;
        }
      }
      const left = until - Date.now();
      if (left <= 0) throw new Error(`no ${type} frame; got ${JSON.stringify(this.messages.map((m) => m.type))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close() {
    this.ws.close();
    return this.closed;
  }
}
