import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { clock } from './clock';
import type { Actor } from './context';
import { uuidv7 } from './ids';

export const GENESIS_HASH = '0'.repeat(64);
/** The chain of platform-level writes (regions, tenants, accounts without a tenant). */
export const PLATFORM_CHAIN = 'platform';

export interface AuditEntry {
  tenantId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditRow {
  chain: string;
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  ip: string | null;
  request_id: string | null;
  tenant_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

const HASHED: (keyof Omit<AuditRow, 'hash'>)[] = [
  'chain',
  'seq',
  'at',
  'actor_id',
  'actor_name',
  'ip',
  'request_id',
  'tenant_id',
  'action',
  'entity',
  'entity_id',
  'before_json',
  'after_json',
  'prev_hash',
];

/** sha256 over every stored field (as stored) and the previous row's hash. */
export function auditHash(row: Omit<AuditRow, 'hash'>): string {
  const h = createHash('sha256');
  for (const k of HASHED) h.update(`${k}=${JSON.stringify(row[k] ?? null)}\n`);
  return h.digest('hex');
}

const REDACT = new Set(['password', 'password_hash', 'passwordHash', 'secret']);
/**
 * Records about one person. The audit log is append-only and an erased person must leave no
 * trace in it, so their images never carry free text or identifying values: what was agreed
 * (consent scope), volunteer skills, notes, names, addresses, numbers. Modules already keep such
 * fields out of their images (people.present auditImage); this is the writer's own guarantee.
 */
const PERSON_ENTITIES = new Set(['person', 'consent', 'volunteer_profile', 'household', 'person_tag']);
const PERSON_TEXT = new Set([
  'name',
  'notes',
  'note',
  'scope',
  'skills',
  'detail',
  'room',
  'address_free',
  'addressFree',
  'disability_cert_no',
  'disabilityCertNo',
  'phone',
  'id_number',
  'idNumber',
  'birth_date',
  'birthDate',
]);
const toJson = (v: unknown, personal: boolean) =>
  v === undefined || v === null
    ? null
    : JSON.stringify(v, (k, val) =>
        REDACT.has(k) || (personal && PERSON_TEXT.has(k) && val !== null && val !== undefined)
          ? '[redacted]'
          : val,
      );

/**
 * Any module's database handle or open transaction: the writer only touches its own tables,
 * whatever table types the caller's handle is narrowed to.
 */
type AnyDb = Kysely<any> | Transaction<any>;
const asDb = (trx: AnyDb) => trx as Kysely<any>;

/**
 * Appends one audit row inside the caller's transaction. Each tenant has its own chain (so
 * tenants never wait on each other, and a tenant's chain moves with it when sharded); the
 * chain head row is updated first, which serializes writers of one chain on PostgreSQL.
 */
export async function writeAudit(handle: AnyDb, actor: Actor, e: AuditEntry): Promise<void> {
  const trx = asDb(handle);
  const chain = e.tenantId ?? PLATFORM_CHAIN;
  await trx
    .insertInto('audit_chain_head')
    .values({ chain, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('chain').doNothing())
    .execute();
  const head = await trx
    .updateTable('audit_chain_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('chain', '=', chain)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const row: Omit<AuditRow, 'hash'> = {
    chain,
    seq: Number(head.seq),
    at: clock.iso(),
    actor_id: actor.userId,
    actor_name: actor.displayName,
    ip: actor.ip,
    request_id: actor.requestId,
    tenant_id: e.tenantId,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId,
    before_json: toJson(e.before, PERSON_ENTITIES.has(e.entity)),
    after_json: toJson(e.after, PERSON_ENTITIES.has(e.entity)),
    prev_hash: head.hash,
  };
  const hash = auditHash(row);
  await trx
    .insertInto('audit_log')
    .values({ ...row, hash })
    .execute();
  await trx.updateTable('audit_chain_head').set({ hash }).where('chain', '=', chain).execute();
}

export interface AccessEntry {
  tenantId: string | null;
  subjectKind: string;
  subjectId: string;
  fields: string[];
  purpose: string;
}

/** One row per read of sensitive data: who, whose, which fields, why. */
export async function writeAccess(handle: AnyDb, actor: Actor, e: AccessEntry): Promise<void> {
  await asDb(handle)
    .insertInto('access_log')
    .values({
      id: uuidv7(),
      at: clock.iso(),
      actor_id: actor.userId,
      actor_name: actor.displayName,
      ip: actor.ip,
      tenant_id: e.tenantId,
      subject_kind: e.subjectKind,
      subject_id: e.subjectId,
      fields_json: JSON.stringify(e.fields),
      purpose: e.purpose,
    })
    .execute();
}

/** Rows per insert statement in writeAccessMany (10 columns: far below either database's bind limit). */
const ACCESS_CHUNK = 500;

/**
 * Many access-log rows at once — one per person a bulk export revealed, so that "who saw this
 * person's ID number" finds exports too — in one insert statement per chunk.
 */
export async function writeAccessMany(handle: AnyDb, actor: Actor, entries: AccessEntry[]): Promise<void> {
  const at = clock.iso();
  for (let i = 0; i < entries.length; i += ACCESS_CHUNK) {
    await asDb(handle)
      .insertInto('access_log')
      .values(
        entries.slice(i, i + ACCESS_CHUNK).map((e) => ({
          id: uuidv7(),
          at,
          actor_id: actor.userId,
          actor_name: actor.displayName,
          ip: actor.ip,
          tenant_id: e.tenantId,
          subject_kind: e.subjectKind,
          subject_id: e.subjectId,
          fields_json: JSON.stringify(e.fields),
          purpose: e.purpose,
        })),
      )
      .execute();
  }
}
