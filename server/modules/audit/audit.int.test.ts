import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDeps } from '../../platform/deps';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { login, makeUser } from '../../test/factories/accounts.factory';
import { makeCommunity, makeCompound, makeTenant } from '../../test/factories/territory.factory';
import { verifyChain } from './index';

let ta: TestApp;
let tenantId: string;
let cookie: string;
beforeAll(async () => {
  ta = await buildTestApp();
  const tenant = await makeTenant(ta.deps);
  tenantId = tenant.id;
  const c = await makeCommunity(ta.deps, tenant);
  await makeCompound(ta.deps, c);
  await makeCompound(ta.deps, c);
  const admin = await makeUser(ta.deps, {
    homeTenantId: tenantId,
    grants: [{ role: 'tenant_admin', scopeKind: 'tenant', scopeId: tenantId }],
  });
  cookie = await login(ta.app, admin.username);
});
afterAll(() => ta?.close());

const verify = () =>
  ta.app.inject({ method: 'GET', url: `/api/v1/audit/verify?tenantId=${tenantId}`, headers: { cookie } });

describe('audit log', () => {
  it('records every write with actor, IP, action and before/after', async () => {
    const c = await ta.app.inject({
      method: 'GET',
      url: `/api/v1/territory/communities?tenantId=${tenantId}`,
      headers: { cookie },
    });
    const community = c.json()[0];
    const upd = await ta.app.inject({
      method: 'PATCH',
      url: `/api/v1/territory/communities/${community.id}`,
      headers: { cookie },
      remoteAddress: '192.0.2.7',
      payload: { name: '改名后的社区', version: community.version },
    });
    expect(upd.statusCode).toBe(200);
    const res = await ta.app.inject({
      method: 'GET',
      url: `/api/v1/audit/events?entityId=${community.id}&action=community.update`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    const [ev] = res.json().items;
    expect(ev.ip).toBe('192.0.2.7');
    expect(ev.actorId).toBeTruthy();
    expect(ev.before.name).toBe(community.name);
    expect(ev.after.name).toBe('改名后的社区');
    expect(ev.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never stores a password or its hash', async () => {
    const rows = await ta.deps.db.selectFrom('audit_log').select(['before_json', 'after_json']).execute();
    for (const r of rows) {
      expect(`${r.before_json}${r.after_json}`).not.toMatch(/argon2/);
    }
  });

  it('verifies an untouched chain', async () => {
    const res = await verify();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, brokenAtSeq: null });
    expect(res.json().checked).toBeGreaterThanOrEqual(4);
  });

  it('detects an edited row, and a deleted last row', async () => {
    const rows = await ta.deps.db
      .selectFrom('audit_log')
      .select(['seq', 'after_json'])
      .where('chain', '=', tenantId)
      .orderBy('seq')
      .execute();
    const target = rows[1]!;
    await ta.deps.db
      .updateTable('audit_log')
      .set({ after_json: String(target.after_json).replace('测试', '篡改') })
      .where('chain', '=', tenantId)
      .where('seq', '=', target.seq)
      .execute();
    const edited = (await verify()).json();
    expect(edited).toMatchObject({ ok: false, brokenAtSeq: Number(target.seq) });
    await ta.deps.db
      .updateTable('audit_log')
      .set({ after_json: target.after_json })
      .where('chain', '=', tenantId)
      .where('seq', '=', target.seq)
      .execute();
    expect((await verify()).json().ok).toBe(true);

    const last = rows[rows.length - 1]!;
    const all = await ta.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('chain', '=', tenantId)
      .where('seq', '=', last.seq)
      .executeTakeFirstOrThrow();
    await ta.deps.db
      .deleteFrom('audit_log')
      .where('chain', '=', tenantId)
      .where('seq', '=', last.seq)
      .execute();
    const deleted = await verifyChain(ta.deps.db, tenantId);
    expect(deleted.ok).toBe(false);
    await ta.deps.db.insertInto('audit_log').values(all).execute();
    expect((await verifyChain(ta.deps.db, tenantId)).ok).toBe(true);
  });

  it('pages newest first with a cursor', async () => {
    const first = (
      await ta.app.inject({
        method: 'GET',
        url: `/api/v1/audit/events?tenantId=${tenantId}&limit=2`,
        headers: { cookie },
      })
    ).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = (
      await ta.app.inject({
        method: 'GET',
        url: `/api/v1/audit/events?tenantId=${tenantId}&limit=2&cursor=${first.nextCursor}`,
        headers: { cookie },
      })
    ).json();
    const keys = (xs: any[]) => xs.map((x) => `${x.chain}:${x.seq}`);
    expect(keys(second.items).some((k) => keys(first.items).includes(k))).toBe(false);
    expect(first.items[0].at >= second.items[0].at).toBe(true);
  });

  it('shows a tenant admin only their own tenant', async () => {
    const other = await makeTenant(ta.deps);
    const res = await ta.app.inject({
      method: 'GET',
      url: `/api/v1/audit/events?tenantId=${other.id}`,
      headers: { cookie },
    });
    expect(res.json().items).toEqual([]);
    const mine = await ta.app.inject({
      method: 'GET',
      url: '/api/v1/audit/events?limit=200',
      headers: { cookie },
    });
    expect(mine.json().items.every((e: { tenantId: string }) => e.tenantId === tenantId)).toBe(true);
  });
});

describe('verify command', () => {
  it('exits 0 on an intact database and 1 on a tampered one', async () => {
    if (ta.database.dialect !== 'sqlite') return; // the CLI test runs on the embedded database
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'gz-verify-'));
    const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent' };
    delete (env as Record<string, string | undefined>).DATABASE_URL;
    const run = () =>
      spawnSync('node_modules/.bin/tsx', ['server/main.ts', 'verify'], { env, encoding: 'utf8' });
    const { createDb } = await import('../../db/database');
    const { migrateToLatest } = await import('../../db/migrate');
    const db = createDb({ dataDir: dir });
    await migrateToLatest(db.db);
    const deps = makeDeps(db, ta.config);
    const tenant = await makeTenant(deps);
    await makeCommunity(deps, tenant);
    const ok = run();
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    await db.db
      .updateTable('audit_log')
      .set({ action: 'forged' })
      .where('chain', '=', tenant.id)
      .where('seq', '=', 1)
      .execute();
    await db.destroy();
    const bad = run();
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/BROKEN/);
  });
});
