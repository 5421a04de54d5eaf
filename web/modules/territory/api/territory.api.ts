import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { BodyOf } from '../../../../contracts/common';
import { territoryRoutes as r } from '../../../../contracts/territory';
import { api } from '../../../lib/api';

export const territoryKeys = {
  all: ['territory'] as const,
  tree: (tenantId?: string) => ['territory', 'tree', tenantId ?? null] as const,
  coverage: (tenantId?: string) => ['territory', 'coverage', tenantId ?? null] as const,
  stations: (tenantId?: string) => ['territory', 'stations', tenantId ?? null] as const,
  communities: (tenantId?: string) => ['territory', 'communities', tenantId ?? null] as const,
  community: (id: string) => ['territory', 'community', id] as const,
  regions: ['territory', 'regions'] as const,
  tenants: ['territory', 'tenants'] as const,
};

export const treeQuery = (tenantId?: string) =>
  queryOptions({
    queryKey: territoryKeys.tree(tenantId),
    queryFn: ({ signal }) => api(r.tree, { query: { tenantId } }, signal),
  });

export const coverageQuery = (tenantId?: string) =>
  queryOptions({
    queryKey: territoryKeys.coverage(tenantId),
    queryFn: ({ signal }) => api(r.coverage, { query: { tenantId } }, signal),
    staleTime: 0,
  });

export const stationsQuery = (tenantId?: string) =>
  queryOptions({
    queryKey: territoryKeys.stations(tenantId),
    queryFn: ({ signal }) => api(r.listStations, { query: { tenantId } }, signal),
  });

export const communitiesQuery = (tenantId?: string) =>
  queryOptions({
    queryKey: territoryKeys.communities(tenantId),
    queryFn: ({ signal }) => api(r.listCommunities, { query: { tenantId, status: 'active' } }, signal),
  });

export const communityQuery = (id: string) =>
  queryOptions({
    queryKey: territoryKeys.community(id),
    queryFn: ({ signal }) => api(r.getCommunity, { params: { id } }, signal),
  });

export const regionsQuery = queryOptions({
  queryKey: territoryKeys.regions,
  queryFn: ({ signal }) => api(r.listRegions, {}, signal),
});

export const tenantsQuery = queryOptions({
  queryKey: territoryKeys.tenants,
  queryFn: ({ signal }) => api(r.listTenants, {}, signal),
});

/** Every territory write can change the tree, community pages and coverage: drop them all. */
function useTerritoryMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: territoryKeys.all }),
  });
}

type In<D> = BodyOf<D, 'in'>;
type Versioned = { id: string; version: number };

export const useCreateCommunity = () =>
  useTerritoryMutation((b: In<typeof r.createCommunity>) => api(r.createCommunity, { body: b }));
export const useUpdateCommunity = () =>
  useTerritoryMutation(({ id, ...b }: In<typeof r.updateCommunity> & { id: string }) =>
    api(r.updateCommunity, { params: { id }, body: b }),
  );
export const useRetireCommunity = () =>
  useTerritoryMutation(({ id, version }: Versioned) =>
    api(r.retireCommunity, { params: { id }, body: { version } }),
  );
export const useRestoreCommunity = () =>
  useTerritoryMutation(({ id, version }: Versioned) =>
    api(r.restoreCommunity, { params: { id }, body: { version } }),
  );

export const useCreateCompound = () =>
  useTerritoryMutation((b: In<typeof r.createCompound>) => api(r.createCompound, { body: b }));
export const useUpdateCompound = () =>
  useTerritoryMutation(({ id, ...b }: In<typeof r.updateCompound> & { id: string }) =>
    api(r.updateCompound, { params: { id }, body: b }),
  );
export const useRetireCompound = () =>
  useTerritoryMutation(({ id, version }: Versioned) =>
    api(r.retireCompound, { params: { id }, body: { version } }),
  );

export const useCreateBuilding = () =>
  useTerritoryMutation((b: In<typeof r.createBuilding>) => api(r.createBuilding, { body: b }));
export const useUpdateBuilding = () =>
  useTerritoryMutation(({ id, ...b }: In<typeof r.updateBuilding> & { id: string }) =>
    api(r.updateBuilding, { params: { id }, body: b }),
  );
export const useRetireBuilding = () =>
  useTerritoryMutation(({ id, version }: Versioned) =>
    api(r.retireBuilding, { params: { id }, body: { version } }),
  );

export const useCreateStation = () =>
  useTerritoryMutation((b: In<typeof r.createStation>) => api(r.createStation, { body: b }));
export const useUpdateStation = () =>
  useTerritoryMutation(({ id, ...b }: In<typeof r.updateStation> & { id: string }) =>
    api(r.updateStation, { params: { id }, body: b }),
  );
export const useRetireStation = () =>
  useTerritoryMutation(({ id, version }: Versioned) =>
    api(r.retireStation, { params: { id }, body: { version } }),
  );

export const useCreateRegion = () =>
  useTerritoryMutation((b: In<typeof r.createRegion>) => api(r.createRegion, { body: b }));
export const useCreateTenant = () =>
  useTerritoryMutation((b: In<typeof r.createTenant>) => api(r.createTenant, { body: b }));
