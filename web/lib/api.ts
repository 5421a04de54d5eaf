import type { BodyOf, ErrorBody, ParamsOf, QueryOf, ResponseOf, RouteDef } from '../../contracts/common';

/** A non-2xx answer from the API, carrying the server's error body. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;
  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = body.statusCode;
    this.body = body;
  }
  get code(): string {
    return this.body.code;
  }
}

type Maybe<K extends string, T> = [T] extends [undefined] ? { [P in K]?: undefined } : { [P in K]: T };
export type CallArgs<D extends RouteDef> = Maybe<'params', ParamsOf<D, 'in'>> &
  Maybe<'body', BodyOf<D, 'in'>> & { query?: QueryOf<D, 'in'> };

let onUnauthorized: (() => void) | null = null;
/** Called on any 401 (except from login itself), so the app can show the login page. */
export const setUnauthorizedHandler = (fn: (() => void) | null) => {
  onUnauthorized = fn;
};
let onPasswordChangeRequired: (() => void) | null = null;
/** Called when the server refuses a request until the password is changed, so the app shows that page. */
export const setPasswordChangeRequiredHandler = (fn: (() => void) | null) => {
  onPasswordChangeRequired = fn;
};

const fillPath = (path: string, params: Record<string, unknown> | undefined) =>
  path.replace(/:([A-Za-z]+)/g, (_, key: string) => {
    const v = params?.[key];
    if (v === undefined || v === null) throw new Error(`missing path parameter ${key}`);
    return encodeURIComponent(String(v));
  });

const queryString = (query: Record<string, unknown> | undefined) => {
  if (!query) return '';
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
};

/** Calls one route described in contracts/ with typed params, query and body. */
export async function api<D extends RouteDef>(
  def: D,
  args: CallArgs<D> = {} as CallArgs<D>,
  signal?: AbortSignal,
): Promise<ResponseOf<D>> {
  const a = args as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
  const url = fillPath(def.path, a.params) + queryString(a.query);
  // Every state change is sent as JSON, even without a body of its own: the server refuses other
  // content types there (a cross-site form or text/plain POST needs no preflight, a JSON one does).
  const hasBody = def.method !== 'GET';
  const res = await fetch(url, {
    method: def.method,
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    body: hasBody ? JSON.stringify(a.body ?? {}) : undefined,
    signal,
  });
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const body = isErrorBody(data)
      ? data
      : { statusCode: res.status, code: 'platform.internal', error: res.statusText, message: res.statusText };
    if (res.status === 401 && !def.path.endsWith('/auth/login')) onUnauthorized?.();
    if (body.code === 'accounts.password_change_required') onPasswordChangeRequired?.();
    throw new ApiError(body);
  }
  return data as ResponseOf<D>;
}

const isErrorBody = (v: unknown): v is ErrorBody =>
  typeof v === 'object' && v !== null && 'statusCode' in v && 'code' in v && 'message' in v;

export const isApiError = (e: unknown, code?: string): e is ApiError =>
  e instanceof ApiError && (code === undefined || e.code === code);
