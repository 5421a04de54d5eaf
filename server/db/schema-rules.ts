import type { TableInfo } from './dialect';

/**
 * Tables that are not tenant-owned, each with the reason. Everything else is a tenant table
 * and must follow the tenant rules (DESIGN.md §2). Under Citus these become reference tables.
 */
export const GLOBAL_TABLES: Record<string, string> = {
  region: 'reference data above tenants (province › city › district)',
  tenant: 'the tenants themselves',
  app_user: 'an account may hold roles in several tenants or at a region',
  role_grant: 'grants at regions and the platform have no tenant',
  session: 'belongs to an account, not a tenant',
  audit_chain_head: 'one row per audit chain (a tenant or the platform)',
  audit_log: 'platform-level writes have no tenant; chain key = tenant id',
  access_log: 'reads by region and platform users have no tenant',
  system_setting: 'installation settings',
  kysely_migration: 'migration bookkeeping',
  kysely_migration_lock: 'migration bookkeeping',
};

/** Every way a tenant table breaks the rules, as readable sentences (empty when all is well). */
export function schemaProblems(tables: TableInfo[]): string[] {
  const problems: string[] = [];
  const isTenantTable = (name: string) => !(name in GLOBAL_TABLES);
  for (const t of tables) {
    if (!isTenantTable(t.name)) continue;
    const tenantCol = t.columns.find((c) => c.name === 'tenant_id');
    if (!tenantCol) problems.push(`${t.name}: no tenant_id column`);
    else if (!tenantCol.notNull) problems.push(`${t.name}: tenant_id is nullable`);
    if (t.primaryKey.join(',') !== 'tenant_id,id') {
      problems.push(`${t.name}: primary key is (${t.primaryKey.join(', ')}), not (tenant_id, id)`);
    }
    if (!t.foreignKeys.some((fk) => fk.refTable === 'tenant' && fk.columns.join() === 'tenant_id')) {
      problems.push(`${t.name}: tenant_id does not reference tenant(id)`);
    }
    for (const fk of t.foreignKeys) {
      if (!isTenantTable(fk.refTable)) continue;
      const i = fk.columns.indexOf('tenant_id');
      if (i < 0 || fk.refColumns[i] !== 'tenant_id') {
        problems.push(
          `${t.name}: foreign key (${fk.columns.join(', ')}) → ${fk.refTable} does not carry tenant_id`,
        );
      }
    }
  }
  return problems;
}
