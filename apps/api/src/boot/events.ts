import type { AppConfig } from '@interview/config';
import { createMemoryEventBus, createPostgresEventBus, createRedisEventBus, type EventBus } from '@interview/events';
import type { Database } from './database';

/** Room events travel in-process (embedded), by LISTEN/NOTIFY (postgres) or Redis pub/sub (scale-out). */
export function createEventBus(
  config: Pick<AppConfig, 'profile' | 'env'>,
  database: Pick<Database, 'url' | 'pool'>,
  onError: (err: Error) => void,
): EventBus {
  if (config.profile === 'embedded') return createMemoryEventBus();
  if (config.profile === 'scale-out') return createRedisEventBus({ url: config.env.REDIS_URL!, onError });
  return createPostgresEventBus({ connectionString: database.url, pool: database.pool, onError });
}
