import type { InterviewState } from '@interview/contracts/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepUngradedAnswers } from '../../../worker/src/index';
import { freePort, onPath, RedisServer } from '../../../worker/test/support/processes';
import { gradeAnyQuestion, ScriptedLlm, slow } from '../../../worker/test/support/scripted-llm';
import type { Running } from '../../src/boot/start';
import { createOrg, type Org, TestClient } from '../support/client';
import { apiProfiles, bootApi, type TestApi, waitFor } from '../support/harness';
import { createShortTemplate, current } from '../support/interviews';

const INTERVIEWS = 3;
const QUESTIONS = 8;
const silent = { info() {}, warn() {}, error() {} };

/**
 * A real Redis restart in the middle of a run: a redis-server of this test's own (no persistence,
 * so every queued job is lost with it), never the shared one. The API + worker process submits
 * and grades through it; answers submitted before, during and after the outage must all end
 * graded exactly once, with the sweeper re-enqueueing whatever the restart lost.
 */
describe.runIf(apiProfiles.includes('scale-out') && onPath('redis-server'))('Redis restarted mid-run (scale-out, own redis-server)', () => {
  let api: TestApi;
  let redis: RedisServer;
  let llm: ScriptedLlm;
  let proc: Running;
  let org: Org;
  let client: TestClient;

  beforeAll(async () => {
    redis = await new RedisServer(await freePort()).start();
    llm = await new ScriptedLlm(slow(300, gradeAnyQuestion)).start();
    const llmEnv = { LLM_BASE_URL: llm.baseURL, LLM_MODEL: 'scripted-model', LLM_API_KEY: 'test-key' };
    api = await bootApi('scale-out', { ROLE: 'api', ...llmEnv });
    org = await createOrg(api.server);
    // The process under test: API and worker (ROLE=all) on the database, with jobs and events in the private Redis.
    proc = await api.startAnother({ REDIS_URL: redis.url, ROLE: 'all', WORKER_CONCURRENCY: '4' });
    client = new TestClient(proc.server!);
    Object.assign(client, { cookie: org.candidate.cookie, csrf: org.candidate.csrf, session: org.candidate.session });
  });
  afterAll(async () => {
    // Closing BullMQ connections needs Redis up.
    if (redis && !redis.running) await redis.start();
    await api?.close();
    await redis?.stop();
    await llm?.close();
  });

  it('answers submitted before, during and after the restart are all graded, one grade each', async () => {
    const templateId = await createShortTemplate(api, {
      orgId: org.owner.orgId,
      limitsSec: Array.from({ length: QUESTIONS }, () => 600),
      totalSec: 7_200,
      answerModes: ['typed'],
    });
    const interviews: InterviewState[] = [];
    for (let i = 0; i < INTERVIEWS; i++) {
      const created = await client.ok<InterviewState>(client.post('/api/interviews/practice', { templateId }), 201);
      interviews.push(await client.ok<InterviewState>(client.post(`/api/interviews/${created.id}/start`)));
    }
    const answerIds: string[] = [];
    const submitRound = async (round: number) => {
      for (const [i, state] of interviews.entries()) {
        const item = current(state);
        const res = await client.post(`/api/interviews/${state.id}/items/${item.id}/submit`, {
          text: `Finalizers keep the pod Terminating until their controller removes them (round ${round}, interview ${i}).`,
        });
        // Redis is never on the submit's critical path: the answer is committed first, the enqueue may fail.
        expect(res.statusCode, res.body).toBe(200);
        const next = (res.json() as { state: InterviewState }).state;
        answerIds.push(next.items.find((x) => x.id === item.id)!.answer!.id);
        interviews[i] = next;
      }
    };

    for (let round = 0; round < 3; round++) await submitRound(round);
    await llm.received(2);
    // Mid-run: jobs waiting and in flight; the restart loses every one of them.
    await redis.stop();
    for (let round = 3; round < 5; round++) await submitRound(round);
    await redis.start();
    for (let round = 5; round < QUESTIONS; round++) await submitRound(round);

    // The worker's periodic sweeper, run by hand with no grace, until everything lost is re-enqueued and graded.
    const sweep = () => sweepUngradedAnswers({ db: proc.database.db, queues: proc.queues, log: silent }, { graceMs: 0, limit: 500 });
    let resent = 0;
    await waitFor(async () => {
      resent = Math.max(resent, (await sweep().catch(() => 0)) ?? 0);
      const [row] = await api.sql<{ n: number }>(
        "select count(*)::int as n from app.answers where id = any($1::uuid[]) and status = 'graded'",
        [answerIds],
      );
      return row!.n === answerIds.length;
    }, 60_000);

    expect(answerIds).toHaveLength(INTERVIEWS * QUESTIONS);
    // At least the answers submitted while Redis was down had to be re-enqueued by the sweeper.
    expect(resent).toBeGreaterThanOrEqual(2 * INTERVIEWS);
    const grades = await api.sql<{ answer_id: string; n: number; status: string }>(
      'select answer_id, count(*)::int as n, min(status::text) as status from app.grades where answer_id = any($1::uuid[]) group by answer_id',
      [answerIds],
    );
    expect(grades).toHaveLength(answerIds.length);
    for (const g of grades) expect(g).toMatchObject({ n: 1, status: 'done' });
    // Nothing is left to sweep, nothing failed, and the interviews finished normally.
    expect(await sweep()).toBe(0);
    expect(await proc.queues.queue('grade-answer').getJobCounts('waiting', 'active', 'failed')).toEqual({
      waiting: 0,
      active: 0,
      failed: 0,
    });
    for (const state of interviews) expect(state.status).toBe('completed');
  }, 120_000);
});
