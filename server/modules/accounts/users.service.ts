import { sql } from 'kysely';
import type { z } from 'zod';
import { isAppointed, type Permission, type Role, Roles } from '../../../contracts/access';
import type { GrantCreate, UserCreate, UserListQuery, UserUpdate } from '../../../contracts/accounts';
import { containsText, isUniqueViolation } from '../../db/dialect';
import { decide, PLATFORM, type Place, type Principal, scopeOf } from '../../platform/access';
import { accessChanged } from '../../platform/access-cache';
import { writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { RequestContext } from '../../platform/context';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import type { Deps } from '../../platform/deps';
import { AppError, invalid, notFound, versionConflict } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { findNode, type StaffAt } from '../territory/index';
import { userPlace } from './accounts.policy';
import type { AccountsDb, GrantRow, UserRow } from './accounts.tables';
import { namedGrants } from './grants.repository';
import { hashPassword } from './passwords';
import { endSessions } from './sessions.service';
import { e164, toGrant, toUser } from './users.mapping';

const narrow = (deps: Deps) => deps.db as unknown as AccountsDb;

/** Lists accounts the caller may see, by username, with keyset pagination. */
export async function listUsers(deps: Deps, ctx: RequestContext, q: z.output<typeof UserListQuery>) {
  const p = ctx.scoped();
  const s = scopeOf(p, 'users.read');
  if (q.tenantId && !s.all && !s.tenantIds.has(q.tenantId)) return { items: [], nextCursor: null };
  if (!s.all && s.tenantIds.size === 0) return { items: [], nextCursor: null };
  let query = narrow(deps).selectFrom('app_user').selectAll();
  if (q.tenantId) query = query.where('home_tenant_id', '=', q.tenantId);
  else if (!s.all) query = query.where('home_tenant_id', 'in', [...s.tenantIds]);
  if (q.staffKind) query = query.where('staff_kind', '=', q.staffKind);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.q) {
    const term = q.q;
    query = query.where((eb) =>
      eb.or([
        containsText(deps.dialect, eb.ref('username'), term),
        containsText(deps.dialect, eb.ref('display_name'), term),
      ]),
    );
  }
  const c = decodeCursor(q.cursor, ['string']);
  if (c) query = query.where('username', '>', c[0]);
  const rows = await query
    .orderBy('username')
    .limit(q.limit + 1)
    .execute();
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit);
  const manage = scopeOf(p, 'users.manage');
  return {
    items: items.map((u) =>
      toUser(u, manage.all || (!!u.home_tenant_id && manage.tenantIds.has(u.home_tenant_id))),
    ),
    nextCursor: more ? encodeCursor([items[items.length - 1]!.username]) : null,
  };
}

async function loadUser(deps: Deps, ctx: RequestContext, id: string, perm: Permission) {
  const u = await narrow(deps).selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
  if (!u) throw notFound('账号');
  ctx.authorize(perm, userPlace(u), '账号');
  return u;
}

/**
 * How appointed permissions (cases.open, cases.file_any, cases.supervise, …) count when a caller
 * acts on an account that holds them:
 * - `appoint`: as in createGrant — the caller may hand them to others without holding them, so
 *   granting, revoking and disabling treat them as within reach (the subdistrict appoints and
 *   dismisses its station head and social workers);
 * - `hold`: only if the caller holds them itself. Resetting a password (or editing the account a
 *   password reset would go with) lets the caller sign in as the target and use everything the
 *   target holds: a subdistrict administrator who could reset the station head's password could
 *   read every case file, which the separation of duties around case files exists to prevent.
 */
type AppointedRule = 'appoint' | 'hold';

/** The permissions of `role` at `place` that the principal could not hand on (empty: grantable). */
function beyondGrantable(
  principal: Principal,
  role: Role,
  place: Place,
  appointed: AppointedRule,
): Permission[] {
  if (decide(principal, 'roles.grant', place) !== 'allow') return ['roles.grant'];
  return Roles[role].permissions.filter(
    (perm) => decide(principal, perm, place) !== 'allow' && !(appointed === 'appoint' && isAppointed(perm)),
  );
}

