import type { z } from 'zod';
import type { ConsentCreate } from '../../../contracts/people';
import { writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError, invalid, notFound } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { personPlace } from './people.policy';
import { referencedPerson } from './people.refs';
import * as repo from './people.repository';
import type { ConsentRow } from './people.tables';

const toConsent = (c: ConsentRow) => ({
  id: c.id,
  personId: c.person_id,
  purpose: c.purpose as z.output<typeof ConsentCreate>['purpose'],
  givenBy: c.given_by,
  guardianId: c.guardian_id,
  scope: c.scope,
  givenAt: c.given_at,
  withdrawnAt: c.withdrawn_at,
  recordedBy: c.recorded_by,
});

/** A guardian's consent to process a minor's data, on record and not withdrawn. */
export async function hasGuardianConsent(deps: Deps, tenantId: string, personId: string): Promise<boolean> {
  const row = await repo
    .narrow(deps.db)
    .selectFrom('consent')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .where('given_by', '=', 'guardian')
    .where('purpose', 'in', ['minor_processing', 'processing'])
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return !!row;
}

async function person(deps: Deps, ctx: RequestContext, id: string, perm: 'people.read' | 'people.write') {
  const p = await repo.findPerson(repo.narrow(deps.db), id);
  if (!p) throw notFound('居民');
  ctx.authorize(perm, personPlace(p), '居民');
  return p;
}

export async function listConsents(deps: Deps, ctx: RequestContext, personId: string) {
  const p = await person(deps, ctx, personId, 'people.read');
  const rows = await repo
    .narrow(deps.db)
    .selectFrom('consent')
    .selectAll()
    .where('tenant_id', '=', p.tenant_id)
    .where('person_id', '=', p.id)
    .orderBy('given_at', 'desc')
    .execute();
  return rows.map(toConsent);
}

/** Records a consent; a guardian's consent names the guardian, who must be on record too. */
export async function addConsent(
  deps: Deps,
  ctx: RequestContext,
  personId: string,
  input: z.output<typeof ConsentCreate>,
) {
  const p = await person(deps, ctx, personId, 'people.write');
  if (input.givenBy === 'guardian') {
    const guardianId = input.guardianId ?? p.guardian_id;
    if (!guardianId) throw invalid('guardianId', '请先登记监护人');
    // The guardian on record was checked when recorded; another one is named like a person in a path.
    if (guardianId !== p.guardian_id)
      await referencedPerson(
        repo.narrow(deps.db),
        ctx,
        p.tenant_id,
        guardianId,
        'guardianId',
        'people.read',
        '监护人',
      );
    input = { ...input, guardianId };
  } else if (input.guardianId) throw invalid('guardianId', '本人同意不填监护人');
  if (input.givenAt && input.givenAt > clock.iso()) throw invalid('givenAt', '不能是将来的时间');
  const row: ConsentRow = {
    tenant_id: p.tenant_id,
    id: uuidv7(),
    person_id: p.id,
    purpose: input.purpose,
    given_by: input.givenBy,
    guardian_id: input.guardianId,
    scope: input.scope,
    given_at: input.givenAt ?? clock.iso(),
    withdrawn_at: null,
    recorded_by: ctx.userId,
  };
  await repo
    .narrow(deps.db)
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('consent').values(row).execute();
      await writeAudit(trx, ctx, {
        tenantId: p.tenant_id,
        action: 'consent.create',
        entity: 'consent',
        entityId: row.id,
        after: row,
      });
    });
  return toConsent(row);
}

/** Withdrawal stops the processing the consent allowed from now on; the record stays. */
export async function withdrawConsent(deps: Deps, ctx: RequestContext, consentId: string) {
  const db = repo.narrow(deps.db);
  const c = await db.selectFrom('consent').selectAll().where('id', '=', consentId).executeTakeFirst();
  if (!c) throw notFound('同意记录');
  const p = await person(deps, ctx, c.person_id, 'people.write');
  if (c.withdrawn_at) throw new AppError('people.consent_withdrawn', '该同意已撤回');
  const after = { ...c, withdrawn_at: clock.iso() };
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('consent')
      .set({ withdrawn_at: after.withdrawn_at })
      .where('tenant_id', '=', p.tenant_id)
      .where('id', '=', c.id)
      .execute();
    await writeAudit(trx, ctx, {
      tenantId: p.tenant_id,
      action: 'consent.withdraw',
      entity: 'consent',
      entityId: c.id,
      before: c,
      after,
    });
  });
  return toConsent(after);
}
