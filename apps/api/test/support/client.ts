import type { SessionInfo } from '@interview/contracts/api';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A browser-like client over `app.inject`: keeps the session cookie and sends the CSRF token
 * on writes, the way the web app does.
 */
export class TestClient {
  cookie: string | null = null;
  csrf: string | null = null;
  session: SessionInfo | null = null;

  constructor(public server: FastifyInstance) {}

  async request(method: Method, url: string, body?: unknown, extra: Partial<InjectOptions> = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(extra.headers as Record<string, string>) };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const res = await this.server.inject({ ...extra, method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
    const setCookie = res.cookies.find((c) => c.name === 'sid');
    if (setCookie) this.cookie = setCookie.value ? `sid=${setCookie.value}` : null;
    if (res.statusCode < 300 && res.headers['content-type']?.toString().includes('json')) {
      const json = res.json() as Partial<SessionInfo>;
      if (json && typeof json === 'object' && 'csrfToken' in json && json.user) {
        this.session = json as SessionInfo;
        this.csrf = json.csrfToken ?? null;
      }
    }
    return res;
  }

  get = (url: string, extra?: Partial<InjectOptions>) => this.request('GET', url, undefined, extra);
  post = (url: string, body?: unknown, extra?: Partial<InjectOptions>) => this.request('POST', url, body ?? {}, extra);
  put = (url: string, body?: unknown) => this.request('PUT', url, body ?? {});
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body ?? {});
  delete = (url: string) => this.request('DELETE', url);

  get userId() {
    return this.session!.user.id;
  }
  get orgId() {
    return this.session!.organisation.orgId;
  }

  /** Fails loudly with the response body, so a test shows why a call was refused. */
  async ok<T = unknown>(res: Promise<LightMyRequestResponse> | LightMyRequestResponse, status = 200): Promise<T> {
    const r = await res;
    if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
    return (r.body ? r.json() : null) as T;
  }
}

let counter = 0;
export const uniqueEmail = (tag: string) => `${tag}-${Date.now().toString(36)}-${counter++}@example.test`;
export const PASSWORD = 'correct horse battery';

export async function signUp(server: FastifyInstance, opts: { organisationName?: string; name?: string } = {}) {
  const client = new TestClient(server);
  await client.ok(
    client.post('/api/auth/sign-up', {
      email: uniqueEmail('owner'),
      password: PASSWORD,
      name: opts.name ?? 'Olive Owner',
      organisationName: opts.organisationName,
    }),
    201,
  );
  return client;
}

/** Invites a new account into the inviter's organisation and returns it signed in. */
export async function invite(server: FastifyInstance, by: TestClient, role: 'admin' | 'reviewer' | 'candidate', name = `${role} user`) {
  const email = uniqueEmail(role);
  const created = await by.ok<{ token: string }>(by.post('/api/org/invitations', { email, role }), 201);
  const client = new TestClient(server);
  await client.ok(client.post(`/api/invitations/${created.token}/accept`, { name, password: PASSWORD }));
  return client;
}

export interface Org {
  owner: TestClient;
  admin: TestClient;
  reviewer: TestClient;
  candidate: TestClient;
}

/** An organisation with one signed-in member per role, all made through the real invitation flow. */
export async function createOrg(server: FastifyInstance, name = 'Acme'): Promise<Org> {
  const owner = await signUp(server, { organisationName: name });
  const admin = await invite(server, owner, 'admin');
  const reviewer = await invite(server, owner, 'reviewer');
  const candidate = await invite(server, reviewer, 'candidate', 'Cam Candidate');
  return { owner, admin, reviewer, candidate };
}
