import type { FastifyInstance } from 'fastify';
import { auditRoutes as r } from '../../../contracts/audit';
import type { Deps } from '../../platform/deps';
import { registerRoute } from '../../platform/routes';
import * as svc from './audit.service';

export async function auditRoutesPlugin(app: FastifyInstance, { deps }: { deps: Deps }) {
  registerRoute(app, r.events, 'policy', ({ ctx, query }) => svc.searchEvents(deps, ctx, query));
  registerRoute(app, r.access, 'policy', ({ ctx, query }) => svc.searchAccess(deps, ctx, query));
  registerRoute(app, r.verify, 'policy', ({ ctx, query }) => svc.verify(deps, ctx, query.tenantId));
}
