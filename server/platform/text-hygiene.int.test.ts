/**
 * Issue 9, findings 10 and 11 (input): NUL bytes were stored in text fields, lone surrogates were
 * stored as U+FFFD, and a resident's issue title holding U+FFFF made /open311/v2/requests.xml
 * ill-formed for the whole subdistrict. Every string of every request is now checked once
 * (contracts/common.ts hasForbiddenCharacters, applied by text() and by the HTTP layer): C0
 * controls but tab/LF/CR, DEL, U+FFFE/U+FFFF and lone surrogates are refused with the field named.
 */
import { SaxesParser } from 'saxes'; // exceljs's own strict XML parser (a dependency of ours through it)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hasForbiddenCharacters, text } from '../../contracts/common';
import { buildTestApp, type TestApp } from '../test/build-test-app';
import { caller, categoryId } from '../test/factories/governance.factory';
import { buildWorld, type World } from '../test/world';
import { routeRegistry } from './routes';

let ta: TestApp;
let w: World;
let key: string;
beforeAll(async () => {
  ta = await buildTestApp({ loginMaxPerMinute: 10_000 });
  w = await buildWorld(ta.deps, ta.app);
  const k = await caller(ta.app, w.cookies.tenant_admin)('POST', '/api/v1/interop/api-keys', {
    tenantId: w.tenantA.id,
    name: '12345 热线',
  });
  key = k.body.key;
});
afterAll(() => ta?.close());

const BAD = ['\u0000', '\u0001', '\u001b', '\u007f', '\ufffe', '\uffff', '\ud800', '\udfff'];
const count = async (table: string) =>
  Number(
    (
      await ta.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const postForm = (url: string, fields: Record<string, string>) =>
  ta.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
/** Strict XML 1.0 parsing (well-formedness and the Char production); throws on the first error. */
function parseXml(xml: string): void {
  const p = new SaxesParser();
  let error: Error | null = null;
  p.on('error', (e) => {
    error ??= e;
  });
  p.write(xml).close();
  if (error) throw error;
}

describe('characters no text may contain (issue 9 findings 10, 11)', () => {
  it('knows them: C0 controls but tab/LF/CR, DEL, U+FFFE, U+FFFF, lone surrogates — and nothing else', () => {
    for (const c of BAD) expect(hasForbiddenCharacters(`a${c}b`), JSON.stringify(c)).toBe(true);
    for (const ok of ['a\tb', 'a\nb\r\n', '👨‍👩‍👧 小区', '𠀀', '\ufffd', '\u00a0', '\u200b'])
      expect(hasForbiddenCharacters(ok), JSON.stringify(ok)).toBe(false);
    expect(text(20).safeParse('标题\uffff').success).toBe(false);
    expect(text(20).safeParse('标题\ud800').error?.issues[0]?.message).toMatch(/不成对的代理项/);
    expect(z.object({ t: text(20) }).safeParse({ t: '第一行\n第二行' }).success).toBe(true);
  });

  it('refuses an issue title with U+FFFF through the API and through Open311, and requests.xml stays well-formed', async () => {
    const resident = caller(ta.app, w.cookies.resident);
    const cat = await categoryId(resident, w.tenantA.id, 'sanitation');
    const before = await count('gov_issue');
    for (const bad of ['楼道\uffff堆物', '楼道\ud800堆物', '楼道\u0000堆物']) {
      const api = await resident('POST', '/api/v1/governance/issues', {
        tenantId: w.tenantA.id,
        categoryId: cat,
        buildingId: w.b1.id,
        title: bad,
        description: '三楼楼道堆放纸箱',
      });
      expect(api.status, JSON.stringify(bad)).toBe(400);
      expect(api.body.code).toBe('platform.validation');
      expect(api.body.details.map((d: { path: string }) => d.path)).toContain('title');
    }
    const form = {
      api_key: key,
      jurisdiction_id: w.tenantA.code,
      service_code: 'sanitation',
      address_id: w.b1.id,
    };
    const viaOpen311 = await postForm('/open311/v2/requests.xml', {
      ...form,
      description: '垃圾桶\uffff满溢',
    });
    expect(viaOpen311.statusCode).toBe(400);
    expect(viaOpen311.body).toContain('<code>400</code>');
    expect(viaOpen311.body).toContain('description');
    parseXml(viaOpen311.body);
    expect(await count('gov_issue')).toBe(before);

    const fine = await postForm('/open311/v2/requests.json', {
      ...form,
      description: '垃圾桶满溢\n请尽快清运',
    });
    expect(fine.statusCode, fine.body).toBe(200);
    const feed = await ta.app.inject({
      method: 'GET',
      url: `/open311/v2/requests.xml?jurisdiction_id=${w.tenantA.code}`,
    });
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain('垃圾桶满溢');
    parseXml(feed.body);
  });

  it('refuses them in every body field of every write route and in query strings, naming the field, and changes nothing', async () => {
    const audit = await count('audit_log');
    const cookie = w.cookies.platform_admin;
    const fill = (path: string) =>
      path.replace(/:(\w+)/g, (_m, n: string) => (n.endsWith('Id') || n === 'id' ? w.userA.id : 'veteran'));
    const wrong: string[] = [];
    let i = 0;
    for (const { def } of routeRegistry.filter(
      (r) => r.def.method !== 'GET' && r.def.body instanceof z.ZodObject,
    )) {
      for (const field of Object.keys((def.body as z.ZodObject).shape)) {
        const c = BAD[i++ % BAD.length]!;
        const res = await ta.app.inject({
          method: def.method,
          url: fill(def.path),
          headers: { cookie },
          payload: { [field]: `值${c}值` },
        });
        const paths = (res.json().details ?? []).map((d: { path: string }) => d.path);
        if (res.statusCode !== 400 || !paths.includes(field))
          wrong.push(
            `${def.method} ${def.path} ${field} ${JSON.stringify(c)}: ${res.statusCode} ${res.body.slice(0, 100)}`,
          );
      }
    }
    // Nested strings and keys are named by their path.
    const nested = await ta.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { cookie },
      payload: { tags: [{ code: 'veteran', detail: { 备注: '好\u0000' } }] },
    });
    expect(nested.json().details[0].path).toBe('tags.0.detail.备注');
    // (A URL cannot carry a lone surrogate: UTF-8 has no encoding for one.)
    for (const q of ['q=%00', `q=${encodeURIComponent('\uffff')}`, 'q=a%7Fb', 'cursor=%1B']) {
      const res = await ta.app.inject({ method: 'GET', url: `/api/v1/users?${q}`, headers: { cookie } });
      if (res.statusCode !== 400) wrong.push(`GET /api/v1/users?${q}: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
    expect(i).toBeGreaterThan(100);
    expect(await count('audit_log')).toBe(audit);
  });

  it('stores tab, line breaks and paired surrogates exactly', async () => {
    const admin = caller(ta.app, w.cookies.platform_admin);
    const address = '凤城路1号\t东门\n𠀀巷 👨‍👩‍👧';
    const made = await admin('POST', '/api/v1/territory/compounds', {
      communityId: w.a1.id,
      name: `文字小区${Date.now()}`,
      kind: 'open_old',
      address,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect((await admin('GET', `/api/v1/territory/compounds/${made.body.id}`)).body.address).toBe(address);
  });
});
