import { describe, expect, it } from 'vitest';
import { decide, type Principal, type ResolvedGrant, scopeOf } from './access';

const principal = (...grants: ResolvedGrant[]): Principal => ({
  userId: 'u',
  displayName: 'u',
  homeTenantId: 'T',
  sessionId: 's',
  grants,
});
const A1 = { tenantId: 'T', communityId: 'C1' };
const A2 = { tenantId: 'T', communityId: 'C2' };
const K1 = { tenantId: 'T', communityId: 'C1', compoundId: 'K1' };
const B1 = { tenantId: 'T', communityId: 'C1', compoundId: 'K1', buildingId: 'B1' };
const OTHER = { tenantId: 'U', communityId: 'X' };

describe('policy', () => {
  it('a grant at a node covers its subtree and nothing beside it', () => {
    const cw = principal({ role: 'community_worker', scopeKind: 'community', scopeId: 'C1', tenantId: 'T' });
    expect(decide(cw, 'territory.write', A1)).toBe('allow');
    expect(decide(cw, 'territory.write', K1)).toBe('allow');
    expect(decide(cw, 'territory.write', B1)).toBe('allow');
    expect(decide(cw, 'territory.write', A2)).toBe('forbidden');
    expect(decide(cw, 'territory.write', { tenantId: 'T' })).toBe('forbidden');
    expect(decide(cw, 'territory.write', OTHER)).toBe('not_found');
  });

  it('tenant-reach permissions read the whole tenant of the grant', () => {
    const leader = principal({
      role: 'building_leader',
      scopeKind: 'building',
      scopeId: 'B1',
      tenantId: 'T',
    });
    expect(decide(leader, 'territory.read', A2)).toBe('allow');
    expect(decide(leader, 'territory.read', OTHER)).toBe('not_found');
    expect(decide(leader, 'territory.write', B1)).toBe('forbidden');
  });

  it('a region grant reads every tenant under it and writes nothing', () => {
    const viewer = principal({
      role: 'region_viewer',
      scopeKind: 'region',
      scopeId: 'R',
      tenantId: null,
      tenantIds: ['T', 'U'],
    });
    expect(decide(viewer, 'territory.read', A1)).toBe('allow');
    expect(decide(viewer, 'territory.read', OTHER)).toBe('allow');
    expect(decide(viewer, 'territory.write', A1)).toBe('forbidden');
    expect(decide(viewer, 'territory.read', { tenantId: 'V' })).toBe('not_found');
  });

  it('a station grant reaches the communities it covers', () => {
    const head = principal({
      role: 'station_head',
      scopeKind: 'station',
      scopeId: 'S',
      tenantId: 'T',
      stationIds: ['S', 'S2'],
      communityIds: ['C1'],
    });
    expect(decide(head, 'users.read', A1)).toBe('allow');
    expect(decide(head, 'territory.write', A1)).toBe('forbidden');
    const scope = scopeOf(head, 'territory.read');
    expect([...scope.tenantIds]).toEqual(['T']);
  });

  it('the platform covers everything, including places without a tenant', () => {
    const admin = principal({
      role: 'platform_admin',
      scopeKind: 'platform',
      scopeId: null,
      tenantId: null,
      tenantIds: [],
    });
    expect(decide(admin, 'platform.manage', { tenantId: null })).toBe('allow');
    expect(decide(admin, 'territory.write', OTHER)).toBe('allow');
    expect(scopeOf(admin, 'users.read').all).toBe(true);
  });

  it('no grants: nothing is visible', () => {
    expect(decide(principal(), 'territory.read', A1)).toBe('not_found');
  });
});
