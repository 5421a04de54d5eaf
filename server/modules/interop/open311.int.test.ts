/**
 * Open311 GeoReport v2 conformance, written from the specification's text (wiki.open311.org,
 * GeoReport_v2): no npm client installs any more (the `open311` package needs a git-hosted
 * dependency). The test plays a client: it speaks only HTTP, form-encoded POSTs as the spec
 * shows, reads both formats, and checks every field the spec lists for each method.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { login, makeUser } from '../../test/factories/accounts.factory';
import { caller, move } from '../../test/factories/governance.factory';
import { buildWorld, type World } from '../../test/world';

let ta: TestApp;
let w: World;
let key: string;
let keyB: string;
let jid: string;

const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];

const get = (url: string) => ta.app.inject({ method: 'GET', url });
const postForm = (url: string, fields: Record<string, string>) =>
  ta.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });

/** Minimal XML reading for the test: the text of every <tag> in document order. */
const xmlAll = (xml: string, tag: string) =>
  [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);

beforeAll(async () => {
  ta = await buildTestApp({ loginMaxPerMinute: 10_000 });
  w = await buildWorld(ta.deps, ta.app);
  jid = w.tenantA.code;
  const admin = caller(ta.app, w.cookies.tenant_admin);
  const k = await admin('POST', '/api/v1/interop/api-keys', { tenantId: w.tenantA.id, name: '12345 热线' });
  expect(k.status).toBe(201);
  key = k.body.key;
  const b = await makeUser(ta.deps, {
    homeTenantId: w.tenantB.id,
    grants: [{ role: 'tenant_admin', scopeKind: 'tenant', scopeId: w.tenantB.id }],
  });
  const kb = await caller(ta.app, await login(ta.app, b.username))('POST', '/api/v1/interop/api-keys', {
    tenantId: w.tenantB.id,
    name: '乙街道热线',
  });
  keyB = kb.body.key;
});
afterAll(() => ta?.close());

