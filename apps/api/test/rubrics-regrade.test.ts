import { gradeJobId } from '@interview/contracts/jobs';
import type { RubricDefinition } from '@interview/contracts/rubric';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, type Org, TestClient } from './support/client';
import { apiProfiles, bootApi, type TestApi, waitFor } from './support/harness';

type Rubric = { id: string; draft: { id: string } | null; latestPublished: { id: string } | null };
type Accepted = { jobId: string | null; jobIds: string[]; answerCount: number };
type Diff = {
  version: { id: string };
  baseVersion: { id: string } | null;
  answers: {
    answerId: string;
    baseVersionId: string;
    status: string;
    oldTotal: number | null;
    newTotal: number | null;
    delta: number | null;
    criteria: { key: string; old: number | null; new: number | null; delta: number | null }[];
    changed: boolean;
  }[];
  summary: { n: number; compared: number; meanDelta: number | null; changed: number };
};

const WEAK = 'Direct server return means the server answers the client directly. It is hard in Kubernetes.';

describe.each(apiProfiles)('rubrics: regrading answers under a new version (%s)', (profile) => {
  let api: TestApi;
  let acme: Org;
  let globex: Org;
  let questionId: string;
  let otherQuestionId: string;
  let templateId: string;
  let builtInVersionId: string;
  let reference: string;
  let acmeAnswers: string[];
  let acmeFollowup: string;
  let acmeOtherQuestion: string;
  let globexAnswers: string[];
  let v1: string;

  /** An interview of `org` with one submitted typed answer per text, items pinned to `versionId`. */
  async function seedAnswers(org: Org, texts: string[], opts: { question?: string; followupOf?: string } = {}) {
    const [interview] = await api.sql<{ id: string }>(
      `insert into app.interviews (org_id, template_id, candidate_id, mode, status, started_at, finished_at)
       values ($1, $2, $3, 'practice', 'completed', now(), now()) returning id`,
      [org.admin.orgId, templateId, org.candidate.userId],
    );
    const ids: string[] = [];
    for (const [i, text] of texts.entries()) {
      const parent = opts.followupOf
        ? (await api.sql<{ item_id: string }>('select item_id from app.answers where id = $1', [opts.followupOf]))[0]!.item_id
        : null;
      const [item] = await api.sql<{ id: string }>(
        `insert into app.interview_items (interview_id, position, kind, parent_item_id, question_id, rubric_version_id, time_limit_sec, status)
         values ($1, $2, $3, $4, $5, $6, 300, 'submitted') returning id`,
        [interview!.id, i * 10, parent ? 'followup' : 'question', parent, opts.question ?? questionId, builtInVersionId],
      );
      const [answer] = await api.sql<{ id: string }>(
        `insert into app.answers (item_id, mode, draft, text, status, submitted_at)
         values ($1, 'typed', $2, $2, 'submitted', now() - interval '1 minute') returning id`,
        [item!.id, text],
      );
      ids.push(answer!.id);
    }
    return ids;
  }

  const doneGrades = (versionId: string, answerIds: string[]) =>
    api.sql<{ answer_id: string; total: number; criteria: { key: string; score: number | null }[] }>(
      "select answer_id, total, criteria from app.grades where rubric_version_id = $1 and answer_id = any($2::uuid[]) and status = 'done'",
      [versionId, answerIds],
    );

  async function gradeNow(answerIds: string[], versionId: string) {
    for (const answerId of answerIds) {
      await api.running.queues.add('grade-answer', { answerId, rubricVersionId: versionId }, { jobId: gradeJobId(answerId, versionId) });
    }
    await waitFor(async () => (await doneGrades(versionId, answerIds)).length === answerIds.length);
  }

  beforeAll(async () => {
    api = await bootApi(profile);
    acme = await createOrg(api.server, 'Acme');
    globex = await createOrg(api.server, 'Globex');
    const [q] = await api.sql<{ id: string; reference_answer: string }>(
      "select id, reference_answer from app.questions where slug = 'direct-server-return'",
    );
    [questionId, reference] = [q!.id, q!.reference_answer];
    [{ id: otherQuestionId }] = (await api.sql<{ id: string }>(
      "select id from app.questions where slug <> 'direct-server-return' limit 1",
    )) as [{ id: string }];
    [{ id: templateId }] = (await api.sql<{ id: string }>('select id from app.interview_templates where org_id is null limit 1')) as [
      { id: string },
    ];
    const page = await acme.reviewer.ok<{ items: Rubric[] }>(acme.reviewer.get(`/api/rubrics?questionId=${questionId}`));
    const builtIn = page.items[0]!;
    builtInVersionId = builtIn.latestPublished!.id;

    acmeAnswers = await seedAnswers(acme, [reference, WEAK]);
    acmeFollowup = (await seedAnswers(acme, ['A follow-up answer about DSR and conntrack.'], { followupOf: acmeAnswers[0] }))[0]!;
    acmeOtherQuestion = (await seedAnswers(acme, ['An answer to another question.'], { question: otherQuestionId }))[0]!;
    globexAnswers = await seedAnswers(globex, [reference]);
    await gradeNow([...acmeAnswers, ...globexAnswers], builtInVersionId);

    // Acme's own version: the first criterion weighs far more and asks for something no answer says.
    const forked = await acme.admin.ok<Rubric>(acme.admin.post(`/api/rubrics/${builtIn.id}/fork`, { name: 'regraded' }), 201);
    const { definition } = await acme.admin.ok<{ definition: RubricDefinition }>(
      acme.admin.get(`/api/rubrics/${forked.id}/versions/${forked.draft!.id}`),
    );
    definition.criteria[0]!.weight = 20;
    definition.criteria[0]!.keyPoints = [
      { id: 'anycast-bgp', point: 'Announces the VIP from every node over anycast BGP.', synonyms: ['anycast bgp announcement'] },
    ];
    await acme.admin.ok(acme.admin.put(`/api/rubrics/${forked.id}/draft`, { definition }));
    v1 = (await acme.admin.ok<{ id: string }>(acme.admin.post(`/api/rubrics/${forked.id}/publish`))).id;
  });
  afterAll(async () => api?.close());

  it("regrades the organisation's answers of a template under a new version and diffs old against new", async () => {
    const accepted = await acme.admin.ok<Accepted>(acme.admin.post(`/api/rubrics/versions/${v1}/regrade`, { templateId }), 202);
    expect(accepted.answerCount).toBe(2);
    expect(accepted.jobId).toMatch(new RegExp(`^regrade-${v1}-`));
    expect(accepted.jobIds).toEqual([accepted.jobId]);

    // Real grades land from the real worker, for Acme's two main answers only.
    const landed = await waitFor(async () => {
      const rows = await doneGrades(v1, acmeAnswers);
      return rows.length === 2 ? rows : null;
    });
    const elsewhere = await api.sql('select 1 from app.grades where rubric_version_id = $1 and answer_id <> all($2::uuid[])', [
      v1,
      acmeAnswers,
    ]);
    expect(elsewhere).toEqual([]);

    const diff = await acme.reviewer.ok<Diff>(acme.reviewer.get(`/api/rubrics/versions/${v1}/regrade-diff`));
    expect(diff.version.id).toBe(v1);
    expect(diff.answers.map((a) => a.answerId).sort()).toEqual([...acmeAnswers].sort());
    const old = await doneGrades(builtInVersionId, acmeAnswers);
    for (const a of diff.answers) {
      const before = old.find((g) => g.answer_id === a.answerId)!;
      const after = landed.find((g) => g.answer_id === a.answerId)!;
      expect(a).toMatchObject({ baseVersionId: builtInVersionId, status: 'done', oldTotal: before.total, newTotal: after.total });
      expect(a.delta).toBeCloseTo(after.total - before.total, 1);
      for (const c of a.criteria) {
        expect(c.old).toBe(before.criteria.find((x) => x.key === c.key)?.score ?? null);
        expect(c.new).toBe(after.criteria.find((x) => x.key === c.key)?.score ?? null);
      }
    }
    const deltas = diff.answers.map((a) => a.delta!);
    expect(diff.summary).toMatchObject({ n: 2, compared: 2, changed: diff.answers.filter((a) => a.changed).length });
    expect(diff.summary.meanDelta!).toBeCloseTo((deltas[0]! + deltas[1]!) / 2, 1);
    // The strong answer covered the old first criterion and misses the new one, which now dominates.
    const strong = diff.answers.find((a) => a.answerId === acmeAnswers[0])!;
    expect(strong.changed).toBe(true);
    expect(strong.delta!).toBeLessThan(0);
    expect(strong.criteria[0]!.delta!).toBeLessThan(0);

    const explicit = await acme.reviewer.ok<Diff>(
      acme.reviewer.get(`/api/rubrics/versions/${v1}/regrade-diff?baseVersionId=${builtInVersionId}`),
    );
    expect(explicit.baseVersion!.id).toBe(builtInVersionId);
    expect(explicit.answers.map((a) => a.oldTotal).sort()).toEqual(diff.answers.map((a) => a.oldTotal).sort());

    const [audit] = await api.sql<{ data: { answers: number } }>(
      "select data from app.audit_log where action = 'rubric.regrade' and target_id = $1",
      [v1],
    );
    expect(audit!.data.answers).toBe(2);
  });

  it('regrades under a built-in version only inside the caller organisation', async () => {
    const accepted = await globex.admin.ok<Accepted>(
      globex.admin.post(`/api/rubrics/versions/${builtInVersionId}/regrade`, { templateId }),
      202,
    );
    expect(accepted.answerCount).toBe(1);
    const diff = await globex.reviewer.ok<Diff>(globex.reviewer.get(`/api/rubrics/versions/${builtInVersionId}/regrade-diff`));
    expect(diff.answers.map((a) => a.answerId)).toEqual(globexAnswers);
    // Acme's answers are neither regraded nor listed for Globex, even by explicit id.
    const foreign = await globex.admin.post(`/api/rubrics/versions/${builtInVersionId}/regrade`, { answerIds: acmeAnswers });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.details.answerIds.sort()).toEqual([...acmeAnswers].sort());
  });

  it('regrades an explicit list of answers', async () => {
    const accepted = await acme.admin.ok<Accepted>(
      acme.admin.post(`/api/rubrics/versions/${v1}/regrade`, { answerIds: [acmeAnswers[1], acmeAnswers[1]] }),
      202,
    );
    expect(accepted.answerCount).toBe(1);
    const queued = await api.running.queues.queue('regrade').getJob(accepted.jobId!);
    expect(queued?.data).toEqual({ orgId: acme.admin.orgId, rubricVersionId: v1, answerIds: [acmeAnswers[1]] });
  });

  it('refuses drafts, foreign or unknown ids, answers it cannot regrade, bad bodies and low roles', async () => {
    const url = (v: string) => `/api/rubrics/versions/${v}/regrade`;
    const builtIn = (await acme.reviewer.ok<{ items: Rubric[] }>(acme.reviewer.get(`/api/rubrics?questionId=${questionId}`))).items[0]!;
    const draft = await acme.admin.ok<Rubric>(acme.admin.post(`/api/rubrics/${builtIn.id}/fork`, { name: 'draft only' }), 201);
    const notPublished = await acme.admin.post(url(draft.draft!.id), { templateId });
    expect(notPublished.statusCode).toBe(409);
    expect(notPublished.json().error.code).toBe('not_published');

    expect((await globex.admin.post(url(v1), { templateId })).statusCode).toBe(404);
    expect((await acme.admin.post(url(crypto.randomUUID()), { templateId })).statusCode).toBe(404);
    expect((await acme.admin.post(url(v1), { templateId: crypto.randomUUID() })).statusCode).toBe(404);
    expect((await acme.admin.post(url(v1), { answerIds: [crypto.randomUUID()] })).statusCode).toBe(404);

    const unfit = await acme.admin.post(url(v1), { answerIds: [acmeFollowup, acmeOtherQuestion] });
    expect(unfit.statusCode).toBe(400);
    expect(unfit.json().error.details).toEqual({ otherQuestion: [acmeOtherQuestion], followups: [acmeFollowup], noText: [] });

    for (const body of [{}, { answerIds: [] }, { answerIds: ['nope'] }, { templateId: 'nope' }]) {
      expect((await acme.admin.post(url(v1), body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await acme.reviewer.post(url(v1), { templateId })).statusCode).toBe(403);
    expect((await new TestClient(api.server).post(url(v1), { templateId })).statusCode).toBe(401);

    expect((await globex.reviewer.get(`/api/rubrics/versions/${v1}/regrade-diff`)).statusCode).toBe(404);
    expect((await acme.candidate.get(`/api/rubrics/versions/${v1}/regrade-diff`)).statusCode).toBe(403);
    const [otherVersion] = await api.sql<{ id: string }>(
      "select v.id from app.rubric_versions v join app.rubrics r on r.id = v.rubric_id where r.question_id = $1 and v.status = 'published'",
      [otherQuestionId],
    );
    const mismatch = await acme.reviewer.get(`/api/rubrics/versions/${v1}/regrade-diff?baseVersionId=${otherVersion!.id}`);
    expect(mismatch.statusCode).toBe(400);
    expect((await acme.reviewer.get(`/api/rubrics/versions/${v1}/regrade-diff?baseVersionId=x`)).statusCode).toBe(400);
  });
});
