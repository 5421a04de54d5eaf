import { z } from 'zod';
import { Id, IdParams, IsoDate, IsoDateTime, ref, route, Status, text, Version } from './common';

const TAG = 'territory';

export const RegionLevel = z.enum(['province', 'city', 'district']);
export type RegionLevel = z.infer<typeof RegionLevel>;

/** 12-digit statistical division code (统计用区划代码). */
export const DivisionCode = z.string().regex(/^\d{12}$/, '须为12位统计用区划代码');
/** 9-digit township code (乡级代码): the first 9 digits of a township's statistical code. */
export const TownshipCode = z.string().regex(/^\d{9}$/, '须为9位乡级区划代码');
const Vintage = z.number().int().min(1980).max(2100);

export const Region = z.object({
  id: Id,
  parentId: Id.nullable(),
  level: RegionLevel,
  code: DivisionCode,
  name: z.string(),
  codeVintage: z.number().int(),
});
export type Region = z.infer<typeof Region>;
export const RegionCreate = z.object({
  parentId: ref('region').nullable().default(null),
  level: RegionLevel,
  code: DivisionCode,
  name: text(50),
  codeVintage: Vintage,
});

export const TenantKind = z.enum(['subdistrict', 'town']);
export const Tenant = z.object({
  id: Id,
  regionId: Id,
  code: TownshipCode,
  name: z.string(),
  kind: TenantKind,
  status: Status,
  version: Version,
});
export type Tenant = z.infer<typeof Tenant>;
export const TenantCreate = z.object({ regionId: ref('region'), code: TownshipCode, name: text(50) });
export const TenantUpdate = z.object({ name: text(50).optional(), version: Version });

const nodeBase = {
  id: Id,
  tenantId: Id,
  status: Status,
  retiredAt: IsoDateTime.nullable(),
  version: Version,
  updatedAt: IsoDateTime,
};

export const Community = z.object({
  ...nodeBase,
  code: DivisionCode,
  name: z.string(),
  codeVintage: z.number().int(),
});
export type Community = z.infer<typeof Community>;
export const CommunityCreate = z.object({
  tenantId: ref('tenant'),
  code: DivisionCode,
  name: text(50),
  codeVintage: Vintage,
});
export const CommunityUpdate = z.object({
  code: DivisionCode.optional(),
  name: text(50).optional(),
  codeVintage: Vintage.optional(),
  version: Version,
});

export const CompoundKind = z.enum(['open_old', 'closed_modern']);
export type CompoundKind = z.infer<typeof CompoundKind>;
export const Compound = z.object({
  ...nodeBase,
  communityId: Id,
  name: z.string(),
  kind: CompoundKind,
  propertyCompany: z.string().nullable(),
  address: z.string().nullable(),
});
export type Compound = z.infer<typeof Compound>;
export const CompoundCreate = z.object({
  communityId: ref('community'),
  name: text(60),
  kind: CompoundKind,
  propertyCompany: text(100).nullable().default(null),
  address: text(200).nullable().default(null),
});
export const CompoundUpdate = z.object({
  communityId: ref('community').optional(),
  name: text(60).optional(),
  kind: CompoundKind.optional(),
  propertyCompany: text(100).nullable().optional(),
  address: text(200).nullable().optional(),
  version: Version,
});

export const Building = z.object({
  ...nodeBase,
  communityId: Id,
  compoundId: Id.nullable(),
  number: z.string(),
  units: z.number().int(),
  floors: z.number().int(),
});
export type Building = z.infer<typeof Building>;
const BuildingNumber = z.string().trim().min(1).max(20);
export const BuildingCreate = z.object({
  communityId: ref('community'),
  compoundId: ref('compound').nullable().default(null),
  number: BuildingNumber,
  units: z.number().int().min(1).max(50),
  floors: z.number().int().min(1).max(150),
});
export const BuildingUpdate = z.object({
  communityId: ref('community').optional(),
  compoundId: ref('compound').nullable().optional(),
  number: BuildingNumber.optional(),
  units: z.number().int().min(1).max(50).optional(),
  floors: z.number().int().min(1).max(150).optional(),
  version: Version,
});

