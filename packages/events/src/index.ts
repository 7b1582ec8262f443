export type { EventBus, EventHandler } from './bus';
export { createMemoryEventBus } from './memory';
export { createPostgresEventBus } from './postgres';
export { createRedisEventBus } from './redis';
