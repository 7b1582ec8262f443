import { randomUUID } from 'node:crypto';
import { QUEUE_NAMES } from '@interview/contracts/jobs';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import adminRoutes from '../src/features/admin/admin.routes';
import { createOrg, type Org, TestClient } from './support/client';
import { apiProfiles, bootApi, type TestApi } from './support/harness';

interface QueueHealthBody {
  backend: string;
  checkedAt: string;
  queues: { name: string; up: boolean; counts: Record<string, number> | null; error: string | null }[];
}

describe.each(apiProfiles)('admin queue health (%s)', (profile) => {
  let api: TestApi;
  let org: Org;
  beforeAll(async () => {
    api = await bootApi(profile);
    org = await createOrg(api.server);
  });
  afterAll(async () => api?.close());

  it('answers 401 without a session and 403 below admin, with a JSON error body', async () => {
    const anonymous = await new TestClient(api.server).get('/api/admin/queues');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('unauthorized');
    for (const member of [org.reviewer, org.candidate]) {
      const res = await member.get('/api/admin/queues');
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'forbidden', message: expect.any(String) });
    }
  });

  it('lists job counts per queue and state for admins and owners', async () => {
    // A deadline far in the future stays delayed for the whole test.
    await api.running.queues.add('item-deadline', { itemId: randomUUID(), interviewId: randomUUID() }, { delay: 3_600_000 });
    for (const member of [org.admin, org.owner]) {
      const body = await member.ok<QueueHealthBody>(member.get('/api/admin/queues'));
      expect(body.backend).toBe(profile === 'scale-out' ? 'redis' : 'postgres');
      expect(Number.isNaN(Date.parse(body.checkedAt))).toBe(false);
      expect(body.queues.map((q) => q.name)).toEqual([...QUEUE_NAMES]);
      for (const q of body.queues) {
        expect(q, q.name).toMatchObject({ up: true, error: null });
        expect(Object.keys(q.counts ?? {}).sort(), q.name).toEqual(['active', 'completed', 'delayed', 'failed', 'waiting']);
      }
      expect(body.queues.find((q) => q.name === 'item-deadline')?.counts?.delayed).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('admin queue health when the backend hangs', () => {
  it('reports the queue as down within the timeout instead of hanging', async () => {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    const never = new Promise<never>(() => {});
    await app.register(adminRoutes, {
      queues: { backend: 'redis', queue: (() => ({ getJobCounts: () => never })) as never },
    });
    const started = Date.now();
    const res = await app.inject('/api/admin/queues');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(res.statusCode).toBe(200);
    const body = res.json() as QueueHealthBody;
    expect(body.queues).toHaveLength(QUEUE_NAMES.length);
    for (const q of body.queues) expect(q).toMatchObject({ up: false, counts: null, error: expect.stringContaining('did not answer') });
    await app.close();
  });
});
