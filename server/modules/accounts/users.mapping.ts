import type { Grant, User } from '../../../contracts/accounts';
import { maskMobile } from '../../platform/masking';
import type { GrantRow, UserRow } from './accounts.tables';

/** Phones are E.164 in the database; shown as 11 digits, masked unless the caller manages the account. */
export function toUser(u: UserRow, showPhone: boolean): User {
  const phone = u.phone ? u.phone.replace(/^\+86/, '') : null;
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    phone: phone && !showPhone ? maskMobile(phone) : phone,
    staffKind: u.staff_kind as User['staffKind'],
    fundingSource: u.funding_source as User['fundingSource'],
    certificateLevel: u.certificate_level as User['certificateLevel'],
    homeTenantId: u.home_tenant_id,
    status: u.status,
    lastLoginAt: u.last_login_at,
    createdAt: u.created_at,
    version: u.version,
  };
}

export const toGrant = (g: GrantRow, names: Map<string, string>): Grant => ({
  id: g.id,
  userId: g.user_id,
  role: g.role,
  scopeKind: g.scope_kind,
  scopeId: g.scope_id,
  scopeName: g.scope_id ? (names.get(g.scope_id) ?? '—') : '全平台',
  tenantId: g.tenant_id,
  grantedAt: g.granted_at,
  grantedBy: g.granted_by,
});

export const e164 = (mobile: string | null) => (mobile ? `+86${mobile}` : null);
