import { constants, deflateRawSync } from 'node:zlib';
import { IMPORT_COLUMNS } from '../../../contracts/people-io';

/**
 * Hostile and oversized upload files, built byte by byte so that a test can send what an
 * attacker would: a deflate stream that inflates a thousand times its size, a sheet that never
 * closes its row, 200,000 rows, 10,000 zip entries. Nothing here goes through exceljs: the point
 * is files exceljs would never write.
 */

/** Raw deflate data: each piece is deflated once and repeated, so a 1 MB piece × 400 costs ~400 KB. */
export function deflatePieces(pieces: { data: Buffer | string; repeat?: number }[]): Buffer {
  const out: Buffer[] = [];
  for (const p of pieces) {
    // A full flush ends the piece on a byte boundary with an empty dictionary: copies of it
    // can simply be concatenated, and each copy inflates to the piece again.
    const seg = deflateRawSync(typeof p.data === 'string' ? Buffer.from(p.data, 'utf8') : p.data, {
      level: 9,
      finishFlush: constants.Z_FULL_FLUSH,
    });
    for (let i = 0; i < (p.repeat ?? 1); i++) out.push(seg);
  }
  out.push(deflateRawSync(Buffer.alloc(0))); // the final (empty) block
  return Buffer.concat(out);
}

export interface ZipPart {
  name: string;
  /** Stored as is (method 0), or already raw-deflated (method 8). */
  data: Buffer;
  method?: 0 | 8;
  /** What the directory claims the part inflates to (an attacker may lie). */
  size?: number;
}

/** A ZIP archive (local headers, data, central directory, end record); CRCs are left at 0. */
export function zipFile(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const method = p.method ?? 8;
    const size = p.size ?? (method === 0 ? p.data.length : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, p.data);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(p.data.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + p.data.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBytes, end]);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const colName = (i: number) => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** One sheet row of inline strings. */
export function sheetRow(r: number, cells: (string | null)[]): string {
  const cs = cells
    .map((v, i) => (v === null ? '' : `<c r="${colName(i)}${r}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`))
    .join('');
  return `<row r="${r}">${cs}</row>`;
}

export const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_TAIL = '</sheetData></worksheet>';
export const SST_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
export const SST_TAIL = '</sst>';
export const HEADER_ROW = sheetRow(1, [...IMPORT_COLUMNS]);

/** The parts every workbook has, then the given sheet (and shared strings) as deflate data. */
export function xlsxFile(sheet: Buffer, sharedStrings?: Buffer, extra: ZipPart[] = []): Buffer {
  const small = (name: string, xml: string): ZipPart => ({ name, data: deflatePieces([{ data: xml }]) });
  return zipFile([
    small(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    ),
    small(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="居民" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    small(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
    ...(sharedStrings ? [{ name: 'xl/sharedStrings.xml', data: sharedStrings }] : []),
    ...extra,
  ]);
}

/** A sheet of `rows` data rows under the template's header, each row from `cells(i)` (inline strings). */
export function manyRowsSheet(rows: number, cells: (i: number) => (string | null)[]): Buffer {
  const pieces: { data: string }[] = [{ data: SHEET_HEAD + HEADER_ROW }];
  let batch = '';
  for (let i = 0; i < rows; i++) {
    batch += sheetRow(i + 2, cells(i));
    if (batch.length > 1_000_000) {
      pieces.push({ data: batch });
      batch = '';
    }
  }
  pieces.push({ data: batch + SHEET_TAIL });
  return deflatePieces(pieces);
}

/** The 409 KB file of the probe: shared strings that inflate to ~400 MB (one string of 'A's). */
export function sharedStringsBomb(): Buffer {
  const sst = deflatePieces([
    { data: `${SST_HEAD}<si><t>` },
    { data: Buffer.alloc(1 << 20, 'A'), repeat: 400 },
    { data: `</t></si>${SST_TAIL}` },
  ]);
  const sheet = deflatePieces([
    { data: `${SHEET_HEAD}${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>0</v></c></row>${SHEET_TAIL}` },
  ]);
  return xlsxFile(sheet, sst);
}

/** A sheet whose second row never closes: ~400 MB of one cell's text. */
export function sheetBomb(): Buffer {
  const sheet = deflatePieces([
    { data: `${SHEET_HEAD}${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>` },
    { data: Buffer.alloc(1 << 20, 'A'), repeat: 400 },
    { data: `</t></is></c></row>${SHEET_TAIL}` },
  ]);
  return xlsxFile(sheet);
}
