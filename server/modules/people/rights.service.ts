import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { Erase, SubjectExport } from '../../../contracts/people';
import { forgetErased } from '../../db/dialect';
import { writeAccess, writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError, notFound } from '../../platform/errors';
import { removeJobFiles } from '../../platform/jobs';
import { safeRow, safeText } from '../../platform/spreadsheet-cells';
import { accessAbout, changesOf } from '../audit/index';
import { personPlace } from './people.policy';
import { auditImage } from './people.present';
import * as repo from './people.repository';
import type { PeopleDb, PersonRow } from './people.tables';

/** Sealed columns are opened; keyed hashes and masked copies are internal and left out. */
function clearPerson(deps: Deps, p: PersonRow) {
  const { id_sealed, id_hash, id_masked, phone_sealed, phone_masked, phone_last4, name_initials, ...rest } =
    p;
  return {
    ...rest,
    id_number: id_sealed ? deps.crypto.open(id_sealed) : null,
    phone: phone_sealed ? deps.crypto.open(phone_sealed) : null,
  };
}

async function loadFor(deps: Deps, ctx: RequestContext, id: string, perm: 'people.reveal' | 'people.erase') {
  const p = await repo.findPerson(repo.narrow(deps.db), id);
  if (!p) throw notFound('居民');
  ctx.authorize(perm, personPlace(p), '居民');
  return p;
}

/**
 * Everything Gongzhi holds about one person, in the clear (PIPL right to access and copy):
 * the record, tags, consents, household history, volunteer profile, who read their data and
 * what was changed. Logged as an access of every field, with the stated purpose.
 */
export async function subjectExport(
  deps: Deps,
  ctx: RequestContext,
  personId: string,
  purpose: string,
): Promise<z.input<typeof SubjectExport>> {
  const p = await loadFor(deps, ctx, personId, 'people.reveal');
  if (p.status === 'anonymized')
    throw new AppError('people.anonymized', '该记录已匿名化,没有可导出的个人信息');
  const db = repo.narrow(deps.db);
  const t = p.tenant_id;
  const [tags, consents, households, volunteer, accessLog] = await Promise.all([
    db
      .selectFrom('person_tag')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('person_id', '=', p.id)
      .execute(),
    db.selectFrom('consent').selectAll().where('tenant_id', '=', t).where('person_id', '=', p.id).execute(),
    db
      .selectFrom('household_member')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('person_id', '=', p.id)
      .orderBy('joined_at')
      .execute(),
    db
      .selectFrom('volunteer_profile')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('person_id', '=', p.id)
      .executeTakeFirst(),
    accessAbout(deps.db, p.id),
  ]);
  // The person's own record and the records that exist only for them.
  const auditTrail = await changesOf(deps.db, t, [
    p.id,
    ...consents.map((c) => c.id),
    ...(volunteer ? [volunteer.id] : []),
  ]);
  await db.transaction().execute((trx) =>
    writeAccess(trx, ctx, {
      tenantId: t,
      subjectKind: 'person',
      subjectId: p.id,
      fields: ['*subject_export'],
      purpose,
    }),
  );
  return {
    exportedAt: clock.iso(),
    person: clearPerson(deps, p),
    tags: tags.map((x) => ({
      code: x.code,
      detail: x.detail ? JSON.parse(x.detail) : null,
      created_at: x.created_at,
    })),
    consents: consents.map((c) => ({ ...c })),
    households: households.map((h) => ({ ...h })),
    volunteer: volunteer ? { ...volunteer } : null,
    accessLog,
    auditTrail: auditTrail.map((a) => ({ ...a })),
  };
}

/** The same export as an xlsx workbook: one sheet per section. */
export async function subjectExportXlsx(
  deps: Deps,
  ctx: RequestContext,
  personId: string,
  purpose: string,
): Promise<Buffer> {
  const data = await subjectExport(deps, ctx, personId, purpose);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongzhi';
  const kv = wb.addWorksheet('个人信息');
  kv.columns = [
    { header: '字段', key: 'k', width: 24 },
    { header: '内容', key: 'v', width: 60 },
  ];
  for (const [k, v] of Object.entries(data.person))
    kv.addRow({ k, v: v === null ? '' : safeText(String(v)) });
  const sheet = (name: string, rows: Record<string, unknown>[]) => {
    const ws = wb.addWorksheet(name);
    const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    ws.columns = keys.map((k) => ({ header: k, key: k, width: 22 }));
    for (const r of rows)
      ws.addRow(
        safeRow(
          Object.fromEntries(
            keys.map((k) => [
              k,
              typeof r[k] === 'object' && r[k] !== null ? JSON.stringify(r[k]) : (r[k] ?? ''),
            ]),
          ),
        ),
      );
  };
  sheet('人群标签', data.tags);
  sheet('同意记录', data.consents);
  sheet('户籍关系', data.households);
  sheet('志愿者档案', data.volunteer ? [data.volunteer] : []);
  sheet('访问记录', data.accessLog);
  sheet('变更记录', data.auditTrail);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Erases a person's identifying data (PIPL right to deletion). The row stays — other records
 * (households, consents, later cases and the fund ledger) keep pointing at it — but as a
 * pseudonym: name, identity number, phone, birth date, address, notes and tags are gone.
 */
export async function erasePerson(
  deps: Deps,
  ctx: RequestContext,
  personId: string,
  input: z.output<typeof Erase>,
) {
  const before = await loadFor(deps, ctx, personId, 'people.erase');
  if (before.status === 'anonymized') throw new AppError('people.anonymized', '该记录已匿名化');
  const after = await repo
    .narrow(deps.db)
    .transaction()
    .execute((trx) => anonymize(trx, ctx, before, input.reason, input.version));
  await forgetErased(deps.db, deps.dialect);
  // Exports and error reports made before now may hold the person in the clear: they go too.
  await removeJobFiles(deps.db, deps.config.dataDir, before.tenant_id, {
    createdBefore: after.status_changed_at,
  });
  return after;
}

/** The erasure itself, inside a transaction (also used by the retention purge). */
export async function anonymize(
  trx: PeopleDb,
  ctx: RequestContext,
  before: PersonRow,
  reason: string,
  version: number,
) {
  const now = clock.iso();
  const after = await repo.updatePersonVersioned(trx, before, version, {
    name: '已删除',
    name_initials: null,
    birth_date: null,
    id_sealed: null,
    id_hash: null,
    id_masked: null,
    phone_sealed: null,
    phone_last4: null,
    phone_masked: null,
    ethnicity: null,
    unit: null,
    room: null,
    address_free: null,
    party_member: null,
    disability_cert_no: null,
    notes: null,
    status: 'anonymized',
    status_changed_at: now,
  });
  await trx
    .deleteFrom('person_tag')
    .where('tenant_id', '=', before.tenant_id)
    .where('person_id', '=', before.id)
    .execute();
  // What was agreed, in the person's own words, is about them: the consent record keeps only its kind and dates.
  await trx
    .updateTable('consent')
    .set({ scope: null })
    .where('tenant_id', '=', before.tenant_id)
    .where('person_id', '=', before.id)
    .execute();
  await trx
    .deleteFrom('volunteer_profile')
    .where('tenant_id', '=', before.tenant_id)
    .where('person_id', '=', before.id)
    .execute();
  await writeAudit(trx, ctx, {
    tenantId: before.tenant_id,
    action: 'person.erase',
    entity: 'person',
    entityId: before.id,
    before: auditImage(before),
    after: { ...auditImage(after), reason },
  });
  return after;
}
