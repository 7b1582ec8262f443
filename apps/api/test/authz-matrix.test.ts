import { atLeast, type Role } from '@interview/contracts/api';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audioUpload, buildWorld, changes, edited, idsOwnedBy, leakFinder, snapshot, type World } from './support/authz-world';
import type { TestClient } from './support/client';
import { apiProfiles, bootApi, type TestApi } from './support/harness';
import { RoomClient } from './support/room-client';

/**
 * The authorization matrix: every documented route that takes an id, called by each member of
 * another organisation (and by a second candidate of the same one) with the ids of organisation
 * A's real resources. Nothing may succeed, the answer is 404 (403 where a role gate answers
 * first), no response carries A's data, and nothing stored changes. route-guards.test.ts covers
 * 401 without a session and 403 below a route's role on made-up ids; this suite uses real ones.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Body = { json: unknown } | { multipart: { payload: Buffer; headers: Record<string, string> } };
interface Route {
  method: Method;
  template: string;
  params: string[];
  isPublic: boolean;
  minRole: Role | undefined;
}
interface Caller {
  label: string;
  client: TestClient;
  role: Role;
  org: 'A' | 'B';
}
interface Variant {
  url: string;
  /** The caller's own resource with A's in the nested id: refused either way (403 or 404). */
  mixed: boolean;
}

type OpenApi = { paths: Record<string, Record<string, { security?: unknown[]; 'x-min-role'?: Role }>> };

function routesOf(doc: OpenApi): Route[] {
  const out: Route[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    if (!/^\/(api|ws)\//.test(template)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      out.push({
        method: method.toUpperCase() as Method,
        template,
        params,
        isPublic: op.security?.length === 0,
        minRole: op['x-min-role'],
      });
    }
  }
  return out;
}

const key = (r: { method: string; template: string }) => `${r.method} ${r.template}`;
const fill = (template: string, values: Record<string, string>) => template.replace(/\{([^}]+)\}/g, (_, n: string) => values[n]!);
const json = (value: unknown): Body => ({ json: value });
/** A fresh client address per upload: the audio route's per-address limit is shared across tests in Redis. */
const someAddress = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

function send(client: TestClient, method: Method, url: string, body?: Body): Promise<LightMyRequestResponse> {
  if (body && 'multipart' in body) return client.request(method, url, undefined, { ...body.multipart, remoteAddress: someAddress() });
  if (method === 'GET' || method === 'DELETE') return client.request(method, url);
  return client.request(method, url, body ? body.json : {});
}

const requestText = (url: string, body?: Body) => `${url} ${body && 'json' in body ? JSON.stringify(body.json) : ''}`;
const responseText = (res: LightMyRequestResponse) => `${res.body} ${JSON.stringify(res.headers)}`;
const describeRes = (res: LightMyRequestResponse) => `${res.statusCode} ${res.body.slice(0, 160)}`;

