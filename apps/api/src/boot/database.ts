import type { AppConfig } from '@interview/config';
import { createDb, type DbHandle, runMigrations } from '@interview/db';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '@interview/db/embedded';

export interface Database extends DbHandle {
  /** Where BullMQ's Postgres backend connects, and which schema it uses there. */
  queueConnection: { connectionString: string; schema: string };
  embedded: EmbeddedPostgres | null;
}

/** Embedded PGlite or a real Postgres, migrated and ready; one code path after this. */
export async function openDatabase(
  config: Pick<AppConfig, 'profile' | 'dataDir' | 'env'>,
  onPoolError: (err: Error) => void,
): Promise<Database> {
  const embedded = config.profile === 'embedded' ? await startEmbeddedPostgres({ dataDir: config.dataDir }) : null;
  const url = embedded?.url ?? config.env.DATABASE_URL!;
  const handle = createDb(url, { max: config.env.DATABASE_POOL_MAX, onPoolError });
  await runMigrations(handle.pool);
  return {
    ...handle,
    embedded,
    queueConnection: { connectionString: url, schema: embedded ? 'public' : config.env.QUEUE_PG_SCHEMA },
    async close() {
      await handle.close();
      await embedded?.stop();
    },
  };
}
