import type { FastifyInstance } from 'fastify';
import { territoryRoutes as r } from '../../../contracts/territory';
import type { Deps } from '../../platform/deps';
import { registerRoute } from '../../platform/routes';
import * as places from './places.service';
import * as stations from './stations.service';
import * as repo from './territory.repository';
import * as svc from './territory.service';

export interface TerritoryPluginOptions {
  deps: Deps;
  staff: svc.StaffDirectory;
}

export async function territoryRoutesPlugin(app: FastifyInstance, { deps, staff }: TerritoryPluginOptions) {
  registerRoute(app, r.listRegions, 'policy', ({ ctx }) => svc.listRegions(deps, ctx));
  registerRoute(app, r.createRegion, 'policy', ({ ctx, body }) => svc.createRegion(deps, ctx, body));
  registerRoute(app, r.listTenants, 'policy', ({ ctx }) => svc.listTenants(deps, ctx));
  registerRoute(app, r.createTenant, 'policy', ({ ctx, body }) => svc.createTenant(deps, ctx, body));
  registerRoute(app, r.updateTenant, 'policy', ({ ctx, params, body }) =>
    svc.updateTenant(deps, ctx, params.id, body),
  );

  registerRoute(app, r.tree, 'policy', ({ ctx, query }) => svc.tree(deps, ctx, query.tenantId));
  registerRoute(app, r.coverage, 'policy', ({ ctx, query }) =>
    svc.coverage(deps, staff, ctx, query.tenantId),
  );

  registerRoute(app, r.listCommunities, 'policy', ({ ctx, query }) => svc.listCommunities(deps, ctx, query));
  registerRoute(app, r.getCommunity, 'policy', ({ ctx, params }) =>
    svc.getCommunity(deps, staff, ctx, params.id),
  );
  registerRoute(app, r.createCommunity, 'policy', ({ ctx, body }) => svc.createCommunity(deps, ctx, body));
  registerRoute(app, r.updateCommunity, 'policy', ({ ctx, params, body }) =>
    svc.updateCommunity(deps, ctx, params.id, body),
  );
  registerRoute(app, r.retireCommunity, 'policy', ({ ctx, params, body }) =>
    svc.retireCommunity(deps, ctx, params.id, body.version),
  );
  registerRoute(app, r.restoreCommunity, 'policy', ({ ctx, params, body }) =>
    svc.retireCommunity(deps, ctx, params.id, body.version, true),
  );

  registerRoute(app, r.getCompound, 'policy', async ({ ctx, params }) =>
    repo.toCompound(await places.loadCompound(deps, ctx, params.id, 'territory.read')),
  );
  registerRoute(app, r.createCompound, 'policy', ({ ctx, body }) => places.createCompound(deps, ctx, body));
  registerRoute(app, r.updateCompound, 'policy', ({ ctx, params, body }) =>
    places.updateCompound(deps, ctx, params.id, body),
  );
  registerRoute(app, r.retireCompound, 'policy', ({ ctx, params, body }) =>
    places.retireCompound(deps, ctx, params.id, body.version),
  );

  registerRoute(app, r.getBuilding, 'policy', async ({ ctx, params }) =>
    repo.toBuilding(await places.loadBuilding(deps, ctx, params.id, 'territory.read')),
  );
  registerRoute(app, r.createBuilding, 'policy', ({ ctx, body }) => places.createBuilding(deps, ctx, body));
  registerRoute(app, r.updateBuilding, 'policy', ({ ctx, params, body }) =>
    places.updateBuilding(deps, ctx, params.id, body),
  );
  registerRoute(app, r.retireBuilding, 'policy', ({ ctx, params, body }) =>
    places.retireBuilding(deps, ctx, params.id, body.version),
  );

  registerRoute(app, r.listStations, 'policy', ({ ctx, query }) =>
    stations.listStations(deps, ctx, query.tenantId),
  );
  registerRoute(app, r.createStation, 'policy', ({ ctx, body }) => stations.createStation(deps, ctx, body));
  registerRoute(app, r.updateStation, 'policy', ({ ctx, params, body }) =>
    stations.updateStation(deps, ctx, params.id, body),
  );
  registerRoute(app, r.retireStation, 'policy', ({ ctx, params, body }) =>
    stations.retireStation(deps, ctx, params.id, body.version),
  );
}
