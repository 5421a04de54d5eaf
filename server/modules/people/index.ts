/** The people module's public face: the registry's routes, and what other modules may ask about people. */

export { addConsent } from './consents.service';
export { addMember, createHousehold } from './households.service';
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
