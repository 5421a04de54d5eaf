import type { z } from 'zod';
import type { RetentionRecordType, RetentionUpdate } from '../../../contracts/people';
import { forgetErased } from '../../db/dialect';
import { writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import { type RequestContext, systemContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { invalid } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { removeJobFiles } from '../../platform/jobs';
import { purgeAccessLog } from '../audit/index';
import * as repo from './people.repository';
import { anonymize } from './rights.service';

type RecordType = z.infer<typeof RetentionRecordType>;

/**
 * How long each kind of record is kept (PIPL §47: when the purpose ends, delete). The minimums
 * are the law's: access logs of personal-data processing are kept at least three years.
 */
export const RETENTION: Record<RecordType, { defaultDays: number; minDays: number }> = {
  person_moved_out: { defaultDays: 1095, minDays: 30 },
  person_deceased: { defaultDays: 1095, minDays: 30 },
  access_log: { defaultDays: 1095, minDays: 1095 },
};

async function settings(deps: Deps, tenantId: string) {
  const rows = await repo
    .narrow(deps.db)
    .selectFrom('retention_setting')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .execute();
  return (Object.keys(RETENTION) as RecordType[]).map((recordType) => {
    const row = rows.find((r) => r.record_type === recordType);
    return {
      recordType,
      keepDays: row?.keep_days ?? RETENTION[recordType].defaultDays,
      minDays: RETENTION[recordType].minDays,
      isDefault: !row,
    };
  });
}

export async function getRetention(deps: Deps, ctx: RequestContext, tenantId: string) {
  ctx.authorize('people.erase', { tenantId }, '街道');
  return settings(deps, tenantId);
}

export async function setRetention(deps: Deps, ctx: RequestContext, input: z.output<typeof RetentionUpdate>) {
  ctx.authorize('people.erase', { tenantId: input.tenantId }, '街道');
  for (const [i, s] of input.settings.entries()) {
    if (s.keepDays < RETENTION[s.recordType].minDays) invalidDays(i, RETENTION[s.recordType].minDays);
  }
  const db = repo.narrow(deps.db);
  const before = await settings(deps, input.tenantId);
  await db.transaction().execute(async (trx) => {
    for (const s of input.settings) {
      const values = { keep_days: s.keepDays, updated_at: clock.iso(), updated_by: ctx.userId };
      await trx
        .insertInto('retention_setting')
        .values({ tenant_id: input.tenantId, id: uuidv7(), record_type: s.recordType, ...values })
        .onConflict((oc) => oc.columns(['tenant_id', 'record_type']).doUpdateSet(values))
        .execute();
    }
    await writeAudit(trx, ctx, {
      tenantId: input.tenantId,
      action: 'retention.update',
      entity: 'retention_setting',
      entityId: input.tenantId,
      before,
      after: input.settings,
    });
  });
  return settings(deps, input.tenantId);
}

function invalidDays(i: number, min: number): never {
  throw invalid(`settings.${i}.keepDays`, `不能少于 ${min} 天`);
}

const daysAgo = (days: number) => new Date(clock.now().getTime() - days * 86_400_000).toISOString();

/**
 * Applies the tenant's retention: people moved out or deceased longer than the period are
 * anonymized; access-log rows older than theirs are deleted; export files and import error
 * reports past JOB_FILE_TTL_HOURS, or made before the tenant's last erasure, are deleted.
 * Safe to run again at any time (serve runs it daily for every tenant).
 */
export async function purgeExpired(deps: Deps, tenantId: string, ctx: RequestContext = systemContext()) {
  const s = Object.fromEntries(
    (await settings(deps, tenantId)).map((x) => [x.recordType, x.keepDays]),
  ) as Record<RecordType, number>;
  const db = repo.narrow(deps.db);
  const expired = await db
    .selectFrom('person')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'moved_out'), eb('status_changed_at', '<', daysAgo(s.person_moved_out))]),
        eb.and([eb('status', '=', 'deceased'), eb('status_changed_at', '<', daysAgo(s.person_deceased))]),
      ]),
    )
    .execute();
  for (const p of expired) {
    await db.transaction().execute((trx) => anonymize(trx, ctx, p, '保存期限届满', p.version));
  }
  const deletedAccessLog = await purgeAccessLog(deps.db, tenantId, daysAgo(s.access_log));
  if (expired.length || deletedAccessLog) await forgetErased(deps.db, deps.dialect);
  const deletedJobFiles = await removeJobFiles(deps.db, deps.config.dataDir, tenantId, {
    finishedBefore: new Date(clock.now().getTime() - deps.config.jobFileTtlMs).toISOString(),
    createdBefore: await repo.lastErasure(db, tenantId),
  });
  return { anonymizedPeople: expired.length, deletedAccessLog, deletedJobFiles };
}

export async function purgeNow(deps: Deps, ctx: RequestContext, tenantId: string) {
  ctx.authorize('people.erase', { tenantId }, '街道');
  return purgeExpired(deps, tenantId, ctx);
}
