import { createHash, randomBytes } from 'node:crypto';
import { writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError, notFound } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { type ApiKeyRow, narrow } from './interop.tables';

/** Keys carry 256 random bits, so a plain SHA-256 is enough to make the stored form useless. */
export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

const toApiKey = (r: ApiKeyRow) => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

export async function listApiKeys(deps: Deps, ctx: RequestContext, tenantId: string) {
  ctx.authorize('governance.configure', { tenantId }, '街道');
  const rows = await narrow(deps.db)
    .selectFrom('interop_api_key')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toApiKey);
}

export async function createApiKey(
  deps: Deps,
  ctx: RequestContext,
  input: { tenantId: string; name: string },
) {
  ctx.authorize('governance.configure', { tenantId: input.tenantId }, '街道');
  const key = `gz311_${randomBytes(32).toString('base64url')}`;
  const row: ApiKeyRow = {
    tenant_id: input.tenantId,
    id: uuidv7(),
    name: input.name,
    prefix: key.slice(0, 12),
    key_hash: hashKey(key),
    created_by: ctx.userId,
    created_at: clock.iso(),
    revoked_at: null,
  };
  await narrow(deps.db)
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('interop_api_key').values(row).execute();
      await writeAudit(trx, ctx, {
        tenantId: row.tenant_id,
        action: 'interop.api_key.create',
        entity: 'interop_api_key',
        entityId: row.id,
        after: { name: row.name, prefix: row.prefix },
      });
    });
  return { ...toApiKey(row), key };
}

export async function revokeApiKey(deps: Deps, ctx: RequestContext, id: string) {
  const db = narrow(deps.db);
  const row = await db.selectFrom('interop_api_key').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('接口密钥');
  ctx.authorize('governance.configure', { tenantId: row.tenant_id }, '接口密钥');
  if (row.revoked_at) throw new AppError('interop.key_revoked', '该密钥已停用');
  const at = clock.iso();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('interop_api_key')
      .set({ revoked_at: at })
      .where('tenant_id', '=', row.tenant_id)
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, ctx, {
      tenantId: row.tenant_id,
      action: 'interop.api_key.revoke',
      entity: 'interop_api_key',
      entityId: id,
      after: { revokedAt: at },
    });
  });
  return toApiKey({ ...row, revoked_at: at });
}

/** The active key with this value, or null. */
export async function findKey(deps: Deps, key: string): Promise<ApiKeyRow | null> {
  if (!key || key.length > 200) return null;
  const row = await narrow(deps.db)
    .selectFrom('interop_api_key')
    .selectAll()
    .where('key_hash', '=', hashKey(key))
    .executeTakeFirst();
  return row && !row.revoked_at ? row : null;
}
