import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { BodyOf, ParamsOf, QueryOf, RouteDef } from '../../contracts/common';
import type { RequestContext } from './context';
import { AppError } from './errors';

/**
 * How a route is guarded:
 * - `public`: no session (login, setup, health);
 * - `session`: any signed-in user acting on their own account;
 * - `policy`: the handler must call ctx.authorize()/ctx.scoped(); a 2xx without it is refused (500).
 */
export type Access = 'public' | 'session' | 'policy';

export interface Handled<D extends RouteDef> {
  params: ParamsOf<D>;
  query: QueryOf<D>;
  body: BodyOf<D>;
  ctx: RequestContext;
  req: FastifyRequest;
  reply: FastifyReply;
}

export interface RegisteredRoute {
  def: RouteDef;
  access: Access;
}

/** Every API route the app registered, in order: the authorization matrix is built from this. */
export const routeRegistry: RegisteredRoute[] = [];

export interface RouteExtras {
  /** Per-route rate limit (requests per minute per IP). */
  rateLimit?: { max: number; timeWindow: number };
  /** The route answers while the caller must still change a password an administrator set (me, logout, the change itself). */
  beforePasswordChange?: true;
}

export function registerRoute<D extends RouteDef>(
  app: FastifyInstance,
  def: D,
  access: Access,
  handler: (h: Handled<D>) => Promise<z.input<D['response']>>,
  extras: RouteExtras = {},
): void {
  if (!routeRegistry.some((r) => r.def === def)) routeRegistry.push({ def, access });
  const status = def.status ?? 200;
  app.route({
    method: def.method,
    url: def.path,
    config: {
      access,
      ...(extras.rateLimit ? { rateLimit: extras.rateLimit } : {}),
      ...(extras.beforePasswordChange ? { beforePasswordChange: true } : {}),
    },
    schema: {
      tags: [def.tag],
      summary: def.summary,
      ...(def.params ? { params: def.params } : {}),
      ...(def.query ? { querystring: def.query } : {}),
      ...(def.body ? { body: def.body } : {}),
      response: { [status]: def.response },
    },
    handler: async (req, reply) => {
      const ctx = req.ctx;
      const result = await handler({
        params: req.params as any,
        query: req.query as any,
        body: req.body as any,
        ctx,
        req,
        reply,
      });
      if (access === 'policy' && !ctx.authorized) {
        req.log.error({ route: def.path }, 'route returned without a policy check');
        throw new AppError('platform.policy_missing', '服务器内部错误');
      }
      reply.code(status);
      return result;
    },
  });
}
