import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS } from '../../../contracts/people-io';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { makePerson } from '../../test/factories/people.factory';
import { csvFile, importFile, waitForJob } from '../../test/factories/people-io.factory';
import { buildWorld, type World } from '../../test/world';

/**
 * Issue 9, findings 5, 8 and 13 (part B), as the probe found them: the ID-number oracle, the
 * export that logged one access row for many people, formulas in exported cells, and another
 * community's (or tenant's) person accepted as a guardian or household member.
 */
let ta: TestApp;
let w: World;
beforeAll(async () => {
  ta = await buildTestApp({ loginMaxPerMinute: 10_000 });
  w = await buildWorld(ta.deps, ta.app);
});
afterAll(() => ta?.close());

type Role = keyof World['cookies'];
const call = (role: Role, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  ta.app.inject({ method, url, headers: { cookie: w.cookies[role] }, ...(payload ? { payload } : {}) });
const count = async (table: string) =>
  Number(
    (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(ta.database.db)).rows[0]!
      .n,
  );
const clearId = async (personId: string) =>
  ta.deps.crypto.open(
    (
      await ta.database.db
        .selectFrom('person')
        .select('id_sealed')
        .where('id', '=', personId)
        .executeTakeFirstOrThrow()
    ).id_sealed,
  );
const accessRows = (subjectId: string) =>
  ta.database.db.selectFrom('access_log').selectAll().where('subject_id', '=', subjectId).execute();

describe('the ID-number oracle (finding 5)', () => {
  it('tells a caller only that a number is registered elsewhere in the subdistrict, never the record, and logs the attempt', async () => {
    const other = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b2.id });
    const idNumber = await clearId(other.id);
    const before = await count('person');
    const res = await call('community_worker', 'POST', '/api/v1/people', {
      tenantId: w.tenantA.id,
      name: '探号人',
      buildingId: w.b1.id,
      idType: 'resident_id',
      idNumber,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('people.duplicate_id_elsewhere');
    expect(res.json().details[0].path).toBe('idNumber');
    expect(res.json().message).toContain('请联系街道');
    expect(res.body).not.toContain(other.id);
    expect(res.body).not.toContain(w.a2.name);
    expect(await count('person')).toBe(before);
    const log = await accessRows(other.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      actor_id: w.users.community_worker.id,
      subject_kind: 'person',
      fields_json: '["idNumber"]',
    });
    expect(log[0]!.purpose).toContain('证件号码与已登记居民重复');
    // The subdistrict finds the attempt in the access log, by the person.
    const found = (await call('tenant_admin', 'GET', `/api/v1/audit/access?subjectId=${other.id}`)).json()
      .items;
    expect(found.map((a: { actorId: string }) => a.actorId)).toEqual([w.users.community_worker.id]);

    // Correcting one's own resident to that number answers the same.
    const mine = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b1.id });
    const patch = await call('community_worker', 'PATCH', `/api/v1/people/${mine.id}`, {
      idType: 'resident_id',
      idNumber,
      version: mine.version,
    });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().code).toBe('people.duplicate_id_elsewhere');
    expect(patch.body).not.toContain(other.id);
    expect(await accessRows(other.id)).toHaveLength(2);
  });

  it('within the caller’s reach it still points to the record and its community', async () => {
    const other = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b2.id });
    const res = await call('tenant_admin', 'POST', '/api/v1/people', {
      tenantId: w.tenantA.id,
      name: '重复登记',
      buildingId: w.b1.id,
      idType: 'resident_id',
      idNumber: await clearId(other.id),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('people.duplicate_id');
    expect(res.json().details[0].message).toContain(other.id);
    expect(res.json().details[0].message).toContain(w.a2.name);
    expect(await accessRows(other.id)).toHaveLength(0);
  });

  it('an import learns no more, and each probed record is logged', async () => {
    const other = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b2.id });
    const { job } = await importFile(
      ta.app,
      w.cookies.community_worker,
      w.tenantA.id,
      csvFile([{ 姓名: '导入探号', 证件号码: await clearId(other.id), 社区统计代码: w.a1.code }]),
    );
    expect(job!.status).toBe('failed');
    const text = JSON.stringify(job!.summary);
    expect(text).not.toContain(other.id);
    expect(text).not.toContain(w.a2.name);
    expect(job!.summary!.firstErrors).toEqual([
      {
        row: 2,
        column: '证件号码',
        message: '该证件号码已在本街道登记,不在您的管辖范围内;如需核实,请联系街道',
      },
    ]);
    const log = await accessRows(other.id);
    expect(log).toHaveLength(1);
    expect(log[0]!.purpose).toContain(job!.id);
  });
});

