import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { ChangePassword, Login, Me, Setup } from '../../../contracts/accounts';
import { type Principal, permissionsOf, type ResolvedGrant, tenantsOf } from '../../platform/access';
import { accessChanged, ReachCache } from '../../platform/access-cache';
import { writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { Actor, RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { stationReach, tenantName, tenantsUnder } from '../territory/index';
import type { AccountsDb, UserRow } from './accounts.tables';
import { namedGrants } from './grants.repository';
import { LoginThrottle } from './login-throttle';
import { burnVerify, hashPassword, verifyPassword } from './passwords';
import { toUser } from './users.mapping';

const narrow = (deps: Deps) => deps.db as unknown as AccountsDb;
const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');
/** Writing last_seen on every request would turn reads into writes: refresh it at most once a minute. */
const TOUCH_EVERY_MS = 60_000;

const grantCache = new ReachCache<ResolvedGrant[]>(10_000);
const throttles = new WeakMap<Deps, LoginThrottle>();
/** One throttle per running app (tests run several apps in one process). */
const getThrottle = (deps: Deps) => {
  let t = throttles.get(deps);
  if (!t) {
    t = new LoginThrottle({
      perPair: 5,
      perAddress: Math.max(deps.config.loginMaxPerMinute * 3, 20),
      slowAfter: 5,
      baseMs: deps.config.loginDelayBaseMs,
      maxMs: deps.config.loginDelayMaxMs,
      windowMs: 15 * 60_000,
    });
    throttles.set(deps, t);
  }
  return t;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Works out each active grant's reach (tenants under a region, communities under a station). */
export async function resolveGrants(deps: Deps, userId: string): Promise<ResolvedGrant[]> {
  const cached = grantCache.get(userId);
  if (cached) return cached;
  const rows = await narrow(deps)
    .selectFrom('role_grant')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
  const out: ResolvedGrant[] = [];
  for (const g of rows) {
    const base: ResolvedGrant = {
      role: g.role,
      scopeKind: g.scope_kind,
      scopeId: g.scope_id,
      tenantId: g.tenant_id,
    };
    if (g.scope_kind === 'platform') out.push({ ...base, tenantIds: await tenantsUnder(deps, null) });
    else if (g.scope_kind === 'region')
      out.push({ ...base, tenantIds: await tenantsUnder(deps, g.scope_id) });
    else if (g.scope_kind === 'station')
      out.push({ ...base, ...(await stationReach(deps, g.tenant_id!, g.scope_id!)) });
    else out.push(base);
  }
  grantCache.set(userId, out);
  return out;
}

/** Cookie token → principal, or null when the session is unknown, ended, idle too long or past its limit. */
export async function resolveSession(deps: Deps, token: string): Promise<Principal | null> {
  if (token.length < 20 || token.length > 100) return null;
  const id = tokenId(token);
  const row = await narrow(deps)
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select([
      'session.id',
      'session.user_id',
      'session.last_seen_at',
      'session.expires_at',
      'session.ended_at',
      'app_user.display_name',
      'app_user.home_tenant_id',
      'app_user.status',
      'app_user.must_change_password',
    ])
    .where('session.id', '=', id)
    .executeTakeFirst();
  if (!row || row.ended_at || row.status !== 'active') return null;
  const now = clock.now();
  if (now.toISOString() >= row.expires_at) return null;
  const idleFor = now.getTime() - Date.parse(row.last_seen_at);
  if (idleFor > deps.config.sessionIdleMs) return null;
  if (idleFor > TOUCH_EVERY_MS) {
    await narrow(deps)
      .updateTable('session')
      .set({ last_seen_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }
  return {
    userId: row.user_id,
    displayName: row.display_name,
    homeTenantId: row.home_tenant_id,
    sessionId: id,
    grants: await resolveGrants(deps, row.user_id),
    mustChangePassword: row.must_change_password === 1,
  };
}

/** Starts a new session (a fresh random token: sessions are never reused across logins). */
async function startSession(deps: Deps, userId: string, ip: string | null, userAgent: string | null) {
  const token = randomBytes(32).toString('base64url');
  const now = clock.now();
  await narrow(deps)
    .insertInto('session')
    .values({
      id: tokenId(token),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + deps.config.sessionAbsoluteMs).toISOString(),
      ip,
      user_agent: userAgent?.slice(0, 300) ?? null,
      ended_at: null,
      end_reason: null,
    })
    .execute();
  return token;
}

export async function endSessions(trx: AccountsDb, userId: string, reason: string, exceptId?: string) {
  let q = trx
    .updateTable('session')
    .set({ ended_at: clock.iso(), end_reason: reason })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

export async function buildMe(deps: Deps, user: UserRow): Promise<z.input<typeof Me>> {
  const grants = await namedGrants(deps, user.id);
  const principal: Principal = {
    userId: user.id,
    displayName: user.display_name,
    homeTenantId: user.home_tenant_id,
    sessionId: '',
    grants: await resolveGrants(deps, user.id),
  };
  const tenantIds = tenantsOf(principal);
  return {
    user: toUser(user, true),
    grants,
    permissions: permissionsOf(principal),
    tenants: (
      await Promise.all(tenantIds.map(async (id) => ({ id, name: (await tenantName(deps, id)) ?? id })))
    ).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    mustChangePassword: user.must_change_password === 1,
  };
}

/** The signed-in user's account, grants and what the menu may offer. */
export async function me(deps: Deps, ctx: RequestContext) {
  const p = ctx.authorizeSelf();
  const user = await narrow(deps)
    .selectFrom('app_user')
    .selectAll()
    .where('id', '=', p.userId)
    .executeTakeFirst();
  if (!user) throw new AppError('platform.unauthenticated', '请先登录');
  return buildMe(deps, user);
}

const invalidCredentials = () => new AppError('auth.invalid_credentials', '用户名或密码错误');
const rateLimited = () =>
  new AppError('platform.rate_limited', '该账号在此处登录失败次数过多,请15分钟后再试');

export async function login(
  deps: Deps,
  ctx: RequestContext,
  input: z.output<typeof Login>,
  userAgent: string | null,
) {
  const t = getThrottle(deps);
  if (t.blocked(input.username, ctx.ip, clock.now().getTime())) throw rateLimited();
  // An account that keeps failing (from anywhere) is slowed down, never locked: see login-throttle.ts.
  const wait = t.delayMs(input.username, clock.now().getTime());
  if (wait > 0) await sleep(wait);
  const user = await narrow(deps)
    .selectFrom('app_user')
    .selectAll()
    .where('username', '=', input.username)
    .executeTakeFirst();
  let ok = false;
  if (user) ok = await verifyPassword(user.password_hash, input.password);
  else await burnVerify(input.password);
  if (!user || !ok) {
    t.fail(input.username, ctx.ip, clock.now().getTime());
    if (user)
      await audit(
        deps,
        { userId: user.id, displayName: user.display_name, ip: ctx.ip, requestId: ctx.requestId },
        user,
        'auth.login_failed',
      );
    throw invalidCredentials();
  }
  if (user.status !== 'active') throw new AppError('auth.user_disabled', '该账号已停用,请联系管理员');
  t.succeed(input.username, ctx.ip);
  const token = await startSession(deps, user.id, ctx.ip, userAgent);
  const now = clock.iso();
  await narrow(deps).updateTable('app_user').set({ last_login_at: now }).where('id', '=', user.id).execute();
  await audit(
    deps,
    { userId: user.id, displayName: user.display_name, ip: ctx.ip, requestId: ctx.requestId },
    user,
    'auth.login',
  );
  return { token, me: await buildMe(deps, { ...user, last_login_at: now }) };
}

async function audit(deps: Deps, actor: Actor, user: UserRow, action: string) {
  await narrow(deps)
    .transaction()
    .execute((trx) =>
      writeAudit(trx, actor, {
        tenantId: user.home_tenant_id,
        action,
        entity: 'user',
        entityId: user.id,
      }),
    );
}

export async function logout(deps: Deps, ctx: RequestContext) {
  const p = ctx.authorizeSelf();
  await narrow(deps)
    .updateTable('session')
    .set({ ended_at: clock.iso(), end_reason: 'logout' })
    .where('id', '=', p.sessionId)
    .execute();
}

/** Changes the caller's password, ends every session they had, and starts a fresh one. */
export async function changePassword(
  deps: Deps,
  ctx: RequestContext,
  input: z.output<typeof ChangePassword>,
  userAgent: string | null,
) {
  const p = ctx.authorizeSelf();
  const db = narrow(deps);
  const user = await db
    .selectFrom('app_user')
    .selectAll()
    .where('id', '=', p.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('auth.wrong_password', '当前密码不正确', [
      { path: 'currentPassword', message: '当前密码不正确' },
    ]);
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError('platform.validation', '新密码不能与当前密码相同', [
      { path: 'newPassword', message: '不能与当前密码相同' },
    ]);
  }
  const hashed = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    const now = clock.iso();
    await trx
      .updateTable('app_user')
      .set({
        password_hash: hashed,
        password_changed_at: now,
        must_change_password: 0,
        updated_at: now,
        version: user.version + 1,
      })
      .where('id', '=', user.id)
      .execute();
    await endSessions(trx, user.id, 'password_changed');
    await writeAudit(trx, ctx, {
      tenantId: user.home_tenant_id,
      action: 'user.password_change',
      entity: 'user',
      entityId: user.id,
    });
  });
  return startSession(deps, user.id, ctx.ip, userAgent);
}

const SETUP_KEY = 'setup_secret_sha256';
/** Wrong setup secrets count like failed logins of an account no username can name. */
const SETUP_THROTTLE_KEY = '\u0000setup';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export async function setupNeeded(deps: Deps): Promise<boolean> {
  const any = await narrow(deps).selectFrom('app_user').select('id').limit(1).executeTakeFirst();
  return !any;
}

/** On a new installation (no accounts): make a one-time setup secret, keep only its hash, return it to print. */
export async function issueSetupSecret(deps: Deps): Promise<string | null> {
  if (!(await setupNeeded(deps))) return null;
  const secret = randomBytes(18).toString('base64url');
  const now = clock.iso();
  await narrow(deps)
    .insertInto('system_setting')
    .values({ key: SETUP_KEY, value: sha(secret), updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: sha(secret), updated_at: now }))
    .execute();
  return secret;
}

/** Creates the first platform administrator with the printed one-time secret; the secret is then spent. */
export async function setup(
  deps: Deps,
  ctx: RequestContext,
  input: z.output<typeof Setup>,
  userAgent: string | null,
) {
  const db = narrow(deps);
  const stored = await db
    .selectFrom('system_setting')
    .select('value')
    .where('key', '=', SETUP_KEY)
    .executeTakeFirst();
  if (!(await setupNeeded(deps)) || !stored) throw new AppError('auth.setup_done', '系统已完成初始化');
  const throttle = getThrottle(deps);
  if (throttle.blocked(SETUP_THROTTLE_KEY, ctx.ip, clock.now().getTime())) throw rateLimited();
  const given = Buffer.from(sha(input.secret), 'hex');
  if (!timingSafeEqual(given, Buffer.from(stored.value, 'hex'))) {
    throttle.fail(SETUP_THROTTLE_KEY, ctx.ip, clock.now().getTime());
    throw new AppError('auth.setup_secret_invalid', '初始化口令不正确');
  }
  const now = clock.iso();
  const user: UserRow = {
    id: uuidv7(),
    username: input.username,
    password_hash: await hashPassword(input.password),
    display_name: input.displayName,
    phone: null,
    staff_kind: 'other',
    funding_source: null,
    certificate_level: null,
    home_tenant_id: null,
    status: 'active',
    must_change_password: 0,
    last_login_at: now,
    password_changed_at: now,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('app_user').values(user).execute();
    await trx
      .insertInto('role_grant')
      .values({
        id: uuidv7(),
        user_id: user.id,
        role: 'platform_admin',
        scope_kind: 'platform',
        scope_id: null,
        tenant_id: null,
        granted_by: null,
        granted_at: now,
        revoked_by: null,
        revoked_at: null,
      })
      .execute();
    await trx.deleteFrom('system_setting').where('key', '=', SETUP_KEY).execute();
    await writeAudit(
      trx,
      { userId: user.id, displayName: user.display_name, ip: ctx.ip, requestId: ctx.requestId },
      {
        tenantId: null,
        action: 'platform.setup',
        entity: 'user',
        entityId: user.id,
        after: user,
      },
    );
  });
  accessChanged();
  const token = await startSession(deps, user.id, ctx.ip, userAgent);
  return { token, me: await buildMe(deps, user) };
}
