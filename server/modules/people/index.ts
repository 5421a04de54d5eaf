/** The people module's public face: the registry's routes, and what other modules may ask about people. */

export { addConsent } from './consents.service';
export { addMember, createHousehold } from './households.service';
export {
  activeVolunteers,
  householdLabels,
  type PersonLabel,
  personLabels,
  type VolunteerCandidate,
} from './people.lookup';
export { nameInitials } from './people.present';
export { peopleRoutesPlugin } from './people.routes';
export { createPerson, getPerson } from './people.service';
export { startImport } from './people-import.service';
export { peopleIoRoutesPlugin } from './people-io.routes';
export { purgeExpired } from './retention.service';
export {
  CHILD_DIFFICULTY_TYPES,
  DEFAULT_TAGS,
  DISABILITY_CATEGORIES,
  DISABILITY_LEVELS,
} from './tag-catalog';
export { saveVolunteer } from './volunteers.service';

import type { Deps } from '../../platform/deps';
import { maskName } from '../../platform/masking';
import { narrow as narrowPeople } from './people.repository';

/**
 * Masked names of people of one tenant, by id (one query): what other modules show for a
 * person who sits on a body or attends a meeting. Unknown ids are absent from the map.
 */
export async function maskedNames(deps: Deps, tenantId: string, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return out;
  const rows = await narrowPeople(deps.db)
    .selectFrom('person')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', unique)
    .execute();
  for (const r of rows) out.set(r.id, maskName(r.name));
  return out;
}

/**
 * Residents registered at some buildings (or anywhere in the tenant), oldest records first, with
 * names in the clear: for loading demo and bench data only, never for a response.
 */
export async function residentsAt(
  deps: Deps,
  tenantId: string,
  buildingIds: string[] | null,
  limit: number,
): Promise<{ id: string; name: string; buildingId: string | null }[]> {
  let q = narrowPeople(deps.db)
    .selectFrom('person')
    .select(['id', 'name', 'building_id'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    // Adults only: members of bodies and reporters in the demo are grown-ups.
    .where('birth_date', '<=', '2006-01-01');
  if (buildingIds) q = q.where('building_id', 'in', buildingIds.length ? buildingIds : ['']);
  const rows = await q.orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, buildingId: r.building_id }));
}
