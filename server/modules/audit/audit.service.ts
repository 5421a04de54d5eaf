import type { z } from 'zod';
import type { AccessQuery, AuditQuery, VerifyResult } from '../../../contracts/audit';
import type { Db } from '../../db/database';
import { PLATFORM, type Scope, scopeOf } from '../../platform/access';
import { auditHash, GENESIS_HASH, PLATFORM_CHAIN } from '../../platform/audit-writer';
import type { RequestContext } from '../../platform/context';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import type { Deps } from '../../platform/deps';
import type { AuditDb } from './audit.tables';

const narrow = (db: Db) => db as unknown as AuditDb;
const parse = (s: string | null) => (s === null ? null : JSON.parse(s));

/** Audit rows are visible per tenant (tenant admins) or all of them (platform). */
function tenantFilter(s: Scope, tenantId: string | undefined): string[] | 'all' | null {
  if (tenantId) return s.all || s.tenantIds.has(tenantId) ? [tenantId] : null;
  if (s.all) return 'all';
  return s.tenantIds.size ? [...s.tenantIds] : null;
}

/** Searches the audit log, newest first, keyset-paged on (at, chain, seq). */
export async function searchEvents(deps: Deps, ctx: RequestContext, q: z.output<typeof AuditQuery>) {
  const tenants = tenantFilter(scopeOf(ctx.scoped(), 'audit.read'), q.tenantId);
  if (tenants === null) return { items: [], nextCursor: null };
  let query = narrow(deps.db).selectFrom('audit_log').selectAll();
  if (tenants !== 'all') query = query.where('tenant_id', 'in', tenants);
  if (q.actorId) query = query.where('actor_id', '=', q.actorId);
  if (q.entity) query = query.where('entity', '=', q.entity);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.from) query = query.where('at', '>=', q.from);
  if (q.to) query = query.where('at', '<', q.to);
  const c = decodeCursor(q.cursor, ['string', 'string', 'int']);
  if (c) {
    query = query.where((eb) =>
      eb.or([
        eb('at', '<', c[0]),
        eb.and([eb('at', '=', c[0]), eb('chain', '<', c[1])]),
        eb.and([eb('at', '=', c[0]), eb('chain', '=', c[1]), eb('seq', '<', c[2])]),
      ]),
    );
  }
  const rows = await query
    .orderBy('at', 'desc')
    .orderBy('chain', 'desc')
    .orderBy('seq', 'desc')
    .limit(q.limit + 1)
    .execute();
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => ({
      chain: r.chain,
      seq: Number(r.seq),
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      ip: r.ip,
      tenantId: r.tenant_id,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: parse(r.before_json),
      after: parse(r.after_json),
      hash: r.hash,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.at, last.chain, Number(last.seq)]) : null,
  };
}

export async function searchAccess(deps: Deps, ctx: RequestContext, q: z.output<typeof AccessQuery>) {
  const tenants = tenantFilter(scopeOf(ctx.scoped(), 'audit.read'), q.tenantId);
  if (tenants === null) return { items: [], nextCursor: null };
  let query = narrow(deps.db).selectFrom('access_log').selectAll();
  if (tenants !== 'all') query = query.where('tenant_id', 'in', tenants);
  if (q.actorId) query = query.where('actor_id', '=', q.actorId);
  if (q.subjectKind) query = query.where('subject_kind', '=', q.subjectKind);
  if (q.subjectId) query = query.where('subject_id', '=', q.subjectId);
  if (q.from) query = query.where('at', '>=', q.from);
  if (q.to) query = query.where('at', '<', q.to);
  // ids are UUIDv7: ordering by id is ordering by time.
  const c = decodeCursor(q.cursor, ['uuid']);
  if (c) query = query.where('id', '<', c[0]);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const items = rows.slice(0, q.limit);
  return {
    items: items.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      ip: r.ip,
      tenantId: r.tenant_id,
      subjectKind: r.subject_kind,
      subjectId: r.subject_id,
      fields: JSON.parse(r.fields_json) as string[],
      purpose: r.purpose,
    })),
    nextCursor: rows.length > q.limit ? encodeCursor([items[items.length - 1]!.id]) : null,
  };
}

/**
 * Walks one chain from the start, recomputing every hash: an edited, deleted or inserted row
 * breaks the chain at that row. Reads in pages so a long chain does not fill memory.
 */
export async function verifyChain(db: Db, chain: string): Promise<VerifyResult> {
  const d = narrow(db);
  let prev = GENESIS_HASH;
  let expectSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await d
      .selectFrom('audit_log')
      .selectAll()
      .where('chain', '=', chain)
      .where('seq', '>=', expectSeq)
      .orderBy('seq')
      .limit(2000)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      const broken = (reason: string) => ({ chain, ok: false, checked, brokenAtSeq: seq, reason });
      if (seq !== expectSeq) return { ...broken(`第 ${expectSeq} 条缺失`), brokenAtSeq: expectSeq };
      if (r.prev_hash !== prev) return broken('前序哈希不符(记录被删除或插入)');
      const { hash, ...rest } = r;
      if (auditHash({ ...rest, seq }) !== hash) return broken('内容哈希不符(记录被修改)');
      prev = hash;
      expectSeq++;
      checked++;
    }
  }
  const head = await d
    .selectFrom('audit_chain_head')
    .selectAll()
    .where('chain', '=', chain)
    .executeTakeFirst();
  if (head && (Number(head.seq) !== checked || head.hash !== prev)) {
    return { chain, ok: false, checked, brokenAtSeq: checked + 1, reason: '链尾记录缺失(记录被删除)' };
  }
  return { chain, ok: true, checked, brokenAtSeq: null, reason: null };
}

export async function verify(deps: Deps, ctx: RequestContext, tenantId: string | undefined) {
  ctx.authorize('audit.verify', tenantId ? { tenantId } : PLATFORM);
  return verifyChain(deps.db, tenantId ?? PLATFORM_CHAIN);
}

export async function allChains(db: Db): Promise<string[]> {
  return (await narrow(db).selectFrom('audit_chain_head').select('chain').orderBy('chain').execute()).map(
    (r) => r.chain,
  );
}

/** Every read of one subject's data, oldest first (a person's own copy, PIPL). */
export async function accessAbout(db: Db, subjectId: string) {
  const rows = await narrow(db)
    .selectFrom('access_log')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
  return rows.map((a) => ({
    at: a.at,
    by: a.actor_name,
    fields: JSON.parse(a.fields_json) as string[],
    purpose: a.purpose,
  }));
}

/** Every audited change of some records in a tenant's chain, oldest first (without before/after images). */
export async function changesOf(db: Db, tenantId: string, entityIds: string[]) {
  if (entityIds.length === 0) return [];
  return narrow(db)
    .selectFrom('audit_log')
    .select(['at', 'actor_name', 'action', 'entity', 'entity_id'])
    .where('chain', '=', tenantId)
    .where('entity_id', 'in', entityIds)
    .orderBy('seq')
    .execute();
}

/** Deletes access-log rows of a tenant older than a date (retention); returns how many. */
export async function purgeAccessLog(db: Db, tenantId: string, before: string): Promise<number> {
  const r = await narrow(db)
    .deleteFrom('access_log')
    .where('tenant_id', '=', tenantId)
    .where('at', '<', before)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
