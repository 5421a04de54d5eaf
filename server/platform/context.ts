import type { Permission } from '../../contracts/access';
import { assertAllowed, type Decision, type Place, type Principal } from './access';
import { AppError } from './errors';

/** Who is acting, from where; carried into services and the audit writer. */
export interface Actor {
  userId: string | null;
  displayName: string | null;
  ip: string | null;
  requestId: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, displayName: '系统', ip: null, requestId: null };

/** Per-request state: the actor, the principal once the session is resolved, and whether policy ran. */
export class RequestContext implements Actor {
  principal: Principal | null = null;
  authorized = false;
  constructor(
    readonly requestId: string,
    readonly ip: string,
  ) {}

  get userId() {
    return this.principal?.userId || null;
  }
  get displayName() {
    return this.principal?.displayName ?? null;
  }

  /** The signed-in principal; 401 when there is none. */
  user(): Principal {
    if (!this.principal) throw new AppError('platform.unauthenticated', '请先登录');
    return this.principal;
  }

  /** The policy check: throws 404/403 unless the user may do `perm` at `place`. */
  authorize(perm: Permission, place: Place, what?: string): Principal {
    const p = this.user();
    assertAllowed(p, perm, place, what);
    this.authorized = true;
    return p;
  }

  /**
   * For records whose rule is more than a permission at a place (a case file: its care team,
   * its supervisor, or a permission): the module decides, this enforces it the same way.
   */
  authorizeBy(decision: Decision, what = '记录'): Principal {
    const p = this.user();
    if (decision === 'forbidden') throw new AppError('platform.forbidden', '没有执行此操作的权限');
    if (decision === 'not_found') throw new AppError('platform.not_found', `${what}不存在或无权查看`);
    this.authorized = true;
    return p;
  }

  /** For routes whose rule is "any signed-in user" about their own data (me, logout, password). */
  authorizeSelf(): Principal {
    const p = this.user();
    this.authorized = true;
    return p;
  }

  /** Lists filter by the caller's scope in SQL; calling this records that the filter was applied. */
  scoped(): Principal {
    const p = this.user();
    this.authorized = true;
    return p;
  }
}

/**
 * A context for work the system does itself (demo load, jobs): it holds a platform grant, so
 * it passes every policy, and its audit rows name 系统 as the actor.
 */
export function systemContext(tenantIds: string[] = []): RequestContext {
  const ctx = new RequestContext('system', '127.0.0.1');
  ctx.principal = {
    userId: '',
    displayName: '系统',
    homeTenantId: null,
    sessionId: '',
    grants: [{ role: 'platform_admin', scopeKind: 'platform', scopeId: null, tenantId: null, tenantIds }],
  };
  return ctx;
}
