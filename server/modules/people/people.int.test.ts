import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENSITIVE_PERSON_FIELDS } from '../../../contracts/people';
import { clock } from '../../platform/clock';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { makePerson, residentId } from '../../test/factories/people.factory';
import { buildWorld, MATRIX_ROLES, type World } from '../../test/world';

let ta: TestApp;
let w: World;
beforeAll(async () => {
  ta = await buildTestApp({ loginMaxPerMinute: 10_000 });
  w = await buildWorld(ta.deps, ta.app);
});
afterAll(() => ta?.close());

const as = (role: keyof World['cookies']) => ({ cookie: w.cookies[role] });
const call = (
  role: keyof World['cookies'],
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: object,
) => ta.app.inject({ method, url, headers: as(role), ...(payload ? { payload } : {}) });
const accessRows = async (subjectId: string) =>
  Number(
    (
      await sql<{ n: number }>`select count(*) as n from access_log where subject_id = ${subjectId}`.execute(
        ta.database.db,
      )
    ).rows[0]!.n,
  );

describe('people: personal-data protection', () => {
  it('never returns a sensitive field unmasked without a reveal, on any person-shaped response, for any role', async () => {
    const idNumber = residentId('1950-03-08');
    const p = await makePerson(ta.deps, {
      tenantId: w.tenantA.id,
      buildingId: w.b1.id,
      name: '王秀英',
      birthDate: '1950-03-08',
      phone: '13912345678',
      tags: [{ code: 'dibao' }, { code: 'elderly_alone' }],
    });
    await ta.deps.db
      .updateTable('person')
      .set({
        id_sealed: ta.deps.crypto.seal(idNumber),
        id_masked: `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`,
        room: '东七〇一室',
      })
      .where('id', '=', p.id)
      .execute();
    // Values distinctive enough that they cannot turn up by chance inside ids or timestamps.
    const clear = ['王秀英', idNumber, '13912345678', '1950-03-08', '东七〇一室', '测试备注'];
    const hh = (
      await call('platform_admin', 'POST', '/api/v1/households', {
        tenantId: w.tenantA.id,
        buildingId: w.b1.id,
        room: '东七〇一室',
      })
    ).json();
    await call('platform_admin', 'POST', `/api/v1/households/${hh.id}/members`, {
      personId: p.id,
      relation: 'head',
    });
    const leaks: string[] = [];
    for (const role of MATRIX_ROLES) {
      const responses = [
        await call(role, 'GET', `/api/v1/people/${p.id}`),
        await call(role, 'GET', `/api/v1/people?buildingId=${w.b1.id}&limit=200`),
        await call(role, 'GET', `/api/v1/people?name=${encodeURIComponent('王')}`),
        await call(role, 'POST', '/api/v1/people/lookup', {
          tenantId: w.tenantA.id,
          idType: 'resident_id',
          idNumber,
        }),
        await call(role, 'GET', `/api/v1/households/${hh.id}`),
        await call(role, 'GET', '/api/v1/audit/events?limit=200'),
      ];
      for (const [i, res] of responses.entries()) {
        for (const value of clear)
          if (res.body.includes(value)) leaks.push(`${role}: response ${i} shows ${value}`);
      }
      const detail = responses[0]!;
      if (detail.statusCode === 200) {
        const body = detail.json();
        expect(body.revealed).toEqual([]);
        expect(body.name).toBe('王**');
        expect(body.phone).toBe('139****5678');
        expect(body.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
        expect(body.ageBand).toBe('60-79');
        const tagCodes = body.tags.map((t: { code: string }) => t.code);
        expect(tagCodes).toContain('elderly_alone');
        // The 低保 tag (income: sensitive) shows only to roles that may reveal here.
        expect(tagCodes.includes('dibao')).toBe(
          [
            'platform_admin',
            'tenant_admin',
            'station_head',
            'supervisor',
            'social_worker',
            'community_worker',
          ].includes(role),
        );
      }
    }
    expect(leaks).toEqual([]);
  });

  it('writes exactly one access-log row per reveal, naming the fields and the purpose', async () => {
    const p = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b1.id, name: '李建国' });
    const before = await accessRows(p.id);
    const n = 3;
    for (let i = 0; i < n; i++) {
      const res = await call('community_worker', 'POST', `/api/v1/people/${p.id}/reveal`, {
        fields: ['idNumber', 'phone', 'name'],
        purpose: `入户核对 ${i}`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().name).toBe('李建国');
      expect(res.json().idNumber).toMatch(/^\d{17}[\dX]$/);
      expect(res.json().revealed).toEqual(['idNumber', 'name', 'phone']);
      expect(res.json().notes).toBe('***');
    }
    expect((await accessRows(p.id)) - before).toBe(n);
    const log = (await call('tenant_admin', 'GET', `/api/v1/audit/access?subjectId=${p.id}`)).json().items;
    expect(log[0]).toMatchObject({
      subjectKind: 'person',
      fields: ['idNumber', 'name', 'phone'],
      purpose: '入户核对 2',
    });
    const noPurpose = await call('community_worker', 'POST', `/api/v1/people/${p.id}/reveal`, {
      fields: ['idNumber'],
      purpose: '',
    });
    expect(noPurpose.statusCode).toBe(400);
    const leader = await call('building_leader', 'POST', `/api/v1/people/${p.id}/reveal`, {
      fields: ['idNumber'],
      purpose: '看看',
    });
    expect(leader.statusCode).toBe(403);
    expect((await accessRows(p.id)) - before).toBe(n);
  });

  it('reveals nothing about a child under 14 without the minor permission and a guardian’s consent', async () => {
    const parent = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b1.id, name: '赵家长' });
    const child = await makePerson(ta.deps, {
      tenantId: w.tenantA.id,
      buildingId: w.b1.id,
      name: '赵小宝',
      birthDate: '2018-06-01',
      guardianId: parent.id,
    });
    expect(child.minor).toBe(true);
    const reveal = (role: 'social_worker' | 'community_worker') =>
      call(role, 'POST', `/api/v1/people/${child.id}/reveal`, { fields: ['name'], purpose: '困境儿童走访' });
    expect((await reveal('social_worker')).statusCode).toBe(403);
    const noConsent = await reveal('community_worker');
    expect(noConsent.statusCode).toBe(403);
    expect(noConsent.json().code).toBe('people.minor_consent_missing');
    const consent = await call('community_worker', 'POST', `/api/v1/people/${child.id}/consents`, {
      purpose: 'minor_processing',
      givenBy: 'guardian',
      scope: '个案服务',
    });
    expect(consent.statusCode).toBe(201);
    expect(consent.json().guardianId).toBe(parent.id);
    expect((await reveal('community_worker')).json().name).toBe('赵小宝');
    await call('community_worker', 'POST', `/api/v1/consents/${consent.json().id}/withdraw`);
    expect((await reveal('community_worker')).statusCode).toBe(403);
  });

  it('keeps identity numbers sealed at rest and finds them only by keyed hash', async () => {
    const idNumber = residentId('1988-01-02');
    const res = await call('community_worker', 'POST', '/api/v1/people', {
      tenantId: w.tenantA.id,
      name: '陈·阿依',
      buildingId: w.b1.id,
      idType: 'resident_id',
      idNumber,
      phone: '+86 138 0013 8000',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      gender: idNumber.charCodeAt(16) % 2 ? 'male' : 'female',
      birthDate: '****-**-**',
      phone: '138****8000',
    });
    const row = await ta.deps.db
      .selectFrom('person')
      .selectAll()
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(idNumber);
    expect(JSON.stringify(row)).not.toContain('13800138000');
    expect(row.birth_date).toBe('1988-01-02');
    const dup = await call('community_worker', 'POST', '/api/v1/people', {
      tenantId: w.tenantA.id,
      name: '另一个',
      buildingId: w.b1.id,
      idType: 'resident_id',
      idNumber: idNumber.toLowerCase(),
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('people.duplicate_id');
    const found = await call('community_worker', 'POST', '/api/v1/people/lookup', {
      tenantId: w.tenantA.id,
      idType: 'resident_id',
      idNumber,
    });
    expect(found.json().map((p: { id: string }) => p.id)).toEqual([res.json().id]);
    const elsewhere = await call('building_leader', 'POST', '/api/v1/people/lookup', {
      tenantId: w.tenantA.id,
      idType: 'resident_id',
      idNumber: residentId(),
    });
    expect(elsewhere.json()).toEqual([]);
  });

  it('refuses bad identity numbers, phones and names with the field named', async () => {
    const base = { tenantId: w.tenantA.id, name: '测试', buildingId: w.b1.id };
    const cases: [object, string][] = [
      [{ idType: 'resident_id', idNumber: '11010519491231002Y' }, 'idNumber'],
      [{ idType: 'resident_id', idNumber: '110105194912310021' }, 'idNumber'],
      [{ idNumber: '11010519491231002X' }, 'idType'],
      [{ idType: 'hk_macao_permit', idNumber: '11010519491231002X' }, 'idNumber'],
      [{ phone: '12345' }, 'phone'],
      [{ name: '张三3' }, 'name'],
      [{ idType: 'resident_id', idNumber: '11010519491231002X', birthDate: '1950-01-01' }, 'birthDate'],
      [{ tags: [{ code: 'no_such_tag' }] }, 'tags.0.code'],
      [{ tags: [{ code: 'disabled', detail: { color: 'red' } }] }, 'tags.0.detail.color'],
    ];
    for (const [extra, field] of cases) {
      const res = await call('community_worker', 'POST', '/api/v1/people', { ...base, ...extra });
      expect(res.statusCode, field).toBe(400);
      expect(
        res.json().details.map((d: { path: string }) => d.path),
        JSON.stringify(extra),
      ).toContain(field);
    }
  });

  it('searches by name, pinyin initials, phone last 4, tag, age band and place, keyset-paged', async () => {
    const t = w.tenantA.id;
    await makePerson(ta.deps, {
      tenantId: t,
      buildingId: w.b2.id,
      name: '孙悟空',
      phone: '13700001111',
      birthDate: '1940-01-01',
      tags: [{ code: 'elderly_alone' }],
    });
    await makePerson(ta.deps, {
      tenantId: t,
      buildingId: w.b2.id,
      name: '孙小圣',
      phone: '13700002222',
      birthDate: '2000-01-01',
    });
    const q = async (qs: string) =>
      (await call('tenant_admin', 'GET', `/api/v1/people?tenantId=${t}&${qs}`)).json();
    expect((await q('name=%E5%AD%99')).items).toHaveLength(2);
    expect((await q('name=swk')).items.map((p: { name: string }) => p.name)).toEqual(['孙**']);
    expect((await q('phoneLast4=2222')).items).toHaveLength(1);
    expect((await q(`tag=elderly_alone&buildingId=${w.b2.id}`)).items).toHaveLength(1);
    expect((await q(`ageBand=80%2B&buildingId=${w.b2.id}`)).items).toHaveLength(1);
    const page1 = await q(`communityId=${w.a2.id}&limit=1`);
    const page2 = await q(`communityId=${w.a2.id}&limit=1&cursor=${page1.nextCursor}`);
    expect(page1.items[0].id).not.toBe(page2.items[0].id);
    // A building leader sees only their building.
    const leader = (await call('building_leader', 'GET', '/api/v1/people?limit=200')).json().items;
    expect(leader.every((p: { buildingId: string }) => p.buildingId === w.b1.id)).toBe(true);
    const res = await call('tenant_admin', 'GET', `/api/v1/people?tenantId=${t}&limit=20`);
    expect(Number(res.headers['x-db-queries'])).toBeLessThanOrEqual(5);
  });

  it('records moving out and death without deleting, and moves people between households with history', async () => {
    const p = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b1.id });
    const moved = await call('community_worker', 'POST', `/api/v1/people/${p.id}/status`, {
      status: 'moved_out',
      version: p.version,
    });
    expect(moved.json().status).toBe('moved_out');
    const again = await call('community_worker', 'POST', `/api/v1/people/${p.id}/status`, {
      status: 'moved_out',
      version: moved.json().version,
    });
    expect(again.statusCode).toBe(409);
    const h1 = (
      await call('community_worker', 'POST', '/api/v1/households', {
        tenantId: w.tenantA.id,
        buildingId: w.b1.id,
        room: '101',
      })
    ).json();
    const h2 = (
      await call('community_worker', 'POST', '/api/v1/households', {
        tenantId: w.tenantA.id,
        buildingId: w.b1.id,
        room: '102',
      })
    ).json();
    await call('community_worker', 'POST', `/api/v1/households/${h1.id}/members`, {
      personId: p.id,
      relation: 'head',
    });
    const to2 = await call('community_worker', 'POST', `/api/v1/households/${h2.id}/members`, {
      personId: p.id,
      relation: 'child',
    });
    expect(to2.json().members.map((m: { personId: string }) => m.personId)).toEqual([p.id]);
    expect((await call('community_worker', 'GET', `/api/v1/households/${h1.id}`)).json().members).toEqual([]);
    const history = await ta.deps.db
      .selectFrom('household_member')
      .selectAll()
      .where('person_id', '=', p.id)
      .execute();
    expect(history).toHaveLength(2);
    expect(history.filter((h) => h.left_at === null)).toHaveLength(1);
  });

  it('corrects a record with optimistic locking and audits it without clear values', async () => {
    const p = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b1.id, name: '周正' });
    const ok = await call('social_worker', 'PATCH', `/api/v1/people/${p.id}`, {
      phone: '13600001234',
      version: p.version,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().phone).toBe('136****1234');
    expect(ok.json().name).toBe('周*');
    const stale = await call('social_worker', 'PATCH', `/api/v1/people/${p.id}`, {
      notes: '再改',
      version: p.version,
    });
    expect(stale.statusCode).toBe(409);
    const ev = (
      await call('tenant_admin', 'GET', `/api/v1/audit/events?entityId=${p.id}&action=person.update`)
    ).json().items[0];
    expect(JSON.stringify(ev)).not.toContain('13600001234');
    expect(ev.after.changed).toEqual(expect.arrayContaining(['phone_last4', 'phone_masked']));
    clock.reset();
  });

  it('lists the national vulnerable-group tags for the tenant', async () => {
    const tags = (
      await call('building_leader', 'GET', `/api/v1/people-tags?tenantId=${w.tenantA.id}`)
    ).json();
    expect(tags.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['空巢老人', '独居老人', '困境儿童', '残疾人', '低保对象', '特困人员']),
    );
    expect(tags.find((t: { code: string }) => t.code === 'disabled').detailKeys).toEqual([
      'category',
      'level',
    ]);
  });

  it('masks every field listed as sensitive in the contract', () => {
    expect([...SENSITIVE_PERSON_FIELDS].sort()).toEqual([
      'addressFree',
      'birthDate',
      'disabilityCertNo',
      'idNumber',
      'name',
      'notes',
      'partyMember',
      'phone',
      'room',
    ]);
  });
});

