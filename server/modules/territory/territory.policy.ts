import type { Place } from '../../platform/access';
import type { BuildingRow, CommunityRow, CompoundRow, StationRow } from './territory.tables';

/** Where each territory record sits, for the policy check. */
export const tenantPlace = (tenantId: string): Place => ({ tenantId });
export const communityPlace = (c: Pick<CommunityRow, 'tenant_id' | 'id'>): Place => ({
  tenantId: c.tenant_id,
  communityId: c.id,
});
export const compoundPlace = (c: Pick<CompoundRow, 'tenant_id' | 'id' | 'community_id'>): Place => ({
  tenantId: c.tenant_id,
  communityId: c.community_id,
  compoundId: c.id,
});
export const buildingPlace = (
  b: Pick<BuildingRow, 'tenant_id' | 'id' | 'community_id' | 'compound_id'>,
): Place => ({
  tenantId: b.tenant_id,
  communityId: b.community_id,
  compoundId: b.compound_id,
  buildingId: b.id,
});
/** A station is a tenant-wide body: creating or changing one is the subdistrict's call. */
export const stationPlace = (s: Pick<StationRow, 'tenant_id' | 'id'>): Place => ({
  tenantId: s.tenant_id,
  stationId: s.id,
});
