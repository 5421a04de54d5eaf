import { writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError, notFound, versionConflict } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { narrow, type Tx } from './territory.repository';

type Table = 'tenant' | 'community' | 'compound' | 'building' | 'station';
type NodeTable = 'community' | 'compound' | 'building' | 'station';

/** The fields every new territory node starts with. */
export function newNode(tenantId: string) {
  const now = clock.iso();
  return {
    tenant_id: tenantId,
    id: uuidv7(),
    status: 'active' as const,
    retired_at: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
}

/**
 * Inserts a new node and its audit row in one transaction; `alsoWithin` adds more writes to the
 * same transaction (a station's coverage), `auditAfter` what the audit row shows as created.
 */
export async function insertNode<R extends { tenant_id: string; id: string }>(
  deps: Deps,
  ctx: RequestContext,
  table: NodeTable,
  row: R,
  opts: { alsoWithin?: (trx: Tx) => Promise<void>; auditAfter?: unknown } = {},
): Promise<R> {
  await narrow(deps.db)
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto(table as 'community')
        .values(row as any)
        .execute();
      await opts.alsoWithin?.(trx);
      await writeAudit(trx, ctx, {
        tenantId: row.tenant_id,
        action: `${table}.create`,
        entity: table,
        entityId: row.id,
        after: opts.auditAfter ?? row,
      });
    });
  return row;
}

/**
 * Optimistic update: writes only the defined fields, bumps `version`, and answers 409 when
 * someone else changed the row since the caller read it.
 */
export async function updateVersioned<R = any>(
  trx: Tx,
  table: Table,
  tenantId: string | null,
  id: string,
  version: number,
  patch: Record<string, unknown>,
): Promise<R> {
  const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  let q = trx
    .updateTable(table as 'community')
    .set({ ...set, updated_at: clock.iso(), version: version + 1 } as any)
    .where('id', '=', id)
    .where('version', '=', version);
  if (tenantId) q = q.where('tenant_id', '=', tenantId);
  const row = await q.returningAll().executeTakeFirst();
  if (row) return row as R;
  const exists = await trx
    .selectFrom(table as 'community')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  throw exists ? versionConflict() : notFound();
}

const LABEL: Record<string, string> = {
  community: '社区',
  compound: '小区',
  building: '楼栋',
  station: '社工站/点',
};

/**
 * Retire (or restore) a territory node. Nothing is ever hard-deleted: retired nodes stay for
 * the records that point at them. `activeChildren` says how many live nodes still hang below.
 */
export async function retireNode(
  deps: Deps,
  ctx: RequestContext,
  table: 'community' | 'compound' | 'building' | 'station',
  before: { tenant_id: string; id: string; status: string },
  version: number,
  restore: boolean,
  activeChildren: (trx: Tx) => Promise<number>,
) {
  const label = LABEL[table]!;
  if (!restore && before.status === 'retired')
    throw new AppError('territory.already_retired', `该${label}已撤销`);
  if (restore && before.status !== 'retired') throw new AppError('territory.not_retired', `该${label}未撤销`);
  return narrow(deps.db)
    .transaction()
    .execute(async (trx) => {
      if (!restore) {
        const n = await activeChildren(trx);
        if (n > 0) {
          throw new AppError(
            'territory.has_active_children',
            `该${label}下还有 ${n} 个在用的下级节点,请先撤销或迁出`,
          );
        }
      }
      const after = await updateVersioned(trx, table, before.tenant_id, before.id, version, {
        status: restore ? 'active' : 'retired',
        retired_at: restore ? null : clock.iso(),
      });
      await writeAudit(trx, ctx, {
        tenantId: before.tenant_id,
        action: `${table}.${restore ? 'restore' : 'retire'}`,
        entity: table,
        entityId: before.id,
        before,
        after,
      });
      return after;
    });
}
