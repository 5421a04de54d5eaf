/**
 * The body-reference battery (issue 9, DESIGN.md §3 "references are checked like paths"): the
 * authorization matrix sees ids in paths; this sees ids in bodies. Generated from the route
 * registry: for every write route, every body field declared with `ref(kind)` (nested objects and
 * arrays too) is fed, in an otherwise valid request made by the most local role the matrix lets
 * call the route at its own place,
 *  (a) a record of that kind in another tenant, and
 *  (b) a record of that kind in the same tenant outside the caller's places,
 * and must answer 4xx with every table exactly as it was. A body field that looks like a reference
 * (a UUID, or a name ending in Id/Ids) without `ref()` fails the battery, so every reference is
 * declared and therefore probed.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REF_KINDS, type RefKind, type RouteDef, refKindOf } from '../../contracts/common';
import { peopleRoutes } from '../../contracts/people';
import { introspect } from '../db/dialect';
import { routeRegistry } from '../platform/routes';
import { buildTestApp, type TestApp } from './build-test-app';
import { type Away, type Req, refFixture, refVariants, specs, useRouteSpecs } from './route-specs';
import { buildWorld, MATRIX_ROLES, type MatrixRole, type World } from './world';

let ta: TestApp;
let w: World;
beforeAll(async () => {
  ta = await buildTestApp({ loginMaxPerMinute: 10_000 });
  w = await buildWorld(ta.deps, ta.app);
  useRouteSpecs(ta, w);
});
afterAll(() => ta?.close());

/** A reference field: its path ('[]' steps into array elements), kind, and whether it is a list of ids. */
interface RefField {
  path: string[];
  kind: RefKind;
  /** The sibling field that names the kind, for a field that may name several (ownerKind, scopeKind). */
  kindFrom: string | null;
  list: boolean;
}

const looksLikeId = (name: string) => /(Id|Ids)$/.test(name);
const isUuid = (s: z.ZodType) => (s as { _zod: { def: { format?: string } } })._zod.def.format === 'uuid';

/** Every `ref()` field of a body schema, and every field that names a record without one. */
function refFieldsOf(schema: z.ZodType): { refs: RefField[]; undeclared: string[] } {
  const refs: RefField[] = [];
  const undeclared: string[] = [];
  const seen = new Set<string>();
  const visit = (s: z.ZodType, path: string[], list: boolean): void => {
    const kind = refKindOf(s);
    const name = path.filter((p) => p !== '[]').at(-1) ?? '';
    if (kind) {
      const key = path.join('.');
      if (seen.has(key)) return;
      seen.add(key);
      const from = z.globalRegistry.get(s)?.['x-ref-kind-from'];
      refs.push({ path, kind, kindFrom: typeof from === 'string' ? from : null, list });
      return;
    }
    const def = (s as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        visit(def.innerType as z.ZodType, path, list);
        return;
      case 'pipe':
        visit(def.in as z.ZodType, path, list);
        return;
      case 'lazy':
        visit((def.getter as () => z.ZodType)(), path, list);
        return;
      case 'object':
        for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>))
          visit(v, [...path, k], false);
        return;
      case 'array': {
        const el = def.element as z.ZodType;
        // An array of ids is one field (a list); an array of objects is stepped into.
        if (refKindOf(el) || isUuid(el)) visit(el, path, true);
        else visit(el, [...path, '[]'], false);
        return;
      }
      case 'union':
        for (const o of def.options as z.ZodType[]) visit(o, path, list);
        return;
      case 'intersection':
        visit(def.left as z.ZodType, path, list);
        visit(def.right as z.ZodType, path, list);
        return;
      case 'record':
        visit(def.valueType as z.ZodType, [...path, '{}'], false);
        return;
      default:
        if (isUuid(s) || looksLikeId(name)) undeclared.push(`${path.join('.')}${list ? '[]' : ''}`);
    }
  };
  visit(schema, [], false);
  return { refs, undeclared: [...new Set(undeclared)] };
}

/** The value at a path (the first element's, through arrays). */
function valueAt(body: unknown, path: string[]): unknown {
  let v: unknown = body;
  for (const p of path) {
    if (v === null || v === undefined) return undefined;
    v = p === '[]' ? (Array.isArray(v) ? v[0] : undefined) : (v as Record<string, unknown>)[p];
  }
  return v;
}
const present = (v: unknown) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);

