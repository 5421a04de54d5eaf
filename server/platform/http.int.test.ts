import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { buildTestApp, type TestApp } from '../test/build-test-app';
import { login, makeUser } from '../test/factories/accounts.factory';
import { csvFile, importFile } from '../test/factories/people-io.factory';
import { makeTenant } from '../test/factories/territory.factory';
import { accessChanged } from './access-cache';
import { routeRegistry } from './routes';

let ta: TestApp;
let cookie: string;
let tenantId: string;
beforeAll(async () => {
  ta = await buildTestApp();
  const t = await makeTenant(ta.deps);
  tenantId = t.id;
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

describe('cross-origin state changes and content types (issue 9 finding 12)', () => {
  const newKey = async () => {
    const res = await ta.app.inject({
      method: 'POST',
      url: '/api/v1/interop/api-keys',
      headers: { cookie },
      payload: { tenantId, name: `热线${Math.random()}` },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const keyRevoked = async (id: string) =>
    !!(
      await ta.deps.db
        .selectFrom('interop_api_key')
        .select('revoked_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).revoked_at;
  const revoke = (id: string, headers: Record<string, string>, payload: string | undefined = '{}') =>
    ta.rawInject({
      method: 'POST',
      url: `/api/v1/interop/api-keys/${id}/revoke`,
      headers: { cookie, ...headers },
      ...(payload === undefined ? {} : { payload }),
    });

  it('refuses a state change from another origin (Origin, Sec-Fetch-Site) with 403 platform.cross_origin, and changes nothing', async () => {
    const id = await newKey();
    const json = { 'content-type': 'application/json' };
    for (const headers of [
      { origin: 'http://evil.example' } as Record<string, string>,
      { origin: 'http://localhost.evil.example' },
      { origin: 'https://localhost:8443' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
    ]) {
      const res = await revoke(id, { ...json, ...headers });
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().code).toBe('platform.cross_origin');
      expect(res.json().message).toMatch(/其他网站/);
    }
    // A bodiless POST as text/plain (a no-preflight request from any page) changes nothing either.
    const plain = await revoke(id, { 'content-type': 'text/plain', origin: 'http://evil.example' }, '');
    expect(plain.statusCode).toBe(403);
    expect(await keyRevoked(id)).toBe(false);
    // Reading is not a state change; the server's own origin (its Host) may change state.
    const read = await ta.app.inject({
      method: 'GET',
      url: `/api/v1/interop/api-keys?tenantId=${tenantId}`,
      headers: { cookie, origin: 'http://evil.example' },
    });
    expect(read.statusCode).toBe(200);
    const own = await revoke(id, { ...json, origin: 'http://localhost', 'sec-fetch-site': 'same-origin' });
    expect(own.statusCode, own.body).toBe(200);
    expect(await keyRevoked(id)).toBe(true);
  });

  it('accepts the origins named in ALLOWED_ORIGINS (a proxy that rewrites Host)', async () => {
    const other = await buildTestApp({ allowedOrigins: ['https://gongzhi.example.cn'] });
    try {
      const t = await makeTenant(other.deps);
      const u = await makeUser(other.deps, {
        homeTenantId: t.id,
        grants: [{ role: 'tenant_admin', scopeKind: 'tenant', scopeId: t.id }],
      });
      const c = await login(other.app, u.username);
      const make = (origin: string) =>
        other.app.inject({
          method: 'POST',
          url: '/api/v1/interop/api-keys',
          headers: { cookie: c, origin },
          payload: { tenantId: t.id, name: `热线${origin.length}` },
        });
      expect((await make('https://gongzhi.example.cn')).statusCode).toBe(201);
      expect((await make('https://gongzhi.example.cn.evil.example')).statusCode).toBe(403);
    } finally {
      await other.close();
      // Territory keeps its reference data in one process-wide cache: reload it from this file's database.
      accessChanged();
    }
  });

  it('requires JSON for every state change, with or without a body (415 platform.unsupported_media_type); uploads keep their file types', async () => {
    const id = await newKey();
    for (const [type, payload] of [
      ['text/plain', ''],
      ['text/plain', '{}'],
      ['application/x-www-form-urlencoded', 'a=1'],
      ['multipart/form-data; boundary=x', '--x--'],
      [undefined, undefined],
    ] as const) {
      const res = await revoke(id, type ? { 'content-type': type } : {}, payload);
      expect(res.statusCode, String(type)).toBe(415);
      expect(res.json().code, String(type)).toBe('platform.unsupported_media_type');
    }
    expect(await keyRevoked(id)).toBe(false);
    const json = await revoke(id, { 'content-type': 'application/json; charset=utf-8' });
    expect(json.statusCode, json.body).toBe(200);
    // The import route takes its file as text/csv (or xlsx) and only there.
    const upload = await importFile(ta.app, cookie, tenantId, csvFile([]));
    expect(upload.status, JSON.stringify(upload.body)).toBe(202);
    const csvElsewhere = await ta.app.inject({
      method: 'POST',
      url: '/api/v1/territory/compounds',
      headers: { cookie, 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expect(csvElsewhere.statusCode).toBe(415);
  });

  it('answers a body past the limit with 413 platform.payload_too_large', async () => {
    const res = await ta.app.inject({
      method: 'POST',
      url: '/api/v1/territory/compounds',
      headers: { cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(1_100_000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('platform.payload_too_large');
  });
});

describe('forwarded addresses (issue 9 finding 13)', () => {
  const loginFrom = (
    app: TestApp,
    username: string,
    remoteAddress: string,
    forwardedFor: string,
    password = 'x'.repeat(12),
  ) =>
    app.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { username, password },
    });
  const loginIps = async (app: TestApp, userId: string) =>
    (
      await app.deps.db
        .selectFrom('audit_log')
        .select('ip')
        .where('entity_id', '=', userId)
        .where('action', '=', 'auth.login')
        .execute()
    ).map((r) => r.ip);

  it('believes no X-Forwarded-For unless TRUST_PROXY names the proxy: rate limits and the audit log see the real address', async () => {
    const plain = await buildTestApp({ loginMaxPerMinute: 1 });
    try {
      const t = await makeTenant(plain.deps);
      const u = await makeUser(plain.deps, { homeTenantId: t.id });
      // The per-route limit is 3 a minute per address; a forged header on every request changes nothing.
      const codes: number[] = [];
      for (let i = 0; i < 4; i++)
        codes.push((await loginFrom(plain, 'nobody-here', '127.0.0.1', `198.51.100.${i}`)).statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);
      const ok = await loginFrom(plain, u.username, '10.7.7.7', '203.0.113.7', u.password);
      expect(ok.statusCode).toBe(200);
      expect(await loginIps(plain, u.id)).toEqual(['10.7.7.7']);
    } finally {
      await plain.close();
    }
    const proxied = await buildTestApp({ trustProxy: ['127.0.0.1'] });
    try {
      const t = await makeTenant(proxied.deps);
      const u = await makeUser(proxied.deps, { homeTenantId: t.id });
      expect((await loginFrom(proxied, u.username, '127.0.0.1', '203.0.113.7', u.password)).statusCode).toBe(
        200,
      );
      // From an address that is not the proxy the header is ignored.
      expect((await loginFrom(proxied, u.username, '10.8.8.8', '203.0.113.8', u.password)).statusCode).toBe(
        200,
      );
      expect((await loginIps(proxied, u.id)).sort()).toEqual(['10.8.8.8', '203.0.113.7']);
    } finally {
      await proxied.close();
      accessChanged();
    }
  });

  it('reads TRUST_PROXY and ALLOWED_ORIGINS strictly, naming the variable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gz-config-'));
    const load = (env: Record<string, string>) =>
      loadConfig({ DATA_DIR: dir, SECRET_KEY: 'k'.repeat(64), ...env });
    try {
      expect(load({}).trustProxy).toBe(false);
      expect(load({}).allowedOrigins).toEqual([]);
      expect(load({ TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' }).trustProxy).toEqual([
        'loopback',
        '10.0.0.0/8',
        '::1',
      ]);
      expect(load({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
      expect(() => load({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
      expect(() => load({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
      expect(
        load({ ALLOWED_ORIGINS: 'https://gongzhi.example.cn/, http://10.0.0.5:3000' }).allowedOrigins,
      ).toEqual(['https://gongzhi.example.cn', 'http://10.0.0.5:3000']);
      expect(() => load({ ALLOWED_ORIGINS: 'gongzhi.example.cn' })).toThrow(/ALLOWED_ORIGINS/);
      expect(() => load({ ALLOWED_ORIGINS: 'https://gongzhi.example.cn/app' })).toThrow(/ALLOWED_ORIGINS/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
