import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, type Org, TestClient } from './support/client';
import { apiProfiles, bootApi, type TestApi } from './support/harness';

type Summary = { id: string; slug: string; builtIn: boolean; questionCount: number; name: string };
type Detail = Summary & {
  questions: { questionId: string; position: number; timeLimitSec: number; timeLimitOverrideSec: number | null }[];
};

describe.each(apiProfiles)('interview templates (%s)', (profile) => {
  let api: TestApi;
  let acme: Org;
  let globex: Org;
  let questionIds: string[];
  let builtInTemplate: Summary;

  const body = (over: Record<string, unknown> = {}) => ({
    slug: 'platform-screen',
    name: 'Platform screen',
    description: 'Three questions for platform engineers.',
    mode: 'assessment',
    answerModes: ['typed'],
    followupsPerQuestion: 1,
    totalTimeLimitSec: 1800,
    questions: [{ questionId: questionIds[0] }, { questionId: questionIds[1], timeLimitSec: 120 }, { questionId: questionIds[2] }],
    ...over,
  });

  beforeAll(async () => {
    api = await bootApi(profile);
    acme = await createOrg(api.server, 'Acme');
    globex = await createOrg(api.server, 'Globex');
    const page = await acme.reviewer.ok<{ items: { id: string }[] }>(acme.reviewer.get('/api/questions?limit=5'));
    questionIds = page.items.map((q) => q.id);
    const list = await acme.candidate.ok<Summary[]>(acme.candidate.get('/api/templates'));
    builtInTemplate = list.find((t) => t.builtIn)!;
  });
  afterAll(async () => api?.close());

  it('lists built-in templates to any member, candidates included, without question text', async () => {
    const res = await acme.candidate.get('/api/templates');
    expect(res.statusCode).toBe(200);
    const list = res.json() as Summary[];
    const { n } = (await api.sql<{ n: number }>('select count(*)::int as n from app.interview_templates where org_id is null'))[0]!;
    expect(list.filter((t) => t.builtIn)).toHaveLength(n!);
    expect(builtInTemplate.questionCount).toBeGreaterThan(0);
    expect(JSON.stringify(list)).not.toMatch(/"prompt"|"title"|"questions"/);
    expect((await new TestClient(api.server).get('/api/templates')).statusCode).toBe(401);
  });

  it('shows a template with its ordered questions and time limits to reviewers, not candidates', async () => {
    const detail = await acme.reviewer.ok<Detail>(acme.reviewer.get(`/api/templates/${builtInTemplate.id}`));
    expect(detail.questions.map((q) => q.position)).toEqual([...detail.questions.keys()]);
    expect(detail.questions).toHaveLength(builtInTemplate.questionCount);
    expect(detail.questions[0]).toMatchObject({ title: expect.any(String), timeLimitSec: expect.any(Number) });
    expect((await acme.candidate.get(`/api/templates/${builtInTemplate.id}`)).statusCode).toBe(403);
    expect((await acme.reviewer.get(`/api/templates/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await acme.reviewer.get('/api/templates/not-a-uuid')).statusCode).toBe(400);
  });

  it('creates, updates and deletes an org template; other organisations never see it', async () => {
    const created = await acme.admin.ok<Detail>(acme.admin.post('/api/templates', body()), 201);
    expect(created).toMatchObject({
      slug: 'platform-screen',
      builtIn: false,
      mode: 'assessment',
      questionCount: 3,
      followupsPerQuestion: 1,
    });
    expect(created.questions.map((q) => q.questionId)).toEqual(questionIds.slice(0, 3));
    expect(created.questions[1]).toMatchObject({ timeLimitSec: 120, timeLimitOverrideSec: 120 });
    expect(created.questions[0]!.timeLimitOverrideSec).toBeNull();

    const listed = await acme.candidate.ok<Summary[]>(acme.candidate.get('/api/templates'));
    expect(listed.some((t) => t.id === created.id)).toBe(true);
    const elsewhere = await globex.candidate.ok<Summary[]>(globex.candidate.get('/api/templates'));
    expect(elsewhere.some((t) => t.id === created.id)).toBe(false);
    expect((await globex.reviewer.get(`/api/templates/${created.id}`)).statusCode).toBe(404);
    expect((await globex.admin.put(`/api/templates/${created.id}`, body())).statusCode).toBe(404);
    expect((await globex.admin.delete(`/api/templates/${created.id}`)).statusCode).toBe(404);

    const reordered = [{ questionId: questionIds[3] }, { questionId: questionIds[0], timeLimitSec: 300 }];
    const updated = await acme.admin.ok<Detail>(
      acme.admin.put(`/api/templates/${created.id}`, body({ name: 'Platform screen v2', questions: reordered })),
    );
    expect(updated).toMatchObject({ name: 'Platform screen v2', questionCount: 2 });
    expect(updated.questions.map((q) => [q.questionId, q.timeLimitOverrideSec])).toEqual([
      [questionIds[3], null],
      [questionIds[0], 300],
    ]);

    expect((await acme.admin.delete(`/api/templates/${created.id}`)).statusCode).toBe(204);
    expect((await acme.reviewer.get(`/api/templates/${created.id}`)).statusCode).toBe(404);
    const audit = await api.sql<{ action: string }>(
      "select action from app.audit_log where target_id = $1 and action like 'template.%' order by id",
      [created.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['template.create', 'template.update', 'template.delete']);
  });

  it('refuses writes below admin and without a session', async () => {
    expect((await acme.reviewer.post('/api/templates', body())).statusCode).toBe(403);
    expect((await acme.candidate.post('/api/templates', body())).statusCode).toBe(403);
    const anonymous = await api.server.inject({ method: 'POST', url: '/api/templates', payload: body() });
    expect(anonymous.statusCode).toBe(401);
  });

  it('validates the body: counts, unique questions, ranges and enums', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ questions: [] }, 'body.questions'],
      [{ questions: Array.from({ length: 51 }, () => ({ questionId: crypto.randomUUID() })) }, 'body.questions'],
      [{ questions: [{ questionId: questionIds[0] }, { questionId: questionIds[0] }] }, 'body.questions'],
      [{ followupsPerQuestion: 3 }, 'body.followupsPerQuestion'],
      [{ mode: 'exam' }, 'body.mode'],
      [{ answerModes: [] }, 'body.answerModes'],
      [{ answerModes: ['typed', 'typed'] }, 'body.answerModes'],
      [{ slug: 'Not A Slug' }, 'body.slug'],
      [{ totalTimeLimitSec: 10 }, 'body.totalTimeLimitSec'],
      [{ questions: [{ questionId: questionIds[0], timeLimitSec: 5 }] }, 'body.questions.0.timeLimitSec'],
    ];
    for (const [over, path] of cases) {
      const res = await acme.admin.post('/api/templates', body(over));
      expect(res.statusCode, JSON.stringify(over).slice(0, 80)).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });

  it('answers 404 for questions the organisation cannot see and 409 for a taken slug', async () => {
    const unknown = crypto.randomUUID();
    const res = await acme.admin.post('/api/templates', body({ slug: 'ghost', questions: [{ questionId: unknown }] }));
    expect(res.statusCode).toBe(404);
    expect(res.json().error.details).toEqual({ questionIds: [unknown] });

    await acme.admin.ok(acme.admin.post('/api/templates', body({ slug: 'taken' })), 201);
    const again = await acme.admin.post('/api/templates', body({ slug: 'taken' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('slug_taken');
    // The same slug in another organisation is fine.
    await globex.admin.ok(globex.admin.post('/api/templates', body({ slug: 'taken' })), 201);
    const other = await acme.admin.ok<Detail>(acme.admin.post('/api/templates', body({ slug: 'other' })), 201);
    const clash = await acme.admin.put(`/api/templates/${other.id}`, body({ slug: 'taken' }));
    expect(clash.statusCode).toBe(409);
  });

  it('keeps built-in templates read-only', async () => {
    const put = await acme.owner.put(`/api/templates/${builtInTemplate.id}`, body({ slug: 'hijack' }));
    expect(put.statusCode).toBe(403);
    expect(put.json().error.code).toBe('builtin_read_only');
    expect((await acme.owner.delete(`/api/templates/${builtInTemplate.id}`)).statusCode).toBe(403);
    const [row] = await api.sql<{ slug: string }>('select slug from app.interview_templates where id = $1', [builtInTemplate.id]);
    expect(row!.slug).toBe(builtInTemplate.slug);
  });

  it('refuses to delete a template that interviews use (409) and keeps it', async () => {
    const t = await acme.admin.ok<Detail>(acme.admin.post('/api/templates', body({ slug: 'in-use' })), 201);
    await api.sql(
      "insert into app.interviews (org_id, template_id, candidate_id, mode, status) values ($1, $2, $3, 'practice', 'scheduled')",
      [acme.admin.orgId, t.id, acme.candidate.userId],
    );
    const res = await acme.admin.delete(`/api/templates/${t.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('template_in_use');
    expect((await acme.reviewer.get(`/api/templates/${t.id}`)).statusCode).toBe(200);
  });
});
