import { z } from 'zod';

/** UUIDv7 (or any RFC 9562 UUID) as made by the server. */
export const Id = z.uuid({ version: 'v7', message: '须为有效的编号 (UUID)' });
export type Id = z.infer<typeof Id>;

/**
 * Kinds of record a request body may name. A body field that holds another record's id is
 * declared with `ref(kind)`: the service must check that the record exists in the caller's
 * tenant, within the caller's reach and of this kind (DESIGN §3), and the body-reference
 * battery feeds every such field a record of another tenant and one outside the caller's places.
 */
export const REF_KINDS = [
  'region',
  'tenant',
  'community',
  'compound',
  'building',
  'station',
  'user',
  'person',
  'household',
  'case',
  'issue',
  'category',
  'body',
  'meeting',
  'agenda_item',
  'decision',
] as const;
export type RefKind = (typeof REF_KINDS)[number];

/** An id naming another record of `kind` (see REF_KINDS); shows as `x-ref` in the OpenAPI document. */
export const ref = (kind: RefKind) => Id.meta({ 'x-ref': kind });

/** The kind a (possibly optional, nullable or defaulted) schema references, if it is a `ref()`. */
export function refKindOf(schema: z.ZodType): RefKind | null {
  let s: z.ZodType = schema;
  for (let i = 0; i < 5; i++) {
    const kind = z.globalRegistry.get(s)?.['x-ref'];
    if (typeof kind === 'string') return kind as RefKind;
    const inner = (s as { unwrap?: () => z.ZodType }).unwrap;
    if (!inner || s instanceof z.ZodArray || s instanceof z.ZodObject) return null;
    s = inner.call(s);
  }
  return null;
}

export const IsoDateTime = z.iso.datetime();
export const IsoDate = z.iso.date();

/** Money is always integer fen (分). */
export const Money = z.number().int().safe();

export const Version = z.number().int().min(1);

/**
 * Characters no text the platform accepts may contain: C0 control characters other than tab, LF
 * and CR, and DEL; U+FFFE and U+FFFF, which with those controls are everything XML 1.0 refuses
 * (Open311 serves issues as XML: one such title made a whole subdistrict's feed ill-formed); and
 * lone UTF-16 surrogates, which JSON can carry and storage turns into U+FFFD (what is read back
 * would not be what was sent). Paired surrogates (emoji, rare CJK) are one code point and pass.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|\p{Cs}/u;
export const FORBIDDEN_CHARACTERS_MESSAGE = '不能包含控制字符或无效字符(如 U+0000、U+FFFF、不成对的代理项)';
export const hasForbiddenCharacters = (s: string): boolean => FORBIDDEN_CHARACTERS.test(s);

/**
 * The one character check for free strings: text() applies it, and the server applies the same
 * test to every string of every request (platform/http.ts), so a field declared as a plain
 * z.string() cannot let them in either.
 */
export const clean = <T extends z.ZodString>(schema: T): T =>
  schema.refine((s) => !hasForbiddenCharacters(s), FORBIDDEN_CHARACTERS_MESSAGE) as T;

/** Trimmed, non-empty text of at most `max` characters, without control or invalid characters. */
export const text = (max: number) => clean(z.string().trim().min(1, '不能为空').max(max, `最多 ${max} 个字`));

export const Status = z.enum(['active', 'retired']);
export type Status = z.infer<typeof Status>;

export const ErrorBody = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  error: z.string(),
  message: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const PageQuery = z.object({
  cursor: clean(z.string().max(200)).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const Ok = z.object({ ok: z.literal(true) });

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * One API route as both sides see it. The server registers handlers against it;
 * the web client calls it; the OpenAPI document is made from it.
 */
export interface RouteDef {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  status?: number;
}

/** Keeps the exact schema types of a route definition (so handlers and clients are typed). */
export const route = <const D extends RouteDef>(def: D): D => def;

type Part<D, K extends string, Dir extends 'in' | 'out'> = D extends { [P in K]: infer S extends z.ZodType }
  ? Dir extends 'in'
    ? z.input<S>
    : z.output<S>
  : undefined;
export type ParamsOf<D, Dir extends 'in' | 'out' = 'out'> = Part<D, 'params', Dir>;
export type QueryOf<D, Dir extends 'in' | 'out' = 'out'> = Part<D, 'query', Dir>;
export type BodyOf<D, Dir extends 'in' | 'out' = 'out'> = Part<D, 'body', Dir>;
export type ResponseOf<D extends RouteDef> = z.output<D['response']>;

export const IdParams = z.object({ id: Id });
