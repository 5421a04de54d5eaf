/**
 * Cells for spreadsheets we hand out (xlsx and csv exports, reports). Text that starts with
 * `=`, `+`, `-` or `@` — or with a tab or carriage return, which Excel skips before reading
 * one of those — is taken for a formula when the file is opened, edited or saved again as CSV
 * (CSV/formula injection, OWASP). Such text is written with a leading `'`, which Excel reads as
 * "this is text". Numbers, dates, booleans and empty cells are left as they are.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text, made safe to put in a spreadsheet cell. */
export const safeText = (s: string): string => (FORMULA_START.test(s) ? `'${s}` : s);

/** Any cell value, with text made safe (other values unchanged). */
export function safeCell<T>(v: T): T | string {
  return typeof v === 'string' ? safeText(v) : v;
}

/** A whole row (array) or keyed row (object) of cell values, with every text made safe. */
export function safeRow<T extends unknown[] | Record<string, unknown>>(row: T): T {
  if (Array.isArray(row)) return row.map(safeCell) as T;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, safeCell(v)])) as T;
}