export const StationKind = z.enum(['station', 'service_point']);
export const Station = z.object({
  ...nodeBase,
  kind: StationKind,
  parentId: Id.nullable(),
  name: z.string(),
  establishedOn: IsoDate.nullable(),
  address: z.string().nullable(),
  communityIds: z.array(Id),
});
export type Station = z.infer<typeof Station>;
export const StationCreate = z.object({
  tenantId: ref('tenant'),
  kind: StationKind,
  parentId: ref('station').nullable().default(null),
  name: text(60),
  establishedOn: IsoDate.nullable().default(null),
  address: text(200).nullable().default(null),
  communityIds: z.array(ref('community')).max(200).default([]),
});
export const StationUpdate = z.object({
  parentId: ref('station').nullable().optional(),
  name: text(60).optional(),
  establishedOn: IsoDate.nullable().optional(),
  address: text(200).nullable().optional(),
  communityIds: z.array(ref('community')).max(200).optional(),
  version: Version,
});

export const RetireBody = z.object({ version: Version });

export const TenantQuery = z.object({ tenantId: Id.optional() });
export const CommunityListQuery = z.object({
  tenantId: Id.optional(),
  status: z.enum(['active', 'retired', 'all']).default('active'),
});

export const TreeBuilding = Building.pick({
  id: true,
  number: true,
  units: true,
  floors: true,
  status: true,
});
export const TreeCompound = Compound.pick({
  id: true,
  name: true,
  kind: true,
  propertyCompany: true,
  status: true,
}).extend({ buildings: z.array(TreeBuilding) });
export const TreeCommunity = Community.pick({ id: true, code: true, name: true, status: true }).extend({
  compounds: z.array(TreeCompound),
  looseBuildings: z.array(TreeBuilding),
});
export const TerritoryTree = z.object({
  tenant: Tenant,
  regions: z.array(Region),
  communities: z.array(TreeCommunity),
});
export type TerritoryTree = z.infer<typeof TerritoryTree>;

export const CoverageRow = z.object({
  communityId: Id,
  code: DivisionCode,
  name: z.string(),
  stations: z.array(z.object({ id: Id, name: z.string(), kind: StationKind })),
  socialWorkers: z.array(
    z.object({ userId: Id, displayName: z.string(), fundingSource: z.string().nullable() }),
  ),
  gaps: z.array(z.enum(['no_station', 'no_social_worker'])),
});
export const Coverage = z.object({
  tenantId: Id,
  summary: z.object({ communities: z.number(), withStation: z.number(), withSocialWorker: z.number() }),
  rows: z.array(CoverageRow),
});
export type Coverage = z.infer<typeof Coverage>;

export const CommunityDetail = Community.extend({
  compounds: z.array(Compound),
  buildings: z.array(Building),
  stations: z.array(Station.pick({ id: true, name: true, kind: true })),
  workers: z.array(
    z.object({ userId: Id, displayName: z.string(), role: z.string(), staffKind: z.string() }),
  ),
});

