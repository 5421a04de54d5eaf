import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS } from '../../../contracts/people-io';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { XLSX_TYPE } from '../../test/factories/people-io.factory';
import {
  deflatePieces,
  HEADER_ROW,
  manyRowsSheet,
  SHEET_HEAD,
  SHEET_TAIL,
  sharedStringsBomb,
  sheetBomb,
  sheetRow,
  xlsxFile,
  type ZipPart,
} from '../../test/factories/people-uploads.factory';
import { buildWorld, type World } from '../../test/world';

/**
 * Finding 2 of issue 9: a 409 KB xlsx whose shared strings inflate to 400 MB ended the process.
 * Each hostile file must end as a failed import job whose message names the cap it hit, while
 * the server keeps answering /healthz, and nothing is imported.
 */
let ta: TestApp;
let w: World;
beforeAll(async () => {
  ta = await buildTestApp({ loginMaxPerMinute: 10_000 });
  w = await buildWorld(ta.deps, ta.app);
});
afterAll(() => ta?.close());

const people = async () =>
  Number((await sql<{ n: number }>`select count(*) as n from person`.execute(ta.database.db)).rows[0]!.n);

/** Uploads a file, then polls the job and /healthz in turn until the job has finished. */
async function importWatchingHealth(file: Buffer, type: string) {
  const cookie = w.cookies.tenant_admin;
  const res = await ta.app.inject({
    method: 'POST',
    url: `/api/v1/people/imports?tenantId=${w.tenantA.id}`,
    headers: { cookie, 'content-type': type },
    payload: file,
  });
  expect(res.statusCode, res.body).toBe(202);
  const jobId = res.json().jobId as string;
  let healthChecks = 0;
  for (let i = 0; i < 20_000; i++) {
    const health = await ta.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json().status).toBe('ok');
    healthChecks++;
    const job = (
      await ta.app.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}`, headers: { cookie } })
    ).json();
    if (job.status === 'succeeded' || job.status === 'failed') {
      const after = await ta.app.inject({ method: 'GET', url: '/healthz' });
      expect(after.statusCode).toBe(200);
      return { job, healthChecks };
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the import job did not finish');
}

describe('hostile and oversized uploads (issue 9, finding 2)', () => {
  it('an xlsx bomb through sharedStrings (409 KB → 400 MB) fails its job naming the cap; /healthz answers', async () => {
    const file = sharedStringsBomb();
    expect(file.length).toBeLessThan(600_000);
    const before = await people();
    const { job, healthChecks } = await importWatchingHealth(file, XLSX_TYPE);
    expect(job.status).toBe('failed');
    expect(job.summary.limit).toBe('element');
    expect(job.summary.message).toMatch(
      /^文件超出读取上限,没有导入任何一行:共享字符串第 1 条的内容超过 [\d,]+ 个字符的上限/,
    );
    expect(healthChecks).toBeGreaterThanOrEqual(1);
    expect(await people()).toBe(before);
  });

  it('an xlsx bomb through the sheet XML (a row that never closes) fails naming the cap and the row', async () => {
    const before = await people();
    const { job } = await importWatchingHealth(sheetBomb(), XLSX_TYPE);
    expect(job.status).toBe('failed');
    expect(job.summary.limit).toBe('element');
    expect(job.summary.row).toBe(2);
    expect(job.summary.message).toMatch(/第 2 行的内容超过 [\d,]+ 个字符的上限/);
    expect(await people()).toBe(before);
  });

  it('an xlsx bomb of padding between rows fails on the inflated size of the part', async () => {
    const sheet = deflatePieces([
      { data: SHEET_HEAD + HEADER_ROW },
      { data: Buffer.alloc(1 << 20, ' '), repeat: 300 },
      { data: SHEET_TAIL },
    ]);
    const { job } = await importWatchingHealth(xlsxFile(sheet), XLSX_TYPE);
    expect(job.status).toBe('failed');
    expect(job.summary.limit).toBe('part_bytes');
    expect(job.summary.message).toContain('xl/worksheets/sheet1.xml 解压后超过 256 MB 的上限');
  });

  it('a 200,000-row xlsx fails at the row cap, naming it and the row', async () => {
    const sheet = manyRowsSheet(200_000, (i) => [`行${i}`, '男女']);
    const before = await people();
    const { job } = await importWatchingHealth(xlsxFile(sheet), XLSX_TYPE);
    expect(job.status).toBe('failed');
    expect(job.summary.limit).toBe('rows');
    expect(job.summary.row).toBe(100_002);
    expect(job.summary.message).toContain('数据超过 100,000 行的上限(第 100,002 行)');
    expect(await people()).toBe(before);
  });

  it('a 200,000-row csv fails at the same cap', async () => {
    const lines = [IMPORT_COLUMNS.join(',')];
    for (let i = 0; i < 200_000; i++) lines.push(`行${i},男女`);
    const { job } = await importWatchingHealth(Buffer.from(lines.join('\n'), 'utf8'), 'text/csv');
    expect(job.status).toBe('failed');
    expect(job.summary.limit).toBe('rows');
    expect(job.summary.message).toContain('数据超过 100,000 行的上限(第 100,002 行)');
  });

  it('a zip with 10,000 entries fails on the entry cap before anything is inflated', async () => {
    const sheet = deflatePieces([{ data: SHEET_HEAD + HEADER_ROW + sheetRow(2, ['条目测试']) + SHEET_TAIL }]);
    const extra: ZipPart[] = Array.from({ length: 10_000 }, (_, i) => ({
      name: `xl/media/image${i}.png`,
      data: Buffer.from('x'),
      method: 0,
    }));
    const before = await people();
    const { job } = await importWatchingHealth(xlsxFile(sheet, undefined, extra), XLSX_TYPE);
    expect(job.status).toBe('failed');
    expect(job.summary.limit).toBe('entries');
    expect(job.summary.message).toContain('压缩包内的文件超过 1,000 个的上限');
    expect(await people()).toBe(before);
  });

  it('a csv with an overlong cell or too many columns fails naming the cap and the row', async () => {
    const head = IMPORT_COLUMNS.join(',');
    const long = await importWatchingHealth(
      Buffer.from(`${head}\n张三,男\n李四,男,,,,,,,,,,,,,,,${'长'.repeat(40_000)}\n`, 'utf8'),
      'text/csv',
    );
    expect(long.job.summary.limit).toBe('string_length');
    expect(long.job.summary.message).toContain('第 3 行有单元格超过 32,767 个字的上限');
    const wide = await importWatchingHealth(
      Buffer.from(`${head}\n${'王五,'.repeat(300)}\n`, 'utf8'),
      'text/csv',
    );
    expect(wide.job.summary.limit).toBe('cells');
    expect(wide.job.summary.message).toContain('第 2 行超过 256 列的上限');
  });

  it('still imports an ordinary file after all of that', async () => {
    const sheet = deflatePieces([
      { data: SHEET_HEAD + HEADER_ROW + sheetRow(2, ['上限之后', '女']) + SHEET_TAIL },
    ]);
    const before = await people();
    const { job } = await importWatchingHealth(xlsxFile(sheet), XLSX_TYPE);
    expect(job.status, JSON.stringify(job.summary)).toBe('succeeded');
    expect(await people()).toBe(before + 1);
  });
});
