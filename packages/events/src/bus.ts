import { RoomEvent } from '@interview/contracts/events';

export type EventHandler = (event: RoomEvent) => void;

/** Fan-out of room events from workers to every API process. */
export interface EventBus {
  kind: 'memory' | 'postgres' | 'redis';
  publish(event: RoomEvent): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(handler: EventHandler): () => void;
  close(): Promise<void>;
}

/** Shared handler bookkeeping and validation of what arrives off the wire. */
export function createHandlerSet(onInvalid: (raw: string) => void) {
  const handlers = new Set<EventHandler>();
  return {
    add(handler: EventHandler) {
      handlers.add(handler);
      return () => void handlers.delete(handler);
    },
    emit(event: RoomEvent) {
      for (const h of handlers) h(event);
    },
    /** Messages from the network are untrusted until they parse as a RoomEvent. */
    emitRaw(raw: string) {
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return onInvalid(raw);
      }
      const parsed = RoomEvent.safeParse(json);
      if (parsed.success) this.emit(parsed.data);
      else onInvalid(raw);
    },
  };
}
