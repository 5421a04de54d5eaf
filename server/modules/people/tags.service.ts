import type { z } from 'zod';
import type { TagCreate, TagUpdate } from '../../../contracts/people';
import { isUniqueViolation } from '../../db/dialect';
import { writeAudit } from '../../platform/audit-writer';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError, invalid, notFound } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import * as repo from './people.repository';
import type { TagDefinitionRow } from './people.tables';

export const toTag = (t: TagDefinitionRow) => ({
  code: t.code,
  name: t.name,
  parentCode: t.parent_code,
  sensitive: t.sensitive === 1,
  detailKeys: JSON.parse(t.detail_keys) as string[],
  active: t.active === 1,
});

/** The tenant's tag catalog (seeded with the national categories on first use); everyone in the tenant reads it. */
export async function listTags(deps: Deps, ctx: RequestContext, tenantId: string | undefined) {
  const id = tenantId ?? ctx.user().homeTenantId;
  if (!id) throw notFound('街道');
  ctx.authorize('territory.read', { tenantId: id }, '街道');
  return (await repo.tagCatalog(repo.narrow(deps.db), id)).map(toTag);
}

/** Adds a local category to the catalog (the subdistrict's code list; DOMAIN.md: configurable). */
export async function createTag(deps: Deps, ctx: RequestContext, input: z.output<typeof TagCreate>) {
  ctx.authorize('people.write', { tenantId: input.tenantId }, '街道');
  const db = repo.narrow(deps.db);
  const catalog = await repo.tagCatalog(db, input.tenantId);
  if (input.parentCode && !catalog.some((t) => t.code === input.parentCode))
    throw invalid('parentCode', '上级标签不存在');
  const row: TagDefinitionRow = {
    tenant_id: input.tenantId,
    id: uuidv7(),
    code: input.code,
    name: input.name,
    parent_code: input.parentCode,
    sensitive: input.sensitive ? 1 : 0,
    detail_keys: JSON.stringify(input.detailKeys),
    active: 1,
    sort: catalog.length,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('tag_definition').values(row).execute();
      await writeAudit(trx, ctx, {
        tenantId: row.tenant_id,
        action: 'tag.create',
        entity: 'tag_definition',
        entityId: row.id,
        after: row,
      });
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError('platform.duplicate', '该标签代码已存在', [{ path: 'code', message: '已存在' }]);
    throw e;
  }
  return toTag(row);
}

export async function updateTag(
  deps: Deps,
  ctx: RequestContext,
  tenantId: string,
  code: string,
  input: z.output<typeof TagUpdate>,
) {
  ctx.authorize('people.write', { tenantId }, '街道');
  const db = repo.narrow(deps.db);
  const before = (await repo.tagCatalog(db, tenantId)).find((t) => t.code === code);
  if (!before) throw notFound('人群标签');
  const patch = Object.fromEntries(
    Object.entries({
      name: input.name,
      sensitive: input.sensitive === undefined ? undefined : input.sensitive ? 1 : 0,
      detail_keys: input.detailKeys === undefined ? undefined : JSON.stringify(input.detailKeys),
      active: input.active === undefined ? undefined : input.active ? 1 : 0,
    }).filter(([, v]) => v !== undefined),
  );
  const after = { ...before, ...patch } as TagDefinitionRow;
  await db.transaction().execute(async (trx) => {
    if (Object.keys(patch).length)
      await trx
        .updateTable('tag_definition')
        .set(patch)
        .where('tenant_id', '=', tenantId)
        .where('code', '=', code)
        .execute();
    await writeAudit(trx, ctx, {
      tenantId,
      action: 'tag.update',
      entity: 'tag_definition',
      entityId: before.id,
      before,
      after,
    });
  });
  return toTag(after);
}
