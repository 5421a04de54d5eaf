import type { IssueLevel } from '../../../contracts/governance';
import type { Place } from '../../platform/access';

interface Placed {
  tenant_id: string;
  community_id: string | null;
  compound_id: string | null;
  building_id: string | null;
}

/** Where a record sits (issue, body, meeting, notice): everyone whose grant covers it may read it. */
export const recordPlace = (r: Placed): Place => ({
  tenantId: r.tenant_id,
  communityId: r.community_id,
  compoundId: r.compound_id,
  buildingId: r.building_id,
});

/**
 * Who acts on an issue at its current level: a building's issue is the building leader's (and
 * everyone above); once escalated to the compound, the building drops out and the compound's
 * council acts; then the community; then the subdistrict (the tenant).
 */
export function levelPlace(r: Placed, level: IssueLevel): Place {
  switch (level) {
    case 'building':
      return recordPlace(r);
    case 'compound':
      return { tenantId: r.tenant_id, communityId: r.community_id, compoundId: r.compound_id };
    case 'community':
      return { tenantId: r.tenant_id, communityId: r.community_id };
    case 'subdistrict':
      return { tenantId: r.tenant_id };
  }
}

/** The level an issue starts at: that of the most precise place given. */
export const startLevel = (r: Placed): IssueLevel =>
  r.building_id ? 'building' : r.compound_id ? 'compound' : 'community';

/** The next level up; a compound-less building goes straight to its community. */
export function nextLevel(r: Placed, level: IssueLevel): IssueLevel | null {
  if (level === 'building') return r.compound_id ? 'compound' : 'community';
  if (level === 'compound') return 'community';
  if (level === 'community') return 'subdistrict';
  return null;
}
