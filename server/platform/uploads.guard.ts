import { performance } from 'node:perf_hooks';

/**
 * The caps every upload is read under, the guard that counts against them during one reading,
 * and the two ways a reading stops (see uploads.ts).
 */
export interface UploadLimits {
  /** Entries in the zip directory. */
  maxEntries: number;
  /** Bytes one zip part may inflate to. */
  maxPartBytes: number;
  /** Bytes all parts together may inflate to. */
  maxTotalBytes: number;
  /** Data rows (rows after the first `headerRows`). */
  maxRows: number;
  /** Rows at the top that do not count against maxRows (a header). */
  headerRows: number;
  /** Cells in one row (xlsx: also the highest column with a value). */
  maxCellsPerRow: number;
  /** Characters in one cell or one shared string (Excel's own limit is 32,767). */
  maxStringLength: number;
  /** Entries in the xlsx shared-string table. */
  maxSharedStrings: number;
  /** Characters in all shared strings together (they are held in memory while the sheet is read). */
  maxSharedStringChars: number;
  /** Characters of XML one row (or one shared string) may take before it is complete. */
  maxElementChars: number;
  /** Wall-clock time for reading the whole file, including the caller's work between rows. */
  timeBudgetMs: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxEntries: 1_000,
  maxPartBytes: 256 * 1024 * 1024,
  maxTotalBytes: 384 * 1024 * 1024,
  maxRows: 100_000,
  headerRows: 0,
  maxCellsPerRow: 256,
  maxStringLength: 32_767,
  maxSharedStrings: 1_000_000,
  maxSharedStringChars: 32_000_000,
  maxElementChars: 4 * 1024 * 1024,
  timeBudgetMs: 180_000,
};

export type UploadLimitKind =
  | 'entries'
  | 'part_bytes'
  | 'total_bytes'
  | 'rows'
  | 'cells'
  | 'string_length'
  | 'shared_strings'
  | 'shared_string_chars'
  | 'element'
  | 'time';

/** The file is over one of the caps; `row` is the spreadsheet row where it applies, if any. */
export class UploadLimitError extends Error {
  constructor(
    readonly limit: UploadLimitKind,
    message: string,
    readonly row: number | null = null,
  ) {
    super(message);
  }
}

/** The file is not a readable xlsx or csv (not a zip, damaged deflate data, encrypted, zip64…). */
export class UploadFormatError extends Error {}

export const fmt = (n: number) => n.toLocaleString('en-US');
const MB = 1024 * 1024;
const mb = (bytes: number) =>
  bytes >= MB && bytes % MB === 0 ? `${fmt(bytes / MB)} MB ` : `${fmt(bytes)} 字节`;

/** One reading of one file: the limits, the inflated-byte total and the deadline. */
export class UploadGuard {
  readonly limits: UploadLimits;
  private inflated = 0;
  private readonly deadline: number;
  constructor(limits: Partial<UploadLimits> = {}) {
    this.limits = { ...DEFAULT_UPLOAD_LIMITS, ...limits };
    this.deadline = performance.now() + this.limits.timeBudgetMs;
  }

  /** Counts `delta` more inflated bytes of `part` (now `partBytes` in all) against both caps. */
  inflate(part: string, partBytes: number, delta: number, partCap = this.limits.maxPartBytes) {
    this.inflated += delta;
    if (partBytes > partCap)
      throw new UploadLimitError('part_bytes', `文件中的 ${part} 解压后超过 ${mb(partCap)}的上限`);
    if (this.inflated > this.limits.maxTotalBytes)
      throw new UploadLimitError(
        'total_bytes',
        `文件解压后总大小超过 ${mb(this.limits.maxTotalBytes)}的上限`,
      );
  }

  checkTime(row: number | null = null) {
    if (performance.now() >= this.deadline)
      throw new UploadLimitError(
        'time',
        `读取文件超过 ${fmt(Math.round(this.limits.timeBudgetMs / 1000))} 秒的时间上限${row ? `(读到第 ${fmt(row)} 行)` : ''}`,
        row,
      );
  }

  /** Called once per row read, in order: `count` rows so far (1-based). */
  checkRow(count: number, rowNumber: number) {
    if (count > this.limits.maxRows + this.limits.headerRows)
      throw new UploadLimitError(
        'rows',
        `数据超过 ${fmt(this.limits.maxRows)} 行的上限(第 ${fmt(rowNumber)} 行)`,
        rowNumber,
      );
    this.checkTime(rowNumber);
  }

  tooManyCells(rowNumber: number): never {
    throw new UploadLimitError(
      'cells',
      `第 ${fmt(rowNumber)} 行超过 ${fmt(this.limits.maxCellsPerRow)} 列的上限`,
      rowNumber,
    );
  }

  /** A cell's text (or a csv field as it grows) of `length` characters. */
  checkLength(length: number, rowNumber: number) {
    if (length > this.limits.maxStringLength)
      throw new UploadLimitError(
        'string_length',
        `第 ${fmt(rowNumber)} 行有单元格超过 ${fmt(this.limits.maxStringLength)} 个字的上限`,
        rowNumber,
      );
  }
}

/** One row as a person sees it: `rowNumber` as Excel numbers it, empty cells null. */
export interface SheetRow {
  rowNumber: number;
  cells: (string | null)[];
  /** Columns whose cell held an Excel number (an 18-digit ID typed as a number has lost digits). */
  numeric?: Set<number>;
}
