import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, invite, PASSWORD, signUp, TestClient, uniqueEmail } from './support/client';
import { apiProfiles, bootApi, type TestApi } from './support/harness';

describe.each(apiProfiles)('accounts and organisations (%s)', (profile) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await bootApi(profile);
  });
  afterAll(async () => api?.close());

  it('signs up into a new organisation with an httpOnly SameSite session cookie and an argon2id hash', async () => {
    const client = new TestClient(api.server);
    const email = uniqueEmail('New.Person');
    const res = await client.post('/api/auth/sign-up', { email, password: PASSWORD, name: 'New Person', organisationName: 'Globex' });
    expect(res.statusCode).toBe(201);
    const cookie = res.cookies.find((c) => c.name === 'sid')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(res.json()).toMatchObject({ user: { email: email.toLowerCase() }, organisation: { orgName: 'Globex', role: 'owner' } });
    const [row] = await api.sql<{ password_hash: string }>('select password_hash from app.users where email = $1', [email.toLowerCase()]);
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    // The session is stored hashed: the cookie value never appears in the database.
    const sessions = await api.sql<{ token_hash: string }>('select token_hash from app.sessions');
    expect(sessions.some((s) => cookie.value.includes(s.token_hash))).toBe(false);
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('refuses a taken email, bad bodies and broken JSON with 4xx and a machine-readable body', async () => {
    const first = await signUp(api.server);
    const again = await new TestClient(api.server).post('/api/auth/sign-up', {
      email: first.session!.user.email.toUpperCase(),
      password: PASSWORD,
      name: 'X',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('email_taken');
    const weak = await new TestClient(api.server).post('/api/auth/sign-up', { email: uniqueEmail('w'), password: 'short', name: 'W' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'invalid_input', details: [{ path: 'body.password' }] });
    const broken = await api.server.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBeTruthy();
  });

  it('signs in and out; a wrong password is 401 and audited; a forged cookie is 401', async () => {
    const owner = await signUp(api.server);
    const email = owner.session!.user.email;
    const bad = await new TestClient(api.server).post('/api/auth/sign-in', { email, password: 'not the password' });
    expect(bad.statusCode).toBe(401);
    const unknown = await new TestClient(api.server).post('/api/auth/sign-in', { email: uniqueEmail('ghost'), password: PASSWORD });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe(bad.json().error.message);
    const failures = await api.sql("select data from app.audit_log where action = 'auth.sign_in_failed' and data->>'email' = $1", [email]);
    expect(failures).toHaveLength(1);

    const client = new TestClient(api.server);
    await client.ok(client.post('/api/auth/sign-in', { email, password: PASSWORD }));
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
    const out = await client.post('/api/auth/sign-out');
    expect(out.statusCode).toBe(204);
    expect((await client.get('/api/auth/session')).statusCode).toBe(401);

    const forged = await api.server.inject({ url: '/api/auth/session', headers: { cookie: 'sid=forged.value' } });
    expect(forged.statusCode).toBe(401);
  });

  it('needs the CSRF token on cookie-authenticated writes', async () => {
    const owner = await signUp(api.server);
    const noToken = await api.server.inject({
      method: 'POST',
      url: '/api/org/invitations',
      headers: { cookie: owner.cookie! },
      payload: { email: uniqueEmail('c'), role: 'candidate' },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf_invalid');
    const wrong = await api.server.inject({
      method: 'POST',
      url: '/api/org/invitations',
      headers: { cookie: owner.cookie!, 'x-csrf-token': 'nope' },
      payload: { email: uniqueEmail('c'), role: 'candidate' },
    });
    expect(wrong.statusCode).toBe(403);
    expect((await owner.post('/api/org/invitations', { email: uniqueEmail('c'), role: 'candidate' })).statusCode).toBe(201);
  });

  it('invitation links are single use, expire, and respect who may invite whom', async () => {
    const org = await createOrg(api.server);
    expect(org.candidate.session!.organisation).toMatchObject({ orgId: org.owner.orgId, role: 'candidate' });
    expect(org.reviewer.session!.organisation.role).toBe('reviewer');

    const denied = await org.reviewer.post('/api/org/invitations', { email: uniqueEmail('a'), role: 'admin' });
    expect(denied.statusCode).toBe(403);
    expect((await org.candidate.post('/api/org/invitations', { email: uniqueEmail('a'), role: 'candidate' })).statusCode).toBe(403);

    const email = uniqueEmail('twice');
    const { token, url } = await org.admin.ok<{ token: string; url: string }>(
      org.admin.post('/api/org/invitations', { email, role: 'candidate' }),
      201,
    );
    expect(url).toContain(`/invite/${token}`);
    const preview = await new TestClient(api.server).get(`/api/invitations/${token}`);
    expect(preview.json()).toMatchObject({ email, role: 'candidate', accountExists: false });
    const accepted = await Promise.all(
      [0, 1].map(() => new TestClient(api.server).post(`/api/invitations/${token}/accept`, { name: 'Twice', password: PASSWORD })),
    );
    expect(accepted.map((r) => r.statusCode).sort()).toEqual([200, expect.any(Number)]);
    expect(accepted.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect((await new TestClient(api.server).get(`/api/invitations/${token}`)).statusCode).toBe(404);
    const [inv] = await api.sql<{ token_hash: string }>('select token_hash from app.invitations where email = $1', [email]);
    expect(inv!.token_hash).not.toContain(token);

    const expiring = await org.admin.ok<{ token: string }>(
      org.admin.post('/api/org/invitations', { email: uniqueEmail('late'), role: 'reviewer' }),
      201,
    );
    await api.sql("update app.invitations set expires_at = now() - interval '1 minute' where email like 'late-%'");
    const late = await new TestClient(api.server).post(`/api/invitations/${expiring.token}/accept`, { name: 'Late', password: PASSWORD });
    expect(late.statusCode).toBe(404);
    expect((await new TestClient(api.server).get('/api/invitations/not-a-token!')).statusCode).toBe(400);
  });

  it('an existing account accepts by signing in first, and joins the second organisation', async () => {
    const acme = await createOrg(api.server, 'Acme Two');
    const other = await signUp(api.server, { organisationName: 'Initech' });
    const { token } = await acme.admin.ok<{ token: string }>(
      acme.admin.post('/api/org/invitations', { email: other.session!.user.email, role: 'reviewer' }),
      201,
    );
    const anonymous = await new TestClient(api.server).post(`/api/invitations/${token}/accept`, { name: 'X', password: PASSWORD });
    expect(anonymous.statusCode).toBe(409);
    expect(anonymous.json().error.code).toBe('sign_in_required');
    const joined = await other.ok<{ organisation: { orgId: string; role: string }; memberships: unknown[] }>(
      other.post(`/api/invitations/${token}/accept`),
    );
    expect(joined.organisation).toMatchObject({ orgId: acme.owner.orgId, role: 'reviewer' });
    expect(joined.memberships).toHaveLength(2);
    // Switching back is allowed; switching into an organisation one is not in is not.
    const mine = joined.memberships.find((m) => (m as { orgId: string }).orgId !== acme.owner.orgId) as { orgId: string };
    expect((await other.post('/api/auth/switch-org', { orgId: mine.orgId })).statusCode).toBe(200);
    const stranger = await signUp(api.server);
    expect((await other.post('/api/auth/switch-org', { orgId: stranger.orgId })).statusCode).toBe(403);
  });

  it('members: list for reviewers, role changes for admins, owners protected, everything audited', async () => {
    const org = await createOrg(api.server, 'Members Inc');
    const members = await org.reviewer.ok<{ userId: string; role: string }[]>(org.reviewer.get('/api/org/members?role=candidate'));
    expect(members.map((m) => m.userId)).toEqual([org.candidate.userId]);
    expect((await org.candidate.get('/api/org/members')).statusCode).toBe(403);

    expect((await org.reviewer.patch(`/api/org/members/${org.candidate.userId}`, { role: 'admin' })).statusCode).toBe(403);
    await org.admin.ok(org.admin.patch(`/api/org/members/${org.candidate.userId}`, { role: 'reviewer' }));
    // The role applies on the very next request.
    expect((await org.candidate.get('/api/org/members')).statusCode).toBe(200);
    expect((await org.admin.patch(`/api/org/members/${org.owner.userId}`, { role: 'admin' })).statusCode).toBe(403);
    const lastOwner = await org.owner.patch(`/api/org/members/${org.owner.userId}`, { role: 'admin' });
    expect(lastOwner.statusCode).toBe(409);
    const strangerId = (await signUp(api.server)).userId;
    expect((await org.admin.patch(`/api/org/members/${strangerId}`, { role: 'reviewer' })).statusCode).toBe(404);

    const removed = await invite(api.server, org.admin, 'reviewer');
    expect((await org.admin.delete(`/api/org/members/${removed.userId}`)).statusCode).toBe(204);
    expect((await removed.get('/api/org/members')).statusCode).toBe(401);

    const audit = await org.admin.ok<{ action: string }[]>(org.admin.get('/api/org/audit'));
    const actions = new Set(audit.map((a) => a.action));
    for (const a of ['invitation.create', 'invitation.accept', 'member.role_change', 'member.remove']) expect(actions).toContain(a);
    expect((await org.reviewer.get('/api/org/audit')).statusCode).toBe(403);
    expect((await org.admin.get('/api/org/audit?limit=100000')).statusCode).toBe(400);
  });
});

describe('auth rate limits', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await bootApi('embedded', { AUTH_RATE_LIMIT_PER_MIN: '3' });
  });
  afterAll(async () => api?.close());

  it('answers 429 with a clear body after too many sign-in attempts', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await new TestClient(api.server).post('/api/auth/sign-in', { email: 'x@example.test', password: 'whatever-wrong' });
      codes.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().error.code).toBe('rate_limited');
    }
    expect(codes).toEqual([401, 401, 401, 429, 429]);
  });
});
