import { createHandlerSet, type EventBus } from './bus';

/** Embedded profile: API and worker share one process, so an in-process fan-out is enough. */
export function createMemoryEventBus(): EventBus {
  const handlers = createHandlerSet(() => {});
  return {
    kind: 'memory',
    async publish(event) {
      // Deliver asynchronously, like the networked buses, so publishers never run handlers inline.
      queueMicrotask(() => handlers.emit(event));
    },
    subscribe: (h) => handlers.add(h),
    async close() {},
  };
}
