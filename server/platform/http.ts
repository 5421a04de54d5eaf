import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { type ErrorBody, FORBIDDEN_CHARACTERS_MESSAGE, hasForbiddenCharacters } from '../../contracts/common';
import { queryCounter } from '../db/database';
import type { Principal } from './access';
import { RequestContext } from './context';
import { AppError } from './errors';
import type { Access } from './routes';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
  interface FastifyContextConfig {
    access?: Access;
    beforePasswordChange?: true;
  }
}

export const SESSION_COOKIE = 'gz_session';

export interface HttpOptions {
  /** Resolves a session cookie to a principal (wired from the accounts module by app.ts). */
  resolveSession: (token: string, ip: string) => Promise<Principal | null>;
  secureCookies: boolean;
  /** Origins besides the server's own (its Host) from which a browser may change state (ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[];
  exposeQueryCount?: boolean;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

const body = (
  statusCode: number,
  code: string,
  message: string,
  details?: ErrorBody['details'],
): ErrorBody => ({
  statusCode,
  code,
  error: STATUS_TEXT[statusCode] ?? 'Error',
  message,
  ...(details ? { details } : {}),
});

/**
 * The path (as the validation errors name it: `a.0.b`) of the first string — value or key — with
 * a character no text may contain, or null. Iterative, so a deeply nested body cannot overflow the stack.
 */
export function forbiddenCharacterAt(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (hasForbiddenCharacters(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], path ? `${path}.${i}` : String(i)]);
    } else if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, x] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (hasForbiddenCharacters(k)) return at;
        stack.push([x, at]);
      }
    }
  }
  return null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Is `origin` (an Origin header) this server as the request reached it (its Host), or allowed? */
function sameOrigin(origin: string, host: string, allowed: ReadonlySet<string>): boolean {
  try {
    const o = new URL(origin);
    if (allowed.has(o.origin)) return true;
    // Read the Host with the Origin's scheme, so that a default port written out still matches.
    return o.host === new URL(`${o.protocol}//${host}`).host;
  } catch {
    return false; // `null` (sandboxed frames, some redirects) or garbage
  }
}

