import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { type SheetRow, UploadGuard, type UploadLimits } from './uploads.guard';
import { readXlsxRows } from './uploads.xlsx';
import { ZipReader } from './uploads.zip';

export {
  DEFAULT_UPLOAD_LIMITS,
  type SheetRow,
  UploadFormatError,
  UploadLimitError,
  type UploadLimitKind,
  type UploadLimits,
} from './uploads.guard';

/**
 * The one reader for uploaded spreadsheets (xlsx and csv), for every module that takes a file.
 * An upload is hostile until read: a 409 KB xlsx once inflated to 400 MB and ended the process.
 * Everything here streams — a zip part is inflated chunk by chunk, XML is split into elements
 * with a bounded buffer, csv is parsed as it is decoded — and every dimension has a cap. A file
 * over any cap stops with an `UploadLimitError` whose Chinese message names the cap (and the row
 * where it applies); a file that is not what it claims to be stops with an `UploadFormatError`.
 * Neither ever escapes as anything but a failed job.
 */
export type SpreadsheetKind = 'xlsx' | 'csv';

/** Every upload of a spreadsheet reads through here: the first sheet (xlsx) or the file (csv). */
export function readSpreadsheet(
  file: string,
  kind: SpreadsheetKind,
  limits: Partial<UploadLimits> = {},
): AsyncGenerator<SheetRow> {
  const guard = new UploadGuard(limits);
  return kind === 'xlsx' ? readXlsxRows(file, guard) : readCsvRows(file, guard);
}

/**
 * Any other zip upload (a folder of photos, an organization's documents): entries are read as
 * capped streams (`zip.bytes(name)`), under the same limits. Close it when done.
 */
export const openZip = (file: string, limits: Partial<UploadLimits> = {}) =>
  ZipReader.open(file, new UploadGuard(limits));
export type { ZipReader };

/** An xlsx (or any zip) starts with a local-file header. */
export const looksLikeZip = (buf: Buffer) =>
  buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;

type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * UTF-8 with or without BOM, UTF-16 with BOM, else GB18030 (what Excel on Chinese Windows
 * saves). Without a BOM the file is first checked as UTF-8 in a streaming pass (nothing kept).
 */
async function encodingOf(file: string): Promise<{ encoding: TextEncoding; skip: number }> {
  const fh = await open(file, 'r');
  const head = Buffer.alloc(3);
  try {
    await fh.read(head, 0, 3, 0);
  } finally {
    await fh.close();
  }
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  const check = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 }))
      check.decode(chunk as Buffer, { stream: true });
    check.decode();
    return { encoding: 'utf-8', skip: 0 };
  } catch {
    return { encoding: 'gb18030', skip: 0 };
  }
}

/** A whole text file's encoding, for callers that already hold it in memory (small files). */
export function decodeText(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

/**
 * RFC 4180 CSV, fed in pieces: quoted fields with "" escapes and line breaks inside quotes;
 * CRLF or LF rows. A quote or CR at the end of a piece waits for the next one (it may be the
 * first half of "" or CRLF). `onField` sees each field as it grows, so a cap can stop it early.
 */
export class CsvParser {
  private field = '';
  private row: string[] = [];
  private quoted = false;
  private carry = '';
  /** Rows completed so far: the row being read is `rows + 1`. */
  private rows = 0;
  constructor(
    private readonly check: {
      field: (length: number, row: number) => void;
      cells: (count: number, row: number) => void;
    } = {
      field: () => {},
      cells: () => {},
    },
  ) {}

  private grow(s: string) {
    this.field += s;
    this.check.field(this.field.length, this.rows + 1);
  }

  private endField() {
    this.row.push(this.field);
    this.field = '';
    this.check.cells(this.row.length, this.rows + 1);
  }

  /** Complete rows found in `piece` (and what was carried over); `last` flushes everything. */
  push(piece: string, last = false): string[][] {
    let text = this.carry + piece;
    this.carry = '';
    if (!last && text.length > 0 && (text.endsWith('"') || text.endsWith('\r'))) {
      this.carry = text.slice(-1);
      text = text.slice(0, -1);
    }
    const out: string[][] = [];
    let i = 0;
    const n = text.length;
    while (i < n) {
      const ch = text[i]!;
      if (this.quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            this.grow('"');
            i += 2;
            continue;
          }
          this.quoted = false;
          i++;
          continue;
        }
        const next = text.indexOf('"', i);
        const end = next < 0 ? n : next;
        this.grow(text.slice(i, end));
        i = end;
        continue;
      }
      if (ch === '"' && this.field === '') {
        this.quoted = true;
        i++;
      } else if (ch === ',') {
        this.endField();
        i++;
      } else if (ch === '\n' || ch === '\r') {
        this.endField();
        out.push(this.row);
        this.rows++;
        this.row = [];
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      } else {
        let j = i;
        while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r' && text[j] !== '"') j++;
        if (j === i) j++;
        this.grow(text.slice(i, j));
        i = j;
      }
    }
    if (last && (this.field !== '' || this.row.length > 0)) {
      this.endField();
      out.push(this.row);
      this.row = [];
    }
    return out;
  }
}

/** All rows of a CSV text held in memory (small inputs, tests). */
export function* parseCsv(text: string): Generator<string[]> {
  yield* new CsvParser().push(text, true);
}

async function* readCsvRows(file: string, guard: UploadGuard): AsyncGenerator<SheetRow> {
  const { encoding, skip } = await encodingOf(file);
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  let rowNumber = 0;
  const parser = new CsvParser({
    field: (length, row) => guard.checkLength(length, row),
    cells: (count, row) => {
      if (count > guard.limits.maxCellsPerRow) guard.tooManyCells(row);
    },
  });
  const emit = function* (rows: string[][]) {
    for (const cells of rows) {
      rowNumber++;
      guard.checkRow(rowNumber, rowNumber);
      yield { rowNumber, cells: cells.map((c) => (c === '' ? null : c)) };
    }
  };
  for await (const chunk of createReadStream(file, { start: skip, highWaterMark: 64 * 1024 })) {
    guard.checkTime(rowNumber);
    yield* emit(parser.push(decoder.decode(chunk as Buffer, { stream: true })));
  }
  yield* emit(parser.push(decoder.decode(), true));
}
