import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../platform/clock';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { login, makeUser, TEST_PASSWORD } from '../../test/factories/accounts.factory';
import { makeTenant } from '../../test/factories/territory.factory';
import { issueSetupSecret } from './index';

let ta: TestApp;
let tenantId: string;
beforeAll(async () => {
  // The slowdown of an account failing from many addresses, shortened (500 ms doubling to 5 s by default).
  ta = await buildTestApp({ loginDelayBaseMs: 20, loginDelayMaxMs: 160 });
  tenantId = (await makeTenant(ta.deps)).id;
});
afterAll(() => ta?.close());
afterEach(() => clock.reset());

const me = (cookie: string) => ta.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
const loginRaw = (username: string, password: string, ip = '10.0.0.1') =>
  ta.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });

describe('login and sessions', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and answers /me', async () => {
    const u = await makeUser(ta.deps, {
      homeTenantId: tenantId,
      grants: [{ role: 'volunteer', scopeKind: 'tenant', scopeId: tenantId }],
    });
    const res = await loginRaw(u.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'gz_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    expect(c.path).toBe('/');
    expect(c.value.length).toBeGreaterThanOrEqual(40);
    const m = await me(`gz_session=${c.value}`);
    expect(m.statusCode).toBe(200);
    expect(m.json().user.username).toBe(u.username);
    expect(m.json().permissions).toContain('territory.read');
    expect(m.headers['cache-control']).toBe('no-store');
  });

  it('rotates the session at every login (a new token each time; the old one still ends separately)', async () => {
    const u = await makeUser(ta.deps, { homeTenantId: tenantId });
    const a = await login(ta.app, u.username);
    const b = await login(ta.app, u.username);
    expect(a).not.toBe(b);
  });

  it('says the same for an unknown user and a wrong password, and logs a failed attempt in the audit log', async () => {
    const u = await makeUser(ta.deps, { homeTenantId: tenantId });
    const wrong = await loginRaw(u.username, 'wrong-password', '10.0.0.2');
    const unknown = await loginRaw('nobody-here', 'wrong-password', '10.0.0.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message).toBe(unknown.json().message);
    expect(wrong.json().code).toBe('auth.invalid_credentials');
    const failed = await ta.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', u.id)
      .execute();
    expect(failed.map((r) => r.action)).toContain('auth.login_failed');
  });

  it('rate-limits wrong passwords from one address with 429, even when the right one follows from there', async () => {
    const u = await makeUser(ta.deps, { homeTenantId: tenantId });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await loginRaw(u.username, `guess-${i}`, '10.0.0.3')).statusCode);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes[5]).toBe(429);
    const right = await loginRaw(u.username, TEST_PASSWORD, '10.0.0.3');
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('platform.rate_limited');
  });

  it('does not let an outsider lock the real user out: other addresses are only slowed down (issue 9 finding 7)', async () => {
    const u = await makeUser(ta.deps, { homeTenantId: tenantId });
    // Thirty wrong passwords from six addresses: each address is locked for this account, the account is not.
    for (let a = 0; a < 6; a++) {
      const codes: number[] = [];
      for (let i = 0; i < 6; i++)
        codes.push((await loginRaw(u.username, `guess-${i}`, `10.3.${a}.1`)).statusCode);
      expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    }
    const started = Date.now();
    const real = await loginRaw(u.username, TEST_PASSWORD, '10.3.99.1');
    expect(real.statusCode, real.body).toBe(200);
    // …after the capped delay, which slows the outsider as much.
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    const guess = Date.now();
    expect((await loginRaw(u.username, 'another-guess', '10.3.100.1')).statusCode).toBe(401);
    expect(Date.now() - guess).toBeGreaterThanOrEqual(150);
  });

  it('ends the session at logout', async () => {
    const u = await makeUser(ta.deps, { homeTenantId: tenantId });
    const cookie = await login(ta.app, u.username);
    const out = await ta.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(200);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('ends every session at password change and keeps the caller signed in with a new one', async () => {
    const u = await makeUser(ta.deps, { homeTenantId: tenantId });
    const other = await login(ta.app, u.username);
    const mine = await login(ta.app, u.username);
    const res = await ta.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie: mine },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-password' },
    });
    expect(res.statusCode).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    expect((await me(mine)).statusCode).toBe(401);
    const fresh = res.cookies.find((c) => c.name === 'gz_session')!;
    expect((await me(`gz_session=${fresh.value}`)).statusCode).toBe(200);
    expect((await loginRaw(u.username, 'a-brand-new-password', '10.0.0.5')).statusCode).toBe(200);
  });

  it('refuses a wrong current password or a short new one, naming the field', async () => {
    const u = await makeUser(ta.deps, { homeTenantId: tenantId });
    const cookie = await login(ta.app, u.username);
    const wrong = await ta.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie },
      payload: { currentPassword: 'nope', newPassword: 'long-enough-pass' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details[0].path).toBe('currentPassword');
    const short = await ta.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().details[0].path).toBe('newPassword');
  });

  it('ends sessions when an administrator disables the account', async () => {
    const admin = await makeUser(ta.deps, {
      homeTenantId: tenantId,
      grants: [{ role: 'tenant_admin', scopeKind: 'tenant', scopeId: tenantId }],
    });
    const u = await makeUser(ta.deps, { homeTenantId: tenantId });
    const adminCookie = await login(ta.app, admin.username);
    const cookie = await login(ta.app, u.username);
    const res = await ta.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      headers: { cookie: adminCookie },
      payload: { status: 'disabled', version: 1 },
    });
    expect(res.statusCode).toBe(200);
    expect((await me(cookie)).statusCode).toBe(401);
    const again = await loginRaw(u.username, TEST_PASSWORD, '10.0.0.6');
    expect(again.statusCode).toBe(403);
    expect(again.json().code).toBe('auth.user_disabled');
  });

  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const u = await makeUser(ta.deps, { homeTenantId: tenantId });
    const idle = await login(ta.app, u.username);
    clock.advance(ta.config.sessionIdleMs + 1000);
    expect((await me(idle)).statusCode).toBe(401);
    clock.reset();

    const busy = await login(ta.app, u.username);
    // Active every 20 minutes (never idle), but past the absolute limit all the same.
    const steps = Math.ceil(ta.config.sessionAbsoluteMs / (20 * 60_000)) + 1;
    let last = 200;
    for (let i = 0; i < steps; i++) {
      clock.advance(20 * 60_000);
      last = (await me(busy)).statusCode;
    }
    expect(last).toBe(401);
  });

  it('rejects a forged or malformed cookie with 401', async () => {
    expect((await me('gz_session=forged-token-that-is-long-enough-xxxxxxxx')).statusCode).toBe(401);
    expect((await me('gz_session=')).statusCode).toBe(401);
  });
});

describe('first-run setup', () => {
  it('creates the first admin only with the one-time secret, once', async () => {
    const fresh = await buildTestApp();
    try {
      const status = await fresh.app.inject({ method: 'GET', url: '/api/v1/setup' });
      expect(status.json()).toEqual({ needed: true });
      const secret = (await issueSetupSecret(fresh.deps))!;
      const body = { username: 'root-admin', displayName: '管理员', password: 'first-admin-password' };
      const bad = await fresh.app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: { ...body, secret: 'guess' },
      });
      expect(bad.statusCode).toBe(403);
      const ok = await fresh.app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: { ...body, secret },
      });
      expect(ok.statusCode).toBe(201);
      expect(ok.json().permissions).toContain('platform.manage');
      const again = await fresh.app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: { ...body, username: 'second', secret },
      });
      expect(again.statusCode).toBe(409);
      expect(await issueSetupSecret(fresh.deps)).toBeNull();
    } finally {
      await fresh.close();
    }
  });
});
