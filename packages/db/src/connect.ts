import { createDb, type DbHandle } from './client';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded';
import { runMigrations } from './migrate';

export interface Connected extends DbHandle {
  url: string;
  embedded: EmbeddedPostgres | null;
}

/**
 * A migrated database on either profile: `databaseUrl` when given, otherwise PGlite under
 * `dataDir` served on loopback. The app, the CLIs and the tests all open databases this way.
 */
export async function connectDatabase(options: {
  databaseUrl?: string;
  dataDir?: string;
  poolMax?: number;
  onPoolError?: (err: Error) => void;
}): Promise<Connected> {
  const embedded = options.databaseUrl ? null : await startEmbeddedPostgres({ dataDir: options.dataDir });
  const url = options.databaseUrl ?? embedded!.url;
  const handle = createDb(url, { max: options.poolMax, onPoolError: options.onPoolError });
  try {
    await runMigrations(handle.pool);
  } catch (err) {
    await handle.close();
    await embedded?.stop();
    throw err;
  }
  return {
    ...handle,
    url,
    embedded,
    async close() {
      await handle.close();
      await embedded?.stop();
    },
  };
}
