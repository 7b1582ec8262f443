import type { RubricDefinition } from '@interview/contracts/rubric';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, type Org, TestClient } from './support/client';
import { apiProfiles, bootApi, type TestApi } from './support/harness';

type Version = { id: string; version: number; status: 'draft' | 'published'; contentHash: string; publishedAt: string | null };
type Rubric = {
  id: string;
  name: string;
  builtIn: boolean;
  forkedFromVersionId: string | null;
  latestPublished: Version | null;
  draft: Version | null;
  versions: Version[];
};
type VersionDetail = Version & { rubricId: string; definition: RubricDefinition };

/** A copy of `def` with one criterion's weight changed, a key point added and a level rewritten. */
function edited(def: RubricDefinition): RubricDefinition {
  const copy = structuredClone(def);
  const c = copy.criteria[0]!;
  c.weight += 2;
  c.levels[4] = 'Everything level three has, plus a clear account of the trade-offs.';
  c.keyPoints.push({ id: 'extra-point', point: 'Mentions the operational cost of the approach.', synonyms: ['operational cost'] });
  return copy;
}

describe.each(apiProfiles)('rubrics: versions, forks, drafts, publishing and diffs (%s)', (profile) => {
  let api: TestApi;
  let acme: Org;
  let globex: Org;
  let questionId: string;
  let builtIn: Rubric;
  let builtInVersion: VersionDetail;

  beforeAll(async () => {
    api = await bootApi(profile);
    acme = await createOrg(api.server, 'Acme');
    globex = await createOrg(api.server, 'Globex');
    [{ id: questionId }] = (await api.sql<{ id: string }>("select id from app.questions where slug = 'direct-server-return'")) as [
      { id: string },
    ];
    const page = await acme.reviewer.ok<{ items: Rubric[] }>(acme.reviewer.get(`/api/rubrics?questionId=${questionId}`));
    builtIn = page.items[0]!;
    builtInVersion = await acme.reviewer.ok<VersionDetail>(
      acme.reviewer.get(`/api/rubrics/${builtIn.id}/versions/${builtIn.latestPublished!.id}`),
    );
  });
  afterAll(async () => api?.close());

  const fork = async (client: TestClient, rubricId: string, body: object = {}) =>
    client.ok<Rubric>(client.post(`/api/rubrics/${rubricId}/fork`, body), 201);

  it('lists built-in rubrics with their latest version, for reviewers and up', async () => {
    expect(builtIn).toMatchObject({ builtIn: true, name: 'default', draft: null, latestPublished: { status: 'published' } });
    const all = await acme.reviewer.ok<{ items: Rubric[]; total: number }>(acme.reviewer.get('/api/rubrics?limit=200'));
    expect(all.total).toBe(100);
    expect(all.items.every((r) => r.builtIn && r.latestPublished !== null)).toBe(true);
    expect((await acme.candidate.get('/api/rubrics')).statusCode).toBe(403);
    expect((await new TestClient(api.server).get('/api/rubrics')).statusCode).toBe(401);
    expect((await acme.reviewer.get(`/api/rubrics?questionId=${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await acme.reviewer.get('/api/rubrics?questionId=nope')).statusCode).toBe(400);
    expect((await acme.reviewer.get('/api/rubrics?limit=500')).statusCode).toBe(400);
  });

  it('shows a rubric with its versions and a version with its definition', async () => {
    const detail = await acme.reviewer.ok<Rubric>(acme.reviewer.get(`/api/rubrics/${builtIn.id}`));
    expect(detail.versions.map((v) => v.id)).toContain(builtIn.latestPublished!.id);
    expect(builtInVersion.definition.criteria.length).toBeGreaterThanOrEqual(4);
    expect(builtInVersion.rubricId).toBe(builtIn.id);
    expect((await acme.reviewer.get(`/api/rubrics/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await acme.reviewer.get(`/api/rubrics/${builtIn.id}/versions/${crypto.randomUUID()}`)).statusCode).toBe(404);
    // A real version, but of another rubric: not under this one.
    const [other] = await api.sql<{ id: string }>(
      'select v.id from app.rubric_versions v join app.rubrics r on r.id = v.rubric_id where r.id <> $1 and r.org_id is null limit 1',
      [builtIn.id],
    );
    expect((await acme.reviewer.get(`/api/rubrics/${builtIn.id}/versions/${other!.id}`)).statusCode).toBe(404);
  });

  it('forks a built-in rubric into an org draft; other organisations cannot see the fork', async () => {
    const forked = await fork(acme.admin, builtIn.id);
    expect(forked).toMatchObject({
      builtIn: false,
      name: 'default',
      forkedFromVersionId: builtIn.latestPublished!.id,
      latestPublished: null,
    });
    expect(forked.draft).toMatchObject({ version: 1, status: 'draft' });
    const draft = await acme.reviewer.ok<VersionDetail>(acme.reviewer.get(`/api/rubrics/${forked.id}/versions/${forked.draft!.id}`));
    expect(draft.definition).toEqual(builtInVersion.definition);

    // Names stay unique per question inside the organisation.
    expect((await fork(acme.admin, builtIn.id)).name).toBe('default (copy)');
    const named = await acme.admin.post(`/api/rubrics/${builtIn.id}/fork`, { name: 'default' });
    expect(named.statusCode).toBe(409);
    expect(named.json().error.code).toBe('name_taken');

    const mine = await acme.reviewer.ok<{ items: Rubric[] }>(acme.reviewer.get(`/api/rubrics?questionId=${questionId}`));
    expect(mine.items.map((r) => r.builtIn)).toEqual([true, false, false]);
    const theirs = await globex.reviewer.ok<{ items: Rubric[] }>(globex.reviewer.get(`/api/rubrics?questionId=${questionId}`));
    expect(theirs.items.map((r) => r.id)).toEqual([builtIn.id]);
    expect((await globex.reviewer.get(`/api/rubrics/${forked.id}`)).statusCode).toBe(404);
    expect((await globex.reviewer.get(`/api/rubrics/${forked.id}/versions/${forked.draft!.id}`)).statusCode).toBe(404);
    expect((await globex.admin.post(`/api/rubrics/${forked.id}/fork`, {})).statusCode).toBe(404);

    expect((await acme.reviewer.post(`/api/rubrics/${builtIn.id}/fork`, {})).statusCode).toBe(403);
    expect((await acme.admin.post(`/api/rubrics/${builtIn.id}/fork`, { name: '' })).statusCode).toBe(400);
    expect((await acme.admin.post(`/api/rubrics/${crypto.randomUUID()}/fork`, {})).statusCode).toBe(404);
  });

  it('saves drafts, publishes them immutably and refuses what cannot be published', async () => {
    const forked = await fork(acme.admin, builtIn.id, { name: 'strict' });
    const definition = edited(builtInVersion.definition);

    const saved = await acme.admin.ok<VersionDetail>(acme.admin.put(`/api/rubrics/${forked.id}/draft`, { definition }));
    expect(saved).toMatchObject({ id: forked.draft!.id, status: 'draft', version: 1 });
    expect(saved.definition).toEqual(definition);

    const published = await acme.admin.ok<VersionDetail>(acme.admin.post(`/api/rubrics/${forked.id}/publish`));
    expect(published).toMatchObject({ id: saved.id, status: 'published', version: 1, contentHash: saved.contentHash });
    expect(published.publishedAt).not.toBeNull();

    const none = await acme.admin.post(`/api/rubrics/${forked.id}/publish`);
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('no_draft');

    // A draft identical to the published version cannot be published again.
    const same = await acme.admin.ok<VersionDetail>(acme.admin.put(`/api/rubrics/${forked.id}/draft`, { definition }));
    expect(same).toMatchObject({ status: 'draft', version: 2 });
    const unchanged = await acme.admin.post(`/api/rubrics/${forked.id}/publish`);
    expect(unchanged.statusCode).toBe(409);
    expect(unchanged.json().error.code).toBe('unchanged');

    // Editing the draft again rewrites the same draft row; the published one stays as it was.
    const next = structuredClone(definition);
    next.criteria[1]!.weight = 5;
    const updated = await acme.admin.ok<VersionDetail>(acme.admin.put(`/api/rubrics/${forked.id}/draft`, { definition: next }));
    expect(updated.id).toBe(same.id);
    const v2 = await acme.admin.ok<VersionDetail>(acme.admin.post(`/api/rubrics/${forked.id}/publish`));
    expect(v2).toMatchObject({ version: 2, status: 'published' });
    const v1 = await acme.reviewer.ok<VersionDetail>(acme.reviewer.get(`/api/rubrics/${forked.id}/versions/${published.id}`));
    expect(v1.definition).toEqual(definition);
    expect(v1.contentHash).toBe(published.contentHash);

    const detail = await acme.reviewer.ok<Rubric>(acme.reviewer.get(`/api/rubrics/${forked.id}`));
    expect(detail.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'published'],
    ]);
    expect(detail).toMatchObject({ draft: null, latestPublished: { id: v2.id } });

    // New interviews in this organisation now use its newest published rubric; others keep the built-in one.
    const question = await acme.reviewer.ok<{ rubric: { versionId: string; builtIn: boolean } }>(
      acme.reviewer.get(`/api/questions/${questionId}`),
    );
    expect(question.rubric).toMatchObject({ versionId: v2.id, builtIn: false });
    const elsewhere = await globex.reviewer.ok<{ rubric: { builtIn: boolean } }>(globex.reviewer.get(`/api/questions/${questionId}`));
    expect(elsewhere.rubric.builtIn).toBe(true);

    // The database refuses to rewrite a published version, whatever the code path.
    await expect(api.sql("update app.rubric_versions set definition = '{}'::jsonb where id = $1", [published.id])).rejects.toThrow(
      /immutable/,
    );
    const audit = await api.sql<{ action: string }>(
      "select action from app.audit_log where target_id = $1 and action like 'rubric.%' order by id",
      [forked.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['rubric.fork', 'rubric.publish', 'rubric.publish']);
  });

  it('validates drafts: positive weights, unique keys and ids, 4–6 criteria, all five levels', async () => {
    const forked = await fork(acme.admin, builtIn.id, { name: 'validation' });
    const base = builtInVersion.definition;
    const bad = (mutate: (d: RubricDefinition & { criteria: Record<string, unknown>[] }) => void) => {
      const d = structuredClone(base) as RubricDefinition & { criteria: Record<string, unknown>[] };
      mutate(d);
      return d;
    };
    const cases: [RubricDefinition, string][] = [
      [bad((d) => (d.criteria[0]!.weight = 0)), 'body.definition.criteria.0.weight'],
      [bad((d) => (d.criteria[0]!.weight = -1)), 'body.definition.criteria.0.weight'],
      [bad((d) => (d.criteria[1]!.key = d.criteria[0]!.key)), 'body.definition.criteria.1.key'],
      [bad((d) => d.criteria.splice(3)), 'body.definition.criteria'],
      [bad((d) => delete (d.criteria[0]!.levels as Record<string, string>)['2']), 'body.definition.criteria.0.levels.2'],
      [
        bad((d) => {
          const kps = d.criteria[0]!.keyPoints as { id: string }[];
          kps.push({ ...kps[0]! });
        }),
        `body.definition.criteria.0.keyPoints.${base.criteria[0]!.keyPoints.length}.id`,
      ],
    ];
    for (const [definition, path] of cases) {
      const res = await acme.admin.put(`/api/rubrics/${forked.id}/draft`, { definition });
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await acme.admin.put(`/api/rubrics/${forked.id}/draft`, {})).statusCode).toBe(400);
    // Nothing was stored by the refused saves.
    const detail = await acme.reviewer.ok<Rubric>(acme.reviewer.get(`/api/rubrics/${forked.id}`));
    const draft = await acme.reviewer.ok<VersionDetail>(acme.reviewer.get(`/api/rubrics/${forked.id}/versions/${detail.draft!.id}`));
    expect(draft.definition).toEqual(base);
  });

  it('keeps built-in rubrics read-only and other organisations out', async () => {
    const definition = edited(builtInVersion.definition);
    const put = await acme.owner.put(`/api/rubrics/${builtIn.id}/draft`, { definition });
    expect(put.statusCode).toBe(403);
    expect(put.json().error.code).toBe('builtin_read_only');
    expect((await acme.owner.post(`/api/rubrics/${builtIn.id}/publish`)).statusCode).toBe(403);
    const { n } = (
      await api.sql<{ n: number }>('select count(*)::int as n from app.rubric_versions where rubric_id = $1', [builtIn.id])
    )[0]!;
    expect(n).toBe(builtIn.versions?.length ?? 1);

    const forked = await fork(acme.admin, builtIn.id, { name: 'private' });
    expect((await globex.admin.put(`/api/rubrics/${forked.id}/draft`, { definition })).statusCode).toBe(404);
    expect((await globex.admin.post(`/api/rubrics/${forked.id}/publish`)).statusCode).toBe(404);
    expect((await acme.reviewer.put(`/api/rubrics/${forked.id}/draft`, { definition })).statusCode).toBe(403);
    expect((await acme.reviewer.post(`/api/rubrics/${forked.id}/publish`)).statusCode).toBe(403);
    const noCsrf = await api.server.inject({
      method: 'POST',
      url: `/api/rubrics/${forked.id}/publish`,
      headers: { cookie: acme.admin.cookie! },
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('diffs versions: criteria changed with weights, level descriptors and key points', async () => {
    const forked = await fork(acme.admin, builtIn.id, { name: 'diffed' });
    const definition = edited(builtInVersion.definition);
    const removed = definition.criteria.pop()!;
    await acme.admin.ok(acme.admin.put(`/api/rubrics/${forked.id}/draft`, { definition }));

    // Defaults: the draft against the version it was forked from.
    const diff = await acme.reviewer.ok<{
      from: { id: string };
      to: { id: string; status: string };
      identical: boolean;
      criteria: {
        added: unknown[];
        removed: { key: string; weight: number }[];
        changed: {
          key: string;
          weight: { from: number; to: number } | null;
          levels: { level: number }[];
          keyPoints: { added: { id: string }[]; removed: unknown[] };
        }[];
        unchanged: string[];
      };
      weightShares: { key: string; from: number | null; to: number | null }[];
    }>(acme.reviewer.get(`/api/rubrics/${forked.id}/diff`));
    const first = builtInVersion.definition.criteria[0]!;
    expect(diff.from.id).toBe(builtIn.latestPublished!.id);
    expect(diff.to.status).toBe('draft');
    expect(diff.identical).toBe(false);
    expect(diff.criteria.removed).toEqual([expect.objectContaining({ key: removed.key, weight: removed.weight })]);
    expect(diff.criteria.added).toEqual([]);
    expect(diff.criteria.changed).toHaveLength(1);
    expect(diff.criteria.changed[0]).toMatchObject({
      key: first.key,
      weight: { from: first.weight, to: first.weight + 2 },
      levels: [{ level: 4 }],
      keyPoints: { added: [{ id: 'extra-point' }], removed: [] },
    });
    expect(diff.criteria.unchanged).toHaveLength(builtInVersion.definition.criteria.length - 2);
    expect(diff.weightShares.find((s) => s.key === removed.key)).toMatchObject({ to: null });
    const sum = (side: 'from' | 'to') => diff.weightShares.reduce((s, w) => s + (w[side] ?? 0), 0);
    expect(sum('from')).toBeCloseTo(100, 0);
    expect(sum('to')).toBeCloseTo(100, 0);

    // Explicit versions, reversed: the removed criterion comes back as added.
    const back = await acme.reviewer.ok<{ criteria: { added: { key: string }[] } }>(
      acme.reviewer.get(`/api/rubrics/${forked.id}/diff?from=${diff.to.id}&to=${diff.from.id}`),
    );
    expect(back.criteria.added.map((c) => c.key)).toEqual([removed.key]);
    const self = await acme.reviewer.ok<{ identical: boolean }>(
      acme.reviewer.get(`/api/rubrics/${forked.id}/diff?from=${diff.from.id}&to=${diff.from.id}`),
    );
    expect(self.identical).toBe(true);

    const lonely = await acme.reviewer.get(`/api/rubrics/${builtIn.id}/diff`);
    expect(lonely.statusCode).toBe(409);
    expect(lonely.json().error.code).toBe('nothing_to_compare');
    expect((await acme.reviewer.get(`/api/rubrics/${forked.id}/diff?from=${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await acme.reviewer.get(`/api/rubrics/${forked.id}/diff?from=x`)).statusCode).toBe(400);
    expect((await globex.reviewer.get(`/api/rubrics/${forked.id}/diff`)).statusCode).toBe(404);
    expect((await globex.reviewer.get(`/api/rubrics/${builtIn.id}/diff?from=${diff.to.id}&to=${diff.from.id}`)).statusCode).toBe(404);
    expect((await acme.candidate.get(`/api/rubrics/${forked.id}/diff`)).statusCode).toBe(403);
  });
});
