import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, type Org, TestClient } from './support/client';
import { apiProfiles, bootApi, type TestApi } from './support/harness';

type Question = { id: string; slug: string; title: string; prompt: string; category: string; tags: string[]; builtIn: boolean };
type Page = { items: Question[]; total: number };

describe.each(apiProfiles)('question bank (%s)', (profile) => {
  let api: TestApi;
  let acme: Org;

  beforeAll(async () => {
    api = await bootApi(profile);
    acme = await createOrg(api.server, 'Acme');
  });
  afterAll(async () => api?.close());

  it('pages through the built-in bank of 100 questions', async () => {
    const first = await acme.reviewer.ok<Page>(acme.reviewer.get('/api/questions?limit=40'));
    expect(first.total).toBe(100);
    expect(first.items).toHaveLength(40);
    const rest = await acme.reviewer.ok<Page>(acme.reviewer.get('/api/questions?limit=200&offset=40'));
    expect(rest.items).toHaveLength(60);
    const ids = new Set([...first.items, ...rest.items].map((q) => q.id));
    expect(ids.size).toBe(100);
    expect(first.items.every((q) => q.builtIn)).toBe(true);
  });

  it('searches title, prompt and tags case-insensitively, and filters by category', async () => {
    const [sample] = await api.sql<{ title: string; tags: string[] }>(
      "select title, tags from app.questions where slug = 'direct-server-return'",
    );
    const byTitle = await acme.reviewer.ok<Page>(acme.reviewer.get(`/api/questions?search=${encodeURIComponent('DIRECT server')}`));
    expect(byTitle.items.map((q) => q.title)).toContain(sample!.title);

    const byPrompt = await acme.reviewer.ok<Page>(acme.reviewer.get('/api/questions?search=kube-proxy'));
    expect(byPrompt.total).toBeGreaterThan(0);
    for (const q of byPrompt.items) expect(`${q.title} ${q.prompt} ${q.tags.join(' ')}`.toLowerCase()).toContain('kube-proxy');

    const tag = sample!.tags.find((t) => t.length > 3)!;
    const byTag = await acme.reviewer.ok<Page>(acme.reviewer.get(`/api/questions?search=${tag.toUpperCase()}`));
    expect(byTag.items.some((q) => q.tags.includes(tag))).toBe(true);

    // LIKE wildcards are literal: "%" matches nothing rather than everything.
    expect((await acme.reviewer.ok<Page>(acme.reviewer.get('/api/questions?search=%25%25'))).total).toBe(0);

    const category = 'Networking Nuances';
    const filtered = await acme.reviewer.ok<Page>(acme.reviewer.get(`/api/questions?category=${encodeURIComponent(category)}&limit=200`));
    const { n } = (await api.sql<{ n: number }>('select count(*)::int as n from app.questions where category = $1', [category]))[0]!;
    expect(filtered.total).toBe(n);
    expect(filtered.items.every((q) => q.category === category)).toBe(true);
  });

  it('shows a question with its reference answer and the rubric new interviews use', async () => {
    const page = await acme.reviewer.ok<Page>(acme.reviewer.get('/api/questions?search=direct-server-return'));
    const id = page.items[0]!.id;
    const detail = await acme.reviewer.ok<{
      referenceAnswer: string;
      rubric: { builtIn: boolean; versionId: string; definition: { criteria: { key: string }[] } };
    }>(acme.reviewer.get(`/api/questions/${id}`));
    expect(detail.referenceAnswer.split(/\s+/).length).toBeGreaterThan(100);
    expect(detail.rubric.builtIn).toBe(true);
    expect(detail.rubric.definition.criteria.length).toBeGreaterThanOrEqual(4);
    const [latest] = await api.sql<{ id: string }>(
      `select v.id from app.rubric_versions v join app.rubrics r on r.id = v.rubric_id
       where r.question_id = $1 and r.org_id is null and v.status = 'published' order by v.version desc limit 1`,
      [id],
    );
    expect(detail.rubric.versionId).toBe(latest!.id);
  });

  it('keeps question text from candidates and anonymous callers', async () => {
    const page = await acme.reviewer.ok<Page>(acme.reviewer.get('/api/questions?limit=1'));
    expect((await acme.candidate.get('/api/questions')).statusCode).toBe(403);
    expect((await acme.candidate.get(`/api/questions/${page.items[0]!.id}`)).statusCode).toBe(403);
    expect((await new TestClient(api.server).get('/api/questions')).statusCode).toBe(401);
  });

  it('rejects bad queries and unknown ids', async () => {
    for (const query of ['limit=0', 'limit=201', 'offset=-1', 'category=Cooking', `search=${'x'.repeat(201)}`]) {
      const res = await acme.reviewer.get(`/api/questions?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
    }
    expect((await acme.reviewer.get(`/api/questions/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await acme.reviewer.get('/api/questions/123')).statusCode).toBe(400);
  });
});
