/**
 * Who may be named on a case (issue 9 §4, §9, §13): care-team members, conference attendees and
 * action owners, funding approvers — and the attachment limit under concurrent uploads.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseFile } from '../../../contracts/cases';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { login, makeUser, type TestUser } from '../../test/factories/accounts.factory';
import { makeCase } from '../../test/factories/cases.factory';
import { makePerson } from '../../test/factories/people.factory';
import { makeStation } from '../../test/factories/territory.factory';
import { buildWorld, type World } from '../../test/world';

let ta: TestApp;
let w: World;
/** A social worker of A2 (not the case's community), a second one of A1, an account of tenant B. */
let swA2: TestUser;
let swA1: TestUser;
let userB: TestUser;
/** A station head whose station covers A2 only (holds cases.fund_approve in tenant A, not at A1). */
let headA2: TestUser;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  ta = await buildTestApp({ loginMaxPerMinute: 10_000 });
  w = await buildWorld(ta.deps, ta.app);
  swA2 = await makeUser(ta.deps, {
    homeTenantId: w.tenantA.id,
    grants: [{ role: 'social_worker', scopeKind: 'community', scopeId: w.a2.id }],
  });
  swA1 = await makeUser(ta.deps, {
    homeTenantId: w.tenantA.id,
    grants: [{ role: 'social_worker', scopeKind: 'community', scopeId: w.a1.id }],
  });
  userB = await makeUser(ta.deps, {
    homeTenantId: w.tenantB.id,
    grants: [{ role: 'social_worker', scopeKind: 'community', scopeId: w.b1c.id }],
  });
  const stationA2 = await makeStation(ta.deps, w.tenantA, [w.a2.id]);
  headA2 = await makeUser(ta.deps, {
    homeTenantId: w.tenantA.id,
    grants: [{ role: 'station_head', scopeKind: 'station', scopeId: stationA2.id }],
  });
  cookies.headA2 = await login(ta.app, headA2.username);
});
afterAll(() => ta?.close());

