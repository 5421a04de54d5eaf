import type { FastifyInstance, FastifyReply } from 'fastify';
import { Permissions, Roles } from '../../../contracts/access';
import { accountsRoutes as r } from '../../../contracts/accounts';
import type { Deps } from '../../platform/deps';
import { SESSION_COOKIE } from '../../platform/http';
import { registerRoute } from '../../platform/routes';
import * as sessions from './sessions.service';
import * as users from './users.service';

export async function accountsRoutesPlugin(app: FastifyInstance, { deps }: { deps: Deps }) {
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.secureCookies,
      path: '/',
      maxAge: Math.floor(deps.config.sessionAbsoluteMs / 1000),
    });
  const clearCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/' });
  const loginLimit = { max: deps.config.loginMaxPerMinute * 3, timeWindow: 60_000 };

  registerRoute(app, r.setupStatus, 'public', async () => ({ needed: await sessions.setupNeeded(deps) }));
  registerRoute(
    app,
    r.setup,
    'public',
    async ({ ctx, body, req, reply }) => {
      const { token, me } = await sessions.setup(deps, ctx, body, req.headers['user-agent'] ?? null);
      setCookie(reply, token);
      return me;
    },
    { rateLimit: loginLimit },
  );
  registerRoute(
    app,
    r.login,
    'public',
    async ({ ctx, body, req, reply }) => {
      const { token, me } = await sessions.login(deps, ctx, body, req.headers['user-agent'] ?? null);
      setCookie(reply, token);
      return me;
    },
    { rateLimit: loginLimit },
  );
  // While an administrator-set password is still to be changed, only these three answer.
  const beforePasswordChange = { beforePasswordChange: true } as const;
  registerRoute(
    app,
    r.logout,
    'session',
    async ({ ctx, reply }) => {
      await sessions.logout(deps, ctx);
      clearCookie(reply);
      return { ok: true as const };
    },
    beforePasswordChange,
  );
  registerRoute(app, r.me, 'session', ({ ctx }) => sessions.me(deps, ctx), beforePasswordChange);
  registerRoute(
    app,
    r.changePassword,
    'session',
    async ({ ctx, body, req, reply }) => {
      const token = await sessions.changePassword(deps, ctx, body, req.headers['user-agent'] ?? null);
      setCookie(reply, token);
      return { ok: true as const };
    },
    beforePasswordChange,
  );
  registerRoute(app, r.catalog, 'session', async ({ ctx }) => {
    ctx.authorizeSelf();
    return {
      permissions: Object.entries(Permissions).map(([code, p]) => ({
        code,
        reach: p.reach,
        zh: p.zh,
        en: p.en,
      })),
      roles: Object.entries(Roles).map(([code, x]) => ({
        code: code as keyof typeof Roles,
        zh: x.zh,
        en: x.en,
        scopes: [...x.scopes],
        permissions: [...x.permissions],
      })),
    };
  });

  registerRoute(app, r.listUsers, 'policy', ({ ctx, query }) => users.listUsers(deps, ctx, query));
  registerRoute(app, r.getUser, 'policy', ({ ctx, params }) => users.getUser(deps, ctx, params.id));
  registerRoute(app, r.createUser, 'policy', ({ ctx, body }) => users.createUser(deps, ctx, body));
  registerRoute(app, r.updateUser, 'policy', ({ ctx, params, body }) =>
    users.updateUser(deps, ctx, params.id, body),
  );
  registerRoute(app, r.resetPassword, 'policy', async ({ ctx, params, body }) => {
    await users.resetPassword(deps, ctx, params.id, body.password);
    return { ok: true as const };
  });
  registerRoute(app, r.createGrant, 'policy', ({ ctx, params, body }) =>
    users.createGrant(deps, ctx, params.id, body),
  );
  registerRoute(app, r.revokeGrant, 'policy', async ({ ctx, params }) => {
    await users.revokeGrant(deps, ctx, params.id);
    return { ok: true as const };
  });
}
