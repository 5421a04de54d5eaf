import { PLATFORM, type Place } from '../../platform/access';
import type { UserRow } from './accounts.tables';

/** A staff account sits in its home tenant; accounts without one (region, platform) sit at the platform. */
export const userPlace = (u: Pick<UserRow, 'home_tenant_id'>): Place =>
  u.home_tenant_id ? { tenantId: u.home_tenant_id } : PLATFORM;
