import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../src/embedded';

describe('embedded PGlite served to many pg clients at once', () => {
  let embedded: EmbeddedPostgres;
  beforeAll(async () => {
    embedded = await startEmbeddedPostgres();
  });
  afterAll(async () => {
    await embedded?.stop();
  });

  it('keeps parameterised (extended-protocol) queries from different connections apart', async () => {
    const pools = Array.from({ length: 6 }, () => new pg.Pool({ connectionString: embedded.url, max: 4 }));
    try {
      await pools[0]!.query('create table if not exists t (id int primary key, v text)');
      const work = pools.flatMap((pool, p) =>
        Array.from({ length: 50 }, async (_, i) => {
          const id = p * 1000 + i;
          // Different statement text per connection pool: a Bind that lands on another client's
          // unnamed statement would store or return the wrong shape.
          await pool.query(`insert into t (id, v) values ($1, $2 || '-p${p}')`, [id, `v${id}`]);
          const { rows } = await pool.query(`select v, ${p}::int as pool from t where id = $1`, [id]);
          return rows[0]?.v === `v${id}-p${p}` && rows[0]?.pool === p;
        }),
      );
      // Simple-protocol queries (no parameters) from another pool drop the session's unnamed
      // statement; interleaved between someone's Parse and Bind they break that query.
      const simple = Array.from({ length: 200 }, () => pools[5]!.query('select count(*) from t').then(() => true));
      // Transactions make the socket server favour one client until COMMIT, reordering the rest.
      const transactions = Array.from({ length: 40 }, async (_, i) => {
        const client = await pools[5]!.connect();
        try {
          await client.query('begin');
          await client.query('insert into t (id, v) values ($1, $2)', [100_000 + i, 'tx']);
          await client.query('commit');
          return true;
        } finally {
          client.release();
        }
      });
      const results = await Promise.all([...work, ...simple, ...transactions]);
      expect(results.every(Boolean)).toBe(true);
      const { rows } = await pools[0]!.query('select count(*)::int as n from t');
      expect(rows[0].n).toBe(340);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('still serialises a transaction against other clients', async () => {
    const a = new pg.Client({ connectionString: embedded.url });
    const b = new pg.Client({ connectionString: embedded.url });
    await a.connect();
    await b.connect();
    try {
      await a.query('create table if not exists tx (n int)');
      await a.query('begin');
      await a.query('insert into tx values ($1)', [1]);
      const other = b.query('select count(*)::int as n from tx');
      await a.query('rollback');
      expect((await other).rows[0].n).toBe(0);
    } finally {
      await a.end();
      await b.end();
    }
  });
});
