import type { BuildingRef, CommunityRef, CompoundRef, Step, StepContext, TenantRef } from '../lib/context';
import { compoundName, placeStem, propertyCompany } from '../lib/names';

const VINTAGE = 2023;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Province › city › districts, then the tenants (subdistricts) spread over the districts. */
async function regionsAndTenants(ctx: StepContext) {
  const { scale, world, ids, clock } = ctx;
  const stems = new Set<string>();
  const province = { id: ids.next(), code: '990000000000', name: '基准省(合成)', level: 'province' as const };
  const city = { id: ids.next(), code: '990100000000', name: '基准市(合成)', level: 'city' as const };
  const districts = Array.from({ length: scale.districts }, (_, i) => ({
    id: ids.next(),
    code: `9901${pad(i + 1, 2)}000000`,
    name: `${placeStem(ctx.rng, stems)}区`,
    level: 'district' as const,
  }));
  const regions = [province, city, ...districts];
  await ctx.insert(
    'region',
    regions.map((r, i) => ({
      id: r.id,
      parent_id: i === 0 ? null : i === 1 ? province.id : city.id,
      level: r.level,
      code: r.code,
      name: r.name,
      code_vintage: VINTAGE,
      created_at: clock.iso(),
    })),
  );
  world.regions = regions;
  world.cityRegionId = city.id;

  const perDistrict = new Map<string, number>();
  const tenantRows = [];
  for (let t = 0; t < scale.tenants; t++) {
    const district = districts[t % districts.length]!;
    const n = (perDistrict.get(district.id) ?? 0) + 1;
    perDistrict.set(district.id, n);
    const ref: TenantRef = {
      index: t + 1,
      id: ids.next(),
      // Township digits 001–099 mark a subdistrict (街道).
      code: `${district.code.slice(0, 6)}${pad(n, 3)}`,
      name: `${placeStem(ctx.rng, stems)}街道`,
      regionId: district.id,
      communities: [],
      compounds: [],
      buildings: [],
      stations: [],
      accounts: { admin: '', socialWorker: '' },
    };
    world.tenants.push(ref);
    const now = clock.iso();
    tenantRows.push({
      id: ref.id,
      region_id: ref.regionId,
      code: ref.code,
      name: ref.name,
      kind: 'subdistrict',
      status: 'active',
      created_at: now,
      updated_at: now,
      version: 1,
    });
  }
  await ctx.insert('tenant', tenantRows);
}

/** Communities, compounds and buildings of one tenant. */
async function places(ctx: StepContext, tenant: TenantRef) {
  const { scale, rng, ids, clock } = ctx;
  const stems = new Set<string>();
  const node = () => {
    const now = clock.iso(10);
    return { status: 'active', retired_at: null, created_at: now, updated_at: now, version: 1 };
  };

  tenant.communities = Array.from(
    { length: scale.communitiesPerTenant },
    (_, i): CommunityRef => ({
      id: ids.next(),
      code: `${tenant.code}${pad(i + 1, 3)}`,
      name: `${placeStem(rng, stems)}社区`,
    }),
  );
  await ctx.insert(
    'community',
    tenant.communities.map((c) => ({
      tenant_id: tenant.id,
      id: c.id,
      code: c.code,
      name: c.name,
      code_vintage: VINTAGE,
      ...node(),
    })),
  );

  const compoundRows: Record<string, unknown>[] = [];
  const perCommunity = rng.split(scale.compoundsPerTenant, tenant.communities.length, 0.5);
  tenant.communities.forEach((c, i) => {
    for (let k = 0; k < perCommunity[i]!; k++) {
      const kind = rng.chance(0.4) ? 'open_old' : 'closed_modern';
      const name = compoundName(rng, stems);
      const ref: CompoundRef = { id: ids.next(), communityId: c.id, name, kind };
      tenant.compounds.push(ref);
      compoundRows.push({
        tenant_id: tenant.id,
        id: ref.id,
        community_id: c.id,
        name,
        kind,
        property_company: kind === 'closed_modern' ? propertyCompany(rng, name.slice(0, 2)) : null,
        address: `${c.name.replace('社区', '')}路${rng.int(1, 300)}号`,
        ...node(),
      });
    }
  });
  await ctx.insert('compound', compoundRows);

  const buildingRows: Record<string, unknown>[] = [];
  const loose = Math.round(scale.buildingsPerTenant * scale.looseBuildingShare);
  const inCompounds = rng.split(scale.buildingsPerTenant - loose, tenant.compounds.length, 0.8);
  const addBuilding = (communityId: string, compoundId: string | null, number: string, old: boolean) => {
    const ref: BuildingRef = { id: ids.next(), communityId, compoundId };
    ref.units = rng.int(1, old ? 3 : 4);
    ref.floors = old ? rng.int(4, 8) : rng.int(11, 33);
    tenant.buildings.push(ref);
    buildingRows.push({
      tenant_id: tenant.id,
      id: ref.id,
      community_id: communityId,
      compound_id: compoundId,
      number,
      units: ref.units,
      floors: ref.floors,
      ...node(),
    });
  };
  tenant.compounds.forEach((k, i) => {
    for (let b = 1; b <= inCompounds[i]!; b++)
      addBuilding(k.communityId, k.id, String(b), k.kind === 'open_old');
  });
  const loosePer = rng.split(loose, tenant.communities.length, 0.5);
  tenant.communities.forEach((c, i) => {
    for (let b = 1; b <= loosePer[i]!; b++) addBuilding(c.id, null, `散${b}`, true);
  });
  await ctx.insert('building', buildingRows);
}

/** One social-work station and its service points; the points together cover every community once. */
async function stations(ctx: StepContext, tenant: TenantRef) {
  const { scale, rng, ids, clock } = ctx;
  const row = (id: string, kind: string, parentId: string | null, name: string, on: string) => {
    const now = clock.iso(10);
    return {
      tenant_id: tenant.id,
      id,
      kind,
      parent_id: parentId,
      name,
      established_on: on,
      address: null,
      status: 'active',
      retired_at: null,
      created_at: now,
      updated_at: now,
      version: 1,
    };
  };
  const stationId = ids.next();
  const rows = [row(stationId, 'station', null, `${tenant.name}社工站`, '2017-07-01')];
  tenant.stations.push({ id: stationId, kind: 'station', communityIds: [] });
  const groups = rng.split(tenant.communities.length, scale.servicePointsPerTenant, 0.2);
  const cover: Record<string, unknown>[] = [];
  let next = 0;
  groups.forEach((size, i) => {
    const id = ids.next();
    const covers = tenant.communities.slice(next, next + size);
    next += size;
    const name = `${covers[0]!.name.replace('社区', '')}社工点`;
    rows.push(row(id, 'service_point', stationId, name, i < 3 ? '2017-07-01' : '2021-06-01'));
    tenant.stations.push({ id, kind: 'service_point', communityIds: covers.map((c) => c.id) });
    for (const c of covers)
      cover.push({ tenant_id: tenant.id, id: ids.next(), station_id: id, community_id: c.id });
  });
  await ctx.insert('station', rows);
  await ctx.insert('station_community', cover);
}

export const territoryStep: Step = {
  name: 'territory',
  async run(ctx) {
    await regionsAndTenants(ctx);
    for (const tenant of ctx.world.tenants) {
      await places(ctx, tenant);
      await stations(ctx, tenant);
    }
  },
};