export const territoryRoutes = {
  listRegions: route({
    method: 'GET',
    path: '/api/v1/regions',
    tag: TAG,
    summary: '区划(省/市/区)',
    response: z.array(Region),
  }),
  createRegion: route({
    method: 'POST',
    path: '/api/v1/regions',
    tag: TAG,
    summary: '新建区划',
    body: RegionCreate,
    response: Region,
    status: 201,
  }),
  listTenants: route({
    method: 'GET',
    path: '/api/v1/tenants',
    tag: TAG,
    summary: '我可见的街道/镇',
    response: z.array(Tenant),
  }),
  createTenant: route({
    method: 'POST',
    path: '/api/v1/tenants',
    tag: TAG,
    summary: '新建街道/镇',
    body: TenantCreate,
    response: Tenant,
    status: 201,
  }),
  updateTenant: route({
    method: 'PATCH',
    path: '/api/v1/tenants/:id',
    tag: TAG,
    summary: '修改街道/镇',
    params: IdParams,
    body: TenantUpdate,
    response: Tenant,
  }),
  tree: route({
    method: 'GET',
    path: '/api/v1/territory/tree',
    tag: TAG,
    summary: '辖区树',
    query: TenantQuery,
    response: TerritoryTree,
  }),
  coverage: route({
    method: 'GET',
    path: '/api/v1/territory/coverage',
    tag: TAG,
    summary: '社工站点与一社区一社工覆盖',
    query: TenantQuery,
    response: Coverage,
  }),
  listCommunities: route({
    method: 'GET',
    path: '/api/v1/territory/communities',
    tag: TAG,
    summary: '社区列表',
    query: CommunityListQuery,
    response: z.array(Community),
  }),
  getCommunity: route({
    method: 'GET',
    path: '/api/v1/territory/communities/:id',
    tag: TAG,
    summary: '社区详情',
    params: IdParams,
    response: CommunityDetail,
  }),
  createCommunity: route({
    method: 'POST',
    path: '/api/v1/territory/communities',
    tag: TAG,
    summary: '新建社区',
    body: CommunityCreate,
    response: Community,
    status: 201,
  }),
  updateCommunity: route({
    method: 'PATCH',
    path: '/api/v1/territory/communities/:id',
    tag: TAG,
    summary: '修改社区',
    params: IdParams,
    body: CommunityUpdate,
    response: Community,
  }),
  retireCommunity: route({
    method: 'POST',
    path: '/api/v1/territory/communities/:id/retire',
    tag: TAG,
    summary: '撤销社区',
    params: IdParams,
    body: RetireBody,
    response: Community,
  }),
  restoreCommunity: route({
    method: 'POST',
    path: '/api/v1/territory/communities/:id/restore',
    tag: TAG,
    summary: '恢复社区',
    params: IdParams,
    body: RetireBody,
    response: Community,
  }),
  getCompound: route({
    method: 'GET',
    path: '/api/v1/territory/compounds/:id',
    tag: TAG,
    summary: '小区详情',
    params: IdParams,
    response: Compound,
  }),
  createCompound: route({
    method: 'POST',
    path: '/api/v1/territory/compounds',
    tag: TAG,
    summary: '新建小区',
    body: CompoundCreate,
    response: Compound,
    status: 201,
  }),
  updateCompound: route({
    method: 'PATCH',
    path: '/api/v1/territory/compounds/:id',
    tag: TAG,
    summary: '修改或迁移小区',
    params: IdParams,
    body: CompoundUpdate,
    response: Compound,
  }),
  retireCompound: route({
    method: 'POST',
    path: '/api/v1/territory/compounds/:id/retire',
    tag: TAG,
    summary: '撤销小区',
    params: IdParams,
    body: RetireBody,
    response: Compound,
  }),
  getBuilding: route({
    method: 'GET',
    path: '/api/v1/territory/buildings/:id',
    tag: TAG,
    summary: '楼栋详情',
    params: IdParams,
    response: Building,
  }),
  createBuilding: route({
    method: 'POST',
    path: '/api/v1/territory/buildings',
    tag: TAG,
    summary: '新建楼栋',
    body: BuildingCreate,
    response: Building,
    status: 201,
  }),
  updateBuilding: route({
    method: 'PATCH',
    path: '/api/v1/territory/buildings/:id',
    tag: TAG,
    summary: '修改或迁移楼栋',
    params: IdParams,
    body: BuildingUpdate,
    response: Building,
  }),
  retireBuilding: route({
    method: 'POST',
    path: '/api/v1/territory/buildings/:id/retire',
    tag: TAG,
    summary: '撤销楼栋',
    params: IdParams,
    body: RetireBody,
    response: Building,
  }),
  listStations: route({
    method: 'GET',
    path: '/api/v1/territory/stations',
    tag: TAG,
    summary: '社工站与社工点',
    query: TenantQuery,
    response: z.array(Station),
  }),
  createStation: route({
    method: 'POST',
    path: '/api/v1/territory/stations',
    tag: TAG,
    summary: '新建社工站/点',
    body: StationCreate,
    response: Station,
    status: 201,
  }),
  updateStation: route({
    method: 'PATCH',
    path: '/api/v1/territory/stations/:id',
    tag: TAG,
    summary: '修改社工站/点及覆盖社区',
    params: IdParams,
    body: StationUpdate,
    response: Station,
  }),
  retireStation: route({
    method: 'POST',
    path: '/api/v1/territory/stations/:id/retire',
    tag: TAG,
    summary: '撤销社工站/点',
    params: IdParams,
    body: RetireBody,
    response: Station,
  }),
} as const;
