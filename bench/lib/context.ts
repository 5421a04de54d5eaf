import type { Kysely } from 'kysely';
import type { DialectName } from '../../server/db/dialect';
import { FixedClock, IdMaker, Rng } from './random';

export type ScaleName = 'subdistrict' | 'city';

/** Sizes per tenant and how many tenants; later modules add their own fields here. */
export interface Scale {
  name: ScaleName;
  tenants: number;
  districts: number;
  communitiesPerTenant: number;
  compoundsPerTenant: number;
  buildingsPerTenant: number;
  /** Share of buildings that stand outside any compound (open old streets). */
  looseBuildingShare: number;
  servicePointsPerTenant: number;
  staffPerTenant: number;
  personsPerTenant: number;
  householdsPerTenant: number;
}

const SUBDISTRICT: Omit<Scale, 'name' | 'tenants' | 'districts'> = {
  communitiesPerTenant: 28,
  compoundsPerTenant: 300,
  buildingsPerTenant: 3000,
  looseBuildingShare: 0.05,
  servicePointsPerTenant: 5,
  staffPerTenant: 100,
  personsPerTenant: 180_000,
  householdsPerTenant: 60_000,
};

/** The SECRET_KEY of the benchmark app (servers/app-server.ts): the people step seals with it, so the app can open. */
export const BENCH_SECRET_KEY = 'bench-secret-key-0123456789abcdef0123456789abcdef';

export function scaleOf(name: ScaleName, tenants?: number): Scale {
  if (name === 'subdistrict') return { name, tenants: tenants ?? 1, districts: 1, ...SUBDISTRICT };
  return { name, tenants: tenants ?? 85, districts: 8, ...SUBDISTRICT };
}

export interface RegionRef {
  id: string;
  code: string;
  name: string;
  level: 'province' | 'city' | 'district';
}
export interface CommunityRef {
  id: string;
  code: string;
  name: string;
}
export interface CompoundRef {
  id: string;
  communityId: string;
  name: string;
  kind: 'open_old' | 'closed_modern';
}
export interface BuildingRef {
  id: string;
  communityId: string;
  compoundId: string | null;
  units?: number;
  floors?: number;
}
export interface StationRef {
  id: string;
  kind: 'station' | 'service_point';
  communityIds: string[];
}
export interface TenantRef {
  index: number;
  id: string;
  code: string;
  name: string;
  regionId: string;
  communities: CommunityRef[];
  compounds: CompoundRef[];
  buildings: BuildingRef[];
  stations: StationRef[];
  /** Login names of a few accounts the load test signs in as. */
  accounts: { admin: string; socialWorker: string };
  /** What the load test searches for (set by the people step). */
  probes?: PeopleProbes;
  /** Who the case load targets sign in as (set by the cases step). */
  caseProbes?: { workerUsername: string; supervisorUsername: string };
}

/** Values the people load targets use: a person, a community + tag with results, a name and initials prefix. */
export interface PeopleProbes {
  personId: string;
  communityId: string;
  tag: string;
  surname: string;
  initials: string;
}

/** What earlier steps made, for later steps to hang their rows on. */
export interface World {
  regions: RegionRef[];
  cityRegionId: string | null;
  tenants: TenantRef[];
  platformAdminId: string | null;
  platformAdmin: string;
  password: string;
}

export interface StepContext {
  /** A transaction: the step's rows commit together. */
  db: Kysely<any>;
  dialect: DialectName;
  scale: Scale;
  world: World;
  /** This step's own generator (seeded by the run seed and the step's name). */
  rng: Rng;
  /** UUIDv7-shaped ids, deterministic for this step. */
  ids: IdMaker;
  /** Fixed ISO-8601 UTC timestamps. */
  clock: FixedClock;
  /** Inserts rows in multi-row batches and counts them under the table's name. */
  insert(table: string, rows: Record<string, unknown>[]): Promise<void>;
  log(message: string): void;
}

/** One part of the synthetic world. Each module adds its own step (people, cases, issues…). */
export interface Step {
  name: string;
  run(ctx: StepContext): Promise<void>;
}

/** 2026-01-01T00:00:00Z: every synthetic id and timestamp counts from here. */
export const EPOCH_MS = Date.UTC(2026, 0, 1);

/** Bound parameters per statement stay below SQLite's 32,766 and PostgreSQL's 65,535. */
export function batchRows(columns: number, dialect: DialectName): number {
  const maxParams = dialect === 'sqlite' ? 30_000 : 60_000;
  return Math.max(1, Math.min(1000, Math.floor(maxParams / Math.max(1, columns))));
}

export function stepTools(seed: string, stepName: string, stepIndex: number) {
  const rng = new Rng(`${seed}:${stepName}`);
  return {
    rng,
    ids: new IdMaker(rng.fork('ids'), EPOCH_MS + stepIndex * 86_400_000),
    clock: new FixedClock(EPOCH_MS + stepIndex * 86_400_000),
  };
}
