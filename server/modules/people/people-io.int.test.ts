import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../../contracts/identifiers';
import { IMPORT_COLUMNS, type ImportColumn } from '../../../contracts/people-io';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { makePerson } from '../../test/factories/people.factory';
import { csvFile, importFile, waitForJob, XLSX_TYPE } from '../../test/factories/people-io.factory';
import { buildWorld, type World } from '../../test/world';
import { parseCsv } from './people-io.sheets';

let ta: TestApp;
let w: World;
beforeAll(async () => {
  ta = await buildTestApp({ loginMaxPerMinute: 10_000 });
  w = await buildWorld(ta.deps, ta.app);
});
afterAll(() => ta?.close());

let seq = 500;
/** A valid resident ID with a sequence no other test file uses. */
const rid = (birth = '19720304') => {
  const first17 = `441802${birth}${String(++seq % 1000).padStart(3, '0')}`;
  return `${first17}${residentIdCheckChar(first17)}`;
};
const row = (over: Partial<Record<ImportColumn, string>> = {}): Partial<Record<ImportColumn, string>> => ({
  姓名: '李四',
  证件类型: '居民身份证',
  证件号码: rid(),
  手机号: '13700001111',
  社区统计代码: w.a1.code,
  小区: w.k1.name,
  楼栋号: w.b1.number,
  单元: '2',
  房号: '502',
  人群标签: '空巢老人、独居老人',
  ...over,
});
const count = async (table: string) =>
  Number(
    (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(ta.database.db)).rows[0]!
      .n,
  );
const counts = async () => ({
  person: await count('person'),
  household: await count('household'),
  person_tag: await count('person_tag'),
  audit_log: await count('audit_log'),
});
const readXlsx = async (body: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
};
const report = async (cookie: string, jobId: string) => {
  const res = await ta.app.inject({
    method: 'GET',
    url: `/api/v1/jobs/${jobId}/report`,
    headers: { cookie },
  });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-disposition']).toMatch(/^attachment/);
  expect(res.headers['cache-control']).toBe('no-store');
  const ws = (await readXlsx(res.rawPayload)).worksheets[0]!;
  const lines: [number, string, string][] = [];
  ws.eachRow((r, n) => {
    if (n > 1 && typeof r.getCell(1).value === 'number')
      lines.push([r.getCell(1).value as number, String(r.getCell(2).value), String(r.getCell(3).value)]);
  });
  return lines;
};