/** A copy of the body with the field set to `id` (added to a list; in the first element of an array). */
function withRef(body: unknown, path: string[], id: string, list: boolean): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let parent: unknown = copy;
  for (const p of path.slice(0, -1)) parent = p === '[]' ? (parent as unknown[])[0] : (parent as never)[p];
  const last = path.at(-1)!;
  const obj = parent as Record<string, unknown>;
  obj[last] = list ? [...((obj[last] as string[] | undefined) ?? []), id] : id;
  return copy;
}

/** The object a field sits in (to read a sibling that names the field's kind). */
function parentOf(body: unknown, path: string[]): Record<string, unknown> | undefined {
  return valueAt(body, path.slice(0, -1)) as Record<string, unknown> | undefined;
}

/** Where each matrix role's grant sits in the world, most local first. */
const REACH: Record<MatrixRole, number> = {
  resident: 0,
  building_leader: 0,
  community_worker: 1,
  social_worker: 1,
  supervisor: 2,
  station_head: 2,
  volunteer: 3,
  subdistrict_officer: 3,
  tenant_admin: 3,
  region_viewer: 4,
  platform_admin: 5,
};
const mostLocal = (roles: readonly MatrixRole[]) =>
  [...roles].sort((a, b) => REACH[a] - REACH[b] || MATRIX_ROLES.indexOf(a) - MATRIX_ROLES.indexOf(b))[0];

/**
 * Every table's contents, as one digest per table (logins write sessions; nothing else may move).
 * Rows are compared order-independently, so PostgreSQL's heap order does not matter.
 */