describe('Open311 GeoReport v2', () => {
  it('discovery names the GeoReport v2 endpoint and both formats', async () => {
    const j = await get('/open311/v2/discovery.json');
    expect(j.statusCode).toBe(200);
    expect(j.headers['content-type']).toMatch(/application\/json/);
    const d = j.json();
    expect(d.endpoints[0].specification).toBe('http://wiki.open311.org/GeoReport_v2');
    expect(d.endpoints[0].formats).toEqual(['text/xml', 'application/json']);
    expect(d.endpoints[0].url).toMatch(/\/open311\/v2$/);
    const x = await get('/open311/v2/discovery.xml');
    expect(x.headers['content-type']).toMatch(/text\/xml/);
    expect(x.body.startsWith('<?xml version="1.0" encoding="utf-8"?><discovery>')).toBe(true);
    expect(xmlAll(x.body, 'format')).toEqual(['text/xml', 'application/json']);
  });

  it('services lists the categories with the fields the spec requires, in JSON and XML', async () => {
    const j = await get(`/open311/v2/services.json?jurisdiction_id=${jid}`);
    expect(j.statusCode).toBe(200);
    const list = j.json();
    expect(list.map((s: { service_code: string }) => s.service_code)).toEqual([
      'public_space',
      'safety',
      'sanitation',
      'facilities',
      'neighbour_dispute',
      'property_service',
    ]);
    for (const s of list) {
      expect(Object.keys(s).sort()).toEqual(
        ['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type'].sort(),
      );
      expect(s.type).toBe('realtime');
      expect(s.metadata).toBe(false);
    }
    const x = await get(`/open311/v2/services.xml?jurisdiction_id=${jid}`);
    expect(x.body).toContain('<services><service><service_code>public_space</service_code>');
    expect(xmlAll(x.body, 'service_name')).toEqual(list.map((s: { service_name: string }) => s.service_name));
    const def = await get(`/open311/v2/services/safety.json?jurisdiction_id=${jid}`);
    expect(def.json()).toEqual({ service_code: 'safety', attributes: [] });
    const none = await get(`/open311/v2/services/potholes.json?jurisdiction_id=${jid}`);
    expect(none.statusCode).toBe(404);
    expect(none.json()).toEqual([{ code: 404, description: 'service_code not found' }]);
  });

  it('needs jurisdiction_id when the server serves several jurisdictions, with the spec error body', async () => {
    const r = await get('/open311/v2/services.xml');
    expect(r.statusCode).toBe(400);
    expect(r.body).toBe(
      '<?xml version="1.0" encoding="utf-8"?><errors><error><code>400</code><description>jurisdiction_id is required</description></error></errors>',
    );
  });

  it('POST requests needs a valid api_key of the jurisdiction', async () => {
    const fields = {
      jurisdiction_id: jid,
      service_code: 'sanitation',
      address_id: w.b1.id,
      description: '垃圾桶满溢',
    };
    const none = await postForm('/open311/v2/requests.json', fields);
    expect(none.statusCode).toBe(403);
    expect(none.json()[0].code).toBe(403);
    const wrong = await postForm('/open311/v2/requests.json', { ...fields, api_key: 'gz311_nope' });
    expect(wrong.statusCode).toBe(403);
    const otherTenant = await postForm('/open311/v2/requests.json', { ...fields, api_key: keyB });
    expect(otherTenant.statusCode).toBe(403);
    // Tenant B's key cannot file at a place of tenant A even without naming the jurisdiction.
    const { jurisdiction_id: _j, ...noJid } = fields;
    const sneaky = await postForm('/open311/v2/requests.json', { ...noJid, api_key: keyB });
    expect(sneaky.statusCode).toBe(404);
    const bad = await postForm('/open311/v2/requests.json', { ...fields, api_key: key, service_code: 'x' });
    expect(bad.statusCode).toBe(404);
    const noDesc = await postForm('/open311/v2/requests.json', { ...fields, api_key: key, description: ' ' });
    expect(noDesc.statusCode).toBe(400);
    expect(noDesc.json()[0].description).toBe('description is required');
  });

  it('a posted request shows up as an issue, and its status changes show up through Open311', async () => {
    const r = await postForm('/open311/v2/requests.xml', {
      api_key: key,
      jurisdiction_id: jid,
      service_code: 'safety',
      address_id: w.b1.id,
      lat: '23.6817',
      long: '113.0560',
      address_string: '1栋2单元',
      description: '天台门锁坏了,孩子能上天台,很危险',
      first_name: '小明',
      last_name: '王',
      email: 'wang@example.com',
    });
    expect(r.statusCode).toBe(200);
    const [id] = xmlAll(r.body, 'service_request_id');
    const [token] = xmlAll(r.body, 'token');
    expect(id).toMatch(/^\d{8}-[0-9A-F]{6}$/);
    expect(xmlAll(r.body, 'service_notice')[0]).toContain('楼长');

    const t = await get(`/open311/v2/tokens/${token}.json?jurisdiction_id=${jid}`);
    expect(t.json()).toEqual([{ service_request_id: id, token }]);

    // The issue on the platform: at the building, reported through Open311, reporter hidden.
    const leader = caller(ta.app, w.cookies.building_leader);
    const board = await leader('GET', `/api/v1/governance/issues?tenantId=${w.tenantA.id}`);
    const issue = board.body.items.find((i: { number: string }) => i.number === id);
    expect(issue).toBeTruthy();
    expect(issue.level).toBe('building');
    expect(issue.categoryName).toBe('安全隐患');
    const detail = await leader('GET', `/api/v1/governance/issues/${issue.id}`);
    expect(detail.body.source).toBe('open311');
    expect(detail.body.address).toBe('1栋2单元 23.6817,113.0560');
    expect(JSON.stringify(detail.body)).not.toContain('example.com');

    const one = await get(`/open311/v2/requests/${id}.json?jurisdiction_id=${jid}`);
    expect(one.statusCode).toBe(200);
    const [req] = one.json();
    expect(Object.keys(req).sort()).toEqual([...REQUEST_FIELDS].sort());
    expect(req).toMatchObject({ service_request_id: id, status: 'open', service_code: 'safety' });
    expect(req.requested_datetime).toMatch(/Z$/);

    for (const to of ['accepted', 'action_underway', 'resolved'] as const)
      expect((await move(leader, issue, to)).status).toBe(200);
    const closed = await get(`/open311/v2/requests/${id}.xml?jurisdiction_id=${jid}`);
    expect(xmlAll(closed.body, 'status')).toEqual(['closed']);
    expect(xmlAll(closed.body, 'status_notes')).toEqual(['已办结']);

    const openList = await get(`/open311/v2/requests.json?jurisdiction_id=${jid}&status=open`);
    expect(openList.json().map((x: { service_request_id: string }) => x.service_request_id)).not.toContain(
      id,
    );
    const closedList = await get(
      `/open311/v2/requests.json?jurisdiction_id=${jid}&status=closed&service_code=safety`,
    );
    expect(closedList.json().map((x: { service_request_id: string }) => x.service_request_id)).toContain(id);
    const byIds = await get(`/open311/v2/requests.json?jurisdiction_id=${jid}&service_request_id=${id},nope`);
    expect(byIds.json()).toHaveLength(1);
    const badDate = await get(`/open311/v2/requests.json?jurisdiction_id=${jid}&start_date=yesterday`);
    expect(badDate.statusCode).toBe(400);
    const missing = await get(`/open311/v2/requests/20990101-000000.json?jurisdiction_id=${jid}`);
    expect(missing.statusCode).toBe(404);
  });

  it('escapes hostile text in XML and a revoked key stops working', async () => {
    const r = await postForm('/open311/v2/requests.json', {
      api_key: key,
      jurisdiction_id: jid,
      service_code: 'sanitation',
      address_id: w.k1.id,
      description: '<b onclick=x>楼道</b> & "堆物"',
    });
    expect(r.statusCode).toBe(200);
    const id = r.json()[0].service_request_id;
    const x = await get(`/open311/v2/requests/${id}.xml?jurisdiction_id=${jid}`);
    expect(x.body).toContain('&lt;b onclick=x&gt;楼道&lt;/b&gt; &amp; &quot;堆物&quot;');
    expect(x.body).not.toContain('<b ');
    expect(xmlAll(x.body, 'agency_responsible')).toEqual(['小区理事会']);
    const admin = caller(ta.app, w.cookies.tenant_admin);
    const keys = await admin('GET', `/api/v1/interop/api-keys?tenantId=${w.tenantA.id}`);
    expect(JSON.stringify(keys.body)).not.toContain(key);
    await admin('POST', `/api/v1/interop/api-keys/${keys.body[0].id}/revoke`);
    const after = await postForm('/open311/v2/requests.json', {
      api_key: key,
      service_code: 'sanitation',
      address_id: w.k1.id,
      description: '再报一次',
    });
    expect(after.statusCode).toBe(403);
  });
});
