/**
 * A valid request for every registered route, per place (own place, another place in the same
 * tenant, another tenant), and who may make it: shared by the authorization matrix (ids in paths)
 * and the body-reference battery (ids in bodies). Call useRouteSpecs() once the app and the world
 * exist; each target builds fresh fixtures through the app or the modules' own use cases.
 */
import { accountsRoutes } from '../../contracts/accounts';
import { auditRoutes } from '../../contracts/audit';
import { caseRoutes as cr } from '../../contracts/cases';
import type { RefKind, RouteDef } from '../../contracts/common';
import { governanceRoutes as g, interopRoutes as io } from '../../contracts/governance';
import {
  peopleRoutes as pr,
  peopleRightsRoutes as prr,
  peopleTagRoutes as ptr,
} from '../../contracts/people';
import { peopleIoRoutes as pio } from '../../contracts/people-io';
import { territoryRoutes as t } from '../../contracts/territory';
import { createGrant } from '../modules/accounts/index';
import { categoriesOf } from '../modules/governance/index';
import { retireCommunity } from '../modules/territory/index';
import { systemContext } from '../platform/context';
import type { TestApp } from './build-test-app';
import { login, makeUser } from './factories/accounts.factory';
import { makeCase } from './factories/cases.factory';
import { makePerson, residentId } from './factories/people.factory';
import { csvFile, importFile } from './factories/people-io.factory';
import { makeBuilding, makeCommunity, makeCompound, makeStation } from './factories/territory.factory';
import { MATRIX_ROLES, type MatrixRole, type World } from './world';

export type Where = 'own' | 'other' | 'otherTenant';
export type Req = {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
};
export interface Spec {
  allow: Record<Where, readonly MatrixRole[]>;
  target?: (w: World, where: Where) => Promise<Req> | Req;
  /** Statuses that mean "the policy let it through" (default: 2xx). */
  ok?: number[];
  freshSession?: boolean;
}

export const ALL = MATRIX_ROLES;
const P = ['platform_admin'] as const;
const ADMIN = ['platform_admin', 'tenant_admin'] as const;
const WRITE_OWN = ['platform_admin', 'tenant_admin', 'community_worker'] as const;
const USERS_READ = [
  'platform_admin',
  'region_viewer',
  'tenant_admin',
  'subdistrict_officer',
  'station_head',
  'supervisor',
  'social_worker',
  'community_worker',
] as const;
const VERIFY = ['platform_admin', 'region_viewer', 'tenant_admin'] as const;
const PREAD_OWN = [
  'platform_admin',
  'region_viewer',
  'tenant_admin',
  'subdistrict_officer',
  'station_head',
  'supervisor',
  'social_worker',
  'community_worker',
  'building_leader',
] as const;
const PREAD_OTHER = ['platform_admin', 'region_viewer', 'tenant_admin', 'subdistrict_officer'] as const;
const PWRITE = ['platform_admin', 'tenant_admin', 'social_worker', 'community_worker'] as const;
const PREVEAL = [
  'platform_admin',
  'tenant_admin',
  'station_head',
  'supervisor',
  'social_worker',
  'community_worker',
] as const;
/** Governance: read where the record is, work (report, handle, meet) at one's own place. */
const GREAD_OWN = PREAD_OWN;
const GREAD_OTHER = PREAD_OTHER;
const GWORK_OWN = [
  'platform_admin',
  'tenant_admin',
  'subdistrict_officer',
  'social_worker',
  'community_worker',
  'building_leader',
] as const;
const GWORK_OTHER = ['platform_admin', 'tenant_admin', 'subdistrict_officer'] as const;
const GREPORT_OWN = [...GWORK_OWN, 'resident'] as const;
const same = (r: readonly MatrixRole[]) => ({ own: r, other: r, otherTenant: r });
const local = (own: readonly MatrixRole[], other: readonly MatrixRole[]) => ({ own, other, otherTenant: P });

export const PUBLIC = new Set<RouteDef>([
  accountsRoutes.setupStatus,
  accountsRoutes.setup,
  accountsRoutes.login,
]);

let ta: TestApp;
let w: World;
let n = 0;
export const fresh = () => ++n;

/** The app and world the targets below build their fixtures in (call once per test file). */
export function useRouteSpecs(app: TestApp, world: World): void {
  ta = app;
  w = world;
  staff = null;
  extra = null;
}

export const pick = <T>(where: Where, own: T, other: T, otherTenant: T) =>
  where === 'own' ? own : where === 'other' ? other : otherTenant;
export const tenantOf = (w: World, where: Where) => pick(where, w.tenantA, w.tenantA, w.tenantB);
export const buildingOf = (w: World, where: Where) => pick(where, w.b1, w.b2, w.bb);
export const freshPerson = (w: World, where: Where) =>
  makePerson(ta.deps, { tenantId: tenantOf(w, where).id, buildingId: buildingOf(w, where).id });
export const freshHousehold = async (w: World, where: Where) =>
  (
    await ta.app.inject({
      method: 'POST',
      url: '/api/v1/households',
      headers: { cookie: w.cookies.platform_admin },
      payload: { tenantId: tenantOf(w, where).id, buildingId: buildingOf(w, where).id, room: '101' },
    })
  ).json();
/** A finished import job (one bad row, so it has an error report) created by the platform admin. */
const failedImport = async (w: World, where: Where) =>
  (await importFile(ta.app, w.cookies.platform_admin, tenantOf(w, where).id, csvFile([{ 姓名: '' }]))).job!
    .id;
