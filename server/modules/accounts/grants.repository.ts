import type { Grant } from '../../../contracts/accounts';
import type { Deps } from '../../platform/deps';
import { nodeNames } from '../territory/index';
import type { AccountsDb } from './accounts.tables';
import { toGrant } from './users.mapping';

/** A user's active grants with the names of the places they are held at, oldest first. */
export async function namedGrants(deps: Deps, userId: string): Promise<Grant[]> {
  const grants = await (deps.db as unknown as AccountsDb)
    .selectFrom('role_grant')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('granted_at')
    .execute();
  const names = await nodeNames(
    deps,
    grants.map((g) => ({ kind: g.scope_kind, id: g.scope_id })),
  );
  return grants.map((g) => toGrant(g, names));
}
