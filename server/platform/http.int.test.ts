import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/build-test-app';
import { login, makeUser } from '../test/factories/accounts.factory';
import { makeTenant } from '../test/factories/territory.factory';
import { routeRegistry } from './routes';

let ta: TestApp;
let cookie: string;
beforeAll(async () => {
  ta = await buildTestApp();
  const t = await makeTenant(ta.deps);
  const u = await makeUser(ta.deps, {
    homeTenantId: t.id,
    grants: [{ role: 'tenant_admin', scopeKind: 'tenant', scopeId: t.id }],
  });
  cookie = await login(ta.app, u.username);
});
afterAll(() => ta?.close());

describe('HTTP platform', () => {
  it('answers /healthz', async () => {
    const res = await ta.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok' });
  });

  it('sends security headers everywhere and no-store on the API', async () => {
    for (const url of ['/healthz', '/api/v1/auth/me', '/api/v1/territory/tree', '/nowhere']) {
      const res = await ta.app.inject({ method: 'GET', url, headers: { cookie } });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      if (url.startsWith('/api/')) expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('sends HSTS and Secure cookies when configured for HTTPS', async () => {
    const secure = await buildTestApp({ secureCookies: true });
    try {
      const t = await makeTenant(secure.deps);
      const u = await makeUser(secure.deps, { homeTenantId: t.id });
      const res = await secure.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: u.username, password: u.password },
      });
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      expect(res.cookies.find((c) => c.name === 'gz_session')!.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('blocks TRACE and dotfile paths', async () => {
    expect((await ta.app.inject({ method: 'TRACE' as 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(405);
    expect((await ta.app.inject({ method: 'GET', url: '/.git/config' })).statusCode).toBe(404);
    expect((await ta.app.inject({ method: 'GET', url: '/.env' })).statusCode).toBe(404);
  });

  it('uses the one error shape, never with a stack', async () => {
    const res = await ta.app.inject({
      method: 'GET',
      url: '/api/v1/territory/communities/not-an-id',
      headers: { cookie },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['code', 'details', 'error', 'message', 'statusCode']);
    expect(body.details[0].path).toBe('id');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    const anon = await ta.app.inject({ method: 'GET', url: '/api/v1/territory/tree' });
    expect(anon.json()).toMatchObject({ statusCode: 401, code: 'platform.unauthenticated' });
  });

  it('describes every registered route in /api/openapi.json and serves the docs page', async () => {
    const doc = (await ta.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const { def } of routeRegistry) {
      const path = def.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[def.method.toLowerCase()], `${def.method} ${path}`).toBeTruthy();
    }
    const docs = await ta.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});