type Who = keyof World['cookies'] | 'headA2';
const call = (who: Who, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  ta.app.inject({
    method,
    url,
    headers: { cookie: who === 'headA2' ? cookies.headA2! : w.cookies[who] },
    ...(payload ? { payload } : {}),
  });
const ok = async (who: Who, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => {
  const res = await call(who, method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
};
const newCase = () =>
  makeCase(ta.deps, {
    tenantId: w.tenantA.id,
    buildingId: w.b1.id,
    workerId: w.users.social_worker.id,
    supervisorId: w.users.supervisor.id,
  });
const field = (res: { json(): { details?: { path: string }[] } }) => res.json().details?.[0]?.path;
const PDF = Buffer.from('%PDF-1.4\n票据');

describe('the care team (issue 9 §4)', () => {
  it('takes staff only with casework at the case’s place; a resident’s account joins only as an invited helper who never opens the file', async () => {
    const c = await newCase();
    const team = (body: object) => call('social_worker', 'POST', `/api/v1/cases/${c.id}/team`, body);
    // The probe: a resident's account as co-worker (it then opened the file, recorded services,
    // added members and requested funding). Also refused: staff of another community, and staff
    // at the place without casework (a community worker).
    for (const userId of [w.users.resident.id, swA2.id, w.users.community_worker.id, userB.id]) {
      const res = await team({ kind: 'user', userId, role: 'co_worker' });
      expect(res.statusCode, res.body).toBe(400);
      expect(field(res)).toBe('userId');
    }
    // Staff with casework at the place join as co-workers and open the file.
    await ok('social_worker', 'POST', `/api/v1/cases/${c.id}/team`, {
      kind: 'user',
      userId: swA1.id,
      role: 'co_worker',
    });
    // The resident joins as a volunteer helper: invited, whatever the request said.
    const file: CaseFile = (
      await team({ kind: 'user', userId: w.users.resident.id, role: 'volunteer' })
    ).json();
    const helper = file.team.find((m) => m.userId === w.users.resident.id)!;
    expect(helper).toMatchObject({ role: 'volunteer', status: 'invited' });
    // A helper sees no part of the file and writes nothing to it.
    expect((await call('resident', 'GET', `/api/v1/cases/${c.id}`)).statusCode).toBe(403);
    expect((await call('resident', 'GET', `/api/v1/cases/${c.id}/matches`)).statusCode).toBe(403);
    for (const [path, body] of [
      ['services', { type: 'phone_check', date: '2026-11-02', durationMin: 15, notes: '电话问候' }],
      ['team', { kind: 'external', name: '李主任', role: 'org_contact' }],
      ['funding', { amountFen: 1000, purpose: '交通', justification: '陪同就医' }],
    ] as const)
      expect((await call('resident', 'POST', `/api/v1/cases/${c.id}/${path}`, body)).statusCode).toBe(403);
    // …but gets the tasks assigned to them: whom to visit (masked) and where, and marks them done.
    await ok('social_worker', 'POST', `/api/v1/cases/${c.id}/conferences`, {
      heldOn: '2026-11-02',
      discussion: '讨论探访安排',
      decisions: '志愿者每周探访一次',
      actions: [{ title: '周六上门陪伴', ownerId: w.users.resident.id, dueOn: '2026-12-20' }],
    });
    const taskList = await call('resident', 'GET', '/api/v1/cases/my-tasks');
    expect(Number(taskList.headers['x-db-queries'])).toBeLessThanOrEqual(5);
    const tasks = taskList.json();
    expect(tasks.items).toHaveLength(1);
    expect(tasks.items[0]).toMatchObject({ title: '周六上门陪伴', caseNumber: c.number });
    expect(tasks.items[0].visit.place).toBe('甲一小区1栋');
    expect(tasks.items[0].visit.client).toContain('*');
    expect(JSON.stringify(tasks)).not.toContain('独居');
    await ok('resident', 'POST', `/api/v1/case-actions/${tasks.items[0].id}/done`);
    expect((await call('resident', 'GET', `/api/v1/cases/${c.id}`)).statusCode).toBe(403);
  });

  it('opens nothing to a co-worker row whose account does no casework at the place', async () => {
    // A row written before the check existed (a resident's account as an active co-worker).
    const c = await newCase();
    await ta.deps.db
      .insertInto('case_member')
      .values({
        tenant_id: w.tenantA.id,
        id: '01a00000-0000-7000-8000-00000000c0de',
        case_id: c.id,
        kind: 'user',
        user_id: w.users.resident.id,
        person_id: null,
        name: null,
        organization: null,
        role: 'co_worker',
        status: 'active',
        added_by: w.users.social_worker.id,
        added_at: '2026-11-01T00:00:00.000Z',
        removed_at: null,
      })
      .execute();
    expect((await call('resident', 'GET', `/api/v1/cases/${c.id}`)).statusCode).toBe(404);
    const service = await call('resident', 'POST', `/api/v1/cases/${c.id}/services`, {
      type: 'phone_check',
      date: '2026-11-02',
      durationMin: 15,
      notes: '电话问候',
    });
    expect(service.statusCode).toBe(404);
  });

  it('invites residents from the registry only as helpers: within reach, or registered volunteers from elsewhere', async () => {
    const c = await newCase();
    const team = (body: object) => call('social_worker', 'POST', `/api/v1/cases/${c.id}/team`, body);
    const neighbour = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b1.id });
    const elsewhere = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b2.id });
    const volunteer = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b2.id });
    await ok('platform_admin', 'PUT', `/api/v1/people/${volunteer.id}/volunteer`, {
      registeredOn: '2026-01-01',
      skills: ['陪伴聊天'],
    });
    const asCoWorker = await team({ kind: 'person', personId: neighbour.id, role: 'co_worker' });
    expect([asCoWorker.statusCode, field(asCoWorker)]).toEqual([400, 'role']);
    const far = await team({ kind: 'person', personId: elsewhere.id, role: 'volunteer' });
    expect([far.statusCode, field(far)]).toEqual([400, 'personId']);
    const near: CaseFile = (await team({ kind: 'person', personId: neighbour.id, role: 'other' })).json();
    expect(near.team.find((m) => m.personId === neighbour.id)?.status).toBe('invited');
    const vol: CaseFile = (await team({ kind: 'person', personId: volunteer.id, role: 'volunteer' })).json();
    expect(vol.team.find((m) => m.personId === volunteer.id)?.status).toBe('invited');
  });
});

describe('conference attendees and action owners (issue 9 §13)', () => {
  it('takes only the care team or staff doing casework at the case’s place, never another tenant’s account', async () => {
    const c = await newCase();
    const conf = (extra: object) =>
      call('social_worker', 'POST', `/api/v1/cases/${c.id}/conferences`, {
        heldOn: '2026-11-02',
        discussion: '讨论',
        decisions: '决定',
        ...extra,
      });
    // The probe: a 东城 (tenant B) account accepted as a 凤城 conference attendee.
    for (const id of [userB.id, swA2.id, w.users.resident.id]) {
      const res = await conf({ internalAttendeeIds: [w.users.social_worker.id, id] });
      expect([res.statusCode, field(res)], res.body).toEqual([400, 'internalAttendeeIds.1']);
      const owner = await conf({ actions: [{ title: '联系家属', ownerId: id, dueOn: '2026-12-01' }] });
      expect([owner.statusCode, field(owner)]).toEqual([400, 'actions.0.ownerId']);
    }
    // Staff doing casework at the place may attend and own actions without being on the team.
    const held: CaseFile = (
      await conf({
        internalAttendeeIds: [w.users.social_worker.id, swA1.id, w.users.station_head.id],
        actions: [{ title: '联系家属', ownerId: swA1.id, dueOn: '2026-12-01' }],
      })
    ).json();
    expect(held.conferences[0]!.internalAttendees.map((a) => a.id)).toContain(swA1.id);
    const rows = await ta.deps.db.selectFrom('case_conference').select('internal_ids').execute();
    expect(rows.some((r) => String(r.internal_ids).includes(userB.id))).toBe(false);
  });
});