/** Where a grant is held; a node that no longer exists counts as the platform (nobody but its admins). */
async function grantPlace(deps: Deps, g: Pick<GrantRow, 'scope_kind' | 'scope_id'>): Promise<Place> {
  if (g.scope_kind === 'platform') return PLATFORM;
  return (await findNode(deps, g.scope_kind, g.scope_id))?.place ?? PLATFORM;
}

/**
 * A caller acts on another account (reset, edit, disable, grant) only when every active grant of
 * that account lies within what the caller could grant itself: no one takes over, silences or
 * extends an account more powerful than their own. The home tenant alone says nothing: the
 * platform administrator and a region viewer are homed in a subdistrict too.
 */
async function assertWithinReach(
  deps: Deps,
  principal: Principal,
  target: UserRow,
  appointed: AppointedRule,
) {
  if (target.id === principal.userId) return;
  const grants = await narrow(deps)
    .selectFrom('role_grant')
    .select(['role', 'scope_kind', 'scope_id'])
    .where('user_id', '=', target.id)
    .where('revoked_at', 'is', null)
    .execute();
  for (const g of grants) {
    if (beyondGrantable(principal, g.role, await grantPlace(deps, g), appointed).length > 0)
      throw new AppError(
        'accounts.target_exceeds_own',
        '该账号拥有超出您权限范围的角色,不能由您重置密码、修改或停用;请联系权限更高的管理员',
      );
  }
}

async function detail(deps: Deps, ctx: RequestContext, u: UserRow) {
  const showPhone = decide(ctx.user(), 'users.manage', userPlace(u)) === 'allow';
  return { ...toUser(u, showPhone), grants: await namedGrants(deps, u.id) };
}

export async function getUser(deps: Deps, ctx: RequestContext, id: string) {
  return detail(deps, ctx, await loadUser(deps, ctx, id, 'users.read'));
}

export async function createUser(
  deps: Deps,
  ctx: RequestContext,
  input: z.output<typeof UserCreate>,
  opts: { mustChangePassword?: boolean } = {},
) {
  ctx.authorize('users.manage', { tenantId: input.homeTenantId }, '街道');
  const tenant = await findNode(deps, 'tenant', input.homeTenantId);
  if (!tenant) throw invalid('homeTenantId', '街道不存在');
  const now = clock.iso();
  const row: UserRow = {
    id: uuidv7(),
    username: input.username,
    password_hash: await hashPassword(input.password),
    display_name: input.displayName,
    phone: e164(input.phone),
    staff_kind: input.staffKind,
    funding_source: input.fundingSource,
    certificate_level: input.certificateLevel,
    home_tenant_id: input.homeTenantId,
    status: 'active',
    // An administrator chose this password: the user replaces it at first login.
    must_change_password: opts.mustChangePassword === false ? 0 : 1,
    last_login_at: null,
    password_changed_at: now,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  try {
    await narrow(deps)
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('app_user').values(row).execute();
        await writeAudit(trx, ctx, {
          tenantId: row.home_tenant_id,
          action: 'user.create',
          entity: 'user',
          entityId: row.id,
          after: row,
        });
      });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError('accounts.username_taken', '该用户名已被使用', [
        { path: 'username', message: '已被使用' },
      ]);
    throw e;
  }
  return detail(deps, ctx, row);
}

