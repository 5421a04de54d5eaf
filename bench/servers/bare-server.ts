/**
 * Baselines for bench/load.ts (run as a child process), on the same database as the app:
 * - GET /hello: bare Fastify, a constant JSON body (the framework ceiling);
 * - GET /raw/users?limit=20: what GET /api/v1/users does, written by hand: the session lookup
 *   and the list query as prepared statements, mapped to the same JSON, no plugins or validation;
 * - GET /raw/tree: what GET /api/v1/territory/tree does, by hand (three queries, grouped with Maps);
 * - GET /raw/people?name|communityId|tag&limit=20 and GET /raw/people/:id: what the people search and
 *   get routes do, by hand (the page query + one tag query, masked; no policy, no validation).
 * - GET /raw/issues?tenantId&limit=20: the issue board's first page, by hand (one query, newest
 *   first with the category's name, reporter masked).
 * Env: BENCH_DATA_DIR (SQLite file DATA_DIR/gongzhi.db) or BENCH_DATABASE_URL (PostgreSQL).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import { serveForParent } from './ipc';

type Row = Record<string, any>;
interface Raw {
  /** Any statement, prepared once per SQL text (`?` placeholders). */
  all(sql: string, params: unknown[]): Promise<Row[]>;
  session(id: string): Promise<Row | undefined>;
  users(tenantId: string, limit: number): Promise<Row[]>;
  tree(tenantId: string): Promise<[Row[], Row[], Row[]]>;
  close(): Promise<void>;
}

const SESSION = `select s.id, s.user_id, s.last_seen_at, s.expires_at, s.ended_at,
  u.display_name, u.home_tenant_id, u.status
  from session s join app_user u on u.id = s.user_id where s.id = ?`;
const USERS = 'select * from app_user where home_tenant_id = ? order by username limit ?';
const COMMUNITIES = 'select * from community where tenant_id = ? order by code';
const COMPOUNDS = 'select * from compound where tenant_id = ? order by name';
const BUILDINGS = 'select * from building where tenant_id = ?';

function sqliteRaw(file: string): Raw {
  const db = new SqliteDatabase(file, { readonly: true });
  db.pragma('cache_size = -64000');
  const s = db.prepare(SESSION);
  const u = db.prepare(USERS);
  const c = db.prepare(COMMUNITIES);
  const k = db.prepare(COMPOUNDS);
  const b = db.prepare(BUILDINGS);
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    all: async (sql, params) => {
      let st = statements.get(sql);
      if (!st) {
        st = db.prepare(sql);
        statements.set(sql, st);
      }
      return st.all(...params) as Row[];
    },
    session: async (id) => s.get(id) as Row | undefined,
    users: async (t, limit) => u.all(t, limit) as Row[],
    tree: async (t) => [c.all(t) as Row[], k.all(t) as Row[], b.all(t) as Row[]],
    close: async () => {
      db.close();
    },
  };
}

function pgRaw(url: string): Raw {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const numbered = (q: string) => {
    let i = 0;
    return q.replace(/\?/g, () => `$${++i}`);
  };
  const q = async (text: string, values: unknown[]) =>
    (await pool.query({ name: text.slice(0, 60), text: numbered(text), values })).rows as Row[];
  const names = new Map<string, string>();
  return {
    all: (text, values) => {
      let name = names.get(text);
      if (!name) {
        name = `raw${names.size}`;
        names.set(text, name);
      }
      return pool.query({ name, text: numbered(text), values }).then((r) => r.rows as Row[]);
    },
    session: async (id) => (await q(SESSION, [id]))[0],
    users: (t, limit) => q(USERS, [t, limit]),
    tree: async (t) => Promise.all([q(COMMUNITIES, [t]), q(COMPOUNDS, [t]), q(BUILDINGS, [t])]),
    close: () => pool.end(),
  };
}

const raw = process.env.BENCH_DATABASE_URL
  ? pgRaw(process.env.BENCH_DATABASE_URL)
  : sqliteRaw(join(process.env.BENCH_DATA_DIR!, 'gongzhi.db'));

const app = Fastify({ logger: false });
const collator = new Intl.Collator('zh-CN', { numeric: true });

async function principal(cookieHeader: string | undefined) {
  const token = /(?:^|;\s*)gz_session=([^;]+)/.exec(cookieHeader ?? '')?.[1];
  if (!token) return null;
  const row = await raw.session(createHash('sha256').update(token).digest('hex'));
  if (!row || row.ended_at || row.status !== 'active') return null;
  if (new Date().toISOString() >= row.expires_at) return null;
  return row;
}

