import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  deflatePieces,
  HEADER_ROW,
  SHEET_HEAD,
  SHEET_TAIL,
  SST_HEAD,
  SST_TAIL,
  sheetRow,
  xlsxFile,
  zipFile,
} from '../test/factories/people-uploads.factory';
import {
  openZip,
  parseCsv,
  readSpreadsheet,
  type SpreadsheetKind,
  UploadFormatError,
  UploadLimitError,
  type UploadLimits,
} from './uploads';

/**
 * The upload reader on its own (no app, no database): each cap stops the reading with its own
 * kind and a message naming it, each malformed file with a format error, and ordinary files read
 * the same as before whatever the chunk edges.
 */
const dir = mkdtempSync(join(tmpdir(), 'gz-uploads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (bytes: Buffer | string) => {
  const f = join(dir, `f${++n}`);
  writeFileSync(f, bytes);
  return f;
};

async function read(bytes: Buffer | string, kind: SpreadsheetKind, limits: Partial<UploadLimits> = {}) {
  const rows: { rowNumber: number; cells: (string | null)[] }[] = [];
  for await (const r of readSpreadsheet(file(bytes), kind, limits)) rows.push(r);
  return rows;
}
async function refusal(bytes: Buffer | string, kind: SpreadsheetKind, limits: Partial<UploadLimits> = {}) {
  try {
    await read(bytes, kind, limits);
  } catch (e) {
    if (e instanceof UploadLimitError || e instanceof UploadFormatError) return e;
    throw e;
  }
  throw new Error('the file was read without a refusal');
}
const sheet = (rows: string) => deflatePieces([{ data: SHEET_HEAD + HEADER_ROW + rows + SHEET_TAIL }]);

describe('upload caps (xlsx)', () => {
  it('reads an ordinary sheet: inline and shared strings, numbers, booleans, phonetic runs left out', async () => {
    const sst = deflatePieces([
      {
        data: `${SST_HEAD}<si><t>王芳</t></si><si><r><t>欧阳</t></r><r><t xml:space="preserve">明&amp;珠</t></r><rPh sb="0" eb="1"><t>オウ</t></rPh></si>${SST_TAIL}`,
      },
    ]);
    const rows = await read(
      xlsxFile(
        sheet(
          '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2"><v>29000</v></c><c r="D2" t="b"><v>1</v></c></row>' +
            '<row r="4"><c r="B4" t="s"><v>1</v></c><c r="E4" s="3"/></row>',
        ),
        sst,
      ),
      'xlsx',
    );
    expect(rows.map((r) => [r.rowNumber, r.cells])).toEqual([
      [1, expect.any(Array)],
      [2, ['王芳', null, '29000', '是']],
      [4, [null, '欧阳明&珠']],
    ]);
  });

  it('caps the zip entries, counted from the end record before anything is parsed', async () => {
    const parts = Array.from({ length: 11 }, (_, i) => ({
      name: `x${i}`,
      data: Buffer.from('x'),
      method: 0 as const,
    }));
    const e = await refusal(zipFile(parts), 'xlsx', { maxEntries: 10 });
    expect(e).toMatchObject({ limit: 'entries', message: '压缩包内的文件超过 10 个的上限' });
  });

  it('caps the inflated bytes of one part, whatever the directory claims', async () => {
    const big = deflatePieces([
      { data: SHEET_HEAD + HEADER_ROW },
      { data: Buffer.alloc(1 << 20, ' '), repeat: 2 },
    ]);
    const f = xlsxFile(big);
    const e = await refusal(f, 'xlsx', { maxPartBytes: 1 << 20 });
    expect(e).toMatchObject({
      limit: 'part_bytes',
      message: '文件中的 xl/worksheets/sheet1.xml 解压后超过 1 MB 的上限',
    });
  });

  it('caps the inflated bytes of all parts together', async () => {
    const pad = (head: string, tail: string) =>
      deflatePieces([{ data: head }, { data: Buffer.alloc(700_000, ' ') }, { data: tail }]);
    const f = xlsxFile(pad(SHEET_HEAD + HEADER_ROW, SHEET_TAIL), pad(SST_HEAD, SST_TAIL));
    const e = await refusal(f, 'xlsx', { maxPartBytes: 1 << 20, maxTotalBytes: 1 << 20 });
    expect(e).toMatchObject({ limit: 'total_bytes', message: '文件解压后总大小超过 1 MB 的上限' });
  });

  it('caps the rows (after the header), naming the first row over', async () => {
    const rows = Array.from({ length: 11 }, (_, i) => sheetRow(i + 2, [`r${i}`])).join('');
    expect(await read(xlsxFile(sheet(rows)), 'xlsx', { maxRows: 11, headerRows: 1 })).toHaveLength(12);
    const e = await refusal(xlsxFile(sheet(rows)), 'xlsx', { maxRows: 10, headerRows: 1 });
    expect(e).toMatchObject({ limit: 'rows', row: 12, message: '数据超过 10 行的上限(第 12 行)' });
  });

  it('caps the cells of a row, and the column of a value', async () => {
    const wide = await refusal(xlsxFile(sheet(sheetRow(2, Array(20).fill('x')))), 'xlsx', {
      maxCellsPerRow: 17,
    });
    expect(wide).toMatchObject({ limit: 'cells', row: 2, message: '第 2 行超过 17 列的上限' });
    const far = await refusal(
      xlsxFile(
        deflatePieces([
          {
            data: `${SHEET_HEAD}<row r="3"><c r="XFD3" t="inlineStr"><is><t>x</t></is></c></row>${SHEET_TAIL}`,
          },
        ]),
      ),
      'xlsx',
    );
    expect(far).toMatchObject({ limit: 'cells', row: 3, message: '第 3 行超过 256 列的上限' });
  });

  it('caps the length of a cell and of a shared string', async () => {
    const cell = await refusal(xlsxFile(sheet(sheetRow(2, ['长'.repeat(101)]))), 'xlsx', {
      maxStringLength: 100,
    });
    expect(cell).toMatchObject({
      limit: 'string_length',
      row: 2,
      message: '第 2 行有单元格超过 100 个字的上限',
    });
    const sst = deflatePieces([
      { data: `${SST_HEAD}<si><t>a</t></si><si><t>${'长'.repeat(101)}</t></si>${SST_TAIL}` },
    ]);
    const shared = await refusal(xlsxFile(sheet(''), sst), 'xlsx', { maxStringLength: 100 });
    expect(shared).toMatchObject({ limit: 'string_length', message: '共享字符串第 2 条超过 100 个字的上限' });
  });

  it('caps the number and total length of shared strings', async () => {
    const many = deflatePieces([{ data: SST_HEAD + '<si><t>甲</t></si>'.repeat(11) + SST_TAIL }]);
    expect(await refusal(xlsxFile(sheet(''), many), 'xlsx', { maxSharedStrings: 10 })).toMatchObject({
      limit: 'shared_strings',
      message: '共享字符串超过 10 条的上限',
    });
    expect(await refusal(xlsxFile(sheet(''), many), 'xlsx', { maxSharedStringChars: 10 })).toMatchObject({
      limit: 'shared_string_chars',
      message: '共享字符串总长超过 10 个字的上限',
    });
  });

  it('caps the XML of one unfinished row, naming its row number', async () => {
    const f = xlsxFile(
      deflatePieces([
        { data: `${SHEET_HEAD}${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>` },
        { data: Buffer.alloc(200_000, 'A') },
      ]),
    );
    expect(await refusal(f, 'xlsx', { maxElementChars: 100_000 })).toMatchObject({
      limit: 'element',
      row: 2,
      message: '第 2 行的内容超过 100,000 个字符的上限',
    });
  });

  it('stops at the time budget', async () => {
    const e = await refusal(xlsxFile(sheet(sheetRow(2, ['x']))), 'xlsx', { timeBudgetMs: 0 });
    expect(e).toMatchObject({ limit: 'time' });
    expect(e.message).toMatch(/^读取文件超过 0 秒的时间上限/);
  });

  it('refuses files that are not what they claim as format errors', async () => {
    const good = xlsxFile(sheet(sheetRow(2, ['x'])));
    expect(await refusal('not a zip at all', 'xlsx')).toBeInstanceOf(UploadFormatError);
    // Damaged deflate data.
    const broken = xlsxFile(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]));
    expect(await refusal(broken, 'xlsx')).toBeInstanceOf(UploadFormatError);
    // An encrypted entry, an unknown compression method, zip64 markers.
    const flag = Buffer.from(good);
    const cd = flag.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    flag.writeUInt16LE(0x0801, cd + 8);
    expect(await refusal(flag, 'xlsx')).toBeInstanceOf(UploadFormatError);
    const method = Buffer.from(good);
    method.writeUInt16LE(12, cd + 10);
    expect(await refusal(method, 'xlsx')).toBeInstanceOf(UploadFormatError);
    const z64 = Buffer.from(good);
    z64.writeUInt32LE(0xffffffff, cd + 42);
    expect(await refusal(z64, 'xlsx')).toBeInstanceOf(UploadFormatError);
    // A local offset past the end of the file.
    const past = Buffer.from(good);
    past.writeUInt32LE(good.length + 10, cd + 42);
    expect(await refusal(past, 'xlsx')).toBeInstanceOf(UploadFormatError);
    // The directory says there is no worksheet.
    expect(
      await refusal(zipFile([{ name: 'a.txt', data: Buffer.from('x'), method: 0 }]), 'xlsx'),
    ).toBeInstanceOf(UploadFormatError);
  });

  it('opens other zips with the same caps on each entry', async () => {
    const zip = await openZip(
      file(zipFile([{ name: 'photo.jpg', data: deflatePieces([{ data: Buffer.alloc(3000, 1) }]) }])),
      { maxPartBytes: 2000 },
    );
    try {
      const chunks: Buffer[] = [];
      await expect(async () => {
        for await (const c of zip.bytes('photo.jpg')) chunks.push(c);
      }).rejects.toThrow('文件中的 photo.jpg 解压后超过 2,000 字节的上限');
    } finally {
      await zip.close();
    }
  });
});

