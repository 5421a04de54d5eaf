/**
 * Records named in governance request bodies (issue 9 §3, §13): an issue on an agenda or an action,
 * a merge target, a notice's issue and meeting, a body's members, a meeting's attendees, the places
 * of an issue or notice — each must be of the tenant and within the caller's reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../../../contracts/governance';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import {
  type Caller,
  caller,
  categoryId,
  meetingFor,
  move,
  report,
} from '../../test/factories/governance.factory';
import { makePerson } from '../../test/factories/people.factory';
import { buildWorld, type World } from '../../test/world';

let ta: TestApp;
let w: World;
/** The building leader of b1 (甲一社区, "西湖花园"); b2 is in 甲二社区 ("沿江社区"). */
let leader: Caller;
let admin: Caller;
let sanitation: string;
let sanitationB: string;
let body: { id: string };

beforeAll(async () => {
  ta = await buildTestApp({ loginMaxPerMinute: 10_000 });
  w = await buildWorld(ta.deps, ta.app);
  leader = caller(ta.app, w.cookies.building_leader);
  admin = caller(ta.app, w.cookies.tenant_admin);
  sanitation = await categoryId(admin, w.tenantA.id, 'sanitation');
  sanitationB = await categoryId(caller(ta.app, w.cookies.platform_admin), w.tenantB.id, 'sanitation');
  body = (
    await leader('POST', '/api/v1/governance/bodies', {
      tenantId: w.tenantA.id,
      kind: 'building_leaders',
      name: '1栋楼长议事会',
      ownerKind: 'building',
      ownerId: w.b1.id,
    })
  ).body;
});
afterAll(() => ta?.close());

/** An accepted issue at a building (of tenant A unless said otherwise). */
async function accepted(buildingId: string, tenant: 'A' | 'B' = 'A'): Promise<Issue> {
  const by = tenant === 'A' ? admin : caller(ta.app, w.cookies.platform_admin);
  const i = await report(by, {
    tenantId: tenant === 'A' ? w.tenantA.id : w.tenantB.id,
    buildingId,
    categoryId: tenant === 'A' ? sanitation : sanitationB,
  });
  return (await move(by, i, 'accepted')).body;
}
const statusOf = async (id: string) =>
  (await ta.deps.db.selectFrom('gov_issue').select('status').where('id', '=', id).executeTakeFirstOrThrow())
    .status;
const refused = (r: { status: number; body: { details?: { path: string }[] } }, field: string) => {
  expect([403, 404], JSON.stringify(r.body)).toContain(r.status);
  expect(r.body.details?.[0]?.path).toBe(field);
};

describe('issues named by a meeting (issue 9 §3)', () => {
  it('refuses another community’s issue on one’s own agenda and actions, and it stays accepted', async () => {
    const m = await meetingFor(leader, body.id, 'building_deliberation');
    const theirs = await accepted(w.b2.id);
    refused(
      await leader('POST', `/api/v1/governance/meetings/${m.id}/agenda`, { issueId: theirs.id }),
      'issueId',
    );
    refused(
      await leader('POST', `/api/v1/governance/meetings/${m.id}/actions`, {
        issueId: theirs.id,
        title: '清理',
        ownerName: '王建国',
        dueOn: '2026-12-10',
      }),
      'issueId',
    );
    expect(await statusOf(theirs.id)).toBe('accepted');
    // Another tenant's issue is not even there.
    const far = await accepted(w.bb.id, 'B');
    const other = await leader('POST', `/api/v1/governance/meetings/${m.id}/agenda`, { issueId: far.id });
    expect(other.status).toBe(404);
    expect(await statusOf(far.id)).toBe('accepted');
    // One's own building's issue goes on the agenda (and into deliberation).
    const mine = await accepted(w.b1.id);
    expect(
      (await leader('POST', `/api/v1/governance/meetings/${m.id}/agenda`, { issueId: mine.id })).status,
    ).toBe(201);
    expect(await statusOf(mine.id)).toBe('in_deliberation');
  });

  it('does not let one’s meeting resolve an issue one may not act on at its current level', async () => {
    const m = await meetingFor(leader, body.id, 'building_deliberation');
    // The subdistrict put another community's issue on the leader's meeting as an action…
    const theirs = await accepted(w.b2.id);
    const withAction = await admin('POST', `/api/v1/governance/meetings/${m.id}/actions`, {
      issueId: theirs.id,
      title: '协调清运',
      ownerName: '街道城管科',
      dueOn: '2026-12-10',
    });
    expect(withAction.status).toBe(201);
    expect(await statusOf(theirs.id)).toBe('action_underway');
    // …the leader cannot mark it done (which would resolve the issue).
    const action = withAction.body.actions[0];
    refused(await leader('POST', `/api/v1/governance/actions/${action.id}/done`, {}), 'issueId');
    expect(await statusOf(theirs.id)).toBe('action_underway');
    // Nor an issue of their own building once it was escalated above them.
    const mine = await accepted(w.b1.id);
    const own = await leader('POST', `/api/v1/governance/meetings/${m.id}/actions`, {
      issueId: mine.id,
      title: '清理',
      ownerName: '王建国',
      dueOn: '2026-12-10',
    });
    expect(own.status).toBe(201);
    const cur = (await admin('GET', `/api/v1/governance/issues/${mine.id}`)).body as Issue;
    expect(
      (
        await admin('POST', `/api/v1/governance/issues/${mine.id}/escalate`, {
          reason: '需小区协调',
          version: cur.version,
        })
      ).status,
    ).toBe(200);
    const ownAction = own.body.actions.find((a: { issueId: string }) => a.issueId === mine.id);
    refused(await leader('POST', `/api/v1/governance/actions/${ownAction.id}/done`, {}), 'issueId');
    expect(await statusOf(mine.id)).toBe('action_underway');
    // The subdistrict, who may act on it, completes it and the issue is resolved.
    expect((await admin('POST', `/api/v1/governance/actions/${ownAction.id}/done`, {})).status).toBe(200);
    expect(await statusOf(mine.id)).toBe('resolved');
  });

  it('merges only into an issue the caller can see', async () => {
    const mine = await report(admin, { tenantId: w.tenantA.id, buildingId: w.b1.id, categoryId: sanitation });
    const theirs = await accepted(w.b2.id);
    refused((await move(leader, mine, 'merged', { duplicateOf: theirs.id })) as never, 'duplicateOf');
    expect(await statusOf(mine.id)).toBe('reported');
    const same = await report(admin, { tenantId: w.tenantA.id, buildingId: w.b1.id, categoryId: sanitation });
    expect((await move(leader, mine, 'merged', { duplicateOf: same.id })).status).toBe(200);
  });
});

