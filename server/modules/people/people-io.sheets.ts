import ExcelJS from 'exceljs';
import { safeRow, safeText } from '../../platform/spreadsheet-cells';
import {
  looksLikeZip,
  readSpreadsheet,
  type SheetRow,
  type SpreadsheetKind,
  type UploadLimits,
} from '../../platform/uploads';

/**
 * Reading and writing the spreadsheets of the resident import/export: rows come out as plain
 * strings (dates as YYYY-MM-DD), whatever the file kind, so validation never sees exceljs types.
 */
export type FileKind = SpreadsheetKind;
export type { SheetRow };

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** An Excel serial day number (1900 date system) as YYYY-MM-DD. */
export const excelSerialDate = (n: number) =>
  new Date(EXCEL_EPOCH + Math.round(n) * 86_400_000).toISOString().slice(0, 10);

/**
 * What a resident file may be: 100,000 data rows under one header row (the import bar), the
 * 17 template columns with room to spare, the other caps as for any upload.
 */
export const IMPORT_LIMITS: Partial<UploadLimits> = { maxRows: 100_000, headerRows: 1 };

/** The rows of the first sheet (xlsx) or of the file (csv), empty rows included, under the caps. */
export const readRows = (file: string, kind: FileKind, limits: Partial<UploadLimits> = IMPORT_LIMITS) =>
  readSpreadsheet(file, kind, limits);

/** An xlsx file starts with a ZIP local-file header. */
export const looksLikeXlsx = looksLikeZip;

export { parseCsv } from '../../platform/uploads';

export interface RowError {
  row: number;
  column: string;
  message: string;
}

/** The error report: one line per problem (row number, column, message in Chinese). */
export async function writeErrorReport(file: string, errors: RowError[], note: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
  const ws = wb.addWorksheet('错误报告');
  ws.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 16 },
    { header: '问题', key: 'message', width: 60 },
  ];
  ws.getRow(1).font = { bold: true };
  // Messages quote what the file said (a tag name, a code): never let it become a formula.
  for (const e of errors) ws.addRow(safeRow({ ...e })).commit();
  ws.addRow({}).commit();
  ws.addRow({ message: safeText(note) }).commit();
  ws.commit();
  await wb.commit();
}

/** What each import column takes, for the template's explanation sheet. */
function columnNotes(tagNames: string[], idTypes: string[]): [string, string, string][] {
  return [
    ['姓名', '必填', '1–50 个字;少数民族姓名中的点用 ·'],
    ['性别', '选填', '男 / 女;填写居民身份证号时按号码自动确定'],
    ['出生日期', '选填', '如 1980-05-17;填写居民身份证号时须与号码一致,可不填'],
    ['证件类型', '选填', `${idTypes.join(' / ')};不填时按号码判断为居民身份证或港澳台居住证`],
    ['证件号码', '选填', '请将本列设为“文本”格式,以免 Excel 丢失末位;本街道已登记的号码不能重复导入'],
    ['手机号', '选填', '11 位手机号,或带区号的固定电话(如 0769-22123456)'],
    ['民族', '选填', '如 汉族'],
    ['社区统计代码', '选填', '12 位统计用区划代码;填写小区或楼栋号时必填'],
    ['小区', '选填', '该社区内已登记的小区名称'],
    ['楼栋号', '选填', '该小区(或社区)内已登记的楼栋号,如 12'],
    ['单元', '选填', '如 1'],
    ['房号', '选填', '如 301'],
    ['其他地址', '选填', '不在辖区楼栋内时填写,最多 200 字'],
    ['党员', '选填', '是 / 否'],
    ['残疾证号', '选填', '最多 40 个字符'],
    ['人群标签', '选填', `多个用顿号“、”分隔。可选:${tagNames.join('、')}`],
    ['备注', '选填', '最多 2000 字'],
  ];
}

/** The import template: the columns with one example row, and a sheet explaining each column. */
export async function buildTemplate(
  columns: readonly string[],
  tagNames: string[],
  idTypes: string[],
  exampleCommunityCode: string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('居民');
  ws.columns = columns.map((header) => ({ header, width: header.length > 4 ? 16 : 12 }));
  ws.getRow(1).font = { bold: true };
  // Text format keeps an 18-digit ID number (and leading zeros) exactly as typed.
  for (const c of ['证件号码', '手机号', '社区统计代码', '楼栋号', '房号']) {
    ws.getColumn(columns.indexOf(c) + 1).numFmt = '@';
  }
  ws.addRow(
    safeRow([
      '张三',
      '女',
      '1949-12-31',
      '居民身份证',
      '11010519491231002X',
      '13800001234',
      '汉族',
      exampleCommunityCode,
      '',
      '',
      '',
      '',
      '',
      '否',
      '',
      tagNames[0] ?? '',
      '示例行,导入前请删除',
    ]),
  );
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [
    { header: '列', width: 14 },
    { header: '是否必填', width: 10 },
    { header: '说明与可选值', width: 90 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const n of columnNotes(tagNames, idTypes)) notes.addRow(safeRow(n));
  notes.addRow([]);
  notes.addRow(['', '', '整个文件要么全部导入,要么一行都不导入;有错误时可下载错误报告(行号、列、问题)。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
