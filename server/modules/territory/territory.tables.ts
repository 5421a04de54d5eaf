import type { Kysely } from 'kysely';

interface Node {
  tenant_id: string;
  id: string;
  status: 'active' | 'retired';
  retired_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface RegionRow {
  id: string;
  parent_id: string | null;
  level: 'province' | 'city' | 'district';
  code: string;
  name: string;
  code_vintage: number;
  created_at: string;
}

export interface TenantRow {
  id: string;
  region_id: string;
  code: string;
  name: string;
  kind: 'subdistrict' | 'town';
  status: 'active' | 'retired';
  created_at: string;
  updated_at: string;
  version: number;
}

export interface CommunityRow extends Node {
  code: string;
  name: string;
  code_vintage: number;
}

export interface CompoundRow extends Node {
  community_id: string;
  name: string;
  kind: 'open_old' | 'closed_modern';
  property_company: string | null;
  address: string | null;
}

export interface BuildingRow extends Node {
  community_id: string;
  compound_id: string | null;
  number: string;
  units: number;
  floors: number;
}

export interface StationRow extends Node {
  kind: 'station' | 'service_point';
  parent_id: string | null;
  name: string;
  established_on: string | null;
  address: string | null;
}

export interface StationCommunityRow {
  tenant_id: string;
  id: string;
  station_id: string;
  community_id: string;
}

export interface TerritoryTables {
  region: RegionRow;
  tenant: TenantRow;
  community: CommunityRow;
  compound: CompoundRow;
  building: BuildingRow;
  station: StationRow;
  station_community: StationCommunityRow;
}

export type TerritoryDb = Kysely<TerritoryTables>;
