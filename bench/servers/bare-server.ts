/**
 * Baselines for bench/load.ts (run as a child process), on the same database as the app:
 * - GET /hello: bare Fastify, a constant JSON body (the framework ceiling);
 * - GET /raw/users?limit=20: what GET /api/v1/users does, written by hand: the session lookup
 *   and the list query as prepared statements, mapped to the same JSON, no plugins or validation;
 * - GET /raw/tree: what GET /api/v1/territory/tree does, by hand (three queries, grouped with Maps).
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
  return {
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
  return {
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

await serveForParent(app, () => raw.close());
