import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

type Enqueue = (handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void) => Promise<number>;

// Frontend messages of the extended query protocol that come before their Sync.
const PARSE = 0x50;
const BIND = 0x42;
const DESCRIBE = 0x44;
const EXECUTE = 0x45;
const CLOSE = 0x43;
const BEFORE_SYNC = new Set([PARSE, BIND, DESCRIBE, EXECUTE, CLOSE]);

/**
 * pglite-socket queues every wire message on its own, so with several clients their
 * extended-protocol sequences (Parse/Bind/Execute … Sync) interleave on PGlite's single session
 * and fail with "unnamed prepared statement does not exist" or "portal does not exist".
 * This holds each client's messages until its Sync (or any other message) and runs the whole
 * group as one unit of the shared queue, which is what the protocol assumes.
 */
export function groupExtendedProtocol(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: { enqueue: Enqueue; clearQueueForHandler(id: number): void } }).queryQueue;
  const enqueue = queue.enqueue.bind(queue);
  const clear = queue.clearQueueForHandler.bind(queue);
  const pending = new Map<number, Uint8Array[]>();

  queue.enqueue = (handlerId, message, onData) => {
    const held = pending.get(handlerId);
    if (BEFORE_SYNC.has(message[0]!)) {
      if (held) held.push(message);
      else pending.set(handlerId, [message]);
      return Promise.resolve(0);
    }
    if (!held) return enqueue(handlerId, message, onData);
    pending.delete(handlerId);
    return enqueue(handlerId, Buffer.concat([...held, message]), onData);
  };
  queue.clearQueueForHandler = (handlerId) => {
    pending.delete(handlerId);
    clear(handlerId);
  };
}