let tableNames: string[] | null = null;
async function snapshot(): Promise<Map<string, string>> {
  tableNames ??= (await introspect(ta.database.db, ta.database.dialect))
    .map((t) => t.name)
    .filter((n) => n !== 'session');
  const out = new Map<string, string>();
  for (const name of tableNames) {
    const r = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(ta.database.db);
    const rows = r.rows.map((row) => JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
    rows.sort();
    out.set(name, `${rows.length}:${createHash('sha256').update(rows.join('\n')).digest('hex')}`);
  }
  return out;
}
const changedTables = (a: Map<string, string>, b: Map<string, string>) =>
  [...a.keys()].filter((k) => a.get(k) !== b.get(k));

function url(def: RouteDef, req: Req) {
  let path = def.path;
  for (const [k, v] of Object.entries(req.params ?? {})) path = path.replace(`:${k}`, v);
  const qs = new URLSearchParams(req.query ?? {}).toString();
  return qs ? `${path}?${qs}` : path;
}
const send = (def: RouteDef, req: Req, cookie: string, body = req.body) =>
  ta.app.inject({
    method: def.method,
    url: url(def, req),
    headers: { ...req.headers, cookie },
    ...(body !== undefined ? { payload: body as object } : {}),
  });

/** A job started by a valid request runs on in the background: wait for it before comparing tables. */
async function settle(res: { statusCode: number; body: string }) {
  const jobId = res.statusCode === 202 ? (JSON.parse(res.body) as { jobId?: string }).jobId : undefined;
  for (let i = 0; jobId && i < 200; i++) {
    const job = await ta.app.inject({
      method: 'GET',
      url: `/api/v1/jobs/${jobId}`,
      headers: { cookie: w.cookies.platform_admin },
    });
    if (!['queued', 'running'].includes(job.json().status)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * POST routes that write nothing: searches whose filters travel in a body (an ID number must not
 * land in a URL). They answer only what the caller may read, like the GET lists (200, empty for
 * another tenant), so they are not probed for 4xx; the reason is printed with the skips.
 */
const SEARCHES = new Map<RouteDef, string>([
  [
    peopleRoutes.lookupById,
    '按证件号精确查找:条件放在请求体中只为不让号码进入网址;不写入任何数据,只返回调用者可查看的居民(与 GET 列表相同)',
  ],
]);
const writeRoutes = () => routeRegistry.filter((r) => r.def.method !== 'GET' && r.access !== 'public');

describe('references in request bodies', () => {
  it('declares every body field that names a record with ref(kind)', () => {
    const undeclared: string[] = [];
    let fields = 0;
    for (const { def } of writeRoutes()) {
      if (!def.body) continue;
      const f = refFieldsOf(def.body);
      fields += f.refs.length;
      for (const u of f.undeclared) undeclared.push(`${def.method} ${def.path}: ${u}`);
      for (const r of f.refs) expect(REF_KINDS).toContain(r.kind);
    }
    expect(undeclared).toEqual([]);
    expect(fields).toBeGreaterThan(50);
  });

  it('refuses a record of another tenant and one outside the caller’s places in every reference field, changing nothing', async () => {
    const problems: string[] = [];
    const skipped = new Set<string>();
    let routes = 0;
    let fields = 0;
    let probes = 0;
    let baselines = 0;
    for (const { def } of writeRoutes()) {
      if (!def.body) continue;
      const { refs } = refFieldsOf(def.body);
      if (refs.length === 0) continue;
      routes++;
      fields += refs.length;
      const name = `${def.method} ${def.path}`;
      const search = SEARCHES.get(def);
      if (search) {
        skipped.add(`${name} (a)(b): ${search}`);
        continue;
      }
      const spec = specs.get(def);
      if (!spec?.target) {
        problems.push(`${name}: no matrix target to build a valid request from`);
        continue;
      }
      const role = mostLocal(spec.allow.own);
      if (!role) {
        problems.push(`${name}: no role may call it at its own place`);
        continue;
      }
      if (role === 'platform_admin') {
        skipped.add(`${name} (a)(b): 只有平台管理员可以调用,所有街道都在其范围内`);
        continue;
      }
      const cookie = w.cookies[role];
      const variants = [() => spec.target!(w, 'own'), ...(refVariants.get(def) ?? []).map((v) => () => v(w))];
      const covered = new Set<string>();
      for (const make of variants) {
        // The valid request itself passes (so a 4xx below is the reference's doing).
        const valid = await make();
        const base = await send(def, valid, cookie);
        baselines++;
        await settle(base);
        if (!(base.statusCode < 300 || (spec.ok ?? []).includes(base.statusCode))) {
          problems.push(`${name} valid request as ${role}: ${base.statusCode} ${base.body.slice(0, 200)}`);
          continue;
        }
        for (const field of refs) {
          if (!present(valueAt(valid.body, field.path))) continue;
          const fieldName = field.path.join('.');
          covered.add(fieldName);
          const from = field.kindFrom ? parentOf(valid.body, field.path)?.[field.kindFrom] : null;
          const kind = (field.kindFrom ? from : field.kind) as RefKind;
          if (!REF_KINDS.includes(kind)) continue;
          for (const away of ['otherTenant', 'other'] as Away[]) {
            const label = `${name} ${fieldName} ← ${kind} @${away} as ${role}`;
            if (away === 'other' && REACH[role] >= 3) {
              skipped.add(`${name} ${fieldName} (b): 只有全街道范围的角色可以调用(${role}),没有"别处"`);
              continue;
            }
            const fixture = await refFixture(kind, away);
            if ('skip' in fixture) {
              skipped.add(`${name} ${fieldName} (${away === 'other' ? 'b' : 'a'}): ${fixture.skip}`);
              continue;
            }
            const req = await make();
            const body = withRef(req.body, field.path, fixture.id, field.list);
            const before = await snapshot();
            const res = await send(def, req, cookie, body);
            probes++;
            const after = await snapshot();
            if (res.statusCode < 400 || res.statusCode >= 500)
              problems.push(`${label}: ${res.statusCode} ${res.body.slice(0, 160)}`);
            const changed = changedTables(before, after);
            if (changed.length) problems.push(`${label}: changed ${changed.join(', ')}`);
            await settle(res);
          }
        }
      }
      for (const field of refs) {
        const fieldName = field.path.join('.');
        if (!covered.has(fieldName))
          problems.push(`${name} ${fieldName}: in no valid request (add one to refVariants)`);
      }
    }
    console.log(
      `body-reference battery: ${routes} write routes with references, ${fields} reference fields, ` +
        `${baselines} valid requests, ${probes} probes, ${skipped.size} skipped:\n  ${[...skipped].join('\n  ')}`,
    );
    expect(problems).toEqual([]);
    expect(probes).toBeGreaterThan(60);
  }, 900_000);
});
