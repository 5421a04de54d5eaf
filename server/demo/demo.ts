import { randomBytes } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role, ScopeKind } from '../../contracts/access';
import { createGrant, createUser, setupNeeded } from '../modules/accounts/index';
import { addConsent, addMember, createHousehold, createPerson } from '../modules/people/index';
import {
  createBuilding,
  createCommunity,
  createCompound,
  createRegion,
  createStation,
  createTenant,
} from '../modules/territory/index';
import { systemContext } from '../platform/context';
import type { Deps } from '../platform/deps';
import { loadDemoCases } from './cases.demo';
import {
  COMPOUNDS,
  DONGCHENG,
  DONGCHENG_COMMUNITIES,
  demoName,
  FENGCHENG,
  FENGCHENG_COMMUNITIES,
  REGIONS,
  SERVICE_POINTS,
  STATION,
  VINTAGE,
} from './fengcheng.data';
import { loadGovernance } from './governance.data';
import { DEMO_NOTE, demoHouseholds, LOOSE_BUILDINGS } from './residents.data';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  place: string;
}

const password = () => randomBytes(9).toString('base64url');

/**
 * Loads the Fengcheng demo through the modules' own use cases (so it is validated and audited
 * like any other write) and writes the demo accounts with their random passwords to
 * DATA_DIR/demo-accounts.json (mode 600). Refuses PostgreSQL and any database that has accounts.
 */
