import { type Permission, Permissions, type Role, Roles, type ScopeKind } from '../../contracts/access';
import { AppError } from './errors';

/**
 * A grant as the policy sees it, with its reach already worked out by the session resolver:
 * region and platform grants carry the tenants under them; station grants the communities
 * the station (and its service points) cover.
 */
export interface ResolvedGrant {
  role: Role;
  scopeKind: ScopeKind;
  scopeId: string | null;
  tenantId: string | null;
  tenantIds?: readonly string[];
  communityIds?: readonly string[];
  stationIds?: readonly string[];
}

export interface Principal {
  userId: string;
  displayName: string;
  homeTenantId: string | null;
  sessionId: string;
  grants: readonly ResolvedGrant[];
  /** An administrator set the password: until the holder changes it, only the password change, `me` and logout answer. */
  mustChangePassword?: boolean;
}

/** Where a record sits. A building carries its compound and community; a compound its community. */
export interface Place {
  tenantId: string | null;
  communityId?: string | null;
  compoundId?: string | null;
  buildingId?: string | null;
  stationId?: string | null;
  /** A place that is a region (platform data): only platform and region grants above it reach it. */
  regionId?: string | null;
}

/** The platform itself (regions, tenants): only platform grants cover it. */
export const PLATFORM: Place = { tenantId: null };

const rolePerms = new Map<Role, ReadonlySet<Permission>>(
  (Object.keys(Roles) as Role[]).map((r) => [r, new Set<Permission>(Roles[r].permissions)]),
);

export const roleHas = (role: Role, perm: Permission) => rolePerms.get(role)?.has(perm) ?? false;

function coversTenant(g: ResolvedGrant, tenantId: string | null): boolean {
  if (g.scopeKind === 'platform') return true;
  if (tenantId === null) return false;
  if (g.scopeKind === 'region') return g.tenantIds?.includes(tenantId) ?? false;
  return g.tenantId === tenantId;
}

/** Does the grant's node contain the place (the node itself or anything under it)? */
export function coversSubtree(g: ResolvedGrant, p: Place): boolean {
  switch (g.scopeKind) {
    case 'platform':
      return true;
    case 'region':
      return p.tenantId !== null && (g.tenantIds?.includes(p.tenantId) ?? false);
    case 'tenant':
      return p.tenantId !== null && g.tenantId === p.tenantId;
    case 'station':
      if (p.tenantId !== g.tenantId) return false;
      if (p.stationId && g.stationIds?.includes(p.stationId)) return true;
      return !!p.communityId && (g.communityIds?.includes(p.communityId) ?? false);
    case 'community':
      return p.tenantId === g.tenantId && !!p.communityId && p.communityId === g.scopeId;
    case 'compound':
      return p.tenantId === g.tenantId && !!p.compoundId && p.compoundId === g.scopeId;
    case 'building':
      return p.tenantId === g.tenantId && !!p.buildingId && p.buildingId === g.scopeId;
  }
}

function grantAllows(g: ResolvedGrant, perm: Permission, p: Place): boolean {
  if (!roleHas(g.role, perm)) return false;
  return Permissions[perm].reach === 'tenant' ? coversTenant(g, p.tenantId) : coversSubtree(g, p);
}

export type Decision = 'allow' | 'forbidden' | 'not_found';

/**
 * The one policy check every route uses. A record the principal cannot see at all is
 * "not found" (404) so that its existence does not leak; a record they can see but not
 * act on is "forbidden" (403).
 */
export function decide(principal: Principal, perm: Permission, place: Place): Decision {
  if (principal.grants.some((g) => grantAllows(g, perm, place))) return 'allow';
  const visible = principal.grants.some(
    (g) => coversSubtree(g, place) || (coversTenant(g, place.tenantId) && roleHas(g.role, 'territory.read')),
  );
  return visible ? 'forbidden' : 'not_found';
}

export function assertAllowed(principal: Principal, perm: Permission, place: Place, what = '记录'): void {
  const d = decide(principal, perm, place);
  if (d === 'allow') return;
  if (d === 'forbidden') throw new AppError('platform.forbidden', '没有执行此操作的权限');
  throw new AppError('platform.not_found', `${what}不存在或无权查看`);
}

/** The part of the territory where a principal holds a permission, for filtering lists in SQL. */
export interface Scope {
  all: boolean;
  tenantIds: Set<string>;
  communityIds: Set<string>;
  compoundIds: Set<string>;
  buildingIds: Set<string>;
  stationIds: Set<string>;
}

export function scopeOf(principal: Principal, perm: Permission): Scope {
  const s: Scope = {
    all: false,
    tenantIds: new Set(),
    communityIds: new Set(),
    compoundIds: new Set(),
    buildingIds: new Set(),
    stationIds: new Set(),
  };
  const tenantReach = Permissions[perm].reach === 'tenant';
  for (const g of principal.grants) {
    if (!roleHas(g.role, perm)) continue;
    if (g.scopeKind === 'platform') s.all = true;
    else if (g.scopeKind === 'region') for (const t of g.tenantIds ?? []) s.tenantIds.add(t);
    else if (g.scopeKind === 'tenant' || tenantReach) s.tenantIds.add(g.tenantId!);
    else if (g.scopeKind === 'station') {
      for (const c of g.communityIds ?? []) s.communityIds.add(c);
      for (const st of g.stationIds ?? []) s.stationIds.add(st);
    } else if (g.scopeKind === 'community') s.communityIds.add(g.scopeId!);
    else if (g.scopeKind === 'compound') s.compoundIds.add(g.scopeId!);
    else if (g.scopeKind === 'building') s.buildingIds.add(g.scopeId!);
  }
  return s;
}

export const scopeIsEmpty = (s: Scope) =>
  !s.all &&
  s.tenantIds.size === 0 &&
  s.communityIds.size === 0 &&
  s.compoundIds.size === 0 &&
  s.buildingIds.size === 0 &&
  s.stationIds.size === 0;

/** Every permission the principal holds somewhere (drives the web menu). */
export function permissionsOf(principal: Principal): Permission[] {
  const out = new Set<Permission>();
  for (const g of principal.grants) for (const p of Roles[g.role].permissions) out.add(p);
  return [...out].sort();
}

/** The tenants a principal can reach at all (for choosing a default tenant). */
export function tenantsOf(principal: Principal): string[] {
  const out = new Set<string>();
  for (const g of principal.grants) {
    if (g.tenantId) out.add(g.tenantId);
    for (const t of g.tenantIds ?? []) out.add(t);
  }
  return [...out];
}
