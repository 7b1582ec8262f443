import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RubricDefinition } from '@interview/contracts/rubric';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, type Org, TestClient } from './support/client';
import { apiProfiles, bootApi, type TestApi } from './support/harness';

type Rubric = { id: string; draft: { id: string } | null; latestPublished: { id: string } | null };
type VersionDetail = { id: string; definition: RubricDefinition };
type TryResult = {
  grader: string;
  total: number | null;
  criteria: { key: string; score: number | null }[];
  rubricVersion: { id: string; status: string };
};
type Calibration = { id: string; expectedScores: Record<string, number>; expectedTotal: number | null };
type Run = {
  version: { id: string };
  grader: string;
  answers: { calibrationId: string; expectedTotal: number | null; actualTotal: number | null; criteria: Crit[]; error: string | null }[];
  summary: {
    answers: number;
    graded: number;
    comparisons: number;
    exactRate: number | null;
    withinOneRate: number | null;
    meanAbsoluteError: number | null;
  };
};
type Crit = { key: string; expected: number | null; actual: number | null; delta: number | null };

const WEAK = 'I would restart things until it works. Kubernetes is a container thing and networking is handled for you.';

describe.each(apiProfiles)('rubrics: trying answers and calibration (%s)', (profile) => {
  let api: TestApi;
  let acme: Org;
  let globex: Org;
  let builtIn: Rubric;
  let builtInVersion: VersionDetail;
  let reference: string;

  beforeAll(async () => {
    api = await bootApi(profile);
    acme = await createOrg(api.server, 'Acme');
    globex = await createOrg(api.server, 'Globex');
    const [q] = await api.sql<{ id: string; reference_answer: string }>(
      "select id, reference_answer from app.questions where slug = 'direct-server-return'",
    );
    reference = q!.reference_answer;
    const page = await acme.reviewer.ok<{ items: Rubric[] }>(acme.reviewer.get(`/api/rubrics?questionId=${q!.id}`));
    builtIn = page.items[0]!;
    builtInVersion = await acme.reviewer.ok<VersionDetail>(
      acme.reviewer.get(`/api/rubrics/${builtIn.id}/versions/${builtIn.latestPublished!.id}`),
    );
  });
  afterAll(async () => api?.close());

  const tryAnswer = (client: TestClient, body: object) => client.post('/api/rubrics/try', body);

  it('grades a sample answer under a published version with the configured grader', async () => {
    const strong = await acme.reviewer.ok<TryResult>(
      tryAnswer(acme.reviewer, { answer: reference, versionId: builtIn.latestPublished!.id }),
    );
    const weak = await acme.reviewer.ok<TryResult>(tryAnswer(acme.reviewer, { answer: WEAK, rubricId: builtIn.id }));
    expect(strong).toMatchObject({ grader: 'offline', rubricVersion: { id: builtIn.latestPublished!.id, status: 'published' } });
    expect(strong.criteria.map((c) => c.key)).toEqual(builtInVersion.definition.criteria.map((c) => c.key));
    expect(strong.total!).toBeGreaterThan(weak.total ?? 0);
    expect(weak.rubricVersion.id).toBe(builtIn.latestPublished!.id);
  });

  it('tries drafts for admins only; a rubric id means its draft for admins and its published version for reviewers', async () => {
    const forked = await acme.admin.ok<Rubric>(acme.admin.post(`/api/rubrics/${builtIn.id}/fork`, { name: 'tried' }), 201);
    const definition = structuredClone(builtInVersion.definition);
    definition.criteria[0]!.key = 'renamed-criterion';
    await acme.admin.ok(acme.admin.put(`/api/rubrics/${forked.id}/draft`, { definition }));

    const byAdmin = await acme.admin.ok<TryResult>(tryAnswer(acme.admin, { answer: reference, rubricId: forked.id }));
    expect(byAdmin.rubricVersion).toMatchObject({ id: forked.draft!.id, status: 'draft' });
    expect(byAdmin.criteria.map((c) => c.key)).toContain('renamed-criterion');

    const draftAsReviewer = await tryAnswer(acme.reviewer, { answer: reference, versionId: forked.draft!.id });
    expect(draftAsReviewer.statusCode).toBe(403);
    // The fork has nothing published yet, so a reviewer has nothing to try it with.
    const unpublished = await tryAnswer(acme.reviewer, { answer: reference, rubricId: forked.id });
    expect(unpublished.statusCode).toBe(409);
    expect(unpublished.json().error.code).toBe('no_version');
    await acme.admin.ok(acme.admin.post(`/api/rubrics/${forked.id}/publish`));
    const published = await acme.reviewer.ok<TryResult>(tryAnswer(acme.reviewer, { answer: reference, rubricId: forked.id }));
    expect(published.rubricVersion).toMatchObject({ id: forked.draft!.id, status: 'published' });
  });

  it('rejects bad bodies, unknown and foreign ids, and callers below reviewer', async () => {
    const versionId = builtIn.latestPublished!.id;
    for (const body of [
      { answer: '', versionId },
      { answer: '   \n ', versionId },
      { answer: 'x'.repeat(20_001), versionId },
      { answer: 'fine', versionId, rubricId: builtIn.id },
      { answer: 'fine' },
      { answer: 'fine', versionId: 'nope' },
    ]) {
      const res = await tryAnswer(acme.reviewer, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 60)).toBe(400);
    }
    expect((await tryAnswer(acme.reviewer, { answer: 'fine', versionId: crypto.randomUUID() })).statusCode).toBe(404);
    const forked = await acme.admin.ok<Rubric>(acme.admin.post(`/api/rubrics/${builtIn.id}/fork`, { name: 'foreign' }), 201);
    expect((await tryAnswer(globex.admin, { answer: 'fine', versionId: forked.draft!.id })).statusCode).toBe(404);
    expect((await tryAnswer(globex.admin, { answer: 'fine', rubricId: forked.id })).statusCode).toBe(404);
    expect((await tryAnswer(acme.candidate, { answer: 'fine', versionId })).statusCode).toBe(403);
    expect((await tryAnswer(new TestClient(api.server), { answer: 'fine', versionId })).statusCode).toBe(401);
  });

  it('keeps calibration answers on org rubrics, validated against the rubric criteria', async () => {
    const forked = await acme.admin.ok<Rubric>(acme.admin.post(`/api/rubrics/${builtIn.id}/fork`, { name: 'calibrated' }), 201);
    const keys = builtInVersion.definition.criteria.map((c) => c.key);
    const url = `/api/rubrics/${forked.id}/calibration`;
    expect(await acme.admin.ok(acme.admin.get(url))).toEqual([]);

    const created = await acme.admin.ok<Calibration>(
      acme.admin.post(url, { answer: reference, expectedScores: Object.fromEntries(keys.map((k) => [k, 4])), note: 'the reference' }),
      201,
    );
    expect(created.expectedTotal).toBe(100);
    const partial = await acme.admin.ok<Calibration>(acme.admin.post(url, { answer: WEAK, expectedScores: { [keys[0]!]: 0 } }), 201);
    expect(partial.expectedTotal).toBe(0);
    expect((await acme.admin.ok<Calibration[]>(acme.admin.get(url))).map((c) => c.id)).toEqual([created.id, partial.id]);

    const unknown = await acme.admin.post(url, { answer: WEAK, expectedScores: { 'not-a-criterion': 2 } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.unknown).toEqual(['not-a-criterion']);
    for (const body of [
      { answer: WEAK, expectedScores: { [keys[0]!]: 5 } },
      { answer: WEAK, expectedScores: { [keys[0]!]: 1.5 } },
      { answer: WEAK, expectedScores: {} },
      { answer: '', expectedScores: { [keys[0]!]: 1 } },
      { answer: WEAK, expectedScores: { 'Bad Key': 1 } },
    ]) {
      expect((await acme.admin.post(url, body)).statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
    }

    const builtInPost = await acme.owner.post(`/api/rubrics/${builtIn.id}/calibration`, {
      answer: WEAK,
      expectedScores: { [keys[0]!]: 0 },
    });
    expect(builtInPost.statusCode).toBe(403);
    expect((await globex.admin.get(url)).statusCode).toBe(404);
    expect((await globex.admin.post(url, { answer: WEAK, expectedScores: { [keys[0]!]: 0 } })).statusCode).toBe(404);
    expect((await globex.admin.delete(`${url}/${partial.id}`)).statusCode).toBe(404);
    expect((await acme.reviewer.get(url)).statusCode).toBe(403);

    expect((await acme.admin.delete(`${url}/${partial.id}`)).statusCode).toBe(204);
    expect((await acme.admin.delete(`${url}/${partial.id}`)).statusCode).toBe(404);
    expect((await acme.admin.delete(`${url}/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await acme.admin.ok<Calibration[]>(acme.admin.get(url))).map((c) => c.id)).toEqual([created.id]);
  });

  it('runs calibration: expected against actual per criterion and in total, with exact and within-one rates', async () => {
    const forked = await acme.admin.ok<Rubric>(acme.admin.post(`/api/rubrics/${builtIn.id}/fork`, { name: 'run' }), 201);
    const url = `/api/rubrics/${forked.id}/calibration`;
    const empty = await acme.admin.post(`${url}/run`, {});
    expect(empty.statusCode).toBe(409);
    expect(empty.json().error.code).toBe('no_calibration_answers');

    const keys = builtInVersion.definition.criteria.map((c) => c.key);
    const strong = await acme.admin.ok<Calibration>(
      acme.admin.post(url, { answer: reference, expectedScores: Object.fromEntries(keys.map((k) => [k, 4])) }),
      201,
    );
    const weak = await acme.admin.ok<Calibration>(
      acme.admin.post(url, { answer: WEAK, expectedScores: Object.fromEntries(keys.map((k) => [k, 0])) }),
      201,
    );
    const run = await acme.admin.ok<Run>(acme.admin.post(`${url}/run`, {}));
    expect(run).toMatchObject({ version: { id: forked.draft!.id }, grader: 'offline' });
    expect(run.answers.map((a) => a.calibrationId)).toEqual([strong.id, weak.id]);
    expect(run.summary).toMatchObject({ answers: 2, graded: 2, comparisons: keys.length * 2 });

    // The actual scores are what the grader gives the same answer when tried directly.
    const direct = await acme.admin.ok<TryResult>(tryAnswer(acme.admin, { answer: reference, versionId: forked.draft!.id }));
    const strongRun = run.answers[0]!;
    expect(strongRun.actualTotal).toBe(direct.total);
    expect(strongRun.expectedTotal).toBe(100);
    for (const c of strongRun.criteria) {
      expect(c.actual).toBe(direct.criteria.find((d) => d.key === c.key)!.score);
      expect(c.delta).toBe(c.actual === null ? null : c.actual - 4);
    }
    const deltas = run.answers.flatMap((a) => a.criteria.flatMap((c) => (c.delta === null ? [] : [c.delta])));
    expect(run.summary.exactRate).toBeCloseTo(deltas.filter((d) => d === 0).length / deltas.length, 3);
    expect(run.summary.withinOneRate).toBeCloseTo(deltas.filter((d) => Math.abs(d) <= 1).length / deltas.length, 3);
    expect(run.summary.withinOneRate!).toBeGreaterThanOrEqual(run.summary.exactRate!);

    // A named version must be one of this rubric's.
    const other = await acme.admin.post(`${url}/run`, { versionId: builtIn.latestPublished!.id });
    expect(other.statusCode).toBe(404);
    expect((await acme.admin.post(`${url}/run`, { versionId: 'x' })).statusCode).toBe(400);
    expect((await acme.reviewer.post(`${url}/run`, {})).statusCode).toBe(403);
    expect((await globex.admin.post(`${url}/run`, {})).statusCode).toBe(404);
  });
});

/** A stand-in LLM endpoint whose failure mode each test picks. */
function startStubLlm() {
  const state = { status: 401 };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(state.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'stub says no', type: 'stub' } }));
    });
  });
  return new Promise<{ url: string; state: typeof state; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/v1`, state, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

describe('rubrics: grader failures while trying answers (embedded, LLM grader)', () => {
  let api: TestApi;
  let stub: Awaited<ReturnType<typeof startStubLlm>>;
  let org: Org;
  let versionId: string;

  beforeAll(async () => {
    stub = await startStubLlm();
    api = await bootApi('embedded', { LLM_BASE_URL: stub.url, LLM_MODEL: 'stub-model', LLM_API_KEY: 'test-key' });
    org = await createOrg(api.server, 'Acme');
    const [row] = await api.sql<{ id: string }>(
      `select v.id from app.rubric_versions v join app.rubrics r on r.id = v.rubric_id join app.questions q on q.id = r.question_id
       where q.slug = 'direct-server-return' and r.org_id is null and v.status = 'published'`,
    );
    versionId = row!.id;
  });
  afterAll(async () => {
    await api?.close();
    await stub?.close();
  });

  it('answers 502 when the provider rejects the request and 503 when it is down, without internals', async () => {
    stub.state.status = 401;
    const rejected = await org.reviewer.post('/api/rubrics/try', { answer: 'A short answer.', versionId });
    expect(rejected.statusCode).toBe(502);
    expect(rejected.json().error).toMatchObject({ code: 'grader_failed', details: { providerStatus: 401 } });
    expect(rejected.body).not.toContain('stub says no');

    stub.state.status = 503;
    const down = await org.reviewer.post('/api/rubrics/try', { answer: 'A short answer.', versionId });
    expect(down.statusCode).toBe(503);
    expect(down.json().error).toMatchObject({ code: 'grader_unavailable', details: { providerStatus: 503 } });
  });
});
