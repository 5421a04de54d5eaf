import type { Building, Community, Compound, Region, Station, Tenant } from '../../../contracts/territory';
import {
  createBuilding,
  createCommunity,
  createCompound,
  createRegion,
  createStation,
  createTenant,
} from '../../modules/territory/index';
import { systemContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';

const ctx = () => systemContext();
let seq = 0;
const next = () => ++seq;

/** A province › city › district chain; codes are unique per call. */
export async function makeRegionChain(
  deps: Deps,
): Promise<{ province: Region; city: Region; district: Region }> {
  const n = next();
  const p2 = String(10 + (n % 80)).padStart(2, '0');
  const c2 = String(n % 100).padStart(2, '0');
  const province =
    (await findRegion(deps, `${p2}0000000000`)) ??
    (await createRegion(deps, ctx(), {
      parentId: null,
      level: 'province',
      code: `${p2}0000000000`,
      name: `测试省${n}`,
      codeVintage: 2023,
    }));
  const city = await createRegion(deps, ctx(), {
    parentId: province.id,
    level: 'city',
    code: `${p2}${c2}00000000`,
    name: `测试市${n}`,
    codeVintage: 2023,
  });
  const district = await createRegion(deps, ctx(), {
    parentId: city.id,
    level: 'district',
    code: `${p2}${c2}01000000`,
    name: `测试区${n}`,
    codeVintage: 2023,
  });
  return { province, city, district };
}

async function findRegion(deps: Deps, code: string): Promise<Region | null> {
  const row = await deps.db.selectFrom('region').selectAll().where('code', '=', code).executeTakeFirst();
  return row
    ? {
        id: row.id,
        parentId: row.parent_id,
        level: row.level,
        code: row.code,
        name: row.name,
        codeVintage: row.code_vintage,
      }
    : null;
}

export async function makeTenant(
  deps: Deps,
  opts: { district?: Region; name?: string } = {},
): Promise<Tenant> {
  const district = opts.district ?? (await makeRegionChain(deps)).district;
  const n = next();
  return createTenant(deps, ctx(), {
    regionId: district.id,
    code: `${district.code.slice(0, 6)}${String(n % 100).padStart(3, '0')}`,
    name: opts.name ?? `测试街道${n}`,
  });
}

export async function makeCommunity(deps: Deps, tenant: Tenant, name?: string): Promise<Community> {
  const n = next();
  return createCommunity(deps, ctx(), {
    tenantId: tenant.id,
    code: `${tenant.code}${String(n % 1000).padStart(3, '0')}`,
    name: name ?? `测试社区${n}`,
    codeVintage: 2023,
  });
}

export async function makeCompound(
  deps: Deps,
  community: Community,
  over: Partial<{ name: string; kind: 'open_old' | 'closed_modern' }> = {},
): Promise<Compound> {
  return createCompound(deps, ctx(), {
    communityId: community.id,
    name: over.name ?? `测试小区${next()}`,
    kind: over.kind ?? 'closed_modern',
    propertyCompany: null,
    address: null,
  });
}

export async function makeBuilding(deps: Deps, compound: Compound, number?: string): Promise<Building> {
  return createBuilding(deps, ctx(), {
    communityId: compound.communityId,
    compoundId: compound.id,
    number: number ?? String(next()),
    units: 2,
    floors: 6,
  });
}

export async function makeStation(
  deps: Deps,
  tenant: Tenant,
  communityIds: string[],
  kind: 'station' | 'service_point' = 'station',
  parentId: string | null = null,
): Promise<Station> {
  return createStation(deps, ctx(), {
    tenantId: tenant.id,
    kind,
    parentId,
    name: `测试社工站${next()}`,
    establishedOn: '2017-07-01',
    address: null,
    communityIds,
  });
}