export async function loadDemo(deps: Deps, opts: { quiet?: boolean } = {}): Promise<DemoAccount[]> {
  if (deps.dialect !== 'sqlite') throw new Error('The demo is only ever loaded into the embedded database.');
  if (!(await setupNeeded(deps)))
    throw new Error('The database is not empty: the demo is only loaded into a new one.');
  const ctx = systemContext();

  const regionIds: Record<string, string> = {};
  for (const r of REGIONS) {
    const made = await createRegion(deps, ctx, {
      parentId: r.parent ? regionIds[r.parent]! : null,
      level: r.level,
      code: r.code,
      name: r.name,
      codeVintage: VINTAGE,
    });
    regionIds[r.key] = made.id;
  }
  const fc = await createTenant(deps, ctx, { regionId: regionIds.qc!, ...FENGCHENG });
  const dc = await createTenant(deps, ctx, { regionId: regionIds.qc!, ...DONGCHENG });

  const communities = new Map<string, string>();
  for (const [code, name] of FENGCHENG_COMMUNITIES) {
    communities.set(
      name,
      (await createCommunity(deps, ctx, { tenantId: fc.id, code, name, codeVintage: VINTAGE })).id,
    );
  }
  const dcCommunities: string[] = [];
  for (const [code, name] of DONGCHENG_COMMUNITIES) {
    dcCommunities.push(
      (await createCommunity(deps, ctx, { tenantId: dc.id, code, name, codeVintage: VINTAGE })).id,
    );
  }

  const station = await createStation(deps, ctx, {
    tenantId: fc.id,
    kind: 'station',
    parentId: null,
    name: STATION.name,
    establishedOn: STATION.establishedOn,
    address: null,
    communityIds: [],
  });
  for (const p of SERVICE_POINTS) {
    await createStation(deps, ctx, {
      tenantId: fc.id,
      kind: 'service_point',
      parentId: station.id,
      name: p.name,
      establishedOn: p.establishedOn,
      address: null,
      communityIds: p.covers.map((c) => communities.get(c)!),
    });
  }

  const compounds = new Map<string, string>();
  const buildings = new Map<string, string>();
  for (const k of COMPOUNDS) {
    const made = await createCompound(deps, ctx, {
      communityId: communities.get(k.community)!,
      name: k.name,
      kind: k.kind,
      propertyCompany: k.propertyCompany,
      address: null,
    });
    compounds.set(k.name, made.id);
    for (const b of k.buildings) {
      const bb = await createBuilding(deps, ctx, {
        communityId: made.communityId,
        compoundId: made.id,
        ...b,
      });
      buildings.set(`${k.name}${b.number}`, bb.id);
    }
  }

  for (const b of LOOSE_BUILDINGS) {
    const bb = await createBuilding(deps, ctx, {
      communityId: communities.get(b.community)!,
      compoundId: null,
      number: b.number,
      units: b.units,
      floors: b.floors,
    });
    buildings.set(`${b.community}${b.number}`, bb.id);
  }
  const residents = await loadResidents(deps, ctx, fc.id, buildings);

  const accounts: DemoAccount[] = [];
  let n = 0;
  async function person(
    spec: { username: string; staffKind: any; fundingSource?: any; tenantId: string | null },
    grants: { role: Role; scopeKind: ScopeKind; scopeId: string | null; place: string }[],
    listed: boolean,
  ) {
    const pw = password();
    const user = await createUser(
      deps,
      ctx,
      {
        username: spec.username,
        displayName: `${demoName(n++)}`,
        phone: null,
        staffKind: spec.staffKind,
        fundingSource: spec.fundingSource ?? null,
        certificateLevel: spec.staffKind === 'social_worker' ? 'assistant' : null,
        homeTenantId: spec.tenantId ?? fc.id,
        password: pw,
      },
      { mustChangePassword: false },
    );
    for (const g of grants)
      await createGrant(deps, ctx, user.id, { role: g.role, scopeKind: g.scopeKind, scopeId: g.scopeId });
    if (listed)
      accounts.push({
        username: spec.username,
        password: pw,
        role: grants[0]!.role,
        place: grants[0]!.place,
      });
    return user;
  }

  await person(
    { username: 'admin', staffKind: 'other', tenantId: null },
    [{ role: 'platform_admin', scopeKind: 'platform', scopeId: null, place: '全平台' }],
    true,
  );
  await person(
    { username: 'qingcheng', staffKind: 'other', tenantId: fc.id },
    [{ role: 'region_viewer', scopeKind: 'region', scopeId: regionIds.qc!, place: '清城区' }],
    true,
  );
  await person(
    { username: 'fengcheng', staffKind: 'subdistrict_cadre', tenantId: fc.id },
    [{ role: 'tenant_admin', scopeKind: 'tenant', scopeId: fc.id, place: '凤城街道' }],
    true,
  );
  await person(
    { username: 'fc-officer', staffKind: 'subdistrict_cadre', tenantId: fc.id },
    [{ role: 'subdistrict_officer', scopeKind: 'tenant', scopeId: fc.id, place: '凤城街道' }],
    true,
  );
  await person(
    { username: 'dongcheng', staffKind: 'subdistrict_cadre', tenantId: dc.id },
    [{ role: 'tenant_admin', scopeKind: 'tenant', scopeId: dc.id, place: '东城街道' }],
    true,
  );
  const stationHead = await person(
    { username: 'station-head', staffKind: 'social_worker', fundingSource: 'self_hired', tenantId: fc.id },
    [{ role: 'station_head', scopeKind: 'station', scopeId: station.id, place: STATION.name }],
    true,
  );
  const supervisor = await person(
    { username: 'supervisor', staffKind: 'supervisor', tenantId: fc.id },
    [{ role: 'supervisor', scopeKind: 'station', scopeId: station.id, place: STATION.name }],
    true,
  );

  const workers = new Map<string, string>();
  // 2017: 15 self-hired + 6 双百 social workers; 2021: grown to one per community (一社区一社工).
  for (const [i, [, name]] of FENGCHENG_COMMUNITIES.entries()) {
    const fundingSource = i < 15 ? 'self_hired' : 'shuangbai';
    const username = name === '西湖社区' ? 'sw-xihu' : `sw-${String(i + 1).padStart(2, '0')}`;
    const worker = await person(
      { username, staffKind: 'social_worker', fundingSource, tenantId: fc.id },
      [{ role: 'social_worker', scopeKind: 'community', scopeId: communities.get(name)!, place: name }],
      name === '西湖社区',
    );
    workers.set(communities.get(name)!, worker.id);
  }
  // June 2021 compound pilot: property companies pay for 9 social workers in the compounds.
  const pilot = COMPOUNDS.filter((k) => k.kind === 'closed_modern');
  for (let i = 0; i < 9; i++) {
    const k = pilot[i % pilot.length]!;
    await person(
      {
        username: `pf-${String(i + 1).padStart(2, '0')}`,
        staffKind: 'social_worker',
        fundingSource: 'property_funded',
        tenantId: fc.id,
      },
      [],
      false,
    );
    void k;
  }
  await person(
    { username: 'cw-xihu', staffKind: 'community_worker', tenantId: fc.id },
    [
      {
        role: 'community_worker',
        scopeKind: 'community',
        scopeId: communities.get('西湖社区')!,
        place: '西湖社区',
      },
    ],
    true,
  );
  await person(
    { username: 'leader-xihu4', staffKind: 'building_leader', tenantId: fc.id },
    [
      {
        role: 'building_leader',
        scopeKind: 'building',
        scopeId: buildings.get('西湖花园4')!,
        place: '西湖花园4栋',
      },
    ],
    true,
  );
  await person(
    { username: 'volunteer', staffKind: 'volunteer', tenantId: fc.id },
    [{ role: 'volunteer', scopeKind: 'tenant', scopeId: fc.id, place: '凤城街道' }],
    true,
  );
  await person(
    { username: 'resident', staffKind: 'resident', tenantId: fc.id },
    [{ role: 'resident', scopeKind: 'building', scopeId: buildings.get('西湖花园5')!, place: '西湖花园5栋' }],
    true,
  );
  await person(
    { username: 'dc-worker', staffKind: 'community_worker', tenantId: dc.id },
    [{ role: 'community_worker', scopeKind: 'community', scopeId: dcCommunities[0]!, place: '白庙社区' }],
    false,
  );

  const cases = await loadDemoCases(deps, {
    tenantId: fc.id,
    supervisorId: supervisor.id,
    stationHeadId: stationHead.id,
    workers,
    xihuCommunityId: communities.get('西湖社区')!,
    residents: residents.list,
  });
  await person(
    { username: 'council-xihu', staffKind: 'building_leader', tenantId: fc.id },
    [
      {
        role: 'building_leader',
        scopeKind: 'compound',
        scopeId: compounds.get('西湖花园')!,
        place: '西湖花园(楼长议事会)',
      },
    ],
    true,
  );
  const governance = await loadGovernance(deps, ctx, { tenantId: fc.id, communities, compounds, buildings });

  const file = join(deps.config.dataDir, 'demo-accounts.json');
  writeFileSync(file, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  if (!opts.quiet) {
    console.log(
      `\n  已载入凤城街道演示数据 / Fengcheng demo loaded (${residents.people} residents in ${residents.households} households, ${cases} cases; ${governance.issues} issues, ${governance.meetings} meetings).\n  演示账号及随机密码 / demo accounts and passwords: ${file}\n`,
    );
  }
  return accounts;
}

/**
 * The demo residents: each household is created, then its members (adults first, so a minor's
 * guardian exists), each joined to the household with their relation to the head; children under
 * 14 get a guardian's consent on record. All through the people module's use cases.
 */
export async function loadResidents(
  deps: Deps,
  ctx: ReturnType<typeof systemContext>,
  tenantId: string,
  buildings: Map<string, string>,
) {
  const places = [
    ...COMPOUNDS.flatMap((k) =>
      k.buildings.map((b) => ({
        compound: k.name,
        community: null,
        number: b.number,
        units: b.units,
        floors: b.floors,
        old: k.kind === 'open_old',
      })),
    ),
    ...LOOSE_BUILDINGS.map((b) => ({ ...b, compound: null, old: true })),
  ];
  const households = demoHouseholds(places);
  let people = 0;
  const list: { id: string; communityId: string | null; tags: string[]; minor: boolean; age: string }[] = [];
  for (const h of households) {
    const buildingId = buildings.get(`${h.compound ?? h.community}${h.building}`)!;
    const household = await createHousehold(deps, ctx, {
      tenantId,
      buildingId,
      unit: h.unit,
      room: h.room,
      addressFree: null,
    });
    const ids: string[] = [];
    for (const m of h.members) {
      const guardianId = m.guardian === null ? null : ids[m.guardian]!;
      const person = await createPerson(deps, ctx, {
        tenantId,
        name: m.name,
        gender: m.gender,
        birthDate: m.birthDate,
        idType: 'resident_id',
        idNumber: m.idNumber,
        phone: m.phone,
        ethnicity: m.ethnicity,
        buildingId,
        unit: h.unit,
        room: h.room,
        addressFree: null,
        partyMember: m.partyMember,
        disabilityCertNo: null,
        guardianId,
        notes: DEMO_NOTE,
        tags: m.tags,
      });
      ids.push(person.id);
      list.push({
        id: person.id,
        communityId: person.communityId,
        tags: m.tags.map((t) => t.code),
        minor: person.ageBand === '0-13' || person.ageBand === '14-17',
        age: person.ageBand,
      });
      await addMember(deps, ctx, household.id, { personId: person.id, relation: m.relation });
      if (m.needsConsent)
        await addConsent(deps, ctx, person.id, {
          purpose: 'minor_processing',
          givenBy: 'guardian',
          guardianId,
          scope: '演示数据:监护人同意社区登记和服务所需的信息处理',
          givenAt: '2026-01-05T02:00:00.000Z',
        });
      people++;
    }
  }
  return { households: households.length, people, list };
}
