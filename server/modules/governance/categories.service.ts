import type { z } from 'zod';
import type { Category, CategoryUpdate, IssueLevel } from '../../../contracts/governance';
import { writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { notFound, versionConflict } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { type CategoryRow, type GovTx, narrow } from './governance.tables';

/** The categories every tenant starts with (days to handle at building / compound / community level). */
export const DEFAULT_CATEGORIES = [
  { code: 'public_space', name: '公共空间', days: [7, 14, 30], property: false },
  { code: 'safety', name: '安全隐患', days: [2, 3, 7], property: false },
  { code: 'sanitation', name: '环境卫生', days: [3, 7, 14], property: false },
  { code: 'facilities', name: '设施维修', days: [7, 14, 30], property: false },
  { code: 'neighbour_dispute', name: '邻里纠纷', days: [7, 14, 30], property: false },
  { code: 'property_service', name: '物业服务', days: [3, 7, 14], property: true },
] as const;

export const toCategory = (r: CategoryRow): z.output<typeof Category> => ({
  id: r.id,
  tenantId: r.tenant_id,
  code: r.code,
  name: r.name,
  deadlineDays: { building: r.days_building, compound: r.days_compound, community: r.days_community },
  propertyService: !!r.property_service,
  active: !!r.active,
  version: r.version,
});

/** Days an issue of this category may wait at a level before it is escalated (none at the top). */
export function deadlineDays(c: CategoryRow, level: IssueLevel): number | null {
  if (level === 'building') return c.days_building;
  if (level === 'compound') return c.days_compound;
  if (level === 'community') return c.days_community;
  return null;
}

export function deadlineFrom(c: CategoryRow, level: IssueLevel, from: Date): string | null {
  const days = deadlineDays(c, level);
  return days === null ? null : new Date(from.getTime() + days * 86_400_000).toISOString();
}

/** Seeds the default categories of a tenant once (idempotent: the unique code wins). */
export async function ensureCategories(db: GovTx, tenantId: string): Promise<void> {
  const now = clock.iso();
  await db
    .insertInto('gov_category')
    .values(
      DEFAULT_CATEGORIES.map((c, i) => ({
        tenant_id: tenantId,
        id: uuidv7(),
        code: c.code,
        name: c.name,
        days_building: c.days[0],
        days_compound: c.days[1],
        days_community: c.days[2],
        property_service: c.property ? 1 : 0,
        active: 1,
        sort: i,
        created_at: now,
        updated_at: now,
        version: 1,
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
    .execute();
}

export async function categoriesOf(deps: Deps, tenantId: string): Promise<CategoryRow[]> {
  const db = narrow(deps.db);
  const read = () =>
    db.selectFrom('gov_category').selectAll().where('tenant_id', '=', tenantId).orderBy('sort').execute();
  const rows = await read();
  if (rows.length > 0) return rows;
  await ensureCategories(db, tenantId);
  return read();
}

export async function listCategories(deps: Deps, ctx: RequestContext, tenantId: string) {
  ctx.authorize('governance.public', { tenantId }, '街道');
  return (await categoriesOf(deps, tenantId)).map(toCategory);
}

export async function updateCategory(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof CategoryUpdate>,
) {
  const db = narrow(deps.db);
  const row = await db.selectFrom('gov_category').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('诉求类别');
  ctx.authorize('governance.configure', { tenantId: row.tenant_id }, '诉求类别');
  if (row.version !== input.version) throw versionConflict();
  const d = input.deadlineDays ?? {};
  const next: CategoryRow = {
    ...row,
    name: input.name ?? row.name,
    days_building: d.building ?? row.days_building,
    days_compound: d.compound ?? row.days_compound,
    days_community: d.community ?? row.days_community,
    active: input.active === undefined ? row.active : input.active ? 1 : 0,
    updated_at: clock.iso(),
    version: row.version + 1,
  };
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('gov_category')
      .set({
        name: next.name,
        days_building: next.days_building,
        days_compound: next.days_compound,
        days_community: next.days_community,
        active: next.active,
        updated_at: next.updated_at,
        version: next.version,
      })
      .where('tenant_id', '=', row.tenant_id)
      .where('id', '=', id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw versionConflict();
    await writeAudit(trx, ctx, {
      tenantId: row.tenant_id,
      action: 'governance.category.update',
      entity: 'gov_category',
      entityId: id,
      before: toCategory(row),
      after: toCategory(next),
    });
    return toCategory(next);
  });
}
