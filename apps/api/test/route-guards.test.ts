import { randomBytes, randomUUID } from 'node:crypto';
import { atLeast, type Role } from '@interview/contracts/api';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, type Org, type TestClient } from './support/client';
import { apiProfiles, bootApi, type TestApi } from './support/harness';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Route {
  method: Method;
  /** A concrete URL: path params filled with plausible values. */
  url: string;
  template: string;
  isPublic: boolean;
  minRole: Role | undefined;
}

/** A plausible, unknown value for a path parameter: a token-shaped string for `token`, else a UUID. */
const fill = (name: string) => (name === 'token' ? randomBytes(32).toString('base64url') : randomUUID());

/** Every documented /api and /ws operation, so this suite grows with the routes other features add. */
function routesOf(doc: { paths: Record<string, Record<string, { security?: unknown[]; 'x-min-role'?: Role }>> }): Route[] {
  const out: Route[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    if (!/^\/(api|ws)\//.test(template)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const url = template.replace(/\{([^}]+)\}/g, (_, name: string) => fill(name));
      out.push({ method: method.toUpperCase() as Method, url, template, isPublic: op.security?.length === 0, minRole: op['x-min-role'] });
    }
  }
  return out;
}

function expectJsonError(res: LightMyRequestResponse, what: string) {
  expect(res.headers['content-type'], what).toMatch(/application\/json/);
  expect(res.json().error, what).toMatchObject({ code: expect.any(String), message: expect.any(String) });
}

describe.each(apiProfiles)('route guards, driven by /openapi.json (%s)', (profile) => {
  let api: TestApi;
  let routes: Route[];
  let org: Org;
  beforeAll(async () => {
    api = await bootApi(profile);
    routes = routesOf((await api.server.inject('/openapi.json')).json());
    org = await createOrg(api.server);
  });
  afterAll(async () => api?.close());

  it('answers 401 with a JSON error to every non-public GET without a session; public GETs never ask for one', async () => {
    const gets = routes.filter((r) => r.method === 'GET');
    expect(gets.filter((r) => !r.isPublic).length).toBeGreaterThanOrEqual(4);
    for (const route of gets) {
      const res = await api.server.inject({ method: 'GET', url: route.url });
      const what = `GET ${route.template} -> ${res.statusCode} ${res.body.slice(0, 200)}`;
      if (route.isPublic) {
        expect(res.statusCode, what).not.toBe(401);
        continue;
      }
      expect([401, 403], what).toContain(res.statusCode);
      expectJsonError(res, what);
    }
  });

  it("refuses members below a route's x-min-role with 403, before reading the body", async () => {
    const members: Array<[Role, TestClient]> = [
      ['candidate', org.candidate],
      ['reviewer', org.reviewer],
      ['admin', org.admin],
    ];
    const restricted = routes.filter((r) => r.minRole && r.minRole !== 'candidate');
    expect(restricted.length).toBeGreaterThanOrEqual(3);
    for (const route of restricted) {
      for (const [role, client] of members) {
        if (atLeast(role, route.minRole!)) continue;
        const res = await client.request(route.method, route.url, route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
        const what = `${role}: ${route.method} ${route.template} -> ${res.statusCode} ${res.body.slice(0, 200)}`;
        expect(res.statusCode, what).toBe(403);
        expectJsonError(res, what);
      }
    }
  });

  it('answers a broken JSON body on every write route with a 4xx, never a 5xx, signed in or not', async () => {
    const writes = routes.filter((r) => r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH');
    expect(writes.length).toBeGreaterThanOrEqual(5);
    // The owner passes every role check, so the request gets as far as body parsing.
    const session = { cookie: org.owner.cookie!, 'x-csrf-token': org.owner.csrf! };
    for (const route of writes) {
      for (const [who, headers] of [
        ['anonymous', {}],
        ['owner', session],
      ] as const) {
        const res = await api.server.inject({
          method: route.method,
          url: route.url,
          headers: { ...headers, 'content-type': 'application/json' },
          payload: '{"a":',
        });
        const what = `${who}: ${route.method} ${route.template} -> ${res.statusCode} ${res.body.slice(0, 200)}`;
        expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, what).toBeLessThan(500);
        expectJsonError(res, what);
      }
    }
    // Still signed in: no write above went through.
    expect((await org.owner.get('/api/auth/session')).statusCode).toBe(200);
  });
});
