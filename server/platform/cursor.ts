import { invalid } from './errors';

/**
 * Opaque keyset cursors: the sort key of the last row of a page, as base64url JSON of a tuple.
 * A list declares the shape of its key; a cursor that does not decode to exactly that shape was
 * not made by this server (tampered, truncated, from another list) and is a 400 naming `cursor`,
 * never a silently different page.
 */
export type CursorPart = 'string' | 'int' | 'uuid';
type PartValue<P extends CursorPart> = P extends 'int' ? number : string;
export type CursorValues<S extends readonly CursorPart[]> = { [K in keyof S]: PartValue<S[K]> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const fits: Record<CursorPart, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string' && v.length <= 200,
  int: (v) => typeof v === 'number' && Number.isSafeInteger(v),
  uuid: (v) => typeof v === 'string' && UUID.test(v),
};

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The key a cursor carries, checked against `shape`; null when there is no cursor (the first page). */
export function decodeCursor<const S extends readonly CursorPart[]>(
  cursor: string | undefined | null,
  shape: S,
): CursorValues<S> | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  let value: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('cursor', '翻页标记无效');
  }
  if (!Array.isArray(value) || value.length !== shape.length || !shape.every((p, i) => fits[p](value[i])))
    throw invalid('cursor', '翻页标记无效');
  return value as CursorValues<S>;
}
