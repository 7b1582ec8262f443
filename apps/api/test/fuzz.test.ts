import { randomBytes, randomUUID } from 'node:crypto';
import { ClientMessage, type ServerMessage } from '@interview/contracts/api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOrg, type Org } from './support/client';
import { hostileString, junk, queryViolation, type Schema, sample, violation } from './support/fuzz';
import { apiProfiles, bootApi, type TestApi } from './support/harness';
import { builtInTemplateId, current, startPractice } from './support/interviews';
import { RoomClient } from './support/room-client';

/** Runs per route (and per WebSocket property): bounded so the suite stays quick in CI. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
// One profile is enough to fuzz the HTTP layer: the real Postgres one when it is configured.
const profile = apiProfiles.at(-1)!;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Param {
  name: string;
  schema: Schema;
  required: boolean;
}
interface Route {
  method: Method;
  template: string;
  path: Param[];
  query: Param[];
  body: Schema | null;
}
interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema: Schema }[];
  requestBody?: { content?: Record<string, { schema: Schema }> };
}

function routesOf(doc: { paths: Record<string, Record<string, Operation>> }): Route[] {
  const out: Route[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    if (!/^\/(api|ws)\//.test(template)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = (where: string) =>
        (op.parameters ?? [])
          .filter((p) => p.in === where)
          .map((p) => ({ name: p.name, schema: p.schema, required: p.required ?? where === 'path' }));
      out.push({
        method: method.toUpperCase() as Method,
        template,
        path: params('path'),
        query: params('query'),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  return out;
}

interface FuzzRequest {
  url: string;
  payload?: string;
  /** Which part was made invalid, for the failure message. */
  broken: string;
}

/** Requests to `route` with exactly one part (a path param, a query param or the body) violating its schema. */
function invalidRequests(route: Route): fc.Arbitrary<FuzzRequest> | null {
  const plausiblePath = (name: string, schema: Schema) =>
    schema.format === 'uuid' ? randomUUID() : name === 'token' ? randomBytes(32).toString('base64url') : String(sample(schema));
  const build = (override: { path?: [string, string]; query?: [string, string]; body?: unknown }, broken: string): FuzzRequest => {
    const url = route.template.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = override.path?.[0] === name ? override.path[1] : plausiblePath(name, route.path.find((p) => p.name === name)!.schema);
      return encodeURIComponent(value);
    });
    const qs = new URLSearchParams();
    for (const q of route.query) if (q.required) qs.set(q.name, String(sample(q.schema)));
    if (override.query) qs.set(override.query[0], override.query[1]);
    const body = 'body' in override ? override.body : route.body ? sample(route.body) : undefined;
    return { url: qs.size ? `${url}?${qs}` : url, payload: body === undefined ? undefined : JSON.stringify(body), broken };
  };
  const options: fc.Arbitrary<FuzzRequest>[] = [];
  for (const p of route.path) {
    const bad = queryViolation(p.schema);
    if (bad) options.push(bad.map((v) => build({ path: [p.name, v] }, `path ${p.name}=${JSON.stringify(v).slice(0, 80)}`)));
  }
  for (const q of route.query) {
    const bad = queryViolation(q.schema);
    if (bad) options.push(bad.map((v) => build({ query: [q.name, v] }, `query ${q.name}=${JSON.stringify(v).slice(0, 80)}`)));
  }
  if (route.body) {
    const bad = violation(route.body);
    if (bad) options.push(bad.map((v) => build({ body: v }, `body ${JSON.stringify(v)?.slice(0, 160)}`)));
  }
  return options.length ? fc.oneof(...options) : null;
}

/** A fingerprint of every table in the app schema except sessions (a session row may be refreshed by any request). */
async function snapshot(api: TestApi): Promise<Record<string, string>> {
  const tables = await api.sql<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = 'app' and table_type = 'BASE TABLE' and table_name <> 'sessions' order by 1",
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await api.sql<{ n: number; h: string | null }>(
      `select count(*)::int as n, md5(string_agg(md5(t::text), '' order by md5(t::text))) as h from app.${name} t`,
    );
    out[name] = `${row!.n}:${row!.h}`;
  }
  return out;
}

