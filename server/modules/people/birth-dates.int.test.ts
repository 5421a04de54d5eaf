/**
 * Issue 9, finding 11 (dates): a birth date of 9999-12-31 was accepted (and made an adult a child
 * under the under-14 rules), and an Excel serial of 99999 was accepted on import. A birth date
 * must lie between 1900-01-01 and today (Asia/Shanghai), entered or imported.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS } from '../../../contracts/people-io';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { importFile, XLSX_TYPE } from '../../test/factories/people-io.factory';
import { buildWorld, type World } from '../../test/world';

let ta: TestApp;
let w: World;
beforeAll(async () => {
  ta = await buildTestApp({ loginMaxPerMinute: 10_000 });
  w = await buildWorld(ta.deps, ta.app);
});
afterAll(() => ta?.close());

const call = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object) =>
  ta.app.inject({
    method,
    url,
    headers: { cookie: w.cookies.community_worker },
    ...(payload ? { payload } : {}),
  });
/** The calendar date in Asia/Shanghai (UTC+8). */
const shanghaiDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const tomorrow = () => shanghaiDate(new Date(Date.now() + 86_400_000));
const persons = async () =>
  Number(
    (
      await ta.deps.db
        .selectFrom('person')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('birth dates (issue 9 finding 11)', () => {
  it('refuses a birth date in the future or before 1900, naming birthDate, on create and update', async () => {
    const before = await persons();
    for (const birthDate of ['9999-12-31', tomorrow(), '1899-12-31', '0001-01-01']) {
      const res = await call('POST', '/api/v1/people', {
        tenantId: w.tenantA.id,
        name: '张未来',
        buildingId: w.b1.id,
        birthDate,
      });
      expect(res.statusCode, birthDate).toBe(400);
      expect(
        res.json().details.map((d: { path: string }) => d.path),
        birthDate,
      ).toContain('birthDate');
    }
    expect(await persons()).toBe(before);

    const made = await call('POST', '/api/v1/people', {
      tenantId: w.tenantA.id,
      name: '张现在',
      buildingId: w.b1.id,
      birthDate: '1950-06-01',
    });
    expect(made.statusCode, made.body).toBe(201);
    const today = await call('POST', '/api/v1/people', {
      tenantId: w.tenantA.id,
      name: '张今天',
      buildingId: w.b1.id,
      birthDate: shanghaiDate(new Date()),
    });
    expect(today.statusCode, today.body).toBe(201);
    const res = await call('PATCH', `/api/v1/people/${made.json().id}`, {
      birthDate: '9999-12-31',
      version: made.json().version,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('birthDate');
    const row = await ta.deps.db
      .selectFrom('person')
      .select(['birth_date', 'version'])
      .where('id', '=', made.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ birth_date: '1950-06-01', version: made.json().version });
  });

  it('fails an import whose birth date is an Excel serial far in the future, naming the row and column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('居民');
    ws.addRow([...IMPORT_COLUMNS]);
    const cells: Record<string, string | number> = {
      姓名: '序列号',
      社区统计代码: w.a1.code,
      小区: w.k1.name,
      楼栋号: w.b1.number,
      出生日期: 99999,
    };
    ws.addRow(IMPORT_COLUMNS.map((c) => cells[c] ?? null));
    const before = await persons();
    const { job } = await importFile(
      ta.app,
      w.cookies.tenant_admin,
      w.tenantA.id,
      Buffer.from(await wb.xlsx.writeBuffer()),
      XLSX_TYPE,
    );
    expect(job!.status, JSON.stringify(job!.summary)).toBe('failed');
    expect(JSON.stringify(job!.summary)).toContain('出生日期');
    expect(await persons()).toBe(before);
  });
});
