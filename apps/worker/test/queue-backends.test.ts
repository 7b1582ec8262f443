import { loadConfig } from '@interview/config';
import type { RoomEvent } from '@interview/contracts/events';
import { gradeJobId } from '@interview/contracts/jobs';
import { createDb, type DbHandle, runMigrations } from '@interview/db';
import { getGrade } from '@interview/db/queries/grades';
import { createTestDatabase, type TestDatabase } from '@interview/db/testing';
import { createMemoryEventBus, createPostgresEventBus, createRedisEventBus, type EventBus } from '@interview/events';
import { createQueueRuntime, type QueueBackendOptions, type QueueRuntime } from '@interview/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, TEST_DATABASE_URL, TEST_REDIS_URL, waitFor } from '../../../packages/db/test/support';
import { createGrader, startWorkers } from '../src/index';
import { createSubmittedAnswers } from './fixtures';

const silent = { info() {}, warn() {}, error() {} };

type Case = { name: string; db: 'embedded' | 'postgres'; queue: 'postgres' | 'redis' };
const cases: Case[] = [
  ...dbKinds.map((db) => ({ name: `${db} database, BullMQ Postgres backend`, db, queue: 'postgres' as const })),
  ...(TEST_DATABASE_URL && TEST_REDIS_URL
    ? [{ name: 'postgres database, BullMQ on Redis', db: 'postgres' as const, queue: 'redis' as const }]
    : []),
];

describe.each(cases)('grade-answer job on $name', ({ db: dbKind, queue: queueKind }) => {
  let testDb: TestDatabase;
  let handle: DbHandle;
  let queues: QueueRuntime;
  let events: EventBus;

  beforeAll(async () => {
    testDb = await createTestDatabase(dbKind, TEST_DATABASE_URL);
    handle = createDb(testDb.url, { max: 5 });
    await runMigrations(handle.pool);
    const prefix = `t${crypto.randomUUID().slice(0, 8)}-`;
    const backend: QueueBackendOptions =
      queueKind === 'redis' ? { kind: 'redis', url: TEST_REDIS_URL! } : { kind: 'postgres', ...testDb.queue };
    queues = createQueueRuntime({ ...backend, prefix });
    // Each profile's event transport: in-process (embedded), LISTEN/NOTIFY (postgres), pub/sub (redis).
    events =
      queueKind === 'redis'
        ? createRedisEventBus({ url: TEST_REDIS_URL! })
        : dbKind === 'postgres'
          ? createPostgresEventBus({ connectionString: testDb.url, pool: handle.pool })
          : createMemoryEventBus();
  });

  afterAll(async () => {
    if (queueKind === 'redis') await Promise.all((['grade-answer'] as const).map((q) => queues.queue(q).obliterate({ force: true })));
    await queues?.close();
    await events?.close();
    await handle?.close();
    await testDb?.drop();
  });

  it('is processed by a real worker and the grade lands in Postgres, exactly once', async () => {
    const { answers, question } = await createSubmittedAnswers(handle.db, ['placeholder']);
    // A real answer: the question's own reference answer.
    await handle.pool.query('update app.answers set text = $1 where id = $2', [question.referenceAnswer, answers[0]!.answerId]);
    const target = answers[0]!;
    const received: RoomEvent[] = [];
    events.subscribe((e) => received.push(e));
    await new Promise((r) => setTimeout(r, 300)); // let the LISTEN / SUBSCRIBE connection settle
    const workers = startWorkers({
      db: handle.db,
      queues,
      events,
      grader: createGrader(loadConfig({}).env),
      transcriber: null,
      log: silent,
      env: { WORKER_CONCURRENCY: 2, WORKER_RATE_LIMIT_PER_SEC: 0 },
    });
    try {
      const jobId = gradeJobId(target.answerId, target.rubricVersionId);
      // Enqueued twice with the same id: BullMQ dedupes, and the grade write is an upsert anyway.
      await queues.add('grade-answer', { ...target, reason: 'submit' }, { jobId });
      await queues.add('grade-answer', { ...target, reason: 'submit' }, { jobId });
      const grade = await waitFor(async () => {
        const g = await getGrade(handle.db, target);
        return g?.status === 'done' ? g : null;
      });
      expect(grade.grader).toBe('offline');
      expect(grade.total).toBeGreaterThanOrEqual(85);
      expect(grade.criteria.length).toBe(question.rubric.criteria.length);
      const { rows } = await handle.pool.query('select count(*)::int as n from app.grades where answer_id = $1', [target.answerId]);
      expect(rows[0].n).toBe(1);
      const { rows: ans } = await handle.pool.query('select status from app.answers where id = $1', [target.answerId]);
      expect(ans[0].status).toBe('graded');
      // The room hears about it through the profile's event bus.
      const event = await waitFor(async () => received.find((e) => 'answerId' in e && e.answerId === target.answerId));
      expect(event).toMatchObject({ type: 'grade.ready', status: 'done', rubricVersionId: target.rubricVersionId });
    } finally {
      await workers.close();
    }
  });

  it('rejects a payload that breaks the job contract before it reaches the queue', async () => {
    await expect(queues.add('grade-answer', { answerId: 'nope', rubricVersionId: 'x' } as never)).rejects.toThrow(/uuid|UUID/i);
  });
});
