/** The accounts module's public face. */

import type { ResolvedGrant } from '../../platform/access';
import type { Deps } from '../../platform/deps';
import type { StaffDirectory } from '../territory/index';
import type { AccountsDb } from './accounts.tables';
import { resolveGrants } from './sessions.service';
import { staffAt } from './users.service';

export { accountsRoutesPlugin } from './accounts.routes';
export { hashPassword } from './passwords';
export { issueSetupSecret, resolveSession, setupNeeded } from './sessions.service';
export { createGrant, createUser } from './users.service';

const narrow = (deps: Deps) => deps.db as unknown as AccountsDb;

/** What territory needs to know about who works where. */
export const staffDirectory = (deps: Deps): StaffDirectory => ({
  staffAt: (tenantId, role) => staffAt(deps, tenantId, role),
});

/** Display names of accounts (for names on records other modules keep by user id). */
export async function userNames(deps: Deps, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((i): i is string => !!i))];
  if (unique.length === 0) return new Map();
  const rows = await narrow(deps)
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** An active account and its grants, to check what another user may do (e.g. be a case's supervisor). */
export async function staffMember(
  deps: Deps,
  userId: string,
): Promise<{ id: string; name: string; homeTenantId: string | null; grants: ResolvedGrant[] } | null> {
  const u = await narrow(deps)
    .selectFrom('app_user')
    .select(['id', 'display_name', 'home_tenant_id', 'status'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (u?.status !== 'active') return null;
  return {
    id: u.id,
    name: u.display_name,
    homeTenantId: u.home_tenant_id,
    grants: await resolveGrants(deps, u.id),
  };
}