describe('bulk export reveals are logged per person (finding 8)', () => {
  it('writes one access-log row per person whose ID number an export revealed', async () => {
    const a = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b1.id, name: '导出日志甲' });
    const b = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b1.id, name: '导出日志乙' });
    const res = await call('community_worker', 'POST', '/api/v1/people/exports', {
      tenantId: w.tenantA.id,
      communityId: w.a1.id,
      name: '导出日志',
      reveal: ['idNumber'],
      purpose: '核对低保名单',
    });
    expect(res.statusCode).toBe(202);
    const job = await waitForJob(ta.app, w.cookies.community_worker, res.json().jobId);
    expect(job.status).toBe('succeeded');
    for (const p of [a, b]) {
      const found = (await call('tenant_admin', 'GET', `/api/v1/audit/access?subjectId=${p.id}`)).json()
        .items;
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({
        actorId: w.users.community_worker.id,
        subjectKind: 'person',
        fields: ['idNumber'],
      });
      expect(found[0].purpose).toContain('核对低保名单');
      expect(found[0].purpose).toContain(job.id);
    }
    // A masked export reveals nothing: no per-person rows.
    const masked = await call('community_worker', 'POST', '/api/v1/people/exports', {
      tenantId: w.tenantA.id,
      communityId: w.a1.id,
      name: '导出日志',
    });
    await waitForJob(ta.app, w.cookies.community_worker, masked.json().jobId);
    expect(await accessRows(a.id)).toHaveLength(1);
  });
});

