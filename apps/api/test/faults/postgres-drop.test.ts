import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TcpRelay, tcpRelay } from '../../../worker/test/support/relay';
import type { Running } from '../../src/boot/start';
import { createOrg, type Org, TestClient } from '../support/client';
import { apiProfiles, bootApi, TEST_DATABASE_URL, type TestApi, waitFor } from '../support/harness';
import { builtInTemplateId, current, startPractice } from '../support/interviews';

/**
 * The database goes away under a running API process: through a TCP relay that only this test's
 * process uses (the shared Postgres is never touched), and by pg_terminate_backend on every
 * connection of the test's own database.
 */
describe.runIf(apiProfiles.includes('scale-out'))('Postgres connections dropped under a running API (scale-out)', () => {
  let api: TestApi;
  let relay: TcpRelay;
  let other: Running;
  let org: Org;
  /** The candidate, talking to the process whose database connections go through the relay. */
  let client: TestClient;
  let interviewId: string;
  let itemId: string;
  let revision = 0;
  let database: string;

  beforeAll(async () => {
    api = await bootApi('scale-out', { ROLE: 'api' });
    org = await createOrg(api.server);
    [{ db: database }] = (await api.sql<{ db: string }>('select current_database() as db')) as [{ db: string }];
    const target = new URL(TEST_DATABASE_URL!);
    target.pathname = `/${database}`;
    relay = await tcpRelay(target);
    other = await api.startAnother({ DATABASE_URL: relay.url, ROLE: 'api' });
    client = new TestClient(other.server!);
    Object.assign(client, { cookie: org.candidate.cookie, csrf: org.candidate.csrf, session: org.candidate.session });
    const state = await startPractice(client, await builtInTemplateId(api, 'warm-up'));
    interviewId = state.id;
    itemId = current(state).id;
  });
  afterAll(async () => {
    // The process can only close its pools cleanly with the database reachable.
    await relay?.up();
    await api?.close();
    await relay?.close();
  });

  const saveDraft = () => client.put(`/api/interviews/${interviewId}/items/${itemId}/draft`, { text: `draft ${++revision}`, revision });
  const requests = () => [
    client.get(`/api/interviews/${interviewId}`),
    saveDraft(),
    client.post(`/api/interviews/${interviewId}/items/${itemId}/submit`, { text: 'not while the database is down' }),
    client.get('/api/auth/session'),
    client.get('/api/interviews'),
  ];

  async function recovered() {
    // Recovers by itself: no restart, no manual reconnect; reads and writes work again.
    await waitFor(async () => (await client.get(`/api/interviews/${interviewId}`)).statusCode === 200, 15_000);
    const saved = await client.ok<{ revision: number }>(saveDraft());
    expect(saved.revision).toBe(revision);
    const [row] = await api.sql<{ draft: string; draft_revision: number }>(
      'select draft, draft_revision from app.answers where item_id = $1',
      [itemId],
    );
    expect(row).toEqual({ draft: `draft ${revision}`, draft_revision: revision });
  }

  it('with the database unreachable every request answers 503 database_unavailable with Retry-After, then it recovers on its own', async () => {
    await client.ok(saveDraft());
    await relay.down();
    for (const res of await Promise.all(requests())) {
      const what = `${res.raw.req.method} ${res.raw.req.url} -> ${res.statusCode} ${res.body.slice(0, 200)}`;
      expect(res.statusCode, what).toBe(503);
      expect(res.headers['retry-after'], what).toBe('5');
      expect(res.json(), what).toEqual({
        error: { code: 'database_unavailable', message: 'The database is unavailable; retry shortly' },
      });
    }
    // The interview's answer is untouched by the refused submit.
    const [answer] = await api.sql<{ status: string }>('select status::text as status from app.answers where item_id = $1', [itemId]);
    expect(answer!.status).toBe('draft');

    await relay.up();
    await recovered();
  });

  it('pg_terminate_backend on every connection, in the middle of traffic: 200 or 503 only, and the next requests succeed', async () => {
    const statuses: number[] = [];
    let stop = false;
    const traffic = Array.from({ length: 4 }, async () => {
      while (!stop) {
        const res = await client.get(`/api/interviews/${interviewId}`);
        statuses.push(res.statusCode);
      }
    });
    await waitFor(async () => statuses.length > 10, 10_000);
    let killed = 0;
    for (let round = 0; round < 3; round++) {
      // Every other connection to this database: both processes' pools, through the relay or not.
      const rows = await api.sql('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [
        database,
      ]);
      killed += rows.length;
      await new Promise((r) => setTimeout(r, 150));
    }
    const before = statuses.length;
    await waitFor(async () => statuses.length > before + 20, 15_000);
    stop = true;
    await Promise.all(traffic);

    expect(killed).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    // The last requests all succeeded: the pools replaced the dead connections themselves.
    expect(statuses.slice(-10).every((s) => s === 200)).toBe(true);
    await recovered();
  });
});
