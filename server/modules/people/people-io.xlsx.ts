import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw, inflateRawSync } from 'node:zlib';

/**
 * A small streaming reader for the first sheet of an xlsx: the ZIP directory is read from the
 * file, shared strings are inflated once, and the sheet XML is inflated and scanned row by row.
 * exceljs's streaming reader cut multi-byte characters at chunk edges (姓名 came out as "王芳���")
 * and spent most of an import's time in its XML parser; this one decodes with a StringDecoder
 * and reads only what a resident list has (values, shared and inline strings; dates as serials).
 */
export interface XlsxRow {
  rowNumber: number;
  cells: (string | null)[];
  numeric?: Set<number>;
}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

export class XlsxFormatError extends Error {}

async function directory(fh: Awaited<ReturnType<typeof open>>, size: number): Promise<Map<string, Entry>> {
  const tailLen = Math.min(size, 65_557);
  const tail = Buffer.alloc(tailLen);
  await fh.read(tail, 0, tailLen, size - tailLen);
  let eocd = -1;
  for (let i = tailLen - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxFormatError('not a zip file');
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  const cd = Buffer.alloc(cdSize);
  await fh.read(cd, 0, cdSize, cdOffset);
  const out = new Map<string, Entry>();
  let p = 0;
  while (p + 46 <= cd.length && cd.readUInt32LE(p) === 0x02014b50) {
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
    out.set(name, {
      name,
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      localOffset: cd.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

async function dataStart(fh: Awaited<ReturnType<typeof open>>, e: Entry): Promise<number> {
  const h = Buffer.alloc(30);
  await fh.read(h, 0, 30, e.localOffset);
  if (h.readUInt32LE(0) !== 0x04034b50) throw new XlsxFormatError('bad zip entry');
  return e.localOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
}

async function readWhole(fh: Awaited<ReturnType<typeof open>>, e: Entry): Promise<string> {
  const raw = Buffer.alloc(e.compressedSize);
  await fh.read(raw, 0, e.compressedSize, await dataStart(fh, e));
  return (e.method === 8 ? inflateRawSync(raw) : raw).toString('utf8');
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export const unescapeXml = (s: string) =>
  s.indexOf('&') < 0
    ? s
    : s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
        e[0] === '#'
          ? String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
          : ENTITY[e]!,
      );

/** The text of an <si> or <is>: every <t> run, without phonetic (<rPh>) runs. */
const textRuns = (xml: string) => {
  let out = '';
  const body = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  for (const m of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) out += m[1] ?? '';
  return unescapeXml(out);
};

function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) out.push(m[1] ? textRuns(m[1]) : '');
  return out;
}

/** The first sheet's part name, from the workbook and its relationships. */
function firstSheetPath(workbook: string | null, rels: string | null): string {
  const rid = workbook?.match(/<sheet\b[^>]*\br:id="([^"]+)"/)?.[1];
  if (rid && rels) {
    for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      if (m[0].includes(`Id="${rid}"`)) {
        const target = m[0].match(/Target="([^"]+)"/)?.[1];
        if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
      }
    }
  }
  return 'xl/worksheets/sheet1.xml';
}

const colIndex = (ref: string) => {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
};

const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const V = /<v>([\s\S]*?)<\/v>/;

function parseRow(xml: string, attrs: string, fallback: number, strings: string[]): XlsxRow {
  const r = attrs.match(/\br="(\d+)"/);
  const row: XlsxRow = { rowNumber: r ? Number(r[1]) : fallback, cells: [] };
  let next = 0;
  for (const m of xml.matchAll(CELL)) {
    const a = m[1]!;
    const ref = a.match(/\br="([A-Z]+)/);
    const i = ref ? colIndex(ref[1]!) : next;
    next = i + 1;
    const body = m[2];
    if (!body) continue;
    const t = a.match(/\bt="(\w+)"/)?.[1] ?? 'n';
    let value: string | null;
    if (t === 'inlineStr') value = textRuns(body);
    else {
      const v = body.match(V)?.[1];
      if (v === undefined) continue;
      if (t === 's') value = strings[Number(v)] ?? null;
      else if (t === 'b') value = v === '1' ? '是' : '否';
      else if (t === 'e') value = null;
      else value = unescapeXml(v);
      if (t === 'n') {
        row.numeric ??= new Set();
        row.numeric.add(i);
      }
    }
    while (row.cells.length < i) row.cells.push(null);
    row.cells[i] = value;
  }
  return row;
}

/** Rows of the first sheet, in order, streamed from the inflated sheet XML. */
export async function* readXlsx(file: string): AsyncGenerator<XlsxRow> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const entries = await directory(fh, size);
    const text = async (name: string) => {
      const e = entries.get(name);
      return e ? readWhole(fh, e) : null;
    };
    const sheet = entries.get(
      firstSheetPath(await text('xl/workbook.xml'), await text('xl/_rels/workbook.xml.rels')),
    );
    if (!sheet) throw new XlsxFormatError('no worksheet');
    const sst = await text('xl/sharedStrings.xml');
    const strings = sst ? sharedStrings(sst) : [];
    const start = await dataStart(fh, sheet);
    const raw = fh.createReadStream({ start, end: start + sheet.compressedSize - 1, autoClose: false });
    const source = sheet.method === 8 ? raw.pipe(createInflateRaw()) : raw;
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let count = 0;
    const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
    for await (const chunk of source) {
      pending += decoder.write(chunk as Buffer);
      const end = pending.lastIndexOf('</row>');
      if (end < 0) continue;
      const ready = pending.slice(0, end + 6);
      pending = pending.slice(end + 6);
      for (const m of ready.matchAll(ROW)) yield parseRow(m[2] ?? '', m[1]!, ++count, strings);
    }
    pending += decoder.end();
    for (const m of pending.matchAll(ROW)) yield parseRow(m[2] ?? '', m[1]!, ++count, strings);
  } finally {
    await fh.close();
  }
}
