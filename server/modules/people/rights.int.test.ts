import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../db/dialect';
import { clock } from '../../platform/clock';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { login } from '../../test/factories/accounts.factory';
import { residentId } from '../../test/factories/people.factory';
import { buildWorld, type World } from '../../test/world';

let ta: TestApp;
let w: World;
beforeAll(async () => {
  // On disk, so the test can read the database file itself for erased values.
  ta = await buildTestApp({ loginMaxPerMinute: 10_000 }, { onDisk: true });
  w = await buildWorld(ta.deps, ta.app);
});
afterAll(() => ta?.close());
afterEach(() => clock.reset());

const call = (role: keyof World['cookies'], method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  ta.app.inject({ method, url, headers: { cookie: w.cookies[role] }, ...(payload ? { payload } : {}) });

async function register(name: string, idNumber: string, phone: string) {
  const res = await call('community_worker', 'POST', '/api/v1/people', {
    tenantId: w.tenantA.id,
    name,
    buildingId: w.b1.id,
    idType: 'resident_id',
    idNumber,
    phone,
    room: '902',
    notes: `${name}的备注`,
    tags: [{ code: 'disabled', detail: { category: '肢体', level: '二级' } }],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Every text value in every table, as one string (both databases). */
async function everything(): Promise<string> {
  const parts: string[] = [];
  for (const t of await introspect(ta.database.db, ta.database.dialect)) {
    const rows = await sql`select * from ${sql.table(t.name)}`.execute(ta.database.db);
    parts.push(JSON.stringify(rows.rows));
  }
  return parts.join('\n');
}

describe('rights of the person (PIPL)', () => {
  it('exports every field held about a person, in the clear, and logs it', async () => {
    const idNumber = residentId('1972-11-09');
    const p = await register('欧阳明珠', idNumber, '13511112222');
    await call('community_worker', 'POST', `/api/v1/people/${p.id}/consents`, {
      purpose: 'publishing',
      givenBy: 'self',
      scope: '志愿者公示',
    });
    await call('community_worker', 'PUT', `/api/v1/people/${p.id}/volunteer`, {
      registeredOn: '2024-03-05',
      skills: ['义剪'],
      availability: ['weekend'],
    });
    const res = await call('community_worker', 'POST', `/api/v1/people/${p.id}/subject-export`, {
      purpose: '本人到社区申请查阅',
    });
    expect(res.statusCode).toBe(200);
    const x = res.json();
    expect(x.person).toMatchObject({
      name: '欧阳明珠',
      id_number: idNumber,
      phone: '+8613511112222',
      room: '902',
      notes: '欧阳明珠的备注',
      birth_date: '1972-11-09',
    });
    // Every stored column of the person is in the export (sealed ones opened, internal ones left out).
    const columns = (await introspect(ta.database.db, ta.database.dialect))
      .find((t) => t.name === 'person')!
      .columns.map((c) => c.name);
    const internal = [
      'id_sealed',
      'id_hash',
      'id_masked',
      'phone_sealed',
      'phone_masked',
      'phone_last4',
      'name_initials',
    ];
    for (const c of columns.filter((c) => !internal.includes(c)))
      expect(Object.keys(x.person), c).toContain(c);
    expect(x.tags[0]).toMatchObject({ code: 'disabled', detail: { category: '肢体', level: '二级' } });
    expect(x.consents[0]).toMatchObject({ purpose: 'publishing', scope: '志愿者公示' });
    expect(x.volunteer).toMatchObject({ skills: '["义剪"]' });
    expect(x.auditTrail.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['person.create', 'consent.create']),
    );
    const log = (await call('tenant_admin', 'GET', `/api/v1/audit/access?subjectId=${p.id}`)).json().items;
    expect(log[0]).toMatchObject({ purpose: '本人到社区申请查阅', fields: ['*subject_export'] });

    const xlsx = await call('community_worker', 'POST', `/api/v1/people/${p.id}/subject-export.xlsx`, {
      purpose: '本人申请复制',
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      '个人信息',
      '人群标签',
      '同意记录',
      '户籍关系',
      '志愿者档案',
      '访问记录',
      '变更记录',
    ]);
    const values = JSON.stringify(wb.getWorksheet('个人信息')!.getSheetValues());
    expect(values).toContain(idNumber);
  });

  it('erasure leaves no trace of the name, phone or ID number anywhere in the database', async () => {
    const idNumber = residentId('1966-02-14');
    const p = await register('司马长风', idNumber, '13833334444');
    await call('community_worker', 'POST', `/api/v1/people/${p.id}/reveal`, {
      fields: ['name', 'idNumber'],
      purpose: '核对',
    });
    const hh = (
      await call('community_worker', 'POST', '/api/v1/households', {
        tenantId: w.tenantA.id,
        buildingId: w.b1.id,
        room: '902',
      })
    ).json();
    await call('community_worker', 'POST', `/api/v1/households/${hh.id}/members`, {
      personId: p.id,
      relation: 'head',
    });
    const secrets = ['司马长风', idNumber, '13833334444', '3833334444', '1966-02-14', '司马长风的备注'];
    const before = await everything();
    expect(before).toContain('司马长风');

    const res = await call('community_worker', 'POST', `/api/v1/people/${p.id}/erase`, {
      reason: '本人申请删除',
      version: p.version + 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'anonymized',
      name: '已**',
      idNumber: null,
      phone: null,
      tags: [],
    });
    const after = await everything();
    for (const s of secrets) expect(after, s).not.toContain(s);
    // The household and the access log still point at the (now anonymous) record.
    expect(
      (await call('community_worker', 'GET', `/api/v1/households/${hh.id}`)).json().members,
    ).toHaveLength(1);
    if (ta.database.dialect === 'sqlite') {
      const bytes = readFileSync(join(ta.config.dataDir, 'gongzhi.db'));
      const wal = (() => {
        try {
          return readFileSync(join(ta.config.dataDir, 'gongzhi.db-wal'));
        } catch {
          return Buffer.alloc(0);
        }
      })();
      for (const s of ['司马长风', '司马长风的备注']) {
        expect(bytes.includes(Buffer.from(s)), `${s} in the database file`).toBe(false);
        expect(wal.includes(Buffer.from(s)), `${s} in the WAL`).toBe(false);
      }
    }
    const again = await call('community_worker', 'POST', `/api/v1/people/${p.id}/erase`, {
      reason: '再删',
      version: res.json().version,
    });
    expect(again.statusCode).toBe(409);
  });

  it('anonymizes people moved out longer than the retention period, and keeps the access log at least three years', async () => {
    const p = await register('钱多多', residentId('1990-01-01'), '13755556666');
    const moved = await call('community_worker', 'POST', `/api/v1/people/${p.id}/status`, {
      status: 'moved_out',
      version: p.version,
    });
    expect(moved.statusCode).toBe(200);
    const tooShort = await call('tenant_admin', 'PUT', '/api/v1/retention', {
      tenantId: w.tenantA.id,
      settings: [{ recordType: 'access_log', keepDays: 30 }],
    });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().details[0].path).toBe('settings.0.keepDays');
    const set = await call('tenant_admin', 'PUT', '/api/v1/retention', {
      tenantId: w.tenantA.id,
      settings: [{ recordType: 'person_moved_out', keepDays: 60 }],
    });
    expect(set.json().find((s: { recordType: string }) => s.recordType === 'person_moved_out')).toMatchObject(
      { keepDays: 60, isDefault: false },
    );
    const first = await call('tenant_admin', 'POST', '/api/v1/retention/purge', { tenantId: w.tenantA.id });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().anonymizedPeople).toBe(0);
    clock.advance(61 * 86_400_000);
    // Two months on, the old session has long timed out: sign in again.
    const cookie = await login(ta.app, w.users.tenant_admin.username);
    const purged = (
      await ta.app.inject({
        method: 'POST',
        url: '/api/v1/retention/purge',
        headers: { cookie },
        payload: { tenantId: w.tenantA.id },
      })
    ).json();
    expect(purged.anonymizedPeople).toBeGreaterThanOrEqual(1);
    const row = await ta.deps.db
      .selectFrom('person')
      .select(['name', 'status'])
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '已删除', status: 'anonymized' });
  });

  it('registers volunteers with real-name status and optimistic locking', async () => {
    const p = await register('林志愿', residentId('1995-07-07'), '13977778888');
    const v1 = await call('community_worker', 'PUT', `/api/v1/people/${p.id}/volunteer`, {
      registeredOn: '2024-03-05',
      skills: ['急救', '急救'],
      availability: ['weekend'],
      insuranceUntil: '2026-12-31',
    });
    expect(v1.json()).toMatchObject({ realNameVerified: true, skills: ['急救'], version: 1 });
    const stale = await call('community_worker', 'PUT', `/api/v1/people/${p.id}/volunteer`, {
      registeredOn: '2024-03-05',
      version: 7,
    });
    expect(stale.statusCode).toBe(409);
    const v2 = await call('community_worker', 'PUT', `/api/v1/people/${p.id}/volunteer`, {
      registeredOn: '2024-03-05',
      status: 'paused',
      version: 1,
    });
    expect(v2.json()).toMatchObject({ status: 'paused', version: 2 });
    expect((await call('building_leader', 'GET', `/api/v1/people/${p.id}/volunteer`)).json().status).toBe(
      'paused',
    );
  });
});
