import { QuestionFile, type RubricDefinition, TemplateFile } from '@interview/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createOrg, type Org, TestClient } from './support/client';
import { apiProfiles, bootApi, type TestApi } from './support/harness';

type Rubric = { id: string; name: string; builtIn: boolean; draft: { id: string } | null; latestPublished: { id: string } | null };
type Doc = Record<string, unknown> & { id: string; rubric?: RubricDefinition; rubricName?: string; questions?: string[] };
type ImportResult = {
  questions: { created: number; updated: number; unchanged: number };
  rubrics: { rubricId: string; questionSlug: string; name: string; change: string; versionId: string }[];
  templates: { templateId: string; slug: string; change: string }[];
};

const SLUG = 'direct-server-return';

describe.each(apiProfiles)('rubric and template YAML export/import (%s)', (profile) => {
  let api: TestApi;
  let acme: Org;
  let globex: Org;
  let initech: Org;
  let questionId: string;
  let builtIn: Rubric;
  let exported: string;

  const postYaml = (client: TestClient, text: string, type = 'application/yaml') =>
    client.request('POST', '/api/rubrics/import', text, { headers: { 'content-type': type } });
  const exportOf = async (client: TestClient) => {
    const res = await client.get('/api/rubrics/export');
    expect(res.statusCode).toBe(200);
    return res.body;
  };
  const docsOf = (text: string) => parse(text) as Doc[];

  beforeAll(async () => {
    api = await bootApi(profile);
    acme = await createOrg(api.server, 'Acme');
    globex = await createOrg(api.server, 'Globex');
    initech = await createOrg(api.server, 'Initech');
    [{ id: questionId }] = (await api.sql<{ id: string }>('select id from app.questions where slug = $1', [SLUG])) as [{ id: string }];
    builtIn = (await acme.reviewer.ok<{ items: Rubric[] }>(acme.reviewer.get(`/api/rubrics?questionId=${questionId}`))).items[0]!;

    // Acme customises the built-in rubric twice and builds a template with a time-limit override.
    for (const [name, weight] of [
      ['default', 5],
      ['strict', 9],
    ] as const) {
      const forked = await acme.admin.ok<Rubric>(acme.admin.post(`/api/rubrics/${builtIn.id}/fork`, { name }), 201);
      const { definition } = await acme.admin.ok<{ definition: RubricDefinition }>(
        acme.admin.get(`/api/rubrics/${forked.id}/versions/${forked.draft!.id}`),
      );
      definition.criteria[0]!.weight = weight;
      await acme.admin.ok(acme.admin.put(`/api/rubrics/${forked.id}/draft`, { definition }));
      await acme.admin.ok(acme.admin.post(`/api/rubrics/${forked.id}/publish`));
    }
    const [other] = await api.sql<{ id: string }>('select id from app.questions where slug <> $1 order by slug limit 1', [SLUG]);
    await acme.admin.ok(
      acme.admin.post('/api/templates', {
        slug: 'acme-screen',
        name: 'Acme screen',
        description: 'The screening interview Acme uses.',
        totalTimeLimitSec: 1200,
        questions: [{ questionId, timeLimitSec: 240 }, { questionId: other!.id }],
      }),
      201,
    );
    exported = await exportOf(acme.admin);
  });
  afterAll(async () => api?.close());

  it("exports the organisation's published rubrics and templates in the bank's file format", async () => {
    const res = await acme.admin.get('/api/rubrics/export');
    expect(res.headers['content-type']).toMatch(/^application\/yaml/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=".*rubrics\.yaml"/);
    const docs = docsOf(exported);
    const questions = docs.filter((d) => !('questions' in d));
    const templates = docs.filter((d) => 'questions' in d);
    expect(questions.map((d) => [d.id, d.rubricName ?? 'default'])).toEqual([
      [SLUG, 'default'],
      [SLUG, 'strict'],
    ]);
    expect(questions.map((d) => d.rubric!.criteria[0]!.weight)).toEqual([5, 9]);
    // The bank loader reads every entry as it reads the shipped files.
    for (const d of questions) expect(QuestionFile.safeParse(d).success).toBe(true);
    for (const d of templates) expect(TemplateFile.safeParse(d).success).toBe(true);
    expect(templates).toEqual([expect.objectContaining({ id: 'acme-screen', questionTimeLimitsSec: { [SLUG]: 240 } })]);

    // Built-in content and other organisations' content stay out.
    expect(docsOf(await exportOf(globex.admin))).toEqual([]);
    expect((await acme.reviewer.get('/api/rubrics/export')).statusCode).toBe(403);
    expect((await new TestClient(api.server).get('/api/rubrics/export')).statusCode).toBe(401);
  });

  it('imports an export into another organisation, and a second import changes nothing', async () => {
    const first = await globex.admin.ok<ImportResult>(postYaml(globex.admin, exported));
    expect(first.rubrics.map((r) => [r.questionSlug, r.name, r.change])).toEqual([
      [SLUG, 'default', 'created'],
      [SLUG, 'strict', 'created'],
    ]);
    expect(first.templates.map((t) => [t.slug, t.change])).toEqual([['acme-screen', 'created']]);
    expect(first.questions).toEqual({ created: 0, updated: 0, unchanged: 0 });

    // The built-in question is reused, never copied or rewritten.
    const { n } = (await api.sql<{ n: number }>('select count(*)::int as n from app.questions where slug = $1', [SLUG]))[0]!;
    expect(n).toBe(1);
    const rubrics = (await globex.reviewer.ok<{ items: Rubric[] }>(globex.reviewer.get(`/api/rubrics?questionId=${questionId}`))).items;
    expect(rubrics.map((r) => [r.name, r.builtIn])).toEqual([
      ['default', true],
      ['default', false],
      ['strict', false],
    ]);
    const template = await globex.reviewer.ok<{ questions: { timeLimitOverrideSec: number | null }[] }>(
      globex.reviewer.get(`/api/templates/${first.templates[0]!.templateId}`),
    );
    expect(template.questions.map((q) => q.timeLimitOverrideSec)).toEqual([240, null]);

    const again = await globex.admin.ok<ImportResult>(postYaml(globex.admin, exported));
    expect(again.rubrics.map((r) => r.change)).toEqual(['unchanged', 'unchanged']);
    expect(again.rubrics.map((r) => r.versionId)).toEqual(first.rubrics.map((r) => r.versionId));
    expect(again.templates.map((t) => t.change)).toEqual(['updated']);

    // Round trip: Globex now exports what Acme exported.
    const strip = (docs: Doc[]) => docs.map((d) => JSON.stringify(d)).sort();
    expect(strip(docsOf(await exportOf(globex.admin)))).toEqual(strip(docsOf(exported)));
    const audit = await api.sql("select 1 from app.audit_log where action = 'rubric.import' and org_id = $1", [globex.admin.orgId]);
    expect(audit).toHaveLength(2);
  });

  it('turns a changed rubric into a new published version and leaves the old one intact (JSON body)', async () => {
    const docs = docsOf(exported);
    await initech.admin.ok(initech.admin.post('/api/rubrics/import', { yaml: stringify(docs) }));
    const before = await api.sql<{ id: string; content_hash: string }>(
      `select v.id, v.content_hash from app.rubric_versions v join app.rubrics r on r.id = v.rubric_id
       where r.org_id = $1 order by v.id`,
      [initech.admin.orgId],
    );
    docs[0]!.rubric!.criteria[0]!.weight = 7;
    const result = await initech.admin.ok<ImportResult>(initech.admin.post('/api/rubrics/import', { yaml: stringify(docs) }));
    expect(result.rubrics.map((r) => r.change)).toEqual(['new-version', 'unchanged']);
    const versions = await api.sql<{ id: string; content_hash: string; version: number; status: string }>(
      `select v.id, v.content_hash, v.version, v.status from app.rubric_versions v join app.rubrics r on r.id = v.rubric_id
       where r.id = $1 order by v.version`,
      [result.rubrics[0]!.rubricId],
    );
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'published'],
      [2, 'published'],
    ]);
    for (const b of before) expect(versions.find((v) => v.id === b.id)?.content_hash ?? b.content_hash).toBe(b.content_hash);
  });

  it("creates questions the bank lacks in the organisation's own bank, visible to it alone", async () => {
    const base = docsOf(exported)[0]!;
    const fresh = { ...base, id: 'acme-custom-question', title: 'A question only Acme asks', rubricName: undefined };
    const template = {
      id: 'custom-screen',
      name: 'Custom screen',
      description: 'One custom and one built-in question.',
      totalTimeLimitSec: 900,
      questions: ['acme-custom-question', SLUG],
    };
    // Several YAML documents in one body.
    const text = `${stringify(fresh)}---\n${stringify(template)}`;
    const result = await acme.admin.ok<ImportResult>(postYaml(acme.admin, text, 'text/yaml'));
    expect(result.questions).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(result.rubrics.map((r) => [r.questionSlug, r.name, r.change])).toEqual([['acme-custom-question', 'default', 'created']]);

    const page = await acme.reviewer.ok<{ items: { id: string; builtIn: boolean }[] }>(
      acme.reviewer.get('/api/questions?search=only%20acme%20asks'),
    );
    expect(page.items).toEqual([expect.objectContaining({ builtIn: false })]);
    const id = page.items[0]!.id;
    const detail = await acme.reviewer.ok<{ rubric: { builtIn: boolean } }>(acme.reviewer.get(`/api/questions/${id}`));
    expect(detail.rubric.builtIn).toBe(false);
    expect((await globex.reviewer.get(`/api/questions/${id}`)).statusCode).toBe(404);
    expect((await globex.reviewer.ok<{ total: number }>(globex.reviewer.get('/api/questions?search=only%20acme%20asks'))).total).toBe(0);
    expect((await globex.reviewer.get(`/api/rubrics?questionId=${id}`)).statusCode).toBe(404);
    const foreign = await globex.admin.post('/api/templates', {
      slug: 'borrowed',
      name: 'Borrowed',
      description: 'Uses a question of another organisation.',
      totalTimeLimitSec: 600,
      questions: [{ questionId: id }],
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('answers 400 with details for bad YAML and invalid entries, and stores nothing', async () => {
    const count = async () =>
      (await api.sql<{ n: number }>('select count(*)::int as n from app.rubrics where org_id = $1', [initech.owner.orgId]))[0]!.n;
    const before = await count();

    const syntax = await postYaml(initech.admin, 'id: x\n  rubric: [unclosed\n');
    expect(syntax.statusCode).toBe(400);
    expect(syntax.json().error.code).toBe('invalid_yaml');
    expect(syntax.json().error.details[0]).toMatchObject({ line: expect.any(Number), message: expect.any(String) });

    const docs = docsOf(exported);
    docs[1]!.rubric!.criteria[0]!.weight = 0;
    const invalid = await postYaml(initech.admin, stringify(docs));
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('invalid_bank');
    expect(invalid.json().error.details.map((d: { path: string }) => d.path)).toContain('[1].rubric.criteria.0.weight');

    const unknownQuestion = stringify([{ ...docs[2], questions: ['no-such-question'] }]);
    const unknown = await postYaml(initech.admin, unknownQuestion);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].message).toMatch(/unknown question "no-such-question"/);

    const aliases = `a: &a [x, x, x, x]\nb: [${Array.from({ length: 60 }, () => '*a').join(', ')}]\n`;
    expect((await postYaml(initech.admin, aliases)).statusCode).toBe(400);
    expect((await postYaml(initech.admin, '- 1\n- two\n')).statusCode).toBe(400);
    expect((await postYaml(initech.admin, '')).statusCode).toBe(400);
    expect((await initech.admin.post('/api/rubrics/import', { yaml: '' })).statusCode).toBe(400);
    expect((await postYaml(initech.admin, exported, 'text/plain')).statusCode).toBe(415);
    // JSON must be the {yaml} envelope, not a bare string.
    expect((await postYaml(initech.admin, JSON.stringify(exported), 'application/json')).statusCode).toBe(415);
    const huge = `# ${'x'.repeat(3 * 1024 * 1024)}\n`;
    expect((await postYaml(initech.admin, huge)).statusCode).toBe(413);
    expect((await postYaml(initech.reviewer, exported)).statusCode).toBe(403);
    const anonymous = await api.server.inject({
      method: 'POST',
      url: '/api/rubrics/import',
      headers: { 'content-type': 'application/yaml' },
      payload: exported,
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await count()).toBe(before);
  });
});
