import { hash } from '@node-rs/argon2';
import type { Step, StepContext, TenantRef } from '../lib/context';
import { mobile, personName } from '../lib/names';

/** The password every synthetic account has (the accounts are only ever in benchmark databases). */
export const BENCH_PASSWORD = 'bench-password-2026';

/** The same argon2id parameters as server/modules/accounts/passwords.ts, with a fixed salt (deterministic). */
async function benchHash(ctx: StepContext): Promise<string> {
  const salt = new Uint8Array(16).map(() => ctx.rng.int(0, 255));
  return hash(BENCH_PASSWORD, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1, salt });
}

interface Person {
  username: string;
  staffKind: string;
  fundingSource?: string | null;
  tenantId: string | null;
  grants: { role: string; scopeKind: string; scopeId: string | null; tenantId: string | null }[];
}

/**
 * About 100 staff per tenant: 2 tenant admins, 4 subdistrict officers, the station head and a
 * supervisor, one social worker per community plus one per service point, one community worker per
 * community, and building leaders for the rest.
 */
function staffOf(tenant: TenantRef, perTenant: number, pick: (n: number) => number): Person[] {
  const t = `t${String(tenant.index).padStart(3, '0')}`;
  const at = (role: string, scopeKind: string, scopeId: string) => ({
    role,
    scopeKind,
    scopeId,
    tenantId: tenant.id,
  });
  const station = tenant.stations.find((s) => s.kind === 'station')!;
  const points = tenant.stations.filter((s) => s.kind === 'service_point');
  const people: Person[] = [];
  const add = (
    username: string,
    staffKind: string,
    grant: Person['grants'][number],
    fundingSource?: string,
  ): void => {
    people.push({ username, staffKind, fundingSource, tenantId: tenant.id, grants: [grant] });
  };

  for (let i = 1; i <= 2; i++)
    add(`${t}-admin${i}`, 'subdistrict_cadre', at('tenant_admin', 'tenant', tenant.id));
  for (let i = 1; i <= 4; i++)
    add(`${t}-officer${i}`, 'subdistrict_cadre', at('subdistrict_officer', 'tenant', tenant.id));
  add(`${t}-station-head`, 'social_worker', at('station_head', 'station', station.id), 'self_hired');
  add(`${t}-supervisor`, 'supervisor', at('supervisor', 'station', station.id));
  tenant.communities.forEach((c, i) => {
    const n = String(i + 1).padStart(2, '0');
    add(
      `${t}-sw${n}`,
      'social_worker',
      at('social_worker', 'community', c.id),
      i < 15 ? 'self_hired' : 'shuangbai',
    );
  });
  for (const [i, p] of points.entries())
    add(`${t}-swp${i + 1}`, 'social_worker', at('social_worker', 'station', p.id), 'property_funded');
  for (const [i, c] of tenant.communities.entries())
    add(
      `${t}-cw${String(i + 1).padStart(2, '0')}`,
      'community_worker',
      at('community_worker', 'community', c.id),
    );
  const leaders = Math.max(0, perTenant - people.length);
  const used = new Set<number>();
  for (let i = 1; i <= leaders; i++) {
    let b = pick(tenant.buildings.length);
    while (used.has(b)) b = (b + 1) % tenant.buildings.length;
    used.add(b);
    add(
      `${t}-leader${String(i).padStart(2, '0')}`,
      'building_leader',
      at('building_leader', 'building', tenant.buildings[b]!.id),
    );
  }
  tenant.accounts = { admin: `${t}-admin1`, socialWorker: `${t}-sw01` };
  return people;
}

export const accountsStep: Step = {
  name: 'accounts',
  async run(ctx) {
    const { world, rng, ids, clock, scale } = ctx;
    const started = Date.now();
    const passwordHash = await benchHash(ctx);
    ctx.log(`one argon2id hash for every account: ${Date.now() - started} ms`);
    world.password = BENCH_PASSWORD;

    const people: Person[] = [
      {
        username: world.platformAdmin,
        staffKind: 'other',
        tenantId: null,
        grants: [{ role: 'platform_admin', scopeKind: 'platform', scopeId: null, tenantId: null }],
      },
    ];
    if (scale.name === 'city' && world.cityRegionId) {
      people.push({
        username: 'bench-city-viewer',
        staffKind: 'other',
        tenantId: world.tenants[0]!.id,
        grants: [{ role: 'region_viewer', scopeKind: 'region', scopeId: world.cityRegionId, tenantId: null }],
      });
    }
    for (const tenant of world.tenants)
      people.push(...staffOf(tenant, scale.staffPerTenant, (n) => rng.int(0, n - 1)));

    const users: Record<string, unknown>[] = [];
    const grants: Record<string, unknown>[] = [];
    let adminId: string | null = null;
    for (const p of people) {
      const id = ids.next();
      adminId ??= id;
      const now = clock.iso();
      users.push({
        id,
        username: p.username,
        password_hash: passwordHash,
        display_name: personName(rng),
        phone: `+86${mobile(rng)}`,
        staff_kind: p.staffKind,
        funding_source: p.fundingSource ?? null,
        certificate_level:
          p.staffKind === 'social_worker' ? rng.pick(['assistant', 'intermediate', 'none']) : null,
        home_tenant_id: p.tenantId,
        status: 'active',
        must_change_password: 0,
        last_login_at: null,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
        version: 1,
      });
      for (const g of p.grants) {
        grants.push({
          id: ids.next(),
          user_id: id,
          role: g.role,
          scope_kind: g.scopeKind,
          scope_id: g.scopeId,
          tenant_id: g.tenantId,
          granted_by: id === adminId ? null : adminId,
          granted_at: now,
          revoked_by: null,
          revoked_at: null,
        });
      }
    }
    world.platformAdminId = adminId;
    await ctx.insert('app_user', users);
    await ctx.insert('role_grant', grants);
  },
};
