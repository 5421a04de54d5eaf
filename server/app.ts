import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config';
import type { Database } from './db/database';
import { accountsRoutesPlugin, resolveSession, staffDirectory } from './modules/accounts/index';
import { auditRoutesPlugin } from './modules/audit/index';
import { casesRoutesPlugin } from './modules/cases/index';
import { governanceRoutesPlugin } from './modules/governance/index';
import { interopRoutesPlugin } from './modules/interop/index';
import { peopleIoRoutesPlugin, peopleRoutesPlugin } from './modules/people/index';
import { territoryRoutesPlugin } from './modules/territory/index';
import { type Deps, makeDeps } from './platform/deps';
import { httpPlatform } from './platform/http';

export interface AppOptions {
  config: Config;
  database: Database;
  logger?: boolean | object;
  /** Adds an x-db-queries header (tests and benchmarks count queries per request). */
  exposeQueryCount?: boolean;
}

/** Builds the whole app without listening: platform plugins first, then every module. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config, database } = opts;
  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel },
    // Forwarding headers only from a proxy the operator named (TRUST_PROXY); by default every
    // address is the connection's own, whatever X-Forwarded-For claims.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(config.trustProxy)
        : config.trustProxy,
    bodyLimit: 1_048_576,
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
  });
  const deps: Deps = makeDeps(database, config);

  await app.register(httpPlatform, {
    resolveSession: (token) => resolveSession(deps, token),
    secureCookies: config.secureCookies,
    allowedOrigins: config.allowedOrigins,
    exposeQueryCount: opts.exposeQueryCount,
  });

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => {
    await database.db.selectFrom('tenant').select('id').limit(1).execute();
    return { status: 'ok', database: database.dialect };
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(accountsRoutesPlugin, { deps });
  await app.register(territoryRoutesPlugin, { deps, staff: staffDirectory(deps) });
  await app.register(auditRoutesPlugin, { deps });
  await app.register(peopleRoutesPlugin, { deps });
  await app.register(peopleIoRoutesPlugin, { deps });
  await app.register(casesRoutesPlugin, { deps });
  await app.register(governanceRoutesPlugin, { deps });
  await app.register(interopRoutesPlugin, { deps });

  if (config.webRoot && existsSync(join(config.webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: config.webRoot, wildcard: false, index: false });
    // The SPA owns every other GET that is not an API or docs path.
    app.get('/*', { schema: { hide: true } }, (req, reply) => {
      if (req.url.startsWith('/api/')) {
        return reply
          .code(404)
          .send({ statusCode: 404, code: 'platform.not_found', error: 'Not Found', message: '没有这个地址' });
      }
      const file = req.url.split('?')[0]!.slice(1);
      if (file && existsSync(join(config.webRoot!, file)) && !file.includes('..')) {
        const immutable = file.startsWith('assets/');
        return reply
          .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
          .sendFile(file);
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}