app.get('/hello', async () => ({ hello: 'world' }));

const ISSUES = `select i.*, c.name as category_name from gov_issue i
  join gov_category c on c.tenant_id = i.tenant_id and c.id = i.category_id
  where i.tenant_id = ? order by i.created_at desc, i.id desc limit ?`;
app.get<{ Querystring: { tenantId?: string; limit?: string } }>('/raw/issues', async (req, reply) => {
  const p = await principal(req.headers.cookie);
  if (!p) return reply.code(401).send({ statusCode: 401 });
  const limit = Math.min(200, Number(req.query.limit ?? 50));
  const rows = await raw.all(ISSUES, [req.query.tenantId ?? p.home_tenant_id, limit + 1]);
  const items = rows.slice(0, limit).map((i) => ({
    id: i.id,
    tenantId: i.tenant_id,
    number: i.number,
    title: i.title,
    categoryId: i.category_id,
    categoryName: i.category_name,
    status: i.status,
    level: i.level,
    placeName: i.place_name,
    communityId: i.community_id,
    compoundId: i.compound_id,
    buildingId: i.building_id,
    levelDeadlineAt: i.level_deadline_at,
    assignedTo: i.assigned_to,
    reporterName: i.reporter_name ? `${[...i.reporter_name][0]}*` : '匿名居民',
    mine: false,
    createdAt: i.created_at,
    updatedAt: i.updated_at,
    version: i.version,
  }));
  reply.header('cache-control', 'no-store');
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > limit && last
        ? Buffer.from(JSON.stringify([last.createdAt, last.id])).toString('base64url')
        : null,
  };
});

app.get<{ Querystring: { limit?: string } }>('/raw/users', async (req, reply) => {
  const p = await principal(req.headers.cookie);
  if (!p) return reply.code(401).send({ statusCode: 401 });
  const limit = Math.min(200, Number(req.query.limit ?? 50));
  const rows = await raw.users(p.home_tenant_id, limit + 1);
  const items = rows.slice(0, limit).map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    phone: u.phone ? u.phone.replace(/^\+86/, '') : null,
    staffKind: u.staff_kind,
    fundingSource: u.funding_source,
    certificateLevel: u.certificate_level,
    homeTenantId: u.home_tenant_id,
    status: u.status,
    lastLoginAt: u.last_login_at,
    createdAt: u.created_at,
    version: u.version,
  }));
  reply.header('cache-control', 'no-store');
  return {
    items,
    nextCursor:
      rows.length > limit ? Buffer.from(items[items.length - 1]!.username).toString('base64url') : null,
  };
});

app.get('/raw/tree', async (req, reply) => {
  const p = await principal(req.headers.cookie);
  if (!p) return reply.code(401).send({ statusCode: 401 });
  const [communities, compounds, buildings] = await raw.tree(p.home_tenant_id);
  buildings.sort((a, b) => collator.compare(a.number, b.number));
  const pick = (b: Row) => ({
    id: b.id,
    number: b.number,
    units: b.units,
    floors: b.floors,
    status: b.status,
  });
  const byCompound = new Map<string, Row[]>();
  const loose = new Map<string, Row[]>();
  for (const b of buildings) {
    const [map, key] = b.compound_id ? [byCompound, b.compound_id] : [loose, b.community_id];
    const list = map.get(key);
    if (list) list.push(pick(b));
    else map.set(key, [pick(b)]);
  }
  const compoundsOf = new Map<string, Row[]>();
  for (const k of compounds) {
    const node = {
      id: k.id,
      name: k.name,
      kind: k.kind,
      propertyCompany: k.property_company,
      status: k.status,
      buildings: byCompound.get(k.id) ?? [],
    };
    const list = compoundsOf.get(k.community_id);
    if (list) list.push(node);
    else compoundsOf.set(k.community_id, [node]);
  }
  reply.header('cache-control', 'no-store');
  return {
    tenantId: p.home_tenant_id,
    communities: communities.map((c) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      status: c.status,
      compounds: compoundsOf.get(c.id) ?? [],
      looseBuildings: loose.get(c.id) ?? [],
    })),
  };
});