export async function updateUser(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof UserUpdate>,
) {
  const before = await loadUser(deps, ctx, id, 'users.manage');
  // Changing only the status (disable, enable) is dismissal, like revoking a grant; changing what
  // the account says about its holder is editing it, held to the password-reset standard.
  const onlyStatus = Object.entries(input).every(
    ([k, v]) => k === 'status' || k === 'version' || v === undefined,
  );
  await assertWithinReach(deps, ctx.user(), before, onlyStatus ? 'appoint' : 'hold');
  if (input.status === 'disabled' && id === ctx.user().userId) {
    throw new AppError('accounts.cannot_disable_self', '不能停用自己的账号', [
      { path: 'status', message: '不能停用自己' },
    ]);
  }
  const patch = Object.fromEntries(
    Object.entries({
      display_name: input.displayName,
      phone: input.phone === undefined ? undefined : e164(input.phone),
      staff_kind: input.staffKind,
      funding_source: input.fundingSource,
      certificate_level: input.certificateLevel,
      status: input.status,
    }).filter(([, v]) => v !== undefined),
  );
  const after = await narrow(deps)
    .transaction()
    .execute(async (trx) => {
      const after = await trx
        .updateTable('app_user')
        .set({ ...patch, updated_at: clock.iso(), version: input.version + 1 })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .returningAll()
        .executeTakeFirst();
      if (!after) throw versionConflict();
      if (input.status === 'disabled' && before.status !== 'disabled') await endSessions(trx, id, 'disabled');
      await writeAudit(trx, ctx, {
        tenantId: before.home_tenant_id,
        action:
          input.status && input.status !== before.status
            ? `user.${input.status === 'disabled' ? 'disable' : 'enable'}`
            : 'user.update',
        entity: 'user',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  return detail(deps, ctx, after);
}

/** An administrator sets a new password: the user's sessions end and they must change it at next login. */
export async function resetPassword(deps: Deps, ctx: RequestContext, id: string, password: string) {
  const u = await loadUser(deps, ctx, id, 'users.manage');
  await assertWithinReach(deps, ctx.user(), u, 'hold');
  const hashed = await hashPassword(password);
  await narrow(deps)
    .transaction()
    .execute(async (trx) => {
      const now = clock.iso();
      await trx
        .updateTable('app_user')
        .set({
          password_hash: hashed,
          must_change_password: 1,
          password_changed_at: now,
          updated_at: now,
          version: u.version + 1,
        })
        .where('id', '=', id)
        .execute();
      await endSessions(trx, id, 'password_reset');
      await writeAudit(trx, ctx, {
        tenantId: u.home_tenant_id,
        action: 'user.password_reset',
        entity: 'user',
        entityId: id,
      });
    });
}

/**
 * Grants a role at a node. The grantor needs `roles.grant` there and may only hand on
 * permissions they hold at that node themselves (no one can make someone more powerful than they are).
 */
export async function createGrant(
  deps: Deps,
  ctx: RequestContext,
  userId: string,
  input: z.output<typeof GrantCreate>,
) {
  const user = await loadUser(deps, ctx, userId, 'users.read');
  const role = Roles[input.role as Role];
  if (!(role.scopes as readonly string[]).includes(input.scopeKind)) {
    throw new AppError('accounts.role_scope_invalid', `角色“${role.zh}”不能授予在该层级`, [
      { path: 'scopeKind', message: '层级不适用于该角色' },
    ]);
  }
  if ((input.scopeKind === 'platform') !== (input.scopeId === null))
    throw invalid('scopeId', input.scopeKind === 'platform' ? '全平台授权不填节点' : '请选择节点');
  const node = await findNode(deps, input.scopeKind, input.scopeId);
  if (!node) throw invalid('scopeId', '节点不存在');
  const principal = ctx.authorize(
    'roles.grant',
    input.scopeKind === 'platform' ? PLATFORM : node.place,
    '节点',
  );
  // No escalation: a granter passes on only what they hold — except appointed permissions,
  // which they may give to someone else but never to themselves.
  const missing = beyondGrantable(
    principal,
    input.role as Role,
    node.place,
    userId === principal.userId ? 'hold' : 'appoint',
  );
  if (missing.length > 0)
    throw new AppError(
      'accounts.grant_exceeds_own',
      `不能授予超出自身权限的角色(缺少:${missing.join(', ')})`,
    );
  // Nor add to an account that already holds more than the granter could grant.
  await assertWithinReach(deps, principal, user, 'appoint');
  if (!node.active)
    throw new AppError('territory.parent_retired', '该节点已撤销', [{ path: 'scopeId', message: '已撤销' }]);
  const db = narrow(deps);
  const dup = await db
    .selectFrom('role_grant')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', input.role)
    .where('scope_kind', '=', input.scopeKind)
    .where(sql<string>`coalesce(scope_id, '')`, '=', input.scopeId ?? '')
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (dup) throw new AppError('accounts.grant_exists', '该人员已在此节点拥有该角色');
  const row: GrantRow = {
    id: uuidv7(),
    user_id: userId,
    role: input.role,
    scope_kind: input.scopeKind,
    scope_id: input.scopeId,
    tenant_id: node.tenantId,
    granted_by: ctx.userId,
    granted_at: clock.iso(),
    revoked_by: null,
    revoked_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('role_grant').values(row).execute();
    await writeAudit(trx, ctx, {
      tenantId: row.tenant_id ?? user.home_tenant_id,
      action: 'grant.create',
      entity: 'role_grant',
      entityId: row.id,
      after: row,
    });
  });
  accessChanged();
  return toGrant(row, new Map(input.scopeId ? [[input.scopeId, node.name]] : []));
}

export async function revokeGrant(deps: Deps, ctx: RequestContext, id: string) {
  const db = narrow(deps);
  const g = await db.selectFrom('role_grant').selectAll().where('id', '=', id).executeTakeFirst();
  if (!g) throw notFound('授权');
  const node = await findNode(deps, g.scope_kind, g.scope_id);
  const place = g.scope_kind === 'platform' ? PLATFORM : (node?.place ?? { tenantId: g.tenant_id });
  const principal = ctx.authorize('roles.grant', place, '授权');
  if (g.revoked_at) throw new AppError('accounts.grant_revoked', '该授权已收回');
  // Revoke only what one could have granted. Revoking takes power away, so the rest of the
  // account does not matter: a subdistrict removes its own social worker's grant even when that
  // person also holds a role elsewhere.
  if (g.user_id !== principal.userId && beyondGrantable(principal, g.role, place, 'appoint').length > 0)
    throw new AppError('accounts.grant_exceeds_own', '不能收回超出您自身权限的角色');
  if (g.role === 'platform_admin' && g.user_id === ctx.user().userId) {
    throw new AppError('accounts.cannot_disable_self', '不能收回自己的平台管理员角色');
  }
  await db.transaction().execute(async (trx) => {
    const after = { ...g, revoked_at: clock.iso(), revoked_by: ctx.userId };
    await trx
      .updateTable('role_grant')
      .set({ revoked_at: after.revoked_at, revoked_by: after.revoked_by })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, ctx, {
      tenantId: g.tenant_id,
      action: 'grant.revoke',
      entity: 'role_grant',
      entityId: id,
      before: g,
      after,
    });
  });
  accessChanged();
}

/** Everyone holding a role at a node of this tenant (for coverage and community pages). */
export async function staffAt(deps: Deps, tenantId: string, role?: string): Promise<StaffAt[]> {
  let q = narrow(deps)
    .selectFrom('role_grant')
    .innerJoin('app_user', 'app_user.id', 'role_grant.user_id')
    .select([
      'app_user.id as userId',
      'app_user.display_name as displayName',
      'app_user.staff_kind as staffKind',
      'app_user.funding_source as fundingSource',
      'role_grant.role',
      'role_grant.scope_kind as scopeKind',
      'role_grant.scope_id as scopeId',
    ])
    .where('role_grant.tenant_id', '=', tenantId)
    .where('role_grant.revoked_at', 'is', null)
    .where('app_user.status', '=', 'active');
  if (role) q = q.where('role_grant.role', '=', role as Role);
  return (await q.orderBy('app_user.display_name').execute()) as StaffAt[];
}