describe('people: tag catalog administration', () => {
  it('lets the subdistrict add a local tag, retire it, and refuses duplicates and community-level edits', async () => {
    const t = w.tenantA.id;
    const created = await call('tenant_admin', 'POST', '/api/v1/people-tags', {
      tenantId: t,
      code: 'key_care',
      name: '重点关爱',
      sensitive: true,
      detailKeys: ['reason'],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: 'key_care', sensitive: true, active: true });
    const dup = await call('tenant_admin', 'POST', '/api/v1/people-tags', {
      tenantId: t,
      code: 'key_care',
      name: '重复',
      sensitive: false,
    });
    expect(dup.statusCode).toBe(409);
    const cw = await call('community_worker', 'POST', '/api/v1/people-tags', {
      tenantId: t,
      code: 'cw_tag',
      name: '社区自设',
      sensitive: false,
    });
    expect(cw.statusCode).toBe(403);
    const p = await makePerson(ta.deps, {
      tenantId: t,
      buildingId: w.b1.id,
      tags: [{ code: 'key_care', detail: { reason: '独居且行动不便' } }],
    });
    expect(p.tags.map((x) => x.code)).toContain('key_care');
    const retired = await call('tenant_admin', 'PATCH', `/api/v1/people-tags/key_care?tenantId=${t}`, {
      active: false,
    });
    expect(retired.json().active).toBe(false);
    // A retired tag stays on the people who have it, but cannot be given to anyone new.
    expect(
      (await call('tenant_admin', 'GET', `/api/v1/people/${p.id}`))
        .json()
        .tags.map((x: { code: string }) => x.code),
    ).toContain('key_care');
    const again = await call('tenant_admin', 'POST', '/api/v1/people', {
      tenantId: t,
      name: '新人',
      buildingId: w.b1.id,
      tags: [{ code: 'key_care' }],
    });
    expect(again.statusCode).toBe(400);
  });
});

describe('people: one person per identity number', () => {
  it('the database refuses a duplicate that got past the service check (a race), with the same 409', async () => {
    const idNumber = residentId('1977-07-07');
    const first = await call('community_worker', 'POST', '/api/v1/people', {
      tenantId: w.tenantA.id,
      name: '竞争甲',
      buildingId: w.b1.id,
      idType: 'resident_id',
      idNumber,
    });
    expect(first.statusCode).toBe(201);
    const row = await ta.deps.db
      .selectFrom('person')
      .selectAll()
      .where('id', '=', first.json().id)
      .executeTakeFirstOrThrow();
    // Simulate the racing insert: same hash, straight into the table.
    await expect(
      ta.deps.db
        .insertInto('person')
        .values({ ...row, id: '01a21f5c-0000-7000-8000-00000000aaaa', name: '竞争乙' })
        .execute(),
    ).rejects.toThrow();
  });
});
