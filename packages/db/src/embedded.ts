import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { groupExtendedProtocol } from './embedded-grouping';

export interface EmbeddedPostgres {
  /** A normal Postgres URL on loopback; clients connect with `pg` as to any server. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder for the database files; omitted = in memory (tests). */
  dataDir?: string;
  port?: number;
  maxConnections?: number;
}

/** Runs PGlite (WASM Postgres) in this process and serves it on 127.0.0.1 through pglite-socket. */
export async function startEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<EmbeddedPostgres> {
  let dataDir: string | undefined;
  if (options.dataDir) {
    dataDir = join(options.dataDir, 'pg');
    await mkdir(dataDir, { recursive: true });
  }
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 100,
  });
  groupExtendedProtocol(server);
  await server.start();
  // getServerConn() returns "host:port" once listening (port 0 resolves to the real port).
  const conn = server.getServerConn();
  return {
    url: `postgres://postgres@${conn}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
