import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded';

export type TestDbKind = 'embedded' | 'postgres';

export interface TestDatabase {
  kind: TestDbKind;
  url: string;
  /** Schema BullMQ's Postgres backend must use on this database. */
  queueSchema: string;
  /** BullMQ Postgres-backend connection for this database (see @interview/queue). */
  queue: { connectionString: string; schema: string; drainDelaySec?: number };
  drop(): Promise<void>;
}

/**
 * A fresh, isolated database per test file: an in-memory PGlite served on loopback, or a new
 * database created on the Postgres named by `adminUrl` (dropped afterwards).
 */
export async function createTestDatabase(kind: TestDbKind, adminUrl?: string): Promise<TestDatabase> {
  if (kind === 'embedded') {
    const embedded = await startEmbeddedPostgres();
    const queue = { connectionString: embedded.url, schema: 'public', drainDelaySec: 1 };
    return { kind, url: embedded.url, queueSchema: queue.schema, queue, drop: () => embedded.stop() };
  }
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is required for Postgres tests');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    queueSchema: 'bullmq',
    queue: { connectionString: url.toString(), schema: 'bullmq' },
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