/** Validation, errors, security headers, request context, session and OpenAPI: the platform's HTTP layer. */
export const httpPlatform = fp<HttpOptions>(async (app: FastifyInstance, opts) => {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      if (err.statusCode >= 500) req.log.error({ err }, err.message);
      return reply.code(err.statusCode).send(body(err.statusCode, err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || (err.validationContext ?? ''),
        message: v.message ?? '格式不正确',
      }));
      const where =
        err.validationContext === 'querystring'
          ? '查询参数'
          : err.validationContext === 'params'
            ? '路径参数'
            : '请求内容';
      const first = details[0];
      return reply
        .code(400)
        .send(
          body(
            400,
            'platform.validation',
            `${where}有误${first ? `: ${first.path} ${first.message}` : ''}`,
            details,
          ),
        );
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response does not match its contract');
      return reply.code(500).send(body(500, 'platform.internal', '服务器内部错误'));
    }
    if (err.statusCode === 429) {
      return reply.code(429).send(body(429, 'platform.rate_limited', '尝试次数过多,请稍后再试'));
    }
    if (err.statusCode === 413) {
      return reply.code(413).send(body(413, 'platform.payload_too_large', '提交的内容超过大小上限'));
    }
    if (err.statusCode === 415) {
      return reply
        .code(415)
        .send(
          body(
            415,
            'platform.unsupported_media_type',
            `不支持的内容类型: ${req.headers['content-type'] ?? '(无)'}`,
          ),
        );
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send(body(err.statusCode, 'platform.validation', err.message));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send(body(500, 'platform.internal', '服务器内部错误'));
  });

  app.setNotFoundHandler((req, reply) => {
    reply
      .code(404)
      .send(body(404, 'platform.not_found', `没有这个地址: ${req.method} ${req.url.split('?')[0]}`));
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // Ant Design writes component styles at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
      },
    },
    hsts: opts.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });

  await app.register(cookie);
  await app.register(rateLimit, { global: false });

  app.addHook('onRequest', async (req, reply) => {
    if (req.method === 'TRACE' || req.method === 'TRACK') {
      return reply.code(405).send(body(405, 'platform.validation', 'Method not allowed'));
    }
    if (/(^|\/)\.(git|env|svn|hg)(\/|$)/.test(req.url.split('?')[0]!)) {
      return reply.code(404).send(body(404, 'platform.not_found', 'Not found'));
    }
    req.ctx = new RequestContext(req.id, req.ip);
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  // Cross-site request forgery: a browser states where a request comes from (Origin on every
  // non-GET request, Sec-Fetch-Site in every current browser); a state change through the API
  // must come from this server's own pages or an origin named in ALLOWED_ORIGINS. And it must be
  // JSON (or the file type of an upload route), even without a body: a cross-site form or a
  // text/plain fetch needs no preflight, a JSON one does.
  const allowedOrigins = new Set(opts.allowedOrigins ?? []);
  app.addHook('onRequest', async (req) => {
    if (SAFE_METHODS.has(req.method) || !req.url.startsWith('/api/')) return;
    const origin = req.headers.origin;
    if (
      req.headers['sec-fetch-site'] === 'cross-site' ||
      (origin !== undefined && !sameOrigin(origin, req.host, allowedOrigins))
    ) {
      throw new AppError('platform.cross_origin', '拒绝来自其他网站的请求');
    }
    if (!req.routeOptions.config?.access) return; // no such route: 404 follows
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    // An upload route declares its file types by registering a parser for them in its own plugin
    // (people-io: xlsx, csv; case funding: pdf, jpeg, png); text/plain is Fastify's default, never an upload.
    const accepted =
      type === 'application/json' ||
      (type !== '' && type !== 'text/plain' && req.server.hasContentTypeParser(type));
    if (!accepted) {
      throw new AppError(
        'platform.unsupported_media_type',
        type
          ? `不支持的内容类型 ${type}:请以 application/json 发送`
          : '请以 application/json 发送(没有内容也发送 {})',
      );
    }
  });

  // Count from the first hook on, so the session lookup is counted too.
  if (opts.exposeQueryCount) {
    app.addHook('onRequest', async () => {
      queryCounter.enterWith({ queries: 0 });
    });
    app.addHook('onSend', async (_req, reply) => {
      const c = queryCounter.getStore();
      if (c) reply.header('x-db-queries', String(c.queries));
    });
  }

  // Every string of every request (path, query, parsed body; every route, Open311 included) is
  // refused with the field named when it holds a character no stored text may contain — one
  // check for all free strings, whatever schema (or none) a route declares for them.
  app.addHook('preValidation', async (req) => {
    for (const [part, where] of [
      [req.params, '路径参数'],
      [req.query, '查询参数'],
      [req.body, '请求内容'],
    ] as const) {
      const at = forbiddenCharacterAt(part);
      if (at !== null) {
        throw new AppError(
          'platform.validation',
          `${where}有误: ${at || '内容'} ${FORBIDDEN_CHARACTERS_MESSAGE}`,
          [{ path: at, message: FORBIDDEN_CHARACTERS_MESSAGE }],
        );
      }
    }
  });

  // Resolve the session before validation runs, so an anonymous caller gets 401 rather than 400.
  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.ctx.principal = await opts.resolveSession(token, req.ip);
    if (access !== 'public' && !req.ctx.principal) {
      throw new AppError('platform.unauthenticated', '请先登录');
    }
    // Enforced here, not only by the web: a password an administrator chose is known to them,
    // so nothing but replacing it (or signing out) may be done with it.
    if (
      access !== 'public' &&
      req.ctx.principal?.mustChangePassword &&
      !req.routeOptions.config.beforePasswordChange
    ) {
      throw new AppError('accounts.password_change_required', '管理员重置了您的密码,请先修改密码再继续使用');
    }
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Gongzhi 共治 API',
        version: '1',
        description:
          '社区共治平台 REST API。所有 /api/v1 路由使用会话 Cookie (gz_session) 认证;错误体为 {statusCode, code, error, message, details?}。',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false });
});