// People search (issue 3) by hand: the same WHERE, ORDER BY and keyset limit as searchPeople, the page's
// tags in one more query, masked as people.present.ts masks (no reveal), no validation or policy.
const maskName = (n: string) => {
  const c = [...n];
  return c.length <= 1 ? '*' : `${c[0]}${'*'.repeat(c.length - 1)}`;
};
function ageBand(birth: string | null, today: string) {
  if (!birth) return 'unknown';
  const a = Number(today.slice(0, 4)) - Number(birth.slice(0, 4)) - (today.slice(5) < birth.slice(5) ? 1 : 0);
  return a < 14 ? '0-13' : a < 18 ? '14-17' : a < 60 ? '18-59' : a < 80 ? '60-79' : '80+';
}
async function presentPeople(tenantId: string, rows: Row[]) {
  const tags = new Map<string, Row[]>();
  if (rows.length > 0) {
    const sql = `select pt.person_id, pt.code, pt.detail, td.name, td.sensitive from person_tag pt
      join tag_definition td on td.tenant_id = pt.tenant_id and td.code = pt.code
      where pt.tenant_id = ? and pt.person_id in (${rows.map(() => '?').join(', ')}) order by td.sort`;
    for (const t of await raw.all(sql, [tenantId, ...rows.map((r) => r.id)])) {
      const list = tags.get(t.person_id) ?? [];
      list.push({ code: t.code, name: t.name, detail: t.detail ? JSON.parse(t.detail) : null });
      tags.set(t.person_id, list);
    }
  }
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const masked = (v: unknown) => (v === null ? null : '***');
  return rows.map((r) => {
    const band = ageBand(r.birth_date, today);
    return {
      id: r.id,
      tenantId: r.tenant_id,
      name: maskName(r.name),
      gender: r.gender,
      ageBand: band,
      minor: band === '0-13',
      birthDate: r.birth_date === null ? null : '****-**-**',
      idType: r.id_type,
      idNumber: r.id_masked,
      phone: r.phone_masked,
      ethnicity: r.ethnicity,
      communityId: r.community_id,
      compoundId: r.compound_id,
      buildingId: r.building_id,
      unit: r.unit,
      room: masked(r.room),
      addressFree: masked(r.address_free),
      householdId: r.household_id,
      partyMember: r.party_member === null ? null : '***',
      disabilityCertNo: masked(r.disability_cert_no),
      guardianId: r.guardian_id,
      notes: masked(r.notes),
      tags: tags.get(r.id) ?? [],
      status: r.status,
      revealed: [],
      version: r.version,
      updatedAt: r.updated_at,
    };
  });
}

app.get<{ Querystring: { name?: string; communityId?: string; tag?: string; limit?: string } }>(
  '/raw/people',
  async (req, reply) => {
    const p = await principal(req.headers.cookie);
    if (!p) return reply.code(401).send({ statusCode: 401 });
    const q = req.query;
    const limit = Math.min(100, Number(q.limit ?? 20));
    const where = ['tenant_id = ?', 'status = ?'];
    const params: unknown[] = [p.home_tenant_id, 'active'];
    if (q.communityId) {
      where.push('community_id = ?');
      params.push(q.communityId);
    }
    if (q.name) {
      const ascii = /^[a-z]+$/i.test(q.name);
      where.push(ascii ? 'name_initials like ?' : 'name like ?');
      params.push(`${(ascii ? q.name.toLowerCase() : q.name).replace(/[\\%_]/g, '')}%`);
    }
    if (q.tag) {
      where.push(
        'exists (select 1 from person_tag t where t.tenant_id = person.tenant_id and t.person_id = person.id and t.code = ?)',
      );
      params.push(q.tag);
    }
    const rows = await raw.all(
      `select * from person where ${where.join(' and ')} order by name_initials, name, id limit ?`,
      [...params, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    reply.header('cache-control', 'no-store');
    return {
      items: await presentPeople(p.home_tenant_id, page),
      nextCursor:
        rows.length > limit && last
          ? Buffer.from(JSON.stringify([last.name_initials ?? '', last.name, last.id])).toString('base64url')
          : null,
    };
  },
);

app.get<{ Params: { id: string } }>('/raw/people/:id', async (req, reply) => {
  const p = await principal(req.headers.cookie);
  if (!p) return reply.code(401).send({ statusCode: 401 });
  const rows = await raw.all('select * from person where id = ?', [req.params.id]);
  const row = rows[0];
  if (!row || row.tenant_id !== p.home_tenant_id) return reply.code(404).send({ statusCode: 404 });
  reply.header('cache-control', 'no-store');
  return (await presentPeople(row.tenant_id, [row]))[0];
});

await serveForParent(app, () => raw.close());