/** The next frame of any of `types` (RoomClient.next waits for one type only). */
async function nextOf<T extends ServerMessage['type']>(room: RoomClient, types: T[], timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const i = room.messages.findIndex((m) => (types as string[]).includes(m.type));
    if (i >= 0) return room.messages.splice(i, 1)[0] as Extract<ServerMessage, { type: T }>;
    if (Date.now() > until) throw new Error(`no ${types.join('/')} frame; got ${JSON.stringify(room.messages.map((m) => m.type))}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');

describe(`input fuzzing from the zod contracts, ${RUNS} runs per route (${profile})`, () => {
  let api: TestApi;
  let org: Org;
  let routes: Route[];
  let before: Record<string, string>;
  const protoBefore = prototypeKeys();

  beforeAll(async () => {
    api = await bootApi(profile);
    org = await createOrg(api.server);
    routes = routesOf((await api.server.inject('/openapi.json')).json());
    // Something worth corrupting: an interview in progress with a saved draft.
    const state = await startPractice(org.candidate, await builtInTemplateId(api, 'warm-up'));
    await org.candidate.ok(
      org.candidate.put(`/api/interviews/${state.id}/items/${current(state).id}/draft`, { text: 'the draft before fuzzing', revision: 1 }),
    );
    before = await snapshot(api);
  });
  afterAll(async () => api?.close());

  it('covers every documented route that has a schema to violate', () => {
    const fuzzable = routes.filter((r) => invalidRequests(r));
    expect(fuzzable.length).toBeGreaterThanOrEqual(40);
    // Only routes with no params, query or body are left out (nothing to violate; junk bodies are in route-guards.test.ts).
    for (const r of routes.filter((x) => !invalidRequests(x)))
      expect(r.path.length + r.query.length + (r.body ? 1 : 0), r.template).toBe(0);
  });

  it('answers every schema-violating request with a 4xx JSON error, never 5xx and never 2xx', async () => {
    // The owner passes every role check and sends the CSRF token, so each request reaches validation.
    const headers = { cookie: org.owner.cookie!, 'x-csrf-token': org.owner.csrf! };
    const tried: string[] = [];
    for (const route of routes) {
      const arb = invalidRequests(route);
      if (!arb) continue;
      tried.push(`${route.method} ${route.template}`);
      await fc.assert(
        fc.asyncProperty(arb, async (req) => {
          const res = await api.server.inject({
            method: route.method,
            url: req.url,
            headers: req.payload === undefined ? headers : { ...headers, 'content-type': 'application/json' },
            ...(req.payload === undefined ? {} : { payload: req.payload }),
          });
          const what = `${route.method} ${route.template} with ${req.broken} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
          expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
          expect(res.statusCode, what).toBeLessThan(500);
          const { error } = res.json();
          // Fastify's router answers an over-long or malformed URL itself (414/400), before the app's error handler,
          // with its own flat body ({ error, code, message }); everything else is the app's { error: { code, message } }.
          if (typeof error === 'string')
            expect(res.json(), what).toMatchObject({ code: expect.stringMatching(/^FST_ERR_(MAX_PARAM_LENGTH|BAD_URL)$/) });
          else expect(error, what).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        }),
        { numRuns: RUNS },
      );
    }
    expect(tried.length).toBeGreaterThanOrEqual(40);
    // Still signed in (no request went through), nothing stored changed, no prototype was polluted.
    expect((await org.owner.get('/api/auth/session')).statusCode).toBe(200);
    expect(await snapshot(api)).toEqual(before);
    expect(prototypeKeys()).toBe(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 240_000);

  it('answers invalid WebSocket frames with an error frame, keeps the socket open and changes nothing', async () => {
    const state = await startPractice(org.candidate, await builtInTemplateId(api, 'warm-up'));
    const snap = await snapshot(api);
    const room = await RoomClient.open(api.url, state.id, { cookie: org.candidate.cookie! });
    await room.next('state');
    const frameSchema = z.toJSONSchema(ClientMessage, { io: 'input' }) as Schema;
    // Under the socket's 64 KiB frame limit (a bigger frame closes the socket, as room.test.ts checks).
    const fits = (frame: string) => Buffer.byteLength(frame) < 60_000;
    const frames = fc
      .oneof(
        violation(frameSchema)!.map((v) => JSON.stringify(v)),
        // Not JSON at all, or JSON that is not an object.
        hostileString,
        junk.map((v) => JSON.stringify(v) ?? 'undefined'),
      )
      .filter(fits);
    await fc.assert(
      fc.asyncProperty(frames, async (frame) => {
        for (;;) {
          room.send(frame);
          const reply = await room.next('error');
          if (reply.code === 'rate_limited') {
            await new Promise((r) => setTimeout(r, 1_000));
            continue;
          }
          expect(reply.code, `${frame.slice(0, 200)} -> ${JSON.stringify(reply)}`).toBe('invalid_message');
          return;
        }
      }),
      { numRuns: RUNS * 2 },
    );
    // Still open and answering (once the rate limit, which the fuzzing may have used up, lets it through).
    await new Promise((r) => setTimeout(r, 1_000));
    room.messages.splice(0);
    room.send({ type: 'ping', t: 1 });
    expect(await nextOf(room, ['pong', 'error'])).toMatchObject({ type: 'pong', t: 1 });
    await room.close();
    expect(await snapshot(api)).toEqual(snap);
    expect(prototypeKeys()).toBe(protoBefore);
  }, 120_000);

  it('stores hostile but valid answer text exactly (or refuses it with a 4xx), over REST and the socket; nothing else changes', async () => {
    const state = await startPractice(org.candidate, await builtInTemplateId(api, 'warm-up'));
    const itemId = current(state).id;
    const [{ id: answerId }] = (await api.sql<{ id: string }>('select id from app.answers where item_id = $1', [itemId])) as [
      { id: string },
    ];
    const others = async () => {
      const snap = await snapshot(api);
      // The one answer being typed into is expected to change; fingerprint the rest of its table.
      const [row] = await api.sql<{ h: string }>(
        "select md5(string_agg(md5(t::text), '' order by md5(t::text))) as h from app.answers t where id <> $1",
        [answerId],
      );
      return { ...snap, answers: row!.h };
    };
    const snap = await others();
    // What Postgres stores for a string: UTF-8, so a lone surrogate comes back as U+FFFD.
    const stored = (s: string) => Buffer.from(s, 'utf8').toString('utf8');
    const text = fc.oneof(hostileString, fc.string({ unit: 'binary', maxLength: 2_000 })).filter((s) => s.length <= 20_000);
    let revision = 1;
    const room = await RoomClient.open(api.url, state.id, { cookie: org.candidate.cookie! });
    await room.next('state');
    await fc.assert(
      fc.asyncProperty(text, fc.boolean(), async (t, overSocket) => {
        revision++;
        let refused: string | null = null;
        const frame = JSON.stringify({ type: 'draft.save', itemId, text: t, revision });
        // Frames over the socket's 64 KiB limit close it (room.test.ts); those texts go over REST.
        if (overSocket && Buffer.byteLength(frame) < 60_000) {
          room.send(frame);
          const reply = await nextOf(room, ['draft.saved', 'error']);
          if (reply.type === 'error') {
            if (reply.code === 'rate_limited') {
              revision--;
              await new Promise((r) => setTimeout(r, 1_000));
              return;
            }
            expect(reply.code, `socket draft ${JSON.stringify(t).slice(0, 120)} -> ${JSON.stringify(reply)}`).not.toBe('internal');
            refused = reply.code;
          }
        } else {
          const res = await org.candidate.put(`/api/interviews/${state.id}/items/${itemId}/draft`, { text: t, revision });
          expect(
            res.statusCode,
            `REST draft ${JSON.stringify(t).slice(0, 120)} -> ${res.statusCode} ${res.body.slice(0, 200)}`,
          ).toBeLessThan(500);
          if (res.statusCode !== 200) refused = String(res.statusCode);
        }
        const [row] = await api.sql<{ draft: string; draft_revision: number }>(
          'select draft, draft_revision from app.answers where id = $1',
          [answerId],
        );
        if (refused) {
          expect(row!.draft_revision).toBe(revision - 1);
          revision--;
        } else {
          expect(row).toEqual({ draft: stored(t), draft_revision: revision });
        }
      }),
      { numRuns: RUNS * 2 },
    );
    await room.close();
    expect(await others()).toEqual(snap);
  }, 120_000);
});
