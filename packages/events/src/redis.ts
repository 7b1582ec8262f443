import { Redis } from 'ioredis';
import { createHandlerSet, type EventBus } from './bus';

const CHANNEL = 'interview:room-events';

/** Scale-out profile: Redis pub/sub reaches every API replica. */
export function createRedisEventBus(options: { url: string; onError?: (err: Error) => void }): EventBus {
  const handlers = createHandlerSet(() => options.onError?.(new Error('dropped an invalid event')));
  const publisher = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  let subscriber: Redis | null = null;
  publisher.on('error', (err) => options.onError?.(err));

  return {
    kind: 'redis',
    async publish(event) {
      await publisher.publish(CHANNEL, JSON.stringify(event));
    },
    subscribe(handler) {
      if (!subscriber) {
        subscriber = new Redis(options.url);
        subscriber.on('error', (err) => options.onError?.(err));
        subscriber.on('message', (channel, message) => {
          if (channel === CHANNEL) handlers.emitRaw(message);
        });
        void subscriber.subscribe(CHANNEL).catch((err) => options.onError?.(err as Error));
      }
      return handlers.add(handler);
    },
    async close() {
      await Promise.allSettled([publisher.quit(), subscriber?.quit()]);
    },
  };
}
