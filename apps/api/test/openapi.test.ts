import { SignUpBody } from '@interview/contracts/api';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiProfiles, bootApi, type TestApi } from './support/harness';

type Operation = {
  security?: Array<Record<string, string[]>>;
  'x-min-role'?: string;
  requestBody?: { content: Record<string, { schema: { type?: string; properties?: Record<string, unknown>; required?: string[] } }> };
  parameters?: Array<{ in: string; name: string }>;
};
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
};

/**
 * Every METHOD + URL Fastify knows, from its own route tree (printRoutes), independent of the
 * OpenAPI plugin. Lines look like `│   ├── /:userId (PATCH, DELETE)`; depth comes from indentation.
 */
function fastifyRoutes(server: FastifyInstance): Set<string> {
  const routes = new Set<string>();
  const prefixes: string[] = [];
  for (const line of server.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│ {3}| {4})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    const path = (prefixes[depth - 1] ?? '') + m[2];
    prefixes[depth] = path;
    for (const method of m[3]?.split(', ') ?? []) if (method !== 'HEAD') routes.add(`${method} ${path}`);
  }
  return routes;
}

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/** `METHOD /path/:param` for every operation in the document, in Fastify's path syntax. */
function documentedRoutes(doc: Document): Set<string> {
  const routes = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) {
      if (HTTP_METHODS.includes(method)) routes.add(`${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`);
    }
  }
  return routes;
}

describe.each(apiProfiles)('OpenAPI document (%s)', (profile) => {
  let api: TestApi;
  let doc: Document;
  beforeAll(async () => {
    api = await bootApi(profile);
    const res = await api.server.inject('/openapi.json');
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });
  afterAll(async () => api?.close());

  it('is OpenAPI 3.x and lists exactly the /api routes Fastify has registered', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    const registered = [...fastifyRoutes(api.server)].filter((r) => r.split(' ')[1]!.startsWith('/api/'));
    expect(registered.length).toBeGreaterThanOrEqual(10);
    const documented = [...documentedRoutes(doc)].filter((r) => r.split(' ')[1]!.startsWith('/api/'));
    expect(documented.sort()).toEqual(registered.sort());
    // Probes are documented; the docs themselves, metrics and the document are not.
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz']));
    expect(Object.keys(doc.paths).filter((p) => !/^\/(api|ws)\/|^\/(healthz|readyz)$/.test(p))).toEqual([]);
    expect([...fastifyRoutes(api.server)]).toEqual(expect.arrayContaining(['GET /metrics', 'GET /openapi.json', 'GET /docs/json']));
  });

  it('carries the zod-derived request bodies and path parameters', () => {
    const signUp = doc.paths['/api/auth/sign-up']?.post?.requestBody?.content['application/json']?.schema;
    const expected = z.toJSONSchema(SignUpBody, { io: 'input' }) as { properties: Record<string, unknown>; required: string[] };
    expect(signUp?.type).toBe('object');
    expect(Object.keys(signUp?.properties ?? {}).sort()).toEqual(Object.keys(expected.properties).sort());
    expect(signUp?.required?.sort()).toEqual(expected.required.sort());
    expect(signUp?.properties?.password).toMatchObject({ type: 'string', minLength: expect.any(Number) });
    // Every documented body is a real schema, not an empty placeholder.
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const op of Object.values(item)) {
        const schema = op.requestBody?.content['application/json']?.schema;
        if (op.requestBody) expect(schema?.properties ?? schema, path).not.toEqual({});
      }
    }
    const accept = doc.paths['/api/invitations/{token}/accept']?.post;
    expect(accept?.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'path', name: 'token' })]));
  });

  it('marks authenticated routes with the session cookie (and CSRF on writes), public ones with no security', () => {
    expect(doc.components.securitySchemes).toMatchObject({
      session: { type: 'apiKey', in: 'cookie', name: 'sid' },
      csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
    });
    expect(doc.paths['/api/auth/sign-up']?.post).toMatchObject({ security: [] });
    expect(doc.paths['/api/auth/sign-up']?.post?.['x-min-role']).toBeUndefined();
    expect(doc.paths['/api/auth/session']?.get).toMatchObject({ security: [{ session: [] }], 'x-min-role': 'candidate' });
    expect(doc.paths['/api/org/invitations']?.post).toMatchObject({ security: [{ session: [], csrf: [] }], 'x-min-role': 'reviewer' });
    expect(doc.paths['/api/org/audit']?.get).toMatchObject({ 'x-min-role': 'admin' });
    // No /api operation is left without an explicit decision.
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/')) continue;
      for (const op of Object.values(item)) expect(op.security, path).toBeDefined();
    }
  });

  it('serves the interactive reference at /docs without a session', async () => {
    const page = await api.server.inject('/docs');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('swagger-ui');
    const init = await api.server.inject('/docs/static/swagger-initializer.js');
    expect(init.statusCode).toBe(200);
  });
});
