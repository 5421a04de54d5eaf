import { fmt, type SheetRow, UploadFormatError, type UploadGuard, UploadLimitError } from './uploads.guard';
import { ZipReader } from './uploads.zip';

/**
 * The first sheet of an xlsx, row by row. exceljs's streaming reader cut multi-byte characters at
 * chunk edges (姓名 came out as "王芳���") and spent most of an import's time in its XML parser;
 * this reads only what a list of records has (values, shared and inline strings; dates as
 * serials). Every scan below is linear — indexOf from a moving position, never a backtracking
 * regular expression over attacker-sized text — and no element is held beyond its cap.
 */

/** Small parts (workbook, relationships) are read whole, under this cap. */
const SMALL_PART = 1024 * 1024;

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const codePoint = (n: number) =>
  Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '\ufffd';
export const unescapeXml = (s: string) =>
  s.indexOf('&') < 0
    ? s
    : s.replace(/&(#x[0-9a-fA-F]{1,8}|#\d{1,8}|amp|lt|gt|quot|apos);/g, (_, e: string) =>
        e[0] === '#'
          ? codePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
          : ENTITY[e]!,
      );

const NAME_END = new Set([' ', '>', '/', '\t', '\r', '\n']);

/** Where `<name` starts at or after `from` as a whole tag name, or -1. */
function openTag(xml: string, name: string, from: number): number {
  const needle = `<${name}`;
  for (let i = xml.indexOf(needle, from); i >= 0; i = xml.indexOf(needle, i + 1)) {
    if (NAME_END.has(xml[i + needle.length] ?? '')) return i;
  }
  return -1;
}

/** The value of attribute `name` in a start tag's attribute text (first occurrence only). */
function attr(attrs: string, name: string): string | null {
  const needle = `${name}="`;
  for (let i = attrs.indexOf(needle); i >= 0; i = attrs.indexOf(needle, i + 1)) {
    if (i === 0 || NAME_END.has(attrs[i - 1]!)) {
      const end = attrs.indexOf('"', i + needle.length);
      return end < 0 ? null : attrs.slice(i + needle.length, end);
    }
  }
  return null;
}

interface Element {
  attrs: string;
  /** null for a self-closing element. */
  body: string | null;
}

/**
 * Complete `<tag …>…</tag>` (or `<tag …/>`) elements from a stream of XML text. Text between
 * elements is dropped as it goes; an unfinished element longer than `max` characters stops the
 * reading through `tooBig(pending)`.
 */
async function* elements(
  pieces: AsyncIterable<string>,
  tag: string,
  max: number,
  tooBig: (pending: string) => never,
): AsyncGenerator<Element> {
  const close = `</${tag}>`;
  let buf = '';
  for await (const piece of pieces) {
    buf += piece;
    let pos = 0;
    for (;;) {
      const start = openTag(buf, tag, pos);
      if (start < 0) {
        // Keep only what could be the start of a tag cut in two.
        pos = Math.max(pos, buf.length - tag.length - 1);
        break;
      }
      const gt = buf.indexOf('>', start);
      if (gt < 0) {
        pos = start;
        break;
      }
      if (buf[gt - 1] === '/') {
        yield { attrs: buf.slice(start + tag.length + 1, gt - 1), body: null };
        pos = gt + 1;
        continue;
      }
      const end = buf.indexOf(close, gt + 1);
      if (end < 0) {
        pos = start;
        break;
      }
      yield { attrs: buf.slice(start + tag.length + 1, gt), body: buf.slice(gt + 1, end) };
      pos = end + close.length;
    }
    buf = buf.slice(pos);
    if (buf.length > max) tooBig(buf);
  }
}

/** The text of an <si> or <is>: every <t> run, without phonetic (<rPh>) runs. */
function textRuns(xml: string): string {
  let body = xml;
  if (body.includes('<rPh')) {
    let kept = '';
    let pos = 0;
    for (;;) {
      const s = openTag(body, 'rPh', pos);
      if (s < 0) {
        kept += body.slice(pos);
        break;
      }
      kept += body.slice(pos, s);
      const e = body.indexOf('</rPh>', s);
      if (e < 0) break;
      pos = e + 6;
    }
    body = kept;
  }
  let out = '';
  let pos = 0;
  for (;;) {
    const s = openTag(body, 't', pos);
    if (s < 0) break;
    const gt = body.indexOf('>', s);
    if (gt < 0) break;
    if (body[gt - 1] === '/') {
      pos = gt + 1;
      continue;
    }
    const e = body.indexOf('</t>', gt);
    if (e < 0) break;
    out += body.slice(gt + 1, e);
    pos = e + 4;
  }
  return unescapeXml(out);
}

/** The first sheet's part name, from the workbook and its relationships. */
function firstSheetPath(workbook: string | null, rels: string | null): string {
  const fallback = 'xl/worksheets/sheet1.xml';
  const s = workbook ? openTag(workbook, 'sheet', 0) : -1;
  if (!workbook || s < 0 || !rels) return fallback;
  const rid = attr(workbook.slice(s, workbook.indexOf('>', s) + 1 || undefined), 'r:id');
  for (let p = openTag(rels, 'Relationship', 0); p >= 0 && rid; p = openTag(rels, 'Relationship', p + 1)) {
    const tag = rels.slice(p, rels.indexOf('>', p) + 1 || undefined);
    if (attr(tag, 'Id') !== rid) continue;
    const target = attr(tag, 'Target');
    if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  }
  return fallback;
}

const colIndex = (ref: string) => {
  let n = 0;
  for (let i = 0; i < ref.length && i < 4; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
};

async function sharedStrings(zip: ZipReader, guard: UploadGuard): Promise<string[]> {
  const out: string[] = [];
  const name = 'xl/sharedStrings.xml';
  if (!zip.has(name)) return out;
  const { maxSharedStrings, maxSharedStringChars, maxStringLength, maxElementChars } = guard.limits;
  let chars = 0;
  const tooBig = (): never => {
    throw new UploadLimitError(
      'element',
      `共享字符串第 ${fmt(out.length + 1)} 条的内容超过 ${fmt(maxElementChars)} 个字符的上限`,
    );
  };
  for await (const el of elements(zip.text(name), 'si', maxElementChars, tooBig)) {
    const s = el.body === null ? '' : textRuns(el.body);
    if (out.length >= maxSharedStrings)
      throw new UploadLimitError('shared_strings', `共享字符串超过 ${fmt(maxSharedStrings)} 条的上限`);
    if (s.length > maxStringLength)
      throw new UploadLimitError(
        'string_length',
        `共享字符串第 ${fmt(out.length + 1)} 条超过 ${fmt(maxStringLength)} 个字的上限`,
      );
    chars += s.length;
    if (chars > maxSharedStringChars)
      throw new UploadLimitError(
        'shared_string_chars',
        `共享字符串总长超过 ${fmt(maxSharedStringChars)} 个字的上限`,
      );
    out.push(s);
  }
  return out;
}

function parseRow(el: Element, rowNumber: number, strings: string[], guard: UploadGuard): SheetRow {
  const row: SheetRow = { rowNumber, cells: [] };
  const body = el.body;
  if (!body) return row;
  const max = guard.limits.maxCellsPerRow;
  let next = 0;
  let count = 0;
  for (let s = openTag(body, 'c', 0); s >= 0; s = openTag(body, 'c', s + 1)) {
    if (++count > max) guard.tooManyCells(rowNumber);
    const gt = body.indexOf('>', s);
    if (gt < 0) throw new UploadFormatError('bad cell');
    const a = body.slice(s + 2, gt);
    const ref = attr(a, 'r');
    const i = ref ? colIndex(ref) : next;
    next = i + 1;
    if (body[gt - 1] === '/') continue;
    const end = body.indexOf('</c>', gt);
    if (end < 0) throw new UploadFormatError('bad cell');
    const inner = body.slice(gt + 1, end);
    s = end;
    const t = attr(a, 't') ?? 'n';
    let value: string | null;
    if (t === 'inlineStr') value = textRuns(inner);
    else {
      const v0 = inner.indexOf('<v>');
      const v1 = v0 < 0 ? -1 : inner.indexOf('</v>', v0);
      if (v1 < 0) continue;
      const v = inner.slice(v0 + 3, v1);
      if (t === 's') value = strings[Number(v)] ?? null;
      else if (t === 'b') value = v === '1' ? '是' : '否';
      else if (t === 'e') value = null;
      else value = unescapeXml(v);
      if (t === 'n') {
        row.numeric ??= new Set();
        row.numeric.add(i);
      }
    }
    if (value === null) continue;
    if (i < 0 || i >= max) guard.tooManyCells(rowNumber);
    guard.checkLength(value.length, rowNumber);
    while (row.cells.length < i) row.cells.push(null);
    row.cells[i] = value;
  }
  return row;
}

/** Rows of the first sheet, in order, streamed from the inflated sheet XML. */
export async function* readXlsxRows(file: string, guard: UploadGuard): AsyncGenerator<SheetRow> {
  const zip = await ZipReader.open(file, guard);
  try {
    const sheetName = firstSheetPath(
      await zip.smallText('xl/workbook.xml', SMALL_PART),
      await zip.smallText('xl/_rels/workbook.xml.rels', SMALL_PART),
    );
    if (!zip.has(sheetName)) throw new UploadFormatError('no worksheet');
    const strings = await sharedStrings(zip, guard);
    let count = 0;
    let lastNumber = 0;
    const tooBig = (pending: string): never => {
      const r = Number(attr(pending.slice(0, 200), 'r')) || lastNumber + 1;
      throw new UploadLimitError(
        'element',
        `第 ${fmt(r)} 行的内容超过 ${fmt(guard.limits.maxElementChars)} 个字符的上限`,
        r,
      );
    };
    for await (const el of elements(zip.text(sheetName), 'row', guard.limits.maxElementChars, tooBig)) {
      const r = Number(attr(el.attrs, 'r'));
      const rowNumber = Number.isSafeInteger(r) && r > 0 ? r : lastNumber + 1;
      lastNumber = rowNumber;
      guard.checkRow(++count, rowNumber);
      yield parseRow(el, rowNumber, strings, guard);
    }
  } finally {
    await zip.close();
  }
}
