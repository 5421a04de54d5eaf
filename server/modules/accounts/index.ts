/** The accounts module's public face. */
import type { Deps } from '../../platform/deps';
import type { StaffDirectory } from '../territory/index';
import { staffAt } from './users.service';

export { accountsRoutesPlugin } from './accounts.routes';
export { hashPassword } from './passwords';
export { issueSetupSecret, resolveSession, setupNeeded } from './sessions.service';
export { createGrant, createUser } from './users.service';

/** What territory needs to know about who works where. */
export const staffDirectory = (deps: Deps): StaffDirectory => ({
  staffAt: (tenantId, role) => staffAt(deps, tenantId, role),
});
