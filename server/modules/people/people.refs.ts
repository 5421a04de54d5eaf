import type { Permission } from '../../../contracts/access';
import { decide } from '../../platform/access';
import type { RequestContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { personPlace } from './people.policy';
import * as repo from './people.repository';
import type { PeopleDb, PersonRow } from './people.tables';

/**
 * A person named in a request body (a guardian, a household member) is checked like a person in
 * a path (DESIGN §3): they must exist in the tenant of the record being changed, and the caller
 * must hold `perm` where they live. The answer is the path's — 404 outside what the caller can
 * see, 403 where they can see but not do this — with the body field named.
 */
export async function referencedPerson(
  db: PeopleDb,
  ctx: RequestContext,
  tenantId: string,
  id: string,
  field: string,
  perm: Permission,
  what = '居民',
): Promise<PersonRow> {
  const p = await repo.findPerson(db, id);
  const decision = p && p.tenant_id === tenantId ? decide(ctx.user(), perm, personPlace(p)) : 'not_found';
  if (decision === 'not_found') {
    const message = `${what}不存在或无权查看`;
    throw new AppError('platform.not_found', message, [{ path: field, message }]);
  }
  if (decision === 'forbidden') {
    const message = `没有以该${what}办理此事的权限`;
    throw new AppError('platform.forbidden', message, [{ path: field, message }]);
  }
  return p!;
}