describe.each(apiProfiles)('authorization matrix: no cross-organisation access, role gates on real ids (%s)', (profile) => {
  let api: TestApi;
  let w: World;
  let routes: Route[];
  let findLeaks: (response: string, request: string) => string[];
  let bCallers: Caller[];
  const counts = { routes: 0, callers: 0, variants: 0, matrix: 0, bodyProbes: 0, queryProbes: 0, sameOrg: 0, sockets: 0, controls: 0 };

  beforeAll(async () => {
    api = await bootApi(profile);
    routes = routesOf((await api.server.inject('/openapi.json')).json());
    w = await buildWorld(api);
    findLeaks = leakFinder(await idsOwnedBy(api, w.a.orgId), [w.a.invitation.token, w.a.usedInvitationToken]);
    bCallers = (['owner', 'admin', 'reviewer', 'candidate'] as const).map((role) => ({
      label: `B ${role}`,
      client: w.b[role],
      role,
      org: 'B' as const,
    }));
  }, 240_000);
  afterAll(async () => {
    if (counts.matrix > 0)
      console.log(
        `authz matrix (${profile}): ${counts.routes} parameterised routes × ${counts.callers} callers = ${counts.routes * counts.callers} cells, ` +
          `${counts.matrix} requests over ${counts.variants} id variants; ` +
          `plus ${counts.bodyProbes} body-id, ${counts.queryProbes} query-filter, ${counts.sameOrg} same-org role, ` +
          `${counts.sockets} WebSocket and ${counts.controls} positive-control checks`,
      );
    await api?.close();
  });

  /** A's real id(s) for a path parameter; `chosen` holds the parameters already filled in. */
  function idsOfA(name: string, template: string, chosen: Record<string, string>): string[] {
    const { a } = w;
    switch (name) {
      case 'id':
        if (template.startsWith('/api/org/invitations/')) return [a.invitation.id];
        if (/^\/api\/(review\/)?interviews\//.test(template)) return [a.practice.id, a.assessment.id];
        if (template.startsWith('/api/templates/')) return [a.practiceTemplateId, a.assessmentTemplateId];
        if (template.startsWith('/api/rubrics/')) return [a.rubric.id];
        if (template.startsWith('/api/questions/')) return [a.question.id];
        break;
      case 'itemId':
        return [chosen.id === a.assessment.id ? a.assessment.itemIds[0]! : a.practice.openItemId];
      case 'gradeId':
        return [a.practice.gradeId, a.assessment.gradeId];
      case 'versionId':
        return [a.rubric.publishedVersionId, a.rubric.draftVersionId];
      case 'calibrationId':
        return [a.calibrationId];
      case 'userId':
        return [a.candidate.userId, a.owner.userId];
      case 'token':
        // An open token is a bearer secret by design (whoever holds the link may join); a used one opens nothing.
        return [a.usedInvitationToken];
    }
    throw new Error(`the matrix has no id of A for {${name}} in ${template}: add one`);
  }

  /** The caller's own resource for a route's leading `{id}`, where one exists. */
  function ownId(template: string, caller: Caller): string | null {
    if (template.startsWith('/api/interviews/{id}/items/'))
      return caller.org === 'B' ? w.b.interviewId : caller.client === w.a.candidate2 ? w.a.candidate2InterviewId : null;
    if (template.startsWith('/api/rubrics/{id}/') && caller.org === 'B') return w.b.rubric.id;
    return null;
  }

  function variantsOf(route: Route, caller: Caller): Variant[] {
    const expand = (names: string[], chosen: Record<string, string>): Record<string, string>[] => {
      const [first, ...rest] = names;
      if (!first) return [chosen];
      return idsOfA(first, route.template, chosen).flatMap((id) => expand(rest, { ...chosen, [first]: id }));
    };
    const pure = expand(route.params, {}).map((values) => ({ url: fill(route.template, values), mixed: false }));
    const own = route.params.length > 1 && route.params[0] === 'id' ? ownId(route.template, caller) : null;
    const mixed = own
      ? expand(route.params.slice(1), { id: own }).map((values) => ({ url: fill(route.template, values), mixed: true }))
      : [];
    return [...pure, ...mixed];
  }

  /** A valid body per write route: a request that would succeed if the ids were the caller's. */
  function bodyTable(): Record<string, () => Body> {
    const { a } = w;
    return {
      'PATCH /api/org/members/{userId}': () => json({ role: 'reviewer' }),
      'PUT /api/interviews/{id}/items/{itemId}/draft': () => json({ text: 'matrix draft', revision: 1_000_000 }),
      'POST /api/interviews/{id}/items/{itemId}/submit': () => json({ text: 'matrix answer' }),
      'POST /api/interviews/{id}/items/{itemId}/audio': () => ({ multipart: audioUpload('matrix captions') }),
      'POST /api/review/grades/{gradeId}/overrides': () =>
        json({ criterionKey: a.practice.criterionKey, score: 4, reason: 'matrix override' }),
      'PUT /api/review/interviews/{id}/decision': () => json({ decision: 'strong_no', notes: 'matrix decision' }),
      'PUT /api/templates/{id}': () =>
        json({
          slug: 'matrix-template',
          name: 'Matrix template',
          description: 'Written by the authorization matrix.',
          totalTimeLimitSec: 3600,
          questions: w.builtInQuestionIds.map((questionId) => ({ questionId })),
        }),
      'POST /api/rubrics/{id}/fork': () => json({ name: 'matrix fork' }),
      'PUT /api/rubrics/{id}/draft': () => json({ definition: edited(w.builtInDefinition, 'matrix') }),
      'POST /api/rubrics/{id}/calibration': () =>
        json({ answer: 'matrix calibration answer', expectedScores: { [w.builtInDefinition.criteria[0]!.key]: 1 } }),
      'POST /api/rubrics/{id}/calibration/run': () => json({}),
      'POST /api/rubrics/versions/{versionId}/regrade': () => json({ templateId: w.warmUpTemplateId }),
      'POST /api/invitations/{token}/accept': () => json({}),
    };
  }

  function bodyOf(route: Route): Body | undefined {
    const make = bodyTable()[key(route)];
    if (make) return make();
    return route.method === 'GET' || route.method === 'DELETE' ? undefined : json({});
  }

  /** 403 when the caller's role is below the route's, else what the case expects. */
  const gated = (route: { minRole?: Role; isPublic?: boolean }, role: Role) =>
    !route.isPublic && route.minRole !== undefined && !atLeast(role, route.minRole);

  it("refuses every parameterised route to B's members and to A's other candidate: 403/404, none of A's data, nothing stored changes", async () => {
    const paramRoutes = routes.filter((r) => r.params.length > 0);
    expect(paramRoutes.length).toBeGreaterThanOrEqual(30);
    // Every route with a body schema has a real body here, or a leak could hide behind a 400.
    const documented = (await api.server.inject('/openapi.json')).json() as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    for (const r of paramRoutes.filter((r) => documented.paths[r.template]?.[r.method.toLowerCase()]?.requestBody))
      expect(Object.hasOwn(bodyTable(), key(r)), `a valid body for ${key(r)} in bodyTable()`).toBe(true);

    const callers: Caller[] = [...bCallers, { label: 'A candidate2', client: w.a.candidate2, role: 'candidate', org: 'A' }];
    const failures: string[] = [];
    const variantUrls = new Set<string>();
    for (const route of paramRoutes) {
      const before = await snapshot(api);
      for (const caller of callers) {
        for (const variant of variantsOf(route, caller)) {
          variantUrls.add(`${route.method} ${variant.url}`);
          const body = bodyOf(route);
          const res = await send(caller.client, route.method, variant.url, body);
          counts.matrix++;
          const what = `${caller.label}: ${route.method} ${variant.url}${variant.mixed ? ' (own + A id)' : ''} -> ${describeRes(res)}`;
          const expected = gated(route, caller.role) ? [403] : variant.mixed ? [403, 404] : [404];
          if (!expected.includes(res.statusCode)) failures.push(`expected ${expected.join('/')}: ${what}`);
          const leaks = findLeaks(responseText(res), requestText(variant.url, body));
          if (leaks.length > 0) failures.push(`leaked ${leaks.join(', ')}: ${what}`);
        }
      }
      const changed = changes(before, await snapshot(api));
      if (changed.length > 0) failures.push(`${key(route)} changed stored rows: ${changed.join('; ')}`);
    }
    counts.routes = paramRoutes.length;
    counts.callers = callers.length;
    counts.variants = variantUrls.size;
    expect(failures).toEqual([]);
  });

  it("refuses A's ids inside request bodies: nothing created, linked or switched to", async () => {
    const { a, b } = w;
    const [answer] = await api.sql<{ id: string }>('select id from app.answers where item_id = $1', [a.practice.answeredItemId]);
    const probes: { method: Method; url: string; body: unknown; minRole: Role; status: number }[] = [
      {
        method: 'POST',
        url: '/api/interviews',
        body: { templateId: a.assessmentTemplateId, candidateId: b.candidate.userId },
        minRole: 'reviewer',
        status: 404,
      },
      {
        method: 'POST',
        url: '/api/interviews',
        body: { templateId: w.warmUpTemplateId, candidateId: a.candidate.userId },
        minRole: 'reviewer',
        status: 404,
      },
      { method: 'POST', url: '/api/interviews/practice', body: { templateId: a.practiceTemplateId }, minRole: 'candidate', status: 404 },
      {
        method: 'POST',
        url: '/api/rubrics/try',
        body: { answer: 'matrix', versionId: a.rubric.publishedVersionId },
        minRole: 'reviewer',
        status: 404,
      },
      {
        method: 'POST',
        url: '/api/rubrics/try',
        body: { answer: 'matrix', versionId: a.rubric.draftVersionId },
        minRole: 'reviewer',
        status: 404,
      },
      { method: 'POST', url: '/api/rubrics/try', body: { answer: 'matrix', rubricId: a.rubric.id }, minRole: 'reviewer', status: 404 },
      {
        method: 'POST',
        url: '/api/templates',
        body: {
          slug: 'borrowed',
          name: 'Borrowed',
          description: 'Uses a question of another organisation.',
          totalTimeLimitSec: 600,
          questions: [{ questionId: a.question.id }],
        },
        minRole: 'admin',
        status: 404,
      },
      {
        method: 'POST',
        url: `/api/rubrics/${b.rubric.id}/calibration/run`,
        body: { versionId: a.rubric.publishedVersionId },
        minRole: 'admin',
        status: 404,
      },
      {
        method: 'POST',
        url: `/api/rubrics/versions/${b.rubric.publishedVersionId}/regrade`,
        body: { answerIds: [answer!.id] },
        minRole: 'admin',
        status: 404,
      },
      {
        method: 'POST',
        url: `/api/rubrics/versions/${b.rubric.publishedVersionId}/regrade`,
        body: { templateId: a.practiceTemplateId },
        minRole: 'admin',
        status: 404,
      },
      {
        method: 'POST',
        url: '/api/rubrics/import',
        body: {
          yaml: JSON.stringify({
            id: 'borealis-screen',
            name: 'Borealis screen',
            description: 'Borrows a question.',
            totalTimeLimitSec: 600,
            questions: [a.question.slug],
          }),
        },
        minRole: 'admin',
        status: 400,
      },
      // Not a member and no such organisation answer alike.
      { method: 'POST', url: '/api/auth/switch-org', body: { orgId: a.orgId }, minRole: 'candidate', status: 403 },
    ];
    const failures: string[] = [];
    const before = await snapshot(api);
    for (const caller of bCallers) {
      for (const p of probes) {
        const res = await send(caller.client, p.method, p.url, json(p.body));
        counts.bodyProbes++;
        const what = `${caller.label}: ${p.method} ${p.url} ${JSON.stringify(p.body).slice(0, 120)} -> ${describeRes(res)}`;
        const expected = atLeast(caller.role, p.minRole) ? p.status : 403;
        if (res.statusCode !== expected) failures.push(`expected ${expected}: ${what}`);
        const leaks = findLeaks(responseText(res), requestText(p.url, json(p.body)));
        if (leaks.length > 0) failures.push(`leaked ${leaks.join(', ')}: ${what}`);
      }
      // Still in B.
      const session = await caller.client.ok<{ organisation: { orgId: string } }>(caller.client.get('/api/auth/session'));
      expect(session.organisation.orgId).toBe(b.orgId);
    }
    const changed = changes(before, await snapshot(api));
    expect(failures).toEqual([]);
    expect(changed).toEqual([]);
  });

  it("returns nothing of A's to list endpoints filtered by A's ids, while A's own members get A's data", async () => {
    const { a, b } = w;
    const [audit] = await api.sql<{ max: string }>('select max(id)::text as max from app.audit_log');
    const bInterviews = new Set(
      (await api.sql<{ id: string }>('select id from app.interviews where org_id = $1', [b.orgId])).map((r) => r.id),
    );
    type Probe = { url: string; minRole: Role; status: 200 | 404; check?: (json: unknown, role: Role) => void };
    const onlyB = (body: unknown) => {
      for (const s of body as { id: string }[]) expect(bInterviews.has(s.id), `interview ${s.id} is B's`).toBe(true);
    };
    const empty = (body: unknown, role: Role) => (role === 'candidate' ? onlyB(body) : expect(body).toEqual([]));
    const probes: Probe[] = [
      { url: '/api/interviews', minRole: 'candidate', status: 200, check: onlyB },
      { url: `/api/interviews?templateId=${a.practiceTemplateId}`, minRole: 'candidate', status: 200, check: (j) => expect(j).toEqual([]) },
      { url: `/api/interviews?candidateId=${a.candidate.userId}`, minRole: 'candidate', status: 200, check: empty },
      {
        url: `/api/interviews?candidateId=${a.candidate.userId}&templateId=${a.assessmentTemplateId}&status=completed&sort=score_desc&flagged=false`,
        minRole: 'candidate',
        status: 200,
        check: (j) => expect(j).toEqual([]),
      },
      { url: `/api/review/compare?templateId=${a.practiceTemplateId}`, minRole: 'reviewer', status: 404 },
      { url: `/api/review/compare?templateId=${a.assessmentTemplateId}`, minRole: 'reviewer', status: 404 },
      { url: `/api/review/compare?templateId=${w.warmUpTemplateId}`, minRole: 'reviewer', status: 200 },
      { url: `/api/review/export?templateId=${a.practiceTemplateId}`, minRole: 'reviewer', status: 404 },
      { url: `/api/review/export?templateId=${a.assessmentTemplateId}&format=csv`, minRole: 'reviewer', status: 404 },
      { url: '/api/review/export', minRole: 'reviewer', status: 200 },
      { url: '/api/review/export?format=csv', minRole: 'reviewer', status: 200 },
      { url: `/api/review/agreement?rubricId=${a.rubric.id}`, minRole: 'reviewer', status: 404 },
      { url: '/api/review/agreement', minRole: 'reviewer', status: 200 },
      { url: `/api/rubrics?questionId=${a.question.id}`, minRole: 'reviewer', status: 404 },
      { url: `/api/rubrics?questionId=${w.builtInQuestionIds[0]}`, minRole: 'reviewer', status: 200 },
      { url: '/api/rubrics?limit=200', minRole: 'reviewer', status: 200 },
      { url: `/api/rubrics/${b.rubric.id}/diff?from=${a.rubric.publishedVersionId}`, minRole: 'reviewer', status: 404 },
      { url: `/api/rubrics/${b.rubric.id}/diff?to=${a.rubric.draftVersionId}`, minRole: 'reviewer', status: 404 },
      {
        url: `/api/rubrics/versions/${b.rubric.publishedVersionId}/regrade-diff?baseVersionId=${a.rubric.publishedVersionId}`,
        minRole: 'reviewer',
        status: 404,
      },
      { url: '/api/rubrics/export', minRole: 'admin', status: 200 },
      {
        url: '/api/questions?search=aardvark',
        minRole: 'reviewer',
        status: 200,
        check: (j) => expect(j).toMatchObject({ items: [], total: 0 }),
      },
      { url: '/api/templates', minRole: 'candidate', status: 200 },
      { url: '/api/org/members', minRole: 'reviewer', status: 200 },
      { url: '/api/org/members?role=owner', minRole: 'reviewer', status: 200 },
      { url: '/api/org/members?role=candidate', minRole: 'reviewer', status: 200 },
      { url: '/api/org/invitations', minRole: 'reviewer', status: 200 },
      { url: '/api/org/audit?limit=500', minRole: 'admin', status: 200 },
      { url: `/api/org/audit?before=${Number(audit!.max) + 1}&action=invitation.create`, minRole: 'admin', status: 200 },
    ];
    const failures: string[] = [];
    for (const caller of bCallers) {
      for (const p of probes) {
        const res = await caller.client.get(p.url);
        counts.queryProbes++;
        const what = `${caller.label}: GET ${p.url} -> ${describeRes(res)}`;
        const expected = atLeast(caller.role, p.minRole) ? p.status : 403;
        if (res.statusCode !== expected) failures.push(`expected ${expected}: ${what}`);
        const leaks = findLeaks(responseText(res), p.url);
        if (leaks.length > 0) failures.push(`leaked ${leaks.join(', ')}: ${what}`);
        if (res.statusCode === 200 && p.check && res.headers['content-type']?.toString().includes('json')) p.check(res.json(), caller.role);
      }
    }
    expect(failures).toEqual([]);

    // The same filters carry real data for A's own reviewer: the empty answers above are not for want of it.
    const mine = await a.reviewer.ok<{ id: string }[]>(a.reviewer.get(`/api/interviews?candidateId=${a.candidate.userId}`));
    expect(mine.map((s) => s.id).sort()).toEqual([a.practice.id, a.assessment.id].sort());
    const compared = await a.reviewer.ok<{ candidates: unknown[] }>(
      a.reviewer.get(`/api/review/compare?templateId=${a.assessmentTemplateId}`),
    );
    expect(compared.candidates).toHaveLength(1);
    const agreement = await a.reviewer.ok<{ overall: { n: number } }>(a.reviewer.get(`/api/review/agreement?rubricId=${a.rubric.id}`));
    expect(agreement.overall.n).toBeGreaterThan(0);
    const search = await a.reviewer.ok<{ total: number }>(a.reviewer.get('/api/questions?search=aardvark'));
    expect(search.total).toBe(1);
    expect((await a.reviewer.get(`/api/rubrics?questionId=${a.question.id}`)).statusCode).toBe(200);
    expect((await a.admin.get(`/api/org/audit?before=${Number(audit!.max) + 1}&action=invitation.create`)).json()).not.toEqual([]);
  });

  it('enforces role × own-resource rules inside A that a role gate alone cannot', async () => {
    const { a } = w;
    const before = await snapshot(api);
    const expectError = async (res: Promise<LightMyRequestResponse>, status: number, code: string, what: string) => {
      const r = await res;
      counts.sameOrg++;
      expect(r.statusCode, `${what} -> ${describeRes(r)}`).toBe(status);
      expect(r.json().error.code, what).toBe(code);
    };

    // Another candidate of the same organisation: A's candidate's interviews do not exist for them.
    for (const id of [a.practice.id, a.assessment.id]) {
      await expectError(a.candidate2.get(`/api/interviews/${id}`), 404, 'not_found', 'candidate2 reads the interview');
      await expectError(a.candidate2.get(`/api/interviews/${id}/results`), 404, 'not_found', 'candidate2 reads the results');
    }
    const seen = await a.candidate2.ok<{ id: string }[]>(a.candidate2.get(`/api/interviews?candidateId=${a.candidate.userId}`));
    expect(seen.map((s) => s.id)).toEqual([a.candidate2InterviewId]);

    // The candidate: own practice results at once; the assessment's only once released, and never the decision.
    expect((await a.candidate.get(`/api/interviews/${a.practice.id}/results`)).statusCode).toBe(200);
    await expectError(a.candidate.get(`/api/interviews/${a.assessment.id}/results`), 403, 'results_not_released', 'unreleased results');
    const own = await a.candidate.ok<{ id: string; total: number | null; decision: string | null; flagged: boolean }[]>(
      a.candidate.get('/api/interviews'),
    );
    expect(own.find((s) => s.id === a.assessment.id)).toMatchObject({ total: null, decision: null, flagged: false });
    expect((await a.reviewer.get('/api/interviews')).json().find((s: { id: string }) => s.id === a.assessment.id).decision).toBe('yes');

    // Only the candidate answers: staff who may watch the interview may not act in it.
    const { id, openItemId } = a.practice;
    for (const staff of [a.reviewer, a.admin, a.owner]) {
      expect((await staff.get(`/api/interviews/${id}`)).statusCode).toBe(200);
      await expectError(
        staff.put(`/api/interviews/${id}/items/${openItemId}/draft`, { text: 'x', revision: 1_000_001 }),
        403,
        'not_the_candidate',
        'staff draft',
      );
      await expectError(
        staff.post(`/api/interviews/${id}/items/${openItemId}/submit`, { text: 'x' }),
        403,
        'not_the_candidate',
        'staff submit',
      );
      await expectError(
        send(staff, 'POST', `/api/interviews/${id}/items/${openItemId}/audio`, { multipart: audioUpload('x') }),
        403,
        'not_the_candidate',
        'staff audio',
      );
      await expectError(staff.post(`/api/interviews/${id}/start`), 403, 'not_the_candidate', 'staff start');
      await expectError(staff.post(`/api/interviews/${id}/finish`), 403, 'not_the_candidate', 'staff finish');
    }

    // Owners: only an owner touches the owner role, and the last owner can neither leave nor step down.
    await expectError(a.admin.patch(`/api/org/members/${a.owner.userId}`, { role: 'admin' }), 403, 'forbidden', 'admin demotes the owner');
    await expectError(a.admin.delete(`/api/org/members/${a.owner.userId}`), 403, 'forbidden', 'admin removes the owner');
    await expectError(a.admin.patch(`/api/org/members/${a.reviewer.userId}`, { role: 'owner' }), 403, 'forbidden', 'admin grants owner');
    await expectError(a.owner.patch(`/api/org/members/${a.owner.userId}`, { role: 'admin' }), 409, 'last_owner', 'last owner steps down');
    await expectError(a.owner.delete(`/api/org/members/${a.owner.userId}`), 409, 'last_owner', 'last owner leaves');

    // Reviewers bring in candidates only, and try published rubric versions only.
    const newcomer = `matrix-${crypto.randomUUID()}@example.test`;
    await expectError(
      a.reviewer.post('/api/org/invitations', { email: newcomer, role: 'admin' }),
      403,
      'forbidden',
      'reviewer invites an admin',
    );
    await expectError(
      a.reviewer.post('/api/org/invitations', { email: newcomer, role: 'reviewer' }),
      403,
      'forbidden',
      'reviewer invites a reviewer',
    );
    await expectError(
      a.reviewer.post('/api/rubrics/try', { answer: 'matrix', versionId: a.rubric.draftVersionId }),
      403,
      'forbidden',
      'reviewer tries a draft',
    );

    expect(changes(before, await snapshot(api))).toEqual([]);
  });

  it("closes B's sockets on A's interviews with 4404 and never sends them A's state", async () => {
    const { a, b } = w;
    const cookie = (c: TestClient) => ({ cookie: c.cookie! });
    const before = await snapshot(api);
    const strangers = [...bCallers, { label: 'A candidate2', client: a.candidate2 }];
    for (const { label, client } of strangers) {
      for (const id of [a.practice.id, a.assessment.id]) {
        const room = await RoomClient.open(api.url, id, cookie(client));
        // Frames sent before the refusal must not act either.
        room.send({ type: 'draft.save', itemId: a.practice.openItemId, text: 'matrix socket draft', revision: 1_000_002 });
        room.send({ type: 'answer.submit', itemId: a.practice.openItemId, text: 'matrix socket answer' });
        const error = await room.next('error');
        expect(error.code, `${label} on ${id}`).toBe('not_found');
        expect((await room.closed).code, `${label} on ${id}`).toBe(4404);
        expect(
          room.messages.map((m) => m.type).filter((t) => t !== 'error'),
          `${label} got frames`,
        ).toEqual([]);
        expect(findLeaks(JSON.stringify([error, ...room.messages]), id)).toEqual([]);
        counts.sockets++;
      }
    }

    // On their own interview's socket, B's candidate cannot reach into one of A's items.
    const own = await RoomClient.open(api.url, b.interviewId, cookie(b.candidate));
    await own.next('state');
    own.send({ type: 'draft.save', itemId: a.practice.openItemId, text: 'matrix socket draft', revision: 1_000_003 });
    const refused = await own.next('error');
    expect(refused.code).toBe('not_found');
    own.send({ type: 'answer.submit', itemId: a.practice.openItemId, text: 'matrix socket answer' });
    expect((await own.next('error')).code).toBe('not_found');
    await own.close();
    counts.sockets++;
    expect(changes(before, await snapshot(api))).toEqual([]);

    // A's reviewer may watch: the same socket is live for the right member.
    const watcher = await RoomClient.open(api.url, a.practice.id, cookie(a.reviewer));
    expect((await watcher.next('state')).state.id).toBe(a.practice.id);
    await watcher.close();
  });

  it("accepts the matrix's own requests from A's members: the ids are real and the bodies valid", async () => {
    const { a } = w;
    const byRoute = new Map(routes.map((r) => [key(r), r]));
    const run = async (routeKey: string, client: TestClient, values: Record<string, string>, status: number) => {
      const route = byRoute.get(routeKey);
      expect(route, routeKey).toBeDefined();
      const url = fill(route!.template, values);
      const res = await send(client, route!.method, url, bodyOf(route!));
      counts.controls++;
      expect(res.statusCode, `${routeKey} ${url} -> ${describeRes(res)}`).toBe(status);
    };
    const interview = { id: a.practice.id, itemId: a.practice.openItemId };
    const rubric = { id: a.rubric.id, versionId: a.rubric.publishedVersionId, calibrationId: a.calibrationId };

    // Every read the matrix refused, as A's owner (the transcript and calibration need reviewer/admin: the owner has both).
    // (The recording exists only once the upload below has run, so its read is checked after it.)
    const playback = 'GET /api/interviews/{id}/items/{itemId}/audio';
    for (const route of routes.filter((r) => r.method === 'GET' && r.params.length > 0 && !r.isPublic && key(r) !== playback)) {
      const values = Object.fromEntries(route.params.map((p) => [p, idsOfA(p, route.template, {})[0]!]));
      await run(key(route), a.owner, values, 200);
    }

    // And the writes, in an order that keeps each one possible.
    await run('PUT /api/interviews/{id}/items/{itemId}/draft', a.candidate, interview, 200);
    await run('POST /api/interviews/{id}/items/{itemId}/audio', a.candidate, interview, 200);
    await run(playback, a.owner, interview, 200);
    await run('POST /api/interviews/{id}/finish', a.candidate, interview, 200);
    await run('POST /api/review/grades/{gradeId}/overrides', a.reviewer, { gradeId: a.practice.gradeId }, 201);
    await run('PUT /api/review/interviews/{id}/decision', a.reviewer, { id: a.assessment.id }, 200);
    await run('POST /api/review/interviews/{id}/release', a.reviewer, { id: a.assessment.id }, 200);
    await run('PUT /api/templates/{id}', a.admin, { id: a.practiceTemplateId }, 200);
    await run('POST /api/rubrics/{id}/fork', a.admin, rubric, 201);
    await run('PUT /api/rubrics/{id}/draft', a.admin, rubric, 200);
    await run('POST /api/rubrics/{id}/calibration', a.admin, rubric, 201);
    await run('POST /api/rubrics/{id}/calibration/run', a.admin, rubric, 200);
    await run('DELETE /api/rubrics/{id}/calibration/{calibrationId}', a.admin, rubric, 204);
    await run('POST /api/rubrics/{id}/publish', a.admin, rubric, 200);
    await run('POST /api/rubrics/versions/{versionId}/regrade', a.admin, rubric, 202);
    await run('DELETE /api/org/invitations/{id}', a.reviewer, { id: a.invitation.id }, 204);
    await run('PATCH /api/org/members/{userId}', a.owner, { userId: a.candidate2.userId }, 200);
    await run('DELETE /api/org/members/{userId}', a.admin, { userId: a.candidate2.userId }, 204);
    // In use by interviews: refused for a reason that is not about who asks.
    await run('DELETE /api/templates/{id}', a.admin, { id: a.practiceTemplateId }, 409);
  });
});