describe('upload caps (csv)', () => {
  it('reads quotes, doubled quotes, line breaks inside quotes, CRLF and GB18030 across chunk edges', async () => {
    // A long first field puts the interesting characters on the 64 KB edge between two chunks.
    for (const pad of [65_535, 65_534, 65_533]) {
      const text = `${'a'.repeat(pad)}"x""y",王芳\r\n"多\n行",2\r\n`;
      const rows = await read(Buffer.from(text, 'utf8'), 'csv', { maxStringLength: 100_000 });
      expect(rows.map((r) => r.cells)).toEqual([
        [`${'a'.repeat(pad)}"x""y"`, '王芳'],
        ['多\n行', '2'],
      ]);
    }
    const quoted = `${'"'}${'b'.repeat(65_534)}""",x\n`;
    // The chunk ends inside `""` (an escaped quote), right before the closing one.
    const cells = (await read(quoted, 'csv', { maxStringLength: 100_000 }))[0]!.cells;
    expect(cells.length).toBe(2);
    expect(cells[0] === `${'b'.repeat(65_534)}"` && cells[1] === 'x').toBe(true);
    const gb = Buffer.from([0xcd, 0xf5, 0xb7, 0xbc, 0x2c, 0x31, 0x0a]); // 王芳,1 in GB18030
    expect((await read(gb, 'csv'))[0]!.cells).toEqual(['王芳', '1']);
    expect([...parseCsv('a,"b,c","d ""e""",\r\n"x\ny",2\n')]).toEqual([
      ['a', 'b,c', 'd "e"', ''],
      ['x\ny', '2'],
    ]);
  });

  it('caps rows, cells, field length and time, naming the row', async () => {
    const lines = `h\n${Array.from({ length: 11 }, (_, i) => `r${i}`).join('\n')}\n`;
    expect(await refusal(lines, 'csv', { maxRows: 10, headerRows: 1 })).toMatchObject({
      limit: 'rows',
      row: 12,
      message: '数据超过 10 行的上限(第 12 行)',
    });
    expect(await refusal(`a\n${'x,'.repeat(20)}\n`, 'csv', { maxCellsPerRow: 17 })).toMatchObject({
      limit: 'cells',
      row: 2,
    });
    // A quoted field that never ends is stopped at the cap, not held to the end of the file.
    expect(await refusal(`a\nb\n"${'长'.repeat(200_000)}`, 'csv', { maxStringLength: 1000 })).toMatchObject({
      limit: 'string_length',
      row: 3,
      message: '第 3 行有单元格超过 1,000 个字的上限',
    });
    expect(await refusal('a\nb\n', 'csv', { timeBudgetMs: 0 })).toMatchObject({ limit: 'time' });
  });
});