/** Governance fixtures, made by the platform admin through the API. */
export const asAdmin = async (method: 'GET' | 'POST' | 'PUT', path: string, payload?: object) => {
  const res = await ta.app.inject({
    method,
    url: path,
    headers: { cookie: w.cookies.platform_admin },
    ...(payload ? { payload } : {}),
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
  return res.json();
};
export const categoryOf = async (w: World, where: Where, code = 'sanitation') =>
  (await categoriesOf(ta.deps, tenantOf(w, where).id)).find((c) => c.code === code)!;
export const freshIssue = async (w: World, where: Where, moves: string[] = []) => {
  let i = await asAdmin('POST', '/api/v1/governance/issues', {
    tenantId: tenantOf(w, where).id,
    buildingId: buildingOf(w, where).id,
    categoryId: (await categoryOf(w, where)).id,
    title: '楼道堆物',
    description: '楼道里堆放杂物',
  });
  for (const to of moves)
    i = await asAdmin('POST', `/api/v1/governance/issues/${i.id}/transition`, { to, version: i.version });
  return i;
};
export const freshBody = async (w: World, where: Where) =>
  asAdmin('POST', '/api/v1/governance/bodies', {
    tenantId: tenantOf(w, where).id,
    kind: 'building_leaders',
    name: `楼长议事会${fresh()}`,
    ownerKind: 'building',
    ownerId: buildingOf(w, where).id,
  });
export const freshMeeting = async (w: World, where: Where) =>
  asAdmin('POST', '/api/v1/governance/meetings', {
    bodyId: (await freshBody(w, where)).id,
    kind: 'building_deliberation',
    title: '楼长议事会',
    startsAt: '2026-12-01T11:00:00.000Z',
    location: '党群服务站',
  });
export const version = async (table: string, id: string) =>
  Number(
    (await ta.deps.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow())
      .version,
  );

/** Who works a case at each place: the world's own worker and supervisor at A1, extra staff elsewhere. */
let staff: {
  ids: Record<'own' | 'other' | 'otherTenant', [string, string]>;
  cookies: Record<Where, string>;
} | null = null;
export async function caseStaff(w: World) {
  if (staff) return staff;
  const swA2 = await makeUser(ta.deps, {
    homeTenantId: w.tenantA.id,
    grants: [{ role: 'social_worker', scopeKind: 'community', scopeId: w.a2.id }],
  });
  const supA = await makeUser(ta.deps, {
    homeTenantId: w.tenantA.id,
    grants: [{ role: 'supervisor', scopeKind: 'tenant', scopeId: w.tenantA.id }],
  });
  const swB = await makeUser(ta.deps, {
    homeTenantId: w.tenantB.id,
    grants: [{ role: 'social_worker', scopeKind: 'community', scopeId: w.b1c.id }],
  });
  const supB = await makeUser(ta.deps, {
    homeTenantId: w.tenantB.id,
    grants: [{ role: 'supervisor', scopeKind: 'tenant', scopeId: w.tenantB.id }],
  });
  staff = {
    ids: {
      own: [w.users.social_worker.id, w.users.supervisor.id],
      other: [swA2.id, supA.id],
      otherTenant: [swB.id, supB.id],
    },
    cookies: {
      own: w.cookies.social_worker,
      other: await login(ta.app, swA2.username),
      otherTenant: await login(ta.app, swB.username),
    },
  };
  return staff;
}
/** A fresh case at intake at the place, and a way to act on it as its own worker. */
export async function caseAt(w: World, where: Where) {
  const s = await caseStaff(w);
  const [workerId, supervisorId] = s.ids[where];
  const c = await makeCase(ta.deps, {
    tenantId: tenantOf(w, where).id,
    buildingId: buildingOf(w, where).id,
    workerId,
    supervisorId,
  });
  const asWorker = async (method: 'POST' | 'PUT', path: string, payload: object) => {
    const res = await ta.app.inject({ method, url: path, headers: { cookie: s.cookies[where] }, payload });
    if (res.statusCode >= 300) throw new Error(`${path}: ${res.body}`);
    return res.json();
  };
  return { c, asWorker, supervisorId };
}
export const setCaseStage = (id: string, stage: string) =>
  ta.deps.db.updateTable('case_file').set({ stage }).where('id', '=', id).execute();
const FILE_OWN = ['platform_admin', 'station_head', 'supervisor', 'social_worker'] as const;
const caseFile = { allow: local(FILE_OWN, P) };
export const fundingAt = async (w: World, where: Where) => {
  const { c, asWorker } = await caseAt(w, where);
  return asWorker('POST', `/api/v1/cases/${c.id}/funding`, {
    amountFen: 1000,
    purpose: '交通',
    justification: '陪同就医',
  });
};
export const PDF = Buffer.from('%PDF-1.4\n测试');

export const specs = new Map<RouteDef, Spec>([
  [t.listRegions, { allow: same(ALL) }],
  [
    t.createRegion,
    {
      allow: same(P),
      target: () => ({
        body: {
          parentId: null,
          level: 'province',
          code: `${60 + (fresh() % 39)}0000000000`,
          name: `省${n}`,
          codeVintage: 2023,
        },
      }),
    },
  ],
  [t.listTenants, { allow: same(ALL) }],
  [
    t.createTenant,
    {
      allow: same(P),
      target: (w) => ({
        body: {
          regionId: w.districtA.id,
          code: `${w.districtA.code.slice(0, 6)}${String(100 + fresh()).slice(-3)}`,
          name: `新街道${n}`,
        },
      }),
    },
  ],
  [
    t.updateTenant,
    {
      allow: same(P),
      target: async (w, where) => {
        const id = tenantOf(w, where).id;
        return { params: { id }, body: { version: await version('tenant', id) } };
      },
    },
  ],
  [
    t.tree,
    { allow: local(ALL, ALL), target: (w, where) => ({ query: { tenantId: tenantOf(w, where).id } }) },
  ],
  [
    t.coverage,
    { allow: local(ALL, ALL), target: (w, where) => ({ query: { tenantId: tenantOf(w, where).id } }) },
  ],
  [
    t.listCommunities,
    { allow: local(ALL, ALL), target: (w, where) => ({ query: { tenantId: tenantOf(w, where).id } }) },
  ],
  [
    t.listStations,
    { allow: local(ALL, ALL), target: (w, where) => ({ query: { tenantId: tenantOf(w, where).id } }) },
  ],
  [
    t.getCommunity,
    { allow: local(ALL, ALL), target: (w, where) => ({ params: { id: pick(where, w.a1, w.a2, w.b1c).id } }) },
  ],
  [
    t.createCommunity,
    {
      allow: local(ADMIN, ADMIN),
      target: (w, where) => {
        const tn = tenantOf(w, where);
        return {
          body: {
            tenantId: tn.id,
            code: `${tn.code}${String(500 + fresh())}`,
            name: `新社区${n}`,
            codeVintage: 2023,
          },
        };
      },
    },
  ],
  [
    t.updateCommunity,
    {
      allow: local(WRITE_OWN, ADMIN),
      target: async (w, where) => {
        const c = pick(where, w.a1, w.a2, w.b1c);
        return { params: { id: c.id }, body: { name: c.name, version: await version('community', c.id) } };
      },
    },
  ],
  [
    t.retireCommunity,
    {
      allow: local(ADMIN, ADMIN),
      target: async (w, where) => {
        const c = await makeCommunity(ta.deps, tenantOf(w, where));
        return { params: { id: c.id }, body: { version: c.version } };
      },
    },
  ],
  [
    t.restoreCommunity,
    {
      allow: local(ADMIN, ADMIN),
      target: async (w, where) => {
        const c = await makeCommunity(ta.deps, tenantOf(w, where));
        const r = await retireCommunity(ta.deps, systemContext(), c.id, c.version);
        return { params: { id: c.id }, body: { version: r.version } };
      },
    },
  ],
  [
    t.getCompound,
    { allow: local(ALL, ALL), target: (w, where) => ({ params: { id: pick(where, w.k1, w.k2, w.kb).id } }) },
  ],
  [
    t.createCompound,
    {
      allow: local(WRITE_OWN, ADMIN),
      target: (w, where) => ({
        body: { communityId: pick(where, w.a1, w.a2, w.b1c).id, name: `小区${fresh()}`, kind: 'open_old' },
      }),
    },
  ],
  [
    t.updateCompound,
    {
      allow: local(WRITE_OWN, ADMIN),
      target: async (w, where) => {
        const k = pick(where, w.k1, w.k2, w.kb);
        return { params: { id: k.id }, body: { version: await version('compound', k.id) } };
      },
    },
  ],
  [
    t.retireCompound,
    {
      allow: local(WRITE_OWN, ADMIN),
      target: async (w, where) => {
        const k = await makeCompound(ta.deps, pick(where, w.a1, w.a2, w.b1c));
        return { params: { id: k.id }, body: { version: 1 } };
      },
    },
  ],
  [
    t.getBuilding,
    { allow: local(ALL, ALL), target: (w, where) => ({ params: { id: pick(where, w.b1, w.b2, w.bb).id } }) },
  ],
  [
    t.createBuilding,
    {
      allow: local(WRITE_OWN, ADMIN),
      target: (w, where) => {
        const k = pick(where, w.k1, w.k2, w.kb);
        return {
          body: { communityId: k.communityId, compoundId: k.id, number: `B${fresh()}`, units: 2, floors: 6 },
        };
      },
    },
  ],
  [
    t.updateBuilding,
    {
      allow: local(WRITE_OWN, ADMIN),
      target: async (w, where) => {
        const b = pick(where, w.b1, w.b2, w.bb);
        return { params: { id: b.id }, body: { version: await version('building', b.id) } };
      },
    },
  ],
  [
    t.retireBuilding,
    {
      allow: local(WRITE_OWN, ADMIN),
      target: async (w, where) => {
        const b = await makeBuilding(ta.deps, pick(where, w.k1, w.k2, w.kb), `R${fresh()}`);
        return { params: { id: b.id }, body: { version: 1 } };
      },
    },
  ],
  [
    t.createStation,
    {
      allow: local(ADMIN, ADMIN),
      target: (w, where) => ({
        body: { tenantId: tenantOf(w, where).id, kind: 'station', name: `站${fresh()}` },
      }),
    },
  ],
  [
    t.updateStation,
    {
      allow: local(ADMIN, ADMIN),
      target: async (w, where) => {
        const s = pick(where, w.station, w.station, w.stationB);
        return { params: { id: s.id }, body: { version: await version('station', s.id) } };
      },
    },
  ],
  [
    t.retireStation,
    {
      allow: local(ADMIN, ADMIN),
      target: async (w, where) => {
        const s = await makeStation(ta.deps, tenantOf(w, where), []);
        return { params: { id: s.id }, body: { version: 1 } };
      },
    },
  ],
  [accountsRoutes.me, { allow: same(ALL) }],
  [accountsRoutes.catalog, { allow: same(ALL) }],
  [accountsRoutes.logout, { allow: same(ALL), freshSession: true }],
  [
    accountsRoutes.changePassword,
    {
      allow: same(ALL),
      ok: [400],
      target: () => ({ body: { currentPassword: 'not-the-password', newPassword: 'another-long-password' } }),
    },
  ],
  [accountsRoutes.listUsers, { allow: same(ALL) }],
  [
    accountsRoutes.getUser,
    {
      allow: local(USERS_READ, USERS_READ),
      target: (w, where) => ({ params: { id: pick(where, w.userA, w.userA, w.userB).id } }),
    },
  ],
  [
    accountsRoutes.createUser,
    {
      allow: local(ADMIN, ADMIN),
      target: (w, where) => ({
        body: {
          username: `new${fresh()}`,
          displayName: '新人',
          staffKind: 'volunteer',
          homeTenantId: tenantOf(w, where).id,
          password: 'a-long-enough-password',
        },
      }),
    },
  ],
  [
    accountsRoutes.updateUser,
    {
      allow: local(ADMIN, ADMIN),
      target: async (w, where) => {
        const u = pick(where, w.userA, w.userA, w.userB);
        return { params: { id: u.id }, body: { version: await version('app_user', u.id) } };
      },
    },
  ],
  [
    accountsRoutes.resetPassword,
    {
      allow: local(ADMIN, ADMIN),
      target: (w, where) => ({
        params: { id: pick(where, w.userA, w.userA, w.userB).id },
        body: { password: 'reset-password-123' },
      }),
    },
  ],
  [
    accountsRoutes.createGrant,
    {
      allow: local(ADMIN, ADMIN),
      target: async (w, where) => {
        const tn = tenantOf(w, where);
        const u = await makeUser(ta.deps, { homeTenantId: tn.id });
        return { params: { id: u.id }, body: { role: 'volunteer', scopeKind: 'tenant', scopeId: tn.id } };
      },
    },
  ],
  [
    accountsRoutes.revokeGrant,
    {
      allow: local(ADMIN, ADMIN),
      target: async (w, where) => {
        const tn = tenantOf(w, where);
        const u = await makeUser(ta.deps, { homeTenantId: tn.id });
        const g = await createGrant(ta.deps, systemContext(), u.id, {
          role: 'volunteer',
          scopeKind: 'tenant',
          scopeId: tn.id,
        });
        return { params: { id: g.id } };
      },
    },
  ],
  [pr.search, { allow: same(ALL) }],
  [
    pr.lookupById,
    {
      allow: same(ALL),
      target: (w, where) => ({
        body: { tenantId: tenantOf(w, where).id, idType: 'resident_id', idNumber: residentId() },
      }),
    },
  ],
  [
    pr.get,
    {
      allow: local(PREAD_OWN, PREAD_OTHER),
      target: async (w, where) => ({ params: { id: (await freshPerson(w, where)).id } }),
    },
  ],
  [
    pr.create,
    {
      allow: local(PWRITE, ['platform_admin', 'tenant_admin']),
      target: (w, where) => ({
        body: {
          tenantId: tenantOf(w, where).id,
          name: `新居民${'甲乙丙丁戊己庚辛'[fresh() % 8]}`,
          buildingId: buildingOf(w, where).id,
          idType: 'resident_id',
          idNumber: residentId(),
        },
      }),
    },
  ],
  [
    pr.update,
    {
      allow: local(PWRITE, ['platform_admin', 'tenant_admin']),
      target: async (w, where) => {
        const p = await freshPerson(w, where);
        return { params: { id: p.id }, body: { notes: '更正', version: p.version } };
      },
    },
  ],
  [
    pr.changeStatus,
    {
      allow: local(PWRITE, ['platform_admin', 'tenant_admin']),
      target: async (w, where) => {
        const p = await freshPerson(w, where);
        return { params: { id: p.id }, body: { status: 'moved_out', version: p.version } };
      },
    },
  ],
  [
    pr.reveal,
    {
      allow: local(PREVEAL, ['platform_admin', 'tenant_admin']),
      target: async (w, where) => ({
        params: { id: (await freshPerson(w, where)).id },
        body: { fields: ['idNumber'], purpose: '入户走访核对身份' },
      }),
    },
  ],
  [
    pr.listConsents,
    {
      allow: local(PREAD_OWN, PREAD_OTHER),
      target: async (w, where) => ({ params: { id: (await freshPerson(w, where)).id } }),
    },
  ],
  [
    pr.addConsent,
    {
      allow: local(PWRITE, ['platform_admin', 'tenant_admin']),
      target: async (w, where) => ({
        params: { id: (await freshPerson(w, where)).id },
        body: { purpose: 'processing', givenBy: 'self' },
      }),
    },
  ],
  [
    pr.withdrawConsent,
    {
      allow: local(PWRITE, ['platform_admin', 'tenant_admin']),
      target: async (w, where) => {
        const p = await freshPerson(w, where);
        const c = await ta.app.inject({
          method: 'POST',
          url: `/api/v1/people/${p.id}/consents`,
          headers: { cookie: w.cookies.platform_admin },
          payload: { purpose: 'sharing', givenBy: 'self' },
        });
        return { params: { id: c.json().id } };
      },
    },
  ],
  [
    pr.tags,
    { allow: local(ALL, ALL), target: (w, where) => ({ query: { tenantId: tenantOf(w, where).id } }) },
  ],
  [
    pr.createHousehold,
    {
      allow: local(PWRITE, ['platform_admin', 'tenant_admin']),
      target: (w, where) => ({
        body: { tenantId: tenantOf(w, where).id, buildingId: buildingOf(w, where).id, room: '502' },
      }),
    },
  ],
  [
    pr.getHousehold,
    {
      allow: local(PREAD_OWN, PREAD_OTHER),
      target: async (w, where) => ({ params: { id: (await freshHousehold(w, where)).id } }),
    },
  ],
  [
    pr.addHouseholdMember,
    {
      allow: local(PWRITE, ['platform_admin', 'tenant_admin']),
      target: async (w, where) => ({
        params: { id: (await freshHousehold(w, where)).id },
        body: { personId: (await freshPerson(w, where)).id, relation: 'head' },
      }),
    },
  ],
  [
    prr.getVolunteer,
    {
      allow: local(PREAD_OWN, PREAD_OTHER),
      target: async (w, where) => {
        const p = await freshPerson(w, where);
        await ta.app.inject({
          method: 'PUT',
          url: `/api/v1/people/${p.id}/volunteer`,
          headers: { cookie: w.cookies.platform_admin },
          payload: { registeredOn: '2024-03-05' },
        });
        return { params: { id: p.id } };
      },
    },
  ],
  [
    prr.saveVolunteer,
    {
      allow: local(PWRITE, ['platform_admin', 'tenant_admin']),
      target: async (w, where) => ({
        params: { id: (await freshPerson(w, where)).id },
        body: { registeredOn: '2024-03-05', skills: ['理发'] },
      }),
    },
  ],
  [
    prr.subjectExport,
    {
      allow: local(PREVEAL, ['platform_admin', 'tenant_admin']),
      target: async (w, where) => ({
        params: { id: (await freshPerson(w, where)).id },
        body: { purpose: '本人申请查阅' },
      }),
    },
  ],
  [
    prr.subjectExportXlsx,
    {
      allow: local(PREVEAL, ['platform_admin', 'tenant_admin']),
      target: async (w, where) => ({
        params: { id: (await freshPerson(w, where)).id },
        body: { purpose: '本人申请复制' },
      }),
    },
  ],
  [
    prr.erase,
    {
      allow: local(
        ['platform_admin', 'tenant_admin', 'community_worker'],
        ['platform_admin', 'tenant_admin'],
      ),
      target: async (w, where) => {
        const p = await freshPerson(w, where);
        return { params: { id: p.id }, body: { reason: '本人申请删除', version: p.version } };
      },
    },
  ],
  [
    prr.getRetention,
    {
      allow: local(['platform_admin', 'tenant_admin'], ['platform_admin', 'tenant_admin']),
      target: (w, where) => ({ query: { tenantId: tenantOf(w, where).id } }),
    },
  ],
  [
    prr.setRetention,
    {
      allow: local(['platform_admin', 'tenant_admin'], ['platform_admin', 'tenant_admin']),
      target: (w, where) => ({
        body: {
          tenantId: tenantOf(w, where).id,
          settings: [{ recordType: 'person_moved_out', keepDays: 1000 }],
        },
      }),
    },
  ],
  [
    prr.purge,
    {
      allow: local(['platform_admin', 'tenant_admin'], ['platform_admin', 'tenant_admin']),
      target: (w, where) => ({ body: { tenantId: tenantOf(w, where).id } }),
    },
  ],
  [
    pio.importTemplate,
    { allow: local(ALL, ALL), target: (w, where) => ({ query: { tenantId: tenantOf(w, where).id } }) },
  ],
  [
    pio.startImport,
    {
      allow: local(PWRITE, PWRITE),
      target: (w, where) => ({
        query: { tenantId: tenantOf(w, where).id },
        headers: { 'content-type': 'text/csv' },
        body: csvFile([
          {
            姓名: '矩阵导入',
            社区统计代码: pick(where, w.a1, w.a2, w.b1c).code,
            小区: pick(where, w.k1, w.k2, w.kb).name,
            楼栋号: buildingOf(w, where).number,
          },
        ]),
      }),
    },
  ],
  [
    pio.startExport,
    {
      allow: local(['platform_admin', 'tenant_admin', 'community_worker'], ADMIN),
      target: (w, where) => ({
        body: { tenantId: tenantOf(w, where).id, communityId: pick(where, w.a1, w.a2, w.b1c).id },
      }),
    },
  ],
  [
    pio.getJob,
    {
      allow: local(ADMIN, ADMIN),
      target: async (w, where) => ({ params: { id: await failedImport(w, where) } }),
    },
  ],
  [
    pio.jobFile,
    {
      allow: local(ADMIN, ADMIN),
      target: async (w, where) => ({ params: { id: await failedImport(w, where) } }),
    },
  ],
  [
    ptr.createTag,
    {
      allow: local(['platform_admin', 'tenant_admin'], ['platform_admin', 'tenant_admin']),
      target: (w, where) => ({
        body: {
          tenantId: tenantOf(w, where).id,
          code: `local_${fresh()}`,
          name: '本地标签',
          sensitive: false,
        },
      }),
    },
  ],
  [
    ptr.updateTag,
    {
      allow: local(['platform_admin', 'tenant_admin'], ['platform_admin', 'tenant_admin']),
      target: (w, where) => ({
        params: { code: 'veteran' },
        query: { tenantId: tenantOf(w, where).id },
        body: { name: '退役军人' },
      }),
    },
  ],
  [
    cr.settings,
    { allow: local(ALL, ALL), target: (w, where) => ({ query: { tenantId: tenantOf(w, where).id } }) },
  ],
  [
    cr.saveSettings,
    {
      allow: local(ADMIN, ADMIN),
      target: async (w, where) => {
        const tenantId = tenantOf(w, where).id;
        const cur = (
          await ta.app.inject({
            method: 'GET',
            url: `/api/v1/cases/settings?tenantId=${tenantId}`,
            headers: { cookie: w.cookies.platform_admin },
          })
        ).json();
        return { body: { ...cur, tenantId } };
      },
    },
  ],
  [cr.list, { allow: same(ALL) }],
  [cr.myTasks, { allow: same(ALL) }],
  [cr.myApprovals, { allow: same(ALL) }],
  [cr.overdue, { allow: same(ALL) }],
  [cr.exportCsv, { allow: same(ALL) }],
  [
    cr.create,
    {
      allow: local(['platform_admin', 'station_head', 'social_worker'], P),
      target: async (w, where) => {
        const s = await caseStaff(w);
        const person = await freshPerson(w, where);
        return {
          body: {
            subjectKind: 'person',
            personId: person.id,
            referralSource: 'self',
            presentingProblem: '求助',
            riskLevel: 'low',
            intakeOn: '2026-11-01',
            supervisorId: s.ids[where][1],
          },
        };
      },
    },
  ],
  [cr.get, { ...caseFile, target: async (w, where) => ({ params: { id: (await caseAt(w, where)).c.id } }) }],
  [
    cr.update,
    {
      ...caseFile,
      target: async (w, where) => {
        const { c } = await caseAt(w, where);
        return { params: { id: c.id }, body: { riskLevel: 'high', version: c.version } };
      },
    },
  ],
  [
    cr.transition,
    {
      ...caseFile,
      target: async (w, where) => {
        const { c } = await caseAt(w, where);
        return { params: { id: c.id }, body: { to: 'not_opened', version: c.version } };
      },
    },
  ],
  [
    cr.decide,
    {
      allow: local(['platform_admin', 'station_head', 'supervisor'], P),
      target: async (w, where) => {
        const { c, asWorker } = await caseAt(w, where);
        const pending = await asWorker('POST', `/api/v1/cases/${c.id}/transitions`, {
          to: 'assessment',
          version: c.version,
        });
        return {
          params: { id: c.id, approvalId: pending.pendingApproval.id },
          body: { decision: 'approve' },
        };
      },
    },
  ],
  [
    cr.addRecord,
    {
      ...caseFile,
      target: async (w, where) => {
        const { c } = await caseAt(w, where);
        await setCaseStage(c.id, 'evaluation');
        return {
          params: { id: c.id },
          body: { kind: 'evaluation', goalsMet: 'partly', summary: '部分达成' },
        };
      },
    },
  ],
  [
    cr.addMandatoryReport,
    {
      ...caseFile,
      target: async (w, where) => ({
        params: { id: (await caseAt(w, where)).c.id },
        body: {
          reportedTo: '派出所',
          reportedAt: '2026-11-20T08:00:00.000Z',
          reportedBy: '社工',
          channel: 'phone',
        },
      }),
    },
  ],
  [
    cr.addService,
    {
      ...caseFile,
      target: async (w, where) => ({
        params: { id: (await caseAt(w, where)).c.id },
        body: { type: 'phone_check', date: '2026-11-02', durationMin: 15, notes: '电话问候' },
      }),
    },
  ],
  [
    cr.addMember,
    {
      ...caseFile,
      target: async (w, where) => ({
        params: { id: (await caseAt(w, where)).c.id },
        body: { kind: 'external', name: '李主任', organization: '居委会', role: 'org_contact' },
      }),
    },
  ],
  [
    cr.removeMember,
    {
      ...caseFile,
      target: async (w, where) => {
        const { c, asWorker } = await caseAt(w, where);
        const file = await asWorker('POST', `/api/v1/cases/${c.id}/team`, {
          kind: 'external',
          name: '李主任',
          role: 'org_contact',
        });
        return {
          params: {
            id: c.id,
            memberId: file.team.find((m: { role: string }) => m.role === 'org_contact').id,
          },
        };
      },
    },
  ],
  [
    cr.addConference,
    {
      ...caseFile,
      target: async (w, where) => ({
        params: { id: (await caseAt(w, where)).c.id },
        body: { heldOn: '2026-11-02', discussion: '讨论', decisions: '决定' },
      }),
    },
  ],
  [
    cr.matches,
    { ...caseFile, target: async (w, where) => ({ params: { id: (await caseAt(w, where)).c.id } }) },
  ],
  [
    cr.requestFunding,
    {
      ...caseFile,
      target: async (w, where) => ({
        params: { id: (await caseAt(w, where)).c.id },
        body: { amountFen: 1000, purpose: '交通', justification: '陪同就医' },
      }),
    },
  ],
  [
    cr.addAttachment,
    {
      ...caseFile,
      target: async (w, where) => ({
        params: { id: (await fundingAt(w, where)).id },
        query: { name: '票据.pdf' },
        headers: { 'content-type': 'application/pdf' },
        body: PDF,
      }),
    },
  ],
  [
    cr.getAttachment,
    {
      allow: {
        own: [...FILE_OWN, 'tenant_admin'],
        other: ['platform_admin', 'tenant_admin'],
        otherTenant: P,
      },
      target: async (w, where) => {
        const f = await fundingAt(w, where);
        const s = await caseStaff(w);
        const res = await ta.app.inject({
          method: 'POST',
          url: `/api/v1/case-funding/${f.id}/attachments?name=a.pdf`,
          headers: { cookie: s.cookies[where], 'content-type': 'application/pdf' },
          payload: PDF,
        });
        return { params: { id: f.id, attachmentId: res.json().attachments[0].id } };
      },
    },
  ],
  [
    cr.decideFunding,
    {
      allow: {
        own: ['platform_admin', 'tenant_admin', 'station_head'],
        other: ['platform_admin', 'tenant_admin'],
        otherTenant: P,
      },
      target: async (w, where) => ({
        params: { id: (await fundingAt(w, where)).id },
        body: { decision: 'approve', version: 1 },
      }),
    },
  ],
  [
    cr.completeAction,
    {
      ...caseFile,
      target: async (w, where) => {
        const { c, asWorker } = await caseAt(w, where);
        const s = await caseStaff(w);
        const file = await asWorker('POST', `/api/v1/cases/${c.id}/conferences`, {
          heldOn: '2026-11-02',
          discussion: '讨论',
          decisions: '决定',
          actions: [{ title: '联系家属', ownerId: s.ids[where][0], dueOn: '2026-12-01' }],
        });
        return { params: { id: file.conferences[0].actions[0].id } };
      },
    },
  ],
  [
    g.listCategories,
    { allow: local(ALL, ALL), target: (w, where) => ({ query: { tenantId: tenantOf(w, where).id } }) },
  ],
  [
    g.updateCategory,
    {
      allow: local(ADMIN, ADMIN),
      target: async (w, where) => {
        const c = await categoryOf(w, where);
        return { params: { id: c.id }, body: { version: await version('gov_category', c.id) } };
      },
    },
  ],
  [
    g.listIssues,
    { allow: same(ALL), target: (w, where) => ({ query: { tenantId: tenantOf(w, where).id } }) },
  ],
  [
    g.duplicates,
    {
      allow: local(GREPORT_OWN, GWORK_OTHER),
      target: async (w, where) => ({
        query: {
          tenantId: tenantOf(w, where).id,
          categoryId: (await categoryOf(w, where)).id,
          buildingId: buildingOf(w, where).id,
        },
      }),
    },
  ],
  [
    g.reportIssue,
    {
      allow: local(GREPORT_OWN, GWORK_OTHER),
      target: async (w, where) => ({
        body: {
          tenantId: tenantOf(w, where).id,
          buildingId: buildingOf(w, where).id,
          categoryId: (await categoryOf(w, where)).id,
          title: '天台门损坏',
          description: '天台门锁坏了',
        },
      }),
    },
  ],
  [
    g.getIssue,
    {
      allow: local(GREAD_OWN, GREAD_OTHER),
      target: async (w, where) => ({ params: { id: (await freshIssue(w, where)).id } }),
    },
  ],
  [
    g.transitionIssue,
    {
      allow: local(GWORK_OWN, GWORK_OTHER),
      target: async (w, where) => {
        const i = await freshIssue(w, where);
        return { params: { id: i.id }, body: { to: 'accepted', version: i.version } };
      },
    },
  ],
  [
    g.escalateIssue,
    {
      allow: local(GWORK_OWN, GWORK_OTHER),
      target: async (w, where) => {
        const i = await freshIssue(w, where);
        return { params: { id: i.id }, body: { reason: '需要小区协调', version: i.version } };
      },
    },
  ],
  [
    g.assignProperty,
    {
      allow: local(GWORK_OWN, GWORK_OTHER),
      // The world's compounds have no property company: passing the policy means the 409.
      ok: [409],
      target: async (w, where) => {
        const i = await freshIssue(w, where);
        return { params: { id: i.id }, body: { version: i.version } };
      },
    },
  ],
  [
    g.rateIssue,
    {
      // Only the reporter rates (the platform admin reported these).
      allow: same(P),
      target: async (w, where) => ({
        params: { id: (await freshIssue(w, where, ['accepted', 'action_underway', 'resolved'])).id },
        body: { rating: 4 },
      }),
    },
  ],
  [
    g.publicIssues,
    { allow: local(ALL, ALL), target: (w, where) => ({ query: { tenantId: tenantOf(w, where).id } }) },
  ],
  [
    g.listBodies,
    { allow: same(ALL), target: (w, where) => ({ query: { tenantId: tenantOf(w, where).id } }) },
  ],
  [
    g.createBody,
    {
      allow: local(GWORK_OWN, GWORK_OTHER),
      target: (w, where) => ({
        body: {
          tenantId: tenantOf(w, where).id,
          kind: 'building_leaders',
          name: `楼长组${fresh()}`,
          ownerKind: 'building',
          ownerId: buildingOf(w, where).id,
        },
      }),
    },
  ],
  [
    g.getBody,
    {
      allow: local(GREAD_OWN, GREAD_OTHER),
      target: async (w, where) => ({ params: { id: (await freshBody(w, where)).id } }),
    },
  ],
  [
    g.addMember,
    {
      allow: local(GWORK_OWN, GWORK_OTHER),
      target: async (w, where) => ({
        params: { id: (await freshBody(w, where)).id },
        body: { personId: (await freshPerson(w, where)).id, position: 'member', termStart: '2021-06-01' },
      }),
    },
  ],
  [
    g.endMember,
    {
      allow: local(GWORK_OWN, GWORK_OTHER),
      target: async (w, where) => {
        const b = await freshBody(w, where);
        const d = await asAdmin('POST', `/api/v1/governance/bodies/${b.id}/members`, {
          personId: (await freshPerson(w, where)).id,
          position: 'member',
          termStart: '2021-06-01',
        });
        return { params: { id: d.members[0].id }, body: { leftOn: '2024-06-01', reason: '换届' } };
      },
    },
  ],
  [
    g.listMeetings,
    { allow: same(ALL), target: (w, where) => ({ query: { tenantId: tenantOf(w, where).id } }) },
  ],
  [
    g.createMeeting,
    {
      allow: local(GWORK_OWN, GWORK_OTHER),
      target: async (w, where) => ({
        body: {
          bodyId: (await freshBody(w, where)).id,
          kind: 'building_deliberation',
          title: '楼长议事会',
          startsAt: '2026-12-01T11:00:00.000Z',
          location: '党群服务站',
        },
      }),
    },
  ],
  [
    g.getMeeting,
    {
      allow: local(GREAD_OWN, GREAD_OTHER),
      target: async (w, where) => ({ params: { id: (await freshMeeting(w, where)).id } }),
    },
  ],
  [
    g.addAgendaItem,
    {
      allow: local(GWORK_OWN, GWORK_OTHER),
      target: async (w, where) => ({
        params: { id: (await freshMeeting(w, where)).id },
        body: { topic: '楼道堆物' },
      }),
    },
  ],
  [
    g.setAttendance,
    {
      allow: local(GWORK_OWN, GWORK_OTHER),
      target: async (w, where) => {
        const m = await freshMeeting(w, where);
        return { params: { id: m.id }, body: { personIds: [], presentCount: 0, version: m.version } };
      },
    },
  ],
  [
    g.setMinutes,
    {
      allow: local(GWORK_OWN, GWORK_OTHER),
      target: async (w, where) => {
        const m = await freshMeeting(w, where);
        return { params: { id: m.id }, body: { minutes: '议定事项如下', version: m.version } };
      },
    },
  ],
  [
    g.addDecision,
    {
      allow: local(GWORK_OWN, GWORK_OTHER),
      target: async (w, where) => ({
        params: { id: (await freshMeeting(w, where)).id },
        body: { text: '清理楼道堆物' },
      }),
    },
  ],
  [
    g.addAction,
    {
      allow: local(GWORK_OWN, GWORK_OTHER),
      target: async (w, where) => ({
        params: { id: (await freshMeeting(w, where)).id },
        body: { title: '张贴通知', ownerName: '王建国', dueOn: '2026-12-10' },
      }),
    },
  ],
  [
    g.completeAction,
    {
      allow: local(GWORK_OWN, GWORK_OTHER),
      target: async (w, where) => {
        const m = await freshMeeting(w, where);
        const a = await asAdmin('POST', `/api/v1/governance/meetings/${m.id}/actions`, {
          title: '张贴通知',
          ownerName: '王建国',
          dueOn: '2026-12-10',
        });
        return { params: { id: a.actions[0].id }, body: {} };
      },
    },
  ],
  [
    g.listNotices,
    { allow: local(ALL, ALL), target: (w, where) => ({ query: { tenantId: tenantOf(w, where).id } }) },
  ],
  [
    g.createNotice,
    {
      allow: local(GWORK_OWN, GWORK_OTHER),
      target: (w, where) => ({
        body: {
          tenantId: tenantOf(w, where).id,
          buildingId: buildingOf(w, where).id,
          title: '楼道清理公示',
          body: '楼道堆物已清理',
          visibleFrom: '2026-01-01',
          visibleUntil: '2099-12-31',
        },
      }),
    },
  ],
  [
    io.listApiKeys,
    { allow: local(ADMIN, ADMIN), target: (w, where) => ({ query: { tenantId: tenantOf(w, where).id } }) },
  ],
  [
    io.createApiKey,
    {
      allow: local(ADMIN, ADMIN),
      target: (w, where) => ({ body: { tenantId: tenantOf(w, where).id, name: `热线${fresh()}` } }),
    },
  ],
  [
    io.revokeApiKey,
    {
      allow: local(ADMIN, ADMIN),
      target: async (w, where) => {
        const k = await asAdmin('POST', '/api/v1/interop/api-keys', {
          tenantId: tenantOf(w, where).id,
          name: `热线${fresh()}`,
        });
        return { params: { id: k.id } };
      },
    },
  ],
  [auditRoutes.events, { allow: same(ALL) }],
  [auditRoutes.access, { allow: same(ALL) }],
  [
    auditRoutes.verify,
    { allow: local(VERIFY, VERIFY), target: (w, where) => ({ query: { tenantId: tenantOf(w, where).id } }) },
  ],
]);

// ——— The body-reference battery (server/test/body-references.int.test.ts) ———

/** Where a probe's record sits: another place of the caller's tenant, or another tenant. */
export type Away = 'other' | 'otherTenant';

/** Staff and places the battery needs beyond the world, made once per file. */
let extra: {
  /** A second social worker at A1 and a second supervisor of the station covering A1. */
  ownWorker: string;
  ownSupervisor: string;
  /** A station covering A2 only. */
  stationA2: string;
  /** Casework staff elsewhere: a social worker and a supervisor with no grant covering A1. */
  away: Record<Away, string>;
} | null = null;
async function extraStaff(w: World) {
  if (extra) return extra;
  const stationA2 = await makeStation(ta.deps, w.tenantA, [w.a2.id]);
  const user = (tenantId: string, grants: Parameters<typeof makeUser>[1]['grants']) =>
    makeUser(ta.deps, { homeTenantId: tenantId, grants }).then((u) => u.id);
  extra = {
    ownWorker: await user(w.tenantA.id, [
      { role: 'social_worker', scopeKind: 'community', scopeId: w.a1.id },
    ]),
    ownSupervisor: await user(w.tenantA.id, [
      { role: 'supervisor', scopeKind: 'station', scopeId: w.station.id },
    ]),
    stationA2: stationA2.id,
    away: {
      other: await user(w.tenantA.id, [
        { role: 'social_worker', scopeKind: 'community', scopeId: w.a2.id },
        { role: 'supervisor', scopeKind: 'station', scopeId: stationA2.id },
      ]),
      otherTenant: await user(w.tenantB.id, [
        { role: 'social_worker', scopeKind: 'community', scopeId: w.b1c.id },
        { role: 'supervisor', scopeKind: 'station', scopeId: w.stationB.id },
      ]),
    },
  };
  return extra;
}

/**
 * A record of `kind` outside the caller's reach: at another place of tenant A (A2, its compound,
 * building, station, staff, residents, issues, bodies, meetings…) or in tenant B. Records that have
 * no place inside a tenant answer why there is nothing to probe.
 */
export async function refFixture(kind: RefKind, where: Away): Promise<{ id: string } | { skip: string }> {
  const inTenant = (why: string) => (where === 'other' ? { skip: why } : null);
  switch (kind) {
    case 'region':
      return inTenant('区划在街道之上,街道内没有"别处"的区划') ?? { id: w.tenantB.regionId };
    case 'tenant':
      return inTenant('街道本身没有街道内的"别处"') ?? { id: w.tenantB.id };
    case 'category':
      return (
        inTenant('诉求类别是全街道共用的参考数据,不属于某个地点') ?? {
          id: (await categoryOf(w, 'otherTenant')).id,
        }
      );
    case 'community':
      return { id: pick(where, w.a1, w.a2, w.b1c).id };
    case 'compound':
      return { id: pick(where, w.k1, w.k2, w.kb).id };
    case 'building':
      return { id: buildingOf(w, where).id };
    case 'station':
      return { id: where === 'other' ? (await extraStaff(w)).stationA2 : w.stationB.id };
    case 'user':
      return { id: (await extraStaff(w)).away[where] };
    case 'person':
      return { id: (await freshPerson(w, where)).id };
    case 'household':
      return { id: (await freshHousehold(w, where)).id };
    case 'case':
      return { id: (await caseAt(w, where)).c.id };
    case 'issue':
      return { id: (await freshIssue(w, where, ['accepted'])).id };
    case 'body':
      return { id: (await freshBody(w, where)).id };
    case 'meeting':
      return { id: (await freshMeeting(w, where)).id };
    case 'agenda_item': {
      const m = await freshMeeting(w, where);
      const withItem = await asAdmin('POST', `/api/v1/governance/meetings/${m.id}/agenda`, { topic: '议题' });
      return { id: withItem.agenda[0].id };
    }
    case 'decision': {
      const m = await freshMeeting(w, where);
      const withDecision = await asAdmin('POST', `/api/v1/governance/meetings/${m.id}/decisions`, {
        text: '决议',
      });
      return { id: withDecision.decisions[0].id };
    }
  }
}

/**
 * More valid requests at the caller's own place, for the battery: every reference field a body may
 * carry appears filled in at least one (the matrix's target for the route is always the first).
 * Each is made for the most local role the matrix lets call the route at its own place.
 */
export const refVariants = new Map<RouteDef, ((w: World) => Promise<Req>)[]>([
  [
    accountsRoutes.createGrant,
    [
      async (w) => {
        const u = await makeUser(ta.deps, { homeTenantId: w.tenantA.id });
        return {
          params: { id: u.id },
          body: { role: 'volunteer', scopeKind: 'community', scopeId: w.a1.id },
        };
      },
    ],
  ],
  [
    cr.saveSettings,
    [
      async (w) => {
        const cur = await asAdmin('GET', `/api/v1/cases/settings?tenantId=${w.tenantA.id}`);
        return { body: { ...cur, fundingApproverIds: [w.users.tenant_admin.id] } };
      },
    ],
  ],
  [
    cr.create,
    [
      async (w) => ({
        body: {
          subjectKind: 'household',
          householdId: (await freshHousehold(w, 'own')).id,
          referralSource: 'self',
          presentingProblem: '求助',
          riskLevel: 'low',
          intakeOn: '2026-11-01',
          workerId: w.users.social_worker.id,
          supervisorId: w.users.supervisor.id,
        },
      }),
    ],
  ],
  [
    cr.update,
    [
      async (w) => {
        const { c } = await caseAt(w, 'own');
        const x = await extraStaff(w);
        return {
          params: { id: c.id },
          body: { workerId: x.ownWorker, supervisorId: x.ownSupervisor, version: c.version },
        };
      },
    ],
  ],
  [
    cr.addMember,
    [
      async (w) => ({
        params: { id: (await caseAt(w, 'own')).c.id },
        body: { kind: 'user', userId: (await extraStaff(w)).ownWorker, role: 'co_worker' },
      }),
      async (w) => ({
        params: { id: (await caseAt(w, 'own')).c.id },
        body: {
          kind: 'person',
          personId: (await freshPerson(w, 'own')).id,
          role: 'volunteer',
          invited: true,
        },
      }),
    ],
  ],
  [
    cr.addConference,
    [
      async (w) => ({
        params: { id: (await caseAt(w, 'own')).c.id },
        body: {
          heldOn: '2026-11-02',
          internalAttendeeIds: [w.users.social_worker.id, w.users.supervisor.id],
          discussion: '讨论',
          decisions: '决定',
          actions: [{ title: '联系家属', ownerId: w.users.social_worker.id, dueOn: '2026-12-01' }],
        },
      }),
    ],
  ],
  [
    g.reportIssue,
    [
      async (w) => ({
        body: {
          tenantId: w.tenantA.id,
          buildingId: w.b1.id,
          compoundId: w.k1.id,
          communityId: w.a1.id,
          categoryId: (await categoryOf(w, 'own')).id,
          title: '天台门损坏',
          description: '天台门锁坏了',
        },
      }),
    ],
  ],
  [
    g.transitionIssue,
    [
      async (w) => {
        const i = await freshIssue(w, 'own');
        const target = await freshIssue(w, 'own');
        return { params: { id: i.id }, body: { to: 'merged', duplicateOf: target.id, version: i.version } };
      },
    ],
  ],
  [
    g.addAgendaItem,
    [
      async (w) => ({
        params: { id: (await freshMeeting(w, 'own')).id },
        body: { issueId: (await freshIssue(w, 'own', ['accepted'])).id },
      }),
    ],
  ],
  [
    g.setAttendance,
    [
      async (w) => {
        const m = await freshMeeting(w, 'own');
        return {
          params: { id: m.id },
          body: { personIds: [(await freshPerson(w, 'own')).id], version: m.version },
        };
      },
    ],
  ],
  [
    g.addDecision,
    [
      async (w) => {
        const m = await freshMeeting(w, 'own');
        const withItem = await asAdmin('POST', `/api/v1/governance/meetings/${m.id}/agenda`, {
          topic: '议题',
        });
        return { params: { id: m.id }, body: { agendaItemId: withItem.agenda[0].id, text: '清理楼道' } };
      },
    ],
  ],
  [
    g.addAction,
    [
      async (w) => {
        const m = await freshMeeting(w, 'own');
        const d = await asAdmin('POST', `/api/v1/governance/meetings/${m.id}/decisions`, {
          text: '清理楼道',
        });
        return {
          params: { id: m.id },
          body: {
            decisionId: d.decisions[0].id,
            issueId: (await freshIssue(w, 'own', ['accepted'])).id,
            title: '张贴通知',
            ownerName: '王建国',
            dueOn: '2026-12-10',
          },
        };
      },
    ],
  ],
  [
    g.createNotice,
    [
      async (w) => ({
        body: {
          tenantId: w.tenantA.id,
          buildingId: w.b1.id,
          compoundId: w.k1.id,
          communityId: w.a1.id,
          title: '楼道清理公示',
          body: '楼道堆物已清理',
          issueId: (await freshIssue(w, 'own', ['accepted'])).id,
          meetingId: (await freshMeeting(w, 'own')).id,
          visibleFrom: '2026-01-01',
          visibleUntil: '2099-12-31',
        },
      }),
    ],
  ],
  [
    pr.create,
    [
      async (w) => ({
        body: {
          tenantId: w.tenantA.id,
          name: `新居民${'甲乙丙丁戊己庚辛'[fresh() % 8]}`,
          buildingId: w.b1.id,
          birthDate: '2020-03-01',
          guardianId: (await freshPerson(w, 'own')).id,
        },
      }),
    ],
  ],
  [
    pr.update,
    [
      async (w) => {
        const p = await freshPerson(w, 'own');
        return {
          params: { id: p.id },
          body: { buildingId: w.b1.id, guardianId: (await freshPerson(w, 'own')).id, version: p.version },
        };
      },
    ],
  ],
  [
    pr.addConsent,
    [
      async (w) => ({
        params: { id: (await freshPerson(w, 'own')).id },
        body: { purpose: 'processing', givenBy: 'guardian', guardianId: (await freshPerson(w, 'own')).id },
      }),
    ],
  ],
  [
    pio.startExport,
    [
      async (w) => ({
        body: { tenantId: w.tenantA.id, communityId: w.a1.id, compoundId: w.k1.id, buildingId: w.b1.id },
      }),
    ],
  ],
  [
    t.updateCompound,
    [
      async (w) => ({
        params: { id: w.k1.id },
        body: { communityId: w.a1.id, version: await version('compound', w.k1.id) },
      }),
    ],
  ],
  [
    t.updateBuilding,
    [
      async (w) => ({
        params: { id: w.b1.id },
        body: { communityId: w.a1.id, compoundId: w.k1.id, version: await version('building', w.b1.id) },
      }),
    ],
  ],
  [
    t.createStation,
    [
      async (w) => ({
        body: {
          tenantId: w.tenantA.id,
          kind: 'service_point',
          parentId: w.station.id,
          name: `服务点${fresh()}`,
          communityIds: [w.a1.id],
        },
      }),
    ],
  ],
  [
    t.updateStation,
    [
      async (w) => {
        const s = await asAdmin('POST', '/api/v1/territory/stations', {
          tenantId: w.tenantA.id,
          kind: 'service_point',
          parentId: w.station.id,
          name: `服务点${fresh()}`,
        });
        return {
          params: { id: s.id },
          body: { parentId: w.station.id, communityIds: [w.a1.id], version: s.version },
        };
      },
    ],
  ],
]);
