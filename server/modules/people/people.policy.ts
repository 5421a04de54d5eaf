import type { Place } from '../../platform/access';
import type { PersonRow } from './people.tables';

/** Where a person sits: their building (and so compound and community), else only their tenant. */
export const personPlace = (
  p: Pick<PersonRow, 'tenant_id' | 'community_id' | 'compound_id' | 'building_id'>,
): Place => ({
  tenantId: p.tenant_id,
  communityId: p.community_id,
  compoundId: p.compound_id,
  buildingId: p.building_id,
});
