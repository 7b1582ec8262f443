import type { AppConfig } from '@interview/config';
import { type Connected, connectDatabase } from '@interview/db';

export interface Database extends Connected {
  /** Where BullMQ's Postgres backend connects, and which schema it uses there. */
  queueConnection: { connectionString: string; schema: string; drainDelaySec?: number };
}

/** Embedded PGlite or a real Postgres, migrated and ready; one code path after this. */
export async function openDatabase(
  config: Pick<AppConfig, 'profile' | 'dataDir' | 'env'>,
  onPoolError: (err: Error) => void,
): Promise<Database> {
  const db = await connectDatabase({
    databaseUrl: config.env.DATABASE_URL,
    dataDir: config.dataDir,
    poolMax: config.env.DATABASE_POOL_MAX,
    onPoolError,
  });
  // pglite-socket shares one session between clients, so BullMQ's per-connection search_path
  // never applies there: it must use `public` (see BRIEF, runtime profiles).
  const queueConnection = db.embedded
    ? { connectionString: db.url, schema: 'public', drainDelaySec: 1 }
    : { connectionString: db.url, schema: config.env.QUEUE_PG_SCHEMA };
  return { ...db, queueConnection };
}