describe('funding approvers (issue 9 §4)', () => {
  const settings = () => ok('tenant_admin', 'GET', `/api/v1/cases/settings?tenantId=${w.tenantA.id}`);
  const save = async (fundingApproverIds: string[]) =>
    call('tenant_admin', 'PUT', '/api/v1/cases/settings', { ...(await settings()), fundingApproverIds });
  async function fundingWithAttachment() {
    const c = await newCase();
    const f = await ok('social_worker', 'POST', `/api/v1/cases/${c.id}/funding`, {
      amountFen: 1000,
      purpose: '交通',
      justification: '陪同就医',
    });
    const up = await ta.app.inject({
      method: 'POST',
      url: `/api/v1/case-funding/${f.id}/attachments?name=a.pdf`,
      headers: { cookie: w.cookies.social_worker, 'content-type': 'application/pdf' },
      payload: PDF,
    });
    return { f, attachment: up.json().attachments[0].id as string };
  }

  it('names only accounts holding the approving permission in the tenant', async () => {
    for (const id of [w.users.resident.id, w.users.community_worker.id, swA1.id, userB.id]) {
      const res = await save([w.users.tenant_admin.id, id]);
      expect([res.statusCode, field(res)], res.body).toEqual([400, 'fundingApproverIds.1']);
    }
    expect((await save([w.users.tenant_admin.id, w.users.station_head.id])).statusCode).toBe(200);
    expect((await save([])).statusCode).toBe(200);
  });

  it('checks the permission at the case’s place again when deciding and downloading, even for a named approver', async () => {
    // headA2 holds cases.fund_approve in the tenant (so naming them is accepted), but not at A1.
    expect((await save([headA2.id])).statusCode).toBe(200);
    const { f, attachment } = await fundingWithAttachment();
    const decided = await call('headA2', 'POST', `/api/v1/case-funding/${f.id}/decision`, {
      decision: 'approve',
      version: 1,
    });
    expect([403, 404]).toContain(decided.statusCode);
    expect([403, 404]).toContain(
      (await call('headA2', 'GET', `/api/v1/case-funding/${f.id}/attachments/${attachment}`)).statusCode,
    );
    // A resident named before the check existed (written straight into the settings) gets nothing.
    await ta.deps.db
      .updateTable('case_settings')
      .set({ funding_approver_ids: JSON.stringify([w.users.resident.id]) })
      .where('tenant_id', '=', w.tenantA.id)
      .execute();
    expect([403, 404]).toContain(
      (await call('resident', 'GET', `/api/v1/case-funding/${f.id}/attachments/${attachment}`)).statusCode,
    );
    expect([403, 404]).toContain(
      (
        await call('resident', 'POST', `/api/v1/case-funding/${f.id}/decision`, {
          decision: 'approve',
          version: 1,
        })
      ).statusCode,
    );
    expect((await ok('resident', 'GET', '/api/v1/cases/my-approvals')).funding).toEqual([]);
    const row = await ta.deps.db
      .selectFrom('case_funding')
      .select('status')
      .where('id', '=', f.id)
      .executeTakeFirst();
    expect(row?.status).toBe('submitted');
    expect((await save([])).statusCode).toBe(200);
  });
});

describe('funding attachments under concurrency (issue 9 §9)', () => {
  it('stores exactly 10 of 20 parallel uploads to one request and refuses the rest, leaving no file behind', async () => {
    const c = await newCase();
    const f = await ok('social_worker', 'POST', `/api/v1/cases/${c.id}/funding`, {
      amountFen: 1000,
      purpose: '交通',
      justification: '陪同就医',
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ta.app.inject({
          method: 'POST',
          url: `/api/v1/case-funding/${f.id}/attachments?name=${i}.pdf`,
          headers: { cookie: w.cookies.social_worker, 'content-type': 'application/pdf' },
          payload: PDF,
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((s) => s === 201)).toHaveLength(10);
    expect(codes.filter((s) => s === 400)).toHaveLength(10);
    const stored = await ta.deps.db
      .selectFrom('case_attachment')
      .select('file_name')
      .where('funding_id', '=', f.id)
      .execute();
    expect(stored).toHaveLength(10);
    const all = await ta.deps.db.selectFrom('case_attachment').select('file_name').execute();
    const onDisk = readdirSync(join(ta.config.dataDir, 'files', w.tenantA.id)).filter((n) =>
      n.startsWith('case-attachment-'),
    );
    expect(onDisk.sort()).toEqual(all.map((a) => a.file_name).sort());
  });
});