describe('exports neutralise formulas; references in bodies are checked (finding 13)', () => {
  it('writes text starting with = + - @ tab or CR with a leading quote, in the list export and the subject export', async () => {
    const created = await call('community_worker', 'POST', '/api/v1/people', {
      tenantId: w.tenantA.id,
      name: '公式测试',
      buildingId: w.b1.id,
      addressFree: '+86 东门外',
      notes: '=HYPERLINK("http://evil.example","点我")',
      unit: '-1',
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await call('community_worker', 'POST', '/api/v1/people/exports', {
      tenantId: w.tenantA.id,
      communityId: w.a1.id,
      name: '公式测试',
      reveal: ['notes', 'addressFree'],
      purpose: '核对',
    });
    const job = await waitForJob(ta.app, w.cookies.community_worker, res.json().jobId);
    const file = await call('community_worker', 'GET', `/api/v1/jobs/${job.id}/report`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const values = (wb.worksheets[0]!.getRow(2).values as unknown[]).filter((v) => typeof v === 'string');
    expect(values).toContain('\'=HYPERLINK("http://evil.example","点我")');
    expect(values).toContain("'+86 东门外");
    expect(values).toContain("'-1");
    for (const v of values) expect(v as string).not.toMatch(/^[=+\-@\t\r]/);

    const subject = await call(
      'community_worker',
      'POST',
      `/api/v1/people/${created.json().id}/subject-export.xlsx`,
      {
        purpose: '本人申请复制',
      },
    );
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(subject.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    for (const ws of wb2.worksheets)
      ws.eachRow((r) => {
        for (const v of r.values as unknown[]) if (typeof v === 'string') cells.push(v);
      });
    expect(cells).toContain('\'=HYPERLINK("http://evil.example","点我")');
    for (const v of cells) expect(v).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('refuses a guardian of another community or tenant as the path rules would, naming the field', async () => {
    const elsewhere = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b2.id });
    const otherTenant = await makePerson(ta.deps, { tenantId: w.tenantB.id, buildingId: w.bb.id });
    const mine = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b1.id });
    const before = await count('person');
    // The path's own answers: GET /people/{id} is 403 for another community of the tenant
    // (its places are visible) and 404 for another tenant.
    const cases = [
      [elsewhere.id, 403],
      [otherTenant.id, 404],
    ] as const;
    for (const [guardianId, status] of cases) {
      expect((await call('community_worker', 'GET', `/api/v1/people/${guardianId}`)).statusCode).toBe(status);
      const res = await call('community_worker', 'POST', '/api/v1/people', {
        tenantId: w.tenantA.id,
        name: '被监护人',
        buildingId: w.b1.id,
        guardianId,
      });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().details).toEqual([{ path: 'guardianId', message: expect.any(String) }]);
      const patch = await call('community_worker', 'PATCH', `/api/v1/people/${mine.id}`, {
        guardianId,
        version: mine.version,
      });
      expect(patch.statusCode).toBe(status);
      expect(patch.json().details[0].path).toBe('guardianId');
      const consent = await call('community_worker', 'POST', `/api/v1/people/${mine.id}/consents`, {
        purpose: 'minor_processing',
        givenBy: 'guardian',
        guardianId,
      });
      expect(consent.statusCode).toBe(status);
      expect(consent.json().details[0].path).toBe('guardianId');
    }
    expect(await count('person')).toBe(before);
    const after = await call('community_worker', 'GET', `/api/v1/people/${mine.id}`);
    expect(after.json()).toMatchObject({ guardianId: null, version: mine.version });
    // One of the caller's own residents is fine.
    const ok = await call('community_worker', 'POST', '/api/v1/people', {
      tenantId: w.tenantA.id,
      name: '被监护人',
      buildingId: w.b1.id,
      guardianId: mine.id,
    });
    expect(ok.statusCode).toBe(201);
  });

  it('refuses another community’s or tenant’s person as a household member, naming the field', async () => {
    const hh = (
      await call('community_worker', 'POST', '/api/v1/households', {
        tenantId: w.tenantA.id,
        buildingId: w.b1.id,
        room: '101',
      })
    ).json();
    const elsewhere = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b2.id });
    const otherTenant = await makePerson(ta.deps, { tenantId: w.tenantB.id, buildingId: w.bb.id });
    const cases = [
      [elsewhere.id, 403],
      [otherTenant.id, 404],
    ] as const;
    for (const [personId, status] of cases) {
      const res = await call('community_worker', 'POST', `/api/v1/households/${hh.id}/members`, {
        personId,
        relation: 'head',
      });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().details).toEqual([{ path: 'personId', message: expect.any(String) }]);
    }
    expect((await call('community_worker', 'GET', `/api/v1/households/${hh.id}`)).json().members).toEqual([]);
  });

  it('declares the body fields that name records with ref(), so the reference battery probes them', async () => {
    const { refKindOf } = await import('../../../contracts/common');
    const { PersonCreate, PersonUpdate, ConsentCreate, HouseholdCreate, HouseholdMemberAdd, IdLookup } =
      await import('../../../contracts/people');
    const { PersonExport } = await import('../../../contracts/people-io');
    expect(refKindOf(PersonCreate.shape.guardianId)).toBe('person');
    expect(refKindOf(PersonCreate.shape.buildingId)).toBe('building');
    expect(refKindOf(PersonCreate.shape.tenantId)).toBe('tenant');
    expect(refKindOf(PersonUpdate.shape.guardianId)).toBe('person');
    expect(refKindOf(PersonUpdate.shape.buildingId)).toBe('building');
    expect(refKindOf(ConsentCreate.shape.guardianId)).toBe('person');
    expect(refKindOf(HouseholdCreate.shape.buildingId)).toBe('building');
    expect(refKindOf(HouseholdMemberAdd.shape.personId)).toBe('person');
    expect(refKindOf(IdLookup.shape.tenantId)).toBe('tenant');
    const exportShape = PersonExport.shape;
    expect(refKindOf(exportShape.communityId)).toBe('community');
    expect(refKindOf(exportShape.compoundId)).toBe('compound');
    expect(refKindOf(exportShape.buildingId)).toBe('building');
    expect(IMPORT_COLUMNS).toContain('姓名');
  });
});
