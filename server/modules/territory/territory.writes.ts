import { writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError, notFound, versionConflict } from '../../platform/errors';
import { narrow, type Tx } from './territory.repository';

type Table = 'tenant' | 'community' | 'compound' | 'building' | 'station';

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