describe('people and places named by governance bodies (issue 9 §13)', () => {
  it('seats as members and attendees only residents within the caller’s reach', async () => {
    const m = await meetingFor(leader, body.id, 'building_deliberation');
    const here = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b1.id });
    const there = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b2.id });
    const far = await makePerson(ta.deps, { tenantId: w.tenantB.id, buildingId: w.bb.id });
    for (const p of [there, far]) {
      const member = await leader('POST', `/api/v1/governance/bodies/${body.id}/members`, {
        personId: p.id,
        position: 'member',
        termStart: '2021-06-01',
      });
      expect([member.status, member.body.details?.[0]?.path]).toEqual([400, 'personId']);
      const att = await leader('PUT', `/api/v1/governance/meetings/${m.id}/attendance`, {
        personIds: [here.id, p.id],
        version: m.version,
      });
      expect([att.status, att.body.details?.[0]?.path]).toEqual([400, 'personIds.1']);
    }
    const rows = await ta.deps.db.selectFrom('gov_attendance').select('person_id').execute();
    expect(rows.map((r) => r.person_id)).not.toContain(there.id);
    const ok = await leader('PUT', `/api/v1/governance/meetings/${m.id}/attendance`, {
      personIds: [here.id],
      version: m.version,
    });
    expect(ok.status).toBe(200);
    // The subdistrict, whose reach is the whole tenant, may seat a resident of any community.
    const byAdmin = await admin('POST', `/api/v1/governance/bodies/${body.id}/members`, {
      personId: there.id,
      position: 'member',
      termStart: '2021-06-01',
    });
    expect(byAdmin.status).toBe(201);
  });

  it('links a notice only to issues and meetings the caller can see, at one consistent place', async () => {
    const theirIssue = await accepted(w.b2.id);
    const theirBody = await admin('POST', '/api/v1/governance/bodies', {
      tenantId: w.tenantA.id,
      kind: 'building_leaders',
      name: '2栋楼长议事会',
      ownerKind: 'building',
      ownerId: w.b2.id,
    });
    const theirMeeting = await meetingFor(admin, theirBody.body.id, 'building_deliberation');
    const notice = (extra: object) =>
      leader('POST', '/api/v1/governance/notices', {
        tenantId: w.tenantA.id,
        buildingId: w.b1.id,
        title: '公示',
        body: '楼道已清理',
        visibleFrom: '2026-01-01',
        visibleUntil: '2099-12-31',
        ...extra,
      });
    refused(await notice({ issueId: theirIssue.id }), 'issueId');
    refused(await notice({ meetingId: theirMeeting.id }), 'meetingId');
    // Places that are not the same place: another compound or community beside the building.
    for (const [extra, path] of [
      [{ compoundId: w.k2.id }, 'compoundId'],
      [{ communityId: w.a2.id }, 'communityId'],
      [{ compoundId: w.kb.id }, 'compoundId'],
    ] as const) {
      const n = await notice(extra);
      expect([n.status, n.body.details?.[0]?.path]).toEqual([400, path]);
      const i = await leader('POST', '/api/v1/governance/issues', {
        tenantId: w.tenantA.id,
        buildingId: w.b1.id,
        categoryId: sanitation,
        title: '楼道堆物',
        description: '楼道里堆放杂物',
        ...extra,
      });
      expect([i.status, i.body.details?.[0]?.path]).toEqual([400, path]);
    }
    expect((await ta.deps.db.selectFrom('gov_notice').select('id').execute()).length).toBe(0);
    const fine = await notice({ compoundId: w.k1.id, communityId: w.a1.id });
    expect(fine.status).toBe(201);
  });
});
