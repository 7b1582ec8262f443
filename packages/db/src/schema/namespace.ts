import { pgSchema } from 'drizzle-orm/pg-core';

/**
 * Every app table lives in the `app` schema and every query is schema-qualified.
 * pglite-socket multiplexes all clients onto one session, so a per-connection
 * search_path never applies; qualified names keep us immune to it and let
 * BullMQ's tables live in `public` (embedded) or `bullmq` (Postgres) beside ours.
 */
export const app = pgSchema('app');
