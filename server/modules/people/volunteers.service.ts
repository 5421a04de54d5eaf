import type { z } from 'zod';
import type { VolunteerProfileSave } from '../../../contracts/people';
import { writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError, notFound, versionConflict } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { personPlace } from './people.policy';
import * as repo from './people.repository';
import type { VolunteerProfileRow } from './people.tables';

const toProfile = (v: VolunteerProfileRow) => ({
  personId: v.person_id,
  registeredOn: v.registered_on,
  realNameVerified: v.real_name_verified === 1,
  skills: JSON.parse(v.skills) as string[],
  availability: JSON.parse(v.availability),
  insuranceUntil: v.insurance_until,
  status: v.status,
  version: v.version,
});

async function person(deps: Deps, ctx: RequestContext, id: string, perm: 'people.read' | 'people.write') {
  const p = await repo.findPerson(repo.narrow(deps.db), id);
  if (!p) throw notFound('居民');
  ctx.authorize(perm, personPlace(p), '居民');
  return p;
}

export async function getVolunteer(deps: Deps, ctx: RequestContext, personId: string) {
  const p = await person(deps, ctx, personId, 'people.read');
  const v = await repo
    .narrow(deps.db)
    .selectFrom('volunteer_profile')
    .selectAll()
    .where('tenant_id', '=', p.tenant_id)
    .where('person_id', '=', p.id)
    .executeTakeFirst();
  if (!v) throw notFound('志愿者档案');
  return toProfile(v);
}

/**
 * Registers a person as a volunteer or updates the profile. Real-name registration
 * (志愿服务条例) means the identity number is on record; without it the profile says so.
 */
export async function saveVolunteer(
  deps: Deps,
  ctx: RequestContext,
  personId: string,
  input: z.output<typeof VolunteerProfileSave>,
) {
  const p = await person(deps, ctx, personId, 'people.write');
  if (p.status !== 'active') throw new AppError('people.status_unchanged', '只有在册居民可以登记为志愿者');
  const db = repo.narrow(deps.db);
  const existing = await db
    .selectFrom('volunteer_profile')
    .selectAll()
    .where('tenant_id', '=', p.tenant_id)
    .where('person_id', '=', p.id)
    .executeTakeFirst();
  const now = clock.iso();
  const fields = {
    registered_on: input.registeredOn,
    real_name_verified: p.id_sealed ? 1 : 0,
    skills: JSON.stringify([...new Set(input.skills)]),
    availability: JSON.stringify([...new Set(input.availability)]),
    insurance_until: input.insuranceUntil,
    status: input.status,
    updated_at: now,
  };
  const saved = await db.transaction().execute(async (trx) => {
    let row: VolunteerProfileRow | undefined;
    if (!existing) {
      row = { tenant_id: p.tenant_id, id: uuidv7(), person_id: p.id, created_at: now, version: 1, ...fields };
      await trx.insertInto('volunteer_profile').values(row).execute();
    } else {
      if (input.version !== existing.version) throw versionConflict();
      row = await trx
        .updateTable('volunteer_profile')
        .set({ ...fields, version: existing.version + 1 })
        .where('tenant_id', '=', p.tenant_id)
        .where('id', '=', existing.id)
        .where('version', '=', existing.version)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw versionConflict();
    }
    await writeAudit(trx, ctx, {
      tenantId: p.tenant_id,
      action: existing ? 'volunteer.update' : 'volunteer.register',
      entity: 'volunteer_profile',
      entityId: row.id,
      before: existing ?? null,
      after: row,
    });
    return row;
  });
  return toProfile(saved);
}
