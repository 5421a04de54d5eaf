import type { Permission } from '../../../contracts/access';
import { decide, type Principal } from '../../platform/access';
import { AppError } from '../../platform/errors';

/**
 * Does the principal hold `perm` anywhere inside the tenant (at the tenant, or at one of its
 * communities, compounds or buildings)? Imports and exports are tenant-wide requests whose rows
 * are then checked (import) or filtered (export) by place.
 */
export function holdsSomewhere(p: Principal, perm: Permission, tenantId: string): boolean {
  return p.grants.some(
    (g) =>
      decide({ ...p, grants: [g] }, perm, {
        tenantId,
        communityId: g.scopeKind === 'community' ? g.scopeId : (g.communityIds?.[0] ?? null),
        compoundId: g.scopeKind === 'compound' ? g.scopeId : null,
        buildingId: g.scopeKind === 'building' ? g.scopeId : null,
      }) === 'allow',
  );
}

export function assertHoldsSomewhere(p: Principal, perm: Permission, tenantId: string): void {
  if (!holdsSomewhere(p, perm, tenantId)) throw new AppError('platform.forbidden', '没有执行此操作的权限');
}