describe('people import/export', () => {
  it('serves a template with the Chinese headers, an example row and the allowed values', async () => {
    const res = await ta.app.inject({
      method: 'GET',
      url: `/api/v1/people/import-template?tenantId=${w.tenantA.id}`,
      headers: { cookie: w.cookies.community_worker },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = await readXlsx(res.rawPayload);
    const [data, notes] = wb.worksheets;
    expect((data!.getRow(1).values as string[]).slice(1)).toEqual([...IMPORT_COLUMNS]);
    expect(data!.getRow(2).getCell(5).value).toBe('11010519491231002X');
    const text = JSON.stringify(notes!.getSheetValues());
    expect(text).toContain('港澳居民居住证');
    expect(text).toContain('空巢老人、独居老人');
  });

  it('imports a good file completely: rows are searchable, tags attached, one audit row with nothing identifying', async () => {
    const before = await counts();
    const rows = [
      row({ 姓名: '欧阳导入甲' }),
      row({ 姓名: '欧阳导入乙', 人群标签: '', 小区: '', 楼栋号: '', 其他地址: '东门外' }),
      row({ 姓名: '欧阳导入丙', 证件类型: '', 出生日期: '1972/3/4', 党员: '是' }),
    ];
    const { status, job } = await importFile(ta.app, w.cookies.community_worker, w.tenantA.id, csvFile(rows));
    expect(status).toBe(202);
    expect(job!.status, JSON.stringify(job!.summary)).toBe('succeeded');
    expect(job!.progress).toBe(3);
    const after = await counts();
    expect(after.person - before.person).toBe(3);
    expect(after.person_tag - before.person_tag).toBe(4);
    expect(after.audit_log - before.audit_log).toBe(1);
    const audit = await ta.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'person.import')
      .executeTakeFirstOrThrow();
    expect(audit.after_json).not.toContain('欧阳');
    expect(audit.after_json).not.toContain(rows[0]!.证件号码);
    const found = await ta.app.inject({
      method: 'GET',
      url: `/api/v1/people?tenantId=${w.tenantA.id}&name=${encodeURIComponent('欧阳导入')}`,
      headers: { cookie: w.cookies.community_worker },
    });
    const items = found.json().items;
    expect(items).toHaveLength(3);
    expect(items.every((p: { name: string }) => p.name.startsWith('欧*'))).toBe(true);
    const second = items.find((p: { buildingId: string | null }) => p.buildingId === null);
    expect(second.communityId).toBe(w.a1.id);
  });

  it('imports an xlsx (dates as Excel dates) and GB18030 csv the same way', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('居民');
    ws.addRow([...IMPORT_COLUMNS]);
    const r = row({ 姓名: '表格导入' });
    ws.addRow(
      IMPORT_COLUMNS.map((c) => (c === '出生日期' ? new Date('1972-03-04T00:00:00Z') : (r[c] ?? null))),
    );
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const a = await importFile(ta.app, w.cookies.tenant_admin, w.tenantA.id, xlsx, XLSX_TYPE);
    expect(a.job!.status, JSON.stringify(a.job!.summary)).toBe('succeeded');

    // A csv saved by Excel on Chinese Windows is GB18030, without a BOM.
    const text = `${IMPORT_COLUMNS.join(',')}\n国标导入,,,,,,,,,,,,,,,,\n`;
    const bytes = encodeGb18030(text);
    const b = await importFile(ta.app, w.cookies.tenant_admin, w.tenantA.id, bytes);
    expect(b.job!.status, JSON.stringify(b.job!.summary)).toBe('succeeded');
    const names = await ta.database.db
      .selectFrom('person')
      .select('name')
      .where('name', '=', '国标导入')
      .execute();
    expect(names).toHaveLength(1);
  });

  it('changes nothing when one row is bad, and the report names the row and the column', async () => {
    const bad = rid();
    const broken = `${bad.slice(0, 17)}${bad[17] === '0' ? '1' : '0'}`;
    const before = await counts();
    const { job } = await importFile(
      ta.app,
      w.cookies.community_worker,
      w.tenantA.id,
      csvFile([row(), row({ 证件号码: broken }), row()]),
    );
    expect(job!.status).toBe('failed');
    expect(job!.hasFile).toBe(true);
    expect(await counts()).toEqual(before);
    const lines = await report(w.cookies.community_worker, job!.id);
    expect(lines).toEqual([[3, '证件号码', '证件号码校验位不正确']]);
  });

  it('reports duplicate ID numbers inside the file and against the registry', async () => {
    const existing = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b1.id });
    const clear = ta.deps.crypto.open(
      (
        await ta.database.db
          .selectFrom('person')
          .select('id_sealed')
          .where('id', '=', existing.id)
          .executeTakeFirstOrThrow()
      ).id_sealed,
    );
    const twice = rid();
    const before = await counts();
    const { job } = await importFile(
      ta.app,
      w.cookies.tenant_admin,
      w.tenantA.id,
      csvFile([row({ 证件号码: twice }), row({ 证件号码: twice }), row({ 证件号码: clear })]),
    );
    expect(job!.status).toBe('failed');
    expect(await counts()).toEqual(before);
    expect(await report(w.cookies.tenant_admin, job!.id)).toEqual([
      [3, '证件号码', '与第 2 行的证件号码重复'],
      // The tenant administrator may see the record: the row points to it and its community.
      [4, '证件号码', `该证件号码已在本街道登记(${w.a1.name},编号 ${existing.id})`],
    ]);
  });

  it('checks every field and place, and a community worker cannot import into another community', async () => {
    const before = await counts();
    const { job } = await importFile(
      ta.app,
      w.cookies.community_worker,
      w.tenantA.id,
      csvFile([
        row({ 社区统计代码: w.a2.code, 小区: w.k2.name }),
        row({ 姓名: '' }),
        row({ 手机号: '12345', 性别: '男女', 出生日期: '1972-02-30' }),
        row({ 社区统计代码: '999999999999' }),
        row({ 人群标签: '不存在的标签' }),
        row({ 楼栋号: '99' }),
      ]),
    );
    expect(job!.status).toBe('failed');
    expect(await counts()).toEqual(before);
    const lines = await report(w.cookies.community_worker, job!.id);
    const at = (n: number) => lines.filter((l) => l[0] === n).map((l) => l[1]);
    expect(at(2)).toEqual(['楼栋号']);
    expect(lines.find((l) => l[0] === 2)![2]).toBe('您无权在该处登记居民');
    expect(at(3)).toEqual(['姓名']);
    expect(at(4).sort()).toEqual(['出生日期', '性别']);
    expect(at(5)).toEqual(['社区统计代码']);
    expect(at(6)).toEqual(['人群标签']);
    expect(at(7)).toEqual(['楼栋号']);
    // The same rows are fine for a tenant administrator (the A2 row at least).
    const ok = await importFile(
      ta.app,
      w.cookies.tenant_admin,
      w.tenantA.id,
      csvFile([row({ 社区统计代码: w.a2.code, 小区: w.k2.name })]),
    );
    expect(ok.job!.status).toBe('succeeded');
  });

  it('refuses callers without people.write in the tenant, other tenants and non-files', async () => {
    const file = csvFile([row()]);
    expect((await importFile(ta.app, w.cookies.building_leader, w.tenantA.id, file)).status).toBe(403);
    expect((await importFile(ta.app, w.cookies.tenant_admin, w.tenantB.id, file)).status).toBe(404);
    const json = await ta.app.inject({
      method: 'POST',
      url: `/api/v1/people/imports?tenantId=${w.tenantA.id}`,
      headers: { cookie: w.cookies.tenant_admin },
      payload: { a: 1 },
    });
    expect(json.statusCode).toBe(415);
    const fake = await importFile(
      ta.app,
      w.cookies.tenant_admin,
      w.tenantA.id,
      Buffer.from('no zip'),
      XLSX_TYPE,
    );
    expect(fake.status).toBe(415);
  });

  it('lets only the creator or a tenant-wide writer poll a job', async () => {
    const { job } = await importFile(
      ta.app,
      w.cookies.community_worker,
      w.tenantA.id,
      csvFile([row({ 姓名: '' })]),
    );
    const get = (role: keyof World['cookies']) =>
      ta.app.inject({ method: 'GET', url: `/api/v1/jobs/${job!.id}`, headers: { cookie: w.cookies[role] } });
    expect((await get('community_worker')).statusCode).toBe(200);
    expect((await get('tenant_admin')).statusCode).toBe(200);
    expect((await get('social_worker')).statusCode).toBe(403);
    expect((await get('building_leader')).statusCode).toBe(403);
  });

  it('exports masked by default; revealing needs the permission and a purpose, and is logged', async () => {
    const p = await makePerson(ta.deps, {
      tenantId: w.tenantA.id,
      buildingId: w.b1.id,
      name: '导出测试人',
      phone: '13911112222',
    });
    const start = (role: keyof World['cookies'], body: object) =>
      ta.app.inject({
        method: 'POST',
        url: '/api/v1/people/exports',
        headers: { cookie: w.cookies[role] },
        payload: { tenantId: w.tenantA.id, ...body },
      });
    const logs = async () =>
      ta.database.db
        .selectFrom('access_log')
        .selectAll()
        .where('subject_kind', '=', 'person_export')
        .execute();
    const before = (await logs()).length;

    const masked = await start('community_worker', { communityId: w.a1.id, name: '导出测试' });
    expect(masked.statusCode).toBe(202);
    const job = await waitForJob(ta.app, w.cookies.community_worker, masked.json().jobId);
    expect(job.status).toBe('succeeded');
    expect(job.summary!.rows).toBe(1);
    const file = await ta.app.inject({
      method: 'GET',
      url: `/api/v1/jobs/${job.id}/report`,
      headers: { cookie: w.cookies.community_worker },
    });
    const values = JSON.stringify((await readXlsx(file.rawPayload)).worksheets[0]!.getSheetValues());
    expect(values).toContain('导****');
    expect(values).toContain('139****2222');
    expect(values).not.toContain('13911112222');
    expect(values).not.toContain('导出测试人');
    // Someone else (even a tenant administrator) cannot download the creator's export.
    const other = await ta.app.inject({
      method: 'GET',
      url: `/api/v1/jobs/${job.id}/report`,
      headers: { cookie: w.cookies.tenant_admin },
    });
    expect(other.statusCode).toBe(403);

    expect((await start('community_worker', { reveal: ['phone'] })).statusCode).toBe(400);
    expect((await start('social_worker', { communityId: w.a1.id })).statusCode).toBe(403);
    expect((await start('community_worker', { communityId: w.a2.id })).statusCode).toBe(403);

    const clear = await start('community_worker', {
      communityId: w.a1.id,
      name: '导出测试',
      reveal: ['name', 'phone'],
      purpose: '走访名单核对',
    });
    expect(clear.statusCode).toBe(202);
    const job2 = await waitForJob(ta.app, w.cookies.community_worker, clear.json().jobId);
    expect(job2.status).toBe('succeeded');
    const file2 = await ta.app.inject({
      method: 'GET',
      url: `/api/v1/jobs/${job2.id}/report`,
      headers: { cookie: w.cookies.community_worker },
    });
    const values2 = JSON.stringify((await readXlsx(file2.rawPayload)).worksheets[0]!.getSheetValues());
    expect(values2).toContain('导出测试人');
    expect(values2).toContain('13911112222');
    expect(values2).toContain(p.idNumber!);
    const log = await logs();
    expect(log.length - before).toBe(2);
    const last = log.find((l) => l.subject_id === job2.id)!;
    expect(JSON.parse(last.fields_json)).toEqual(['name', 'phone']);
    expect(last.purpose).toBe('走访名单核对(导出 1 行)');
  });
});

describe('csv parsing', () => {
  it('handles quotes, doubled quotes, line breaks inside quotes and CRLF', () => {
    expect([...parseCsv('a,"b,c","d ""e""",\r\n"x\ny",2\n')]).toEqual([
      ['a', 'b,c', 'd "e"', ''],
      ['x\ny', '2'],
    ]);
  });
});

/** GB18030 encoding of the few characters the test uses (Node has a decoder but no encoder). */
function encodeGb18030(text: string): Buffer {
  const table = new Map<string, Buffer>();
  const dec = new TextDecoder('gb18030');
  const wanted = new Set([...text].filter((c) => c.charCodeAt(0) > 127));
  // Search the two-byte GBK range for the wanted characters.
  for (let hi = 0x81; hi <= 0xfe && table.size < wanted.size; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const c = dec.decode(Buffer.from([hi, lo]));
      if (wanted.has(c) && !table.has(c)) table.set(c, Buffer.from([hi, lo]));
    }
  return Buffer.concat([...text].map((c) => table.get(c) ?? Buffer.from(c, 'utf8')));
}
