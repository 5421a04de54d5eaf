import type { Place } from '../../platform/access';
import type { Deps } from '../../platform/deps';
import { invalid, notFound } from '../../platform/errors';
import { findNode } from '../territory/index';

export interface ResolvedPlace {
  tenant_id: string;
  community_id: string | null;
  compound_id: string | null;
  building_id: string | null;
  place_name: string;
  place: Place;
}

/**
 * The most precise place given (building, else compound, else community), with its parents and
 * display name. Unknown ids are 404 (the caller's policy check decides what else is visible).
 */
export async function resolvePlace(
  deps: Deps,
  p: { buildingId?: string; compoundId?: string; communityId?: string },
  field = 'buildingId',
): Promise<ResolvedPlace> {
  const [kind, id, name] = p.buildingId
    ? (['building', p.buildingId, 'buildingId'] as const)
    : p.compoundId
      ? (['compound', p.compoundId, 'compoundId'] as const)
      : p.communityId
        ? (['community', p.communityId, 'communityId'] as const)
        : ([null, null, field] as const);
  if (!kind) throw invalid(name, '须指定楼栋、小区或社区');
  const node = await findNode(deps, kind, id);
  if (!node?.tenantId) throw notFound('地点');
  if (!node.active) throw invalid(name, '该地点已撤销');
  // Every place named must be the same place: a building's own compound and community, a
  // compound's own community (no other place slipped in beside the one that counts).
  if (kind !== 'compound' && p.compoundId && p.compoundId !== node.place.compoundId)
    throw invalid('compoundId', '小区与所选楼栋不符');
  if (kind !== 'community' && p.communityId && p.communityId !== node.place.communityId)
    throw invalid('communityId', '社区与所选楼栋或小区不符');
  return {
    tenant_id: node.tenantId,
    community_id: node.place.communityId ?? null,
    compound_id: node.place.compoundId ?? null,
    building_id: node.place.buildingId ?? null,
    place_name: node.name,
    place: node.place,
  };
}

/** A tenant as an owner place. */
export async function resolveTenant(deps: Deps, tenantId: string): Promise<ResolvedPlace> {
  const node = await findNode(deps, 'tenant', tenantId);
  if (!node) throw notFound('街道');
  return {
    tenant_id: tenantId,
    community_id: null,
    compound_id: null,
    building_id: null,
    place_name: node.name,
    place: { tenantId },
  };
}
