import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CLOSED_STATUSES,
  ISSUE_LEVELS,
  ISSUE_TRANSITIONS,
  type Issue,
  IssueStatus,
} from '../../../contracts/governance';
import { clock } from '../../platform/clock';
import { SYSTEM_ACTOR } from '../../platform/context';
import { createJobRunner } from '../../platform/jobs';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { login, makeUser } from '../../test/factories/accounts.factory';
import {
  type Caller,
  caller,
  categoryId,
  meetingFor,
  move,
  report,
} from '../../test/factories/governance.factory';
import { makePerson } from '../../test/factories/people.factory';
import { makeBuilding, makeCompound } from '../../test/factories/territory.factory';
import { buildWorld, type World } from '../../test/world';
import { escalateOverdue, sweepOnce } from './index';

let ta: TestApp;
let w: World;
let admin: Caller;
let leader: Caller;
let council: Caller;
let resident: Caller;
let otherTenantAdmin: Caller;
let safety: string;
let sanitation: string;
const DAY = 86_400_000;

beforeAll(async () => {
  ta = await buildTestApp({ loginMaxPerMinute: 10_000 });
  w = await buildWorld(ta.deps, ta.app);
  admin = caller(ta.app, w.cookies.tenant_admin);
  leader = caller(ta.app, w.cookies.building_leader);
  resident = caller(ta.app, w.cookies.resident);
  // A council member of compound k1: a building leader granted at the compound.
  const c = await makeUser(ta.deps, {
    homeTenantId: w.tenantA.id,
    grants: [{ role: 'building_leader', scopeKind: 'compound', scopeId: w.k1.id }],
  });
  council = caller(ta.app, await login(ta.app, c.username));
  const b = await makeUser(ta.deps, {
    homeTenantId: w.tenantB.id,
    grants: [{ role: 'tenant_admin', scopeKind: 'tenant', scopeId: w.tenantB.id }],
  });
  otherTenantAdmin = caller(ta.app, await login(ta.app, b.username));
  safety = await categoryId(admin, w.tenantA.id, 'safety');
  sanitation = await categoryId(admin, w.tenantA.id, 'sanitation');
});
afterAll(() => ta?.close());
afterEach(() => clock.reset());

const at = (c: Caller, id: string) => c('GET', `/api/v1/governance/issues/${id}`);
/**
 * Runs the deadline sweep `ms` after now on the fake clock, then puts the clock back (sessions
 * would time out if the whole app stayed days ahead).
 */
async function sweepAfter(ms: number, how: 'direct' | 'job' = 'direct'): Promise<number> {
  clock.reset();
  clock.advance(ms);
  try {
    if (how === 'direct') return await escalateOverdue(ta.deps, SYSTEM_ACTOR, w.tenantA.id);
    const jobs = createJobRunner(ta.deps.db, { error: () => {} });
    const n = await sweepOnce(ta.deps, jobs);
    await jobs.idle();
    return n;
  } finally {
    clock.reset();
  }
}

describe('reporting', () => {
  it('starts an issue at its place level with the category deadline, and suggests duplicates', async () => {
    const before = clock.now().getTime();
    const i = await report(resident, { tenantId: w.tenantA.id, buildingId: w.b1.id, categoryId: sanitation });
    expect(i.status).toBe('reported');
    expect(i.level).toBe('building');
    expect(i.mine).toBe(true);
    expect(i.trail.map((e) => e.kind)).toEqual(['reported']);
    const due = new Date(i.levelDeadlineAt!).getTime() - before;
    expect(due).toBeGreaterThanOrEqual(3 * DAY - 1000);
    expect(due).toBeLessThan(3 * DAY + 60_000);

    const dup = await resident(
      'GET',
      `/api/v1/governance/issues/duplicates?tenantId=${w.tenantA.id}&categoryId=${sanitation}&buildingId=${w.b1.id}`,
    );
    expect(dup.status).toBe(200);
    expect(dup.body.map((d: { id: string }) => d.id)).toContain(i.id);
    expect(JSON.stringify(dup.body)).not.toContain('reporter');
    const otherCat = await resident(
      'GET',
      `/api/v1/governance/issues/duplicates?tenantId=${w.tenantA.id}&categoryId=${safety}&buildingId=${w.b1.id}`,
    );
    expect(otherCat.body.map((d: { id: string }) => d.id)).not.toContain(i.id);
  });

  it('lets residents see their own reports only; other tenants see nothing', async () => {
    const mine = await report(resident, { tenantId: w.tenantA.id, buildingId: w.b1.id, categoryId: safety });
    const theirs = await report(leader, { tenantId: w.tenantA.id, buildingId: w.b1.id, categoryId: safety });
    expect((await at(resident, mine.id)).status).toBe(200);
    expect([403, 404]).toContain((await at(resident, theirs.id)).status);
    expect((await at(otherTenantAdmin, mine.id)).status).toBe(404);
    expect((await at(leader, mine.id)).status).toBe(200);
    const board = await resident('GET', `/api/v1/governance/issues?tenantId=${w.tenantA.id}&view=mine`);
    expect(board.body.items.every((x: Issue) => x.mine)).toBe(true);
    expect(board.body.items.map((x: Issue) => x.id)).toContain(mine.id);
    const all = await resident('GET', `/api/v1/governance/issues?tenantId=${w.tenantA.id}`);
    expect(all.body.items).toEqual([]);
    const b = await otherTenantAdmin('GET', `/api/v1/governance/issues?tenantId=${w.tenantA.id}`);
    expect(b.body.items).toEqual([]);
  });

  it('hides an anonymous reporter from the public but not from the building leader', async () => {
    const r = await resident('POST', '/api/v1/governance/issues', {
      tenantId: w.tenantA.id,
      buildingId: w.b1.id,
      categoryId: sanitation,
      title: '垃圾桶满溢',
      description: '单元门口垃圾桶三天未清运',
      anonymous: true,
    });
    expect(r.status).toBe(201);
    await move(admin, r.body, 'accepted');
    const pub = await resident('GET', `/api/v1/governance/public/issues?tenantId=${w.tenantA.id}`);
    const shown = pub.body.items.find((x: { id: string }) => x.id === r.body.id);
    expect(shown).toBeTruthy();
    expect(Object.keys(shown)).not.toContain('reporterName');
    const seen = await at(leader, r.body.id);
    expect(seen.body.reporterName).toMatch(/\*/);
    const board = await leader('GET', `/api/v1/governance/issues?tenantId=${w.tenantA.id}&view=building`);
    expect(board.status).toBe(200);
    expect(board.queries).toBeGreaterThan(0);
    expect(board.queries).toBeLessThanOrEqual(5);
  });
});

/** Drives a fresh issue (reported by the tenant admin, who may also confirm) to `status`. */
async function issueIn(status: IssueStatus): Promise<Issue> {
  const i = await report(admin, { tenantId: w.tenantA.id, buildingId: w.b1.id, categoryId: sanitation });
  const path: Record<IssueStatus, [IssueStatus, object?][]> = {
    reported: [],
    accepted: [['accepted']],
    rejected: [['rejected', { reason: '不属于社区事务' }]],
    merged: [
      [
        'merged',
        {
          duplicateOf: (
            await report(admin, { tenantId: w.tenantA.id, buildingId: w.b1.id, categoryId: sanitation })
          ).id,
        },
      ],
    ],
    in_deliberation: [['accepted'], ['in_deliberation']],
    action_underway: [['accepted'], ['action_underway']],
    resolved: [['accepted'], ['action_underway'], ['resolved']],
    confirmed: [['accepted'], ['action_underway'], ['resolved'], ['confirmed']],
    reopened: [['accepted'], ['action_underway'], ['resolved'], ['reopened', { reason: '仍有堆物' }]],
  };
  for (const [to, extra] of path[status]) {
    const r = await move(admin, i, to, extra);
    if (r.status !== 200) throw new Error(`${to}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  return (await at(admin, i.id)).body;
}

describe('workflow', () => {
  it('refuses every illegal transition with 409 governance.illegal_transition and leaves the issue as it was', async () => {
    let checked = 0;
    for (const from of IssueStatus.options) {
      const i = await issueIn(from);
      expect(i.status).toBe(from);
      for (const to of IssueStatus.options) {
        if (ISSUE_TRANSITIONS[from].includes(to)) continue;
        const r = await move(admin, i, to, { reason: '理由', duplicateOf: i.duplicateOf ?? undefined });
        expect(r.status, `${from} → ${to}`).toBe(409);
        expect(r.body.code).toBe('governance.illegal_transition');
        checked++;
      }
      const after = await at(admin, i.id);
      expect(after.body.status).toBe(from);
      expect(after.body.version).toBe(i.version);
    }
    expect(checked).toBe(
      IssueStatus.options.reduce((n, s) => n + IssueStatus.options.length - ISSUE_TRANSITIONS[s].length, 0),
    );
  });

  it('asks for a reason to reject and a target to merge, naming the field', async () => {
    const i = await issueIn('reported');
    const r = await move(admin, i, 'rejected');
    expect(r.status).toBe(400);
    expect((r.body as any).details[0].path).toBe('reason');
    const m = await move(admin, i, 'merged', { duplicateOf: i.id });
    expect(m.status).toBe(400);
    expect((m.body as any).details[0].path).toBe('duplicateOf');
  });

  it('refuses a stale version with 409', async () => {
    const i = await issueIn('reported');
    const r = await admin('POST', `/api/v1/governance/issues/${i.id}/transition`, {
      to: 'accepted',
      version: i.version + 5,
    });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('platform.version_conflict');
  });

  it('lets only the reporter confirm; the reporter may reopen, rate once, and the issue starts again', async () => {
    const i = await report(resident, { tenantId: w.tenantA.id, buildingId: w.b1.id, categoryId: sanitation });
    for (const to of ['accepted', 'action_underway', 'resolved'] as const)
      expect((await move(leader, i, to)).status).toBe(200);
    const notMine = await move(leader, i, 'confirmed');
    expect(notMine.status).toBe(403);
    const seen = await at(resident, i.id);
    expect(seen.body.can.transitions.sort()).toEqual(['confirmed', 'reopened']);
    const re = await move(resident, i, 'reopened', { reason: '楼道又堆满了' });
    expect(re.status).toBe(200);
    expect(re.body.status).toBe('reopened');
    expect(new Date(re.body.levelDeadlineAt!).getTime()).toBeGreaterThan(clock.now().getTime());
    expect((await move(resident, i, 'action_underway')).status).toBe(403);
    expect((await move(leader, i, 'action_underway')).status).toBe(200);
    expect((await move(leader, i, 'resolved')).status).toBe(200);
    expect((await move(resident, i, 'confirmed')).status).toBe(200);
    const rate = await resident('POST', `/api/v1/governance/issues/${i.id}/rating`, {
      rating: 5,
      comment: '满意',
    });
    expect(rate.status).toBe(200);
    expect(rate.body.rating).toBe(5);
    const again = await resident('POST', `/api/v1/governance/issues/${i.id}/rating`, { rating: 1 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('governance.not_rateable');
    expect(rate.body.trail.map((e: { kind: string }) => e.kind)).toEqual([
      'reported',
      'accepted',
      'action_underway',
      'resolved',
      'reopened',
      'action_underway',
      'resolved',
      'confirmed',
      'rated',
    ]);
  });

  it('random sequences of moves never reach an impossible state (property)', async () => {
    // Its own account: the clock moves forward for days, so it logs in again after each tick.
    const u = await makeUser(ta.deps, {
      homeTenantId: w.tenantA.id,
      grants: [{ role: 'tenant_admin', scopeKind: 'tenant', scopeId: w.tenantA.id }],
    });
    const ops = fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('move' as const), to: fc.constantFrom(...IssueStatus.options) }),
        fc.record({ kind: fc.constant('escalate' as const) }),
        fc.record({ kind: fc.constant('tick' as const), days: fc.integer({ min: 1, max: 20 }) }),
      ),
      { minLength: 1, maxLength: 12 },
    );
    await fc.assert(
      fc.asyncProperty(ops, async (seq) => {
        clock.reset();
        let me = caller(ta.app, await login(ta.app, u.username));
        const i = await report(me, { tenantId: w.tenantA.id, buildingId: w.b1.id, categoryId: safety });
        let status: IssueStatus = 'reported';
        for (const op of seq) {
          const cur = (await at(me, i.id)).body as Issue;
          if (op.kind === 'move') {
            const r = await move(me, i, op.to, { reason: '理由' });
            // merged needs the duplicate's id, which a random move does not give: a 400 naming it.
            const legal = ISSUE_TRANSITIONS[cur.status].includes(op.to);
            if (legal && op.to === 'merged') expect(r.status).toBe(400);
            else expect(r.status).toBe(legal ? 200 : 409);
            if (r.status === 200) status = op.to;
          } else if (op.kind === 'escalate') {
            const r = await me('POST', `/api/v1/governance/issues/${i.id}/escalate`, {
              reason: '需要上级协调',
              version: cur.version,
            });
            expect([200, 409]).toContain(r.status);
          } else {
            clock.advance(op.days * DAY);
            await escalateOverdue(ta.deps, SYSTEM_ACTOR, w.tenantA.id);
            me = caller(ta.app, await login(ta.app, u.username));
          }
        }
        const end = (await at(me, i.id)).body as Issue;
        expect(end.status).toBe(status);
        // The trail replays to the current state: statuses chain, levels only climb.
        let s: IssueStatus | null = null;
        let lvl = -1;
        for (const e of end.trail) {
          if (e.toStatus && e.fromStatus !== null) expect(e.fromStatus).toBe(s);
          if (e.toStatus) s = e.toStatus;
          if (e.toLevel) {
            const n = ISSUE_LEVELS.indexOf(e.toLevel);
            expect(n).toBeGreaterThan(lvl);
            lvl = n;
          }
        }
        expect(s).toBe(end.status);
        expect(ISSUE_LEVELS.indexOf(end.level)).toBe(lvl);
        if (CLOSED_STATUSES.includes(end.status)) expect(end.can.transitions).toEqual([]);
        clock.reset();
      }),
      { numRuns: 25 },
    );
  });
});

describe('levels and escalation', () => {
  it('escalates overdue issues building → compound → community → subdistrict on the fake clock', async () => {
    const i = await report(leader, { tenantId: w.tenantA.id, buildingId: w.b1.id, categoryId: safety });
    expect((await move(leader, i, 'accepted')).status).toBe(200);
    expect(await sweepAfter(1 * DAY)).toBe(0);
    // The periodic sweep enqueues a job for the tenant; the job runner escalates.
    expect(await sweepAfter(2 * DAY + 60_000, 'job')).toBeGreaterThanOrEqual(1);
    let cur = (await at(leader, i.id)).body as Issue;
    expect(cur.level).toBe('compound');
    expect(cur.trail.at(-1)).toMatchObject({
      kind: 'escalated_deadline',
      fromLevel: 'building',
      toLevel: 'compound',
    });
    // The building leader no longer acts; the compound council does.
    expect((await move(leader, i, 'in_deliberation')).status).toBe(403);
    expect(cur.can.escalate).toBe(false);
    expect((await at(council, i.id)).body.can.transitions).toEqual(['in_deliberation', 'action_underway']);
    await sweepAfter(5 * DAY + 120_000);
    expect((await at(leader, i.id)).body.level).toBe('community');
    await sweepAfter(12 * DAY + 180_000);
    cur = (await at(admin, i.id)).body;
    expect(cur.level).toBe('subdistrict');
    expect(cur.levelDeadlineAt).toBeNull();
    await sweepAfter(60 * DAY);
    expect((await at(admin, i.id)).body.version).toBe(cur.version);
    const top = await admin('POST', `/api/v1/governance/issues/${i.id}/escalate`, {
      reason: '再提级',
      version: cur.version,
    });
    expect(top.status).toBe(409);
    expect(top.body.code).toBe('governance.top_level');
  });

  it('does not escalate work under way, and escalates by hand with a reason on the trail', async () => {
    const i = await report(leader, { tenantId: w.tenantA.id, buildingId: w.b1.id, categoryId: safety });
    await move(leader, i, 'accepted');
    await move(leader, i, 'action_underway');
    await sweepAfter(30 * DAY);
    const cur = (await at(leader, i.id)).body as Issue;
    expect(cur.level).toBe('building');
    const r = await leader('POST', `/api/v1/governance/issues/${i.id}/escalate`, {
      reason: '需要小区理事会协调资金',
      version: cur.version,
    });
    expect(r.status).toBe(200);
    expect(r.body.level).toBe('compound');
    expect(r.body.trail.at(-1)).toMatchObject({ kind: 'escalated', note: '需要小区理事会协调资金' });
  });
});

describe('meetings close the loop', () => {
  it('agenda → decision → action items; all actions done resolves the issue; the reporter confirms', async () => {
    const i = await report(
      resident,
      { tenantId: w.tenantA.id, buildingId: w.b1.id, categoryId: safety },
      '天台门损坏',
    );
    await move(leader, i, 'accepted');
    const body = await council('POST', '/api/v1/governance/bodies', {
      tenantId: w.tenantA.id,
      kind: 'compound_council',
      name: '甲一小区理事会',
      ownerKind: 'compound',
      ownerId: w.k1.id,
    });
    expect(body.status).toBe(201);
    const p1 = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b1.id, name: '王建国' });
    const p2 = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b1.id, name: '李秀英' });
    const add = await council('POST', `/api/v1/governance/bodies/${body.body.id}/members`, {
      personId: p1.id,
      position: 'chair',
      termStart: '2021-06-01',
    });
    expect(add.status).toBe(201);
    expect(add.body.members[0].name).toBe('王**');
    const m = await meetingFor(council, body.body.id);
    const ag = await council('POST', `/api/v1/governance/meetings/${m.id}/agenda`, { issueId: i.id });
    expect(ag.status).toBe(201);
    expect((await at(resident, i.id)).body.status).toBe('in_deliberation');
    const again = await council('POST', `/api/v1/governance/meetings/${m.id}/agenda`, { issueId: i.id });
    expect(again.body.code).toBe('governance.already_on_agenda');
    const att = await council('PUT', `/api/v1/governance/meetings/${m.id}/attendance`, {
      personIds: [p1.id, p2.id],
      version: ag.body.version,
    });
    expect(att.status).toBe(200);
    expect(att.body.presentCount).toBe(2);
    const dec = await council('POST', `/api/v1/governance/meetings/${m.id}/decisions`, {
      agendaItemId: ag.body.agenda[0].id,
      text: '更换天台门锁,钥匙由楼长保管',
      votesFor: 2,
      votesAgainst: 0,
    });
    expect(dec.status).toBe(201);
    expect(dec.body.decisions[0].adopted).toBe(true);
    const a1 = await council('POST', `/api/v1/governance/meetings/${m.id}/actions`, {
      decisionId: dec.body.decisions[0].id,
      issueId: i.id,
      title: '采购并更换门锁',
      ownerName: '王建国',
      dueOn: '2026-12-10',
    });
    expect(a1.status).toBe(201);
    expect((await at(resident, i.id)).body.status).toBe('action_underway');
    const a2 = await council('POST', `/api/v1/governance/meetings/${m.id}/actions`, {
      issueId: i.id,
      title: '张贴天台安全告示',
      ownerName: '李秀英',
      dueOn: '2026-12-05',
    });
    const [first, second] = a2.body.actions;
    const min = await council('PUT', `/api/v1/governance/meetings/${m.id}/minutes`, {
      minutes: '到会2人,议定更换门锁。',
      version: a2.body.version,
    });
    expect(min.body.status).toBe('held');
    expect(
      (await council('POST', `/api/v1/governance/actions/${first.id}/done`, { note: '已更换' })).status,
    ).toBe(200);
    expect((await at(resident, i.id)).body.status).toBe('action_underway');
    const done2 = await council('POST', `/api/v1/governance/actions/${second.id}/done`, {});
    expect(done2.status).toBe(200);
    const twice = await council('POST', `/api/v1/governance/actions/${second.id}/done`, {});
    expect(twice.body.code).toBe('governance.action_done');
    const resolved = (await at(resident, i.id)).body as Issue;
    expect(resolved.status).toBe('resolved');
    expect(resolved.trail.at(-1)).toMatchObject({ kind: 'resolved', note: '会议确定的行动事项已全部完成' });
    expect((await move(resident, i, 'confirmed')).body.status).toBe('confirmed');
    // The building leader (not on the compound) cannot change the council's meeting.
    expect(
      (await leader('POST', `/api/v1/governance/meetings/${m.id}/agenda`, { topic: '杂项' })).status,
    ).toBe(403);
    // Feedback to residents: a notice with a display period.
    const n = await council('POST', '/api/v1/governance/notices', {
      tenantId: w.tenantA.id,
      compoundId: w.k1.id,
      title: '天台门已更换',
      body: '经理事会议定,天台门锁已更换,钥匙由各楼长保管。',
      issueId: i.id,
      meetingId: m.id,
      visibleFrom: '2020-01-01',
      visibleUntil: '2099-12-31',
    });
    expect(n.status).toBe(201);
    // Every list is a bounded number of queries, whatever its size.
    for (const path of ['bodies', 'meetings', 'notices', 'public/issues', 'issues']) {
      const r = await council('GET', `/api/v1/governance/${path}?tenantId=${w.tenantA.id}&limit=200`);
      expect(r.status, path).toBe(200);
      expect(r.queries, path).toBeGreaterThan(0);
      expect(r.queries, path).toBeLessThanOrEqual(5);
    }
    const list = await resident('GET', `/api/v1/governance/notices?tenantId=${w.tenantA.id}`);
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(n.body.id);
    const ended = await council('POST', `/api/v1/governance/members/${add.body.members[0].id}/end`, {
      leftOn: '2024-06-01',
      reason: '换届',
    });
    expect(ended.body.members).toEqual([]);
    expect(ended.body.history[0].leftReason).toBe('换届');
  });

  it('a residents meeting decides only with more than half of those entitled present, by a majority of those present', async () => {
    const b = await admin('POST', '/api/v1/governance/bodies', {
      tenantId: w.tenantA.id,
      kind: 'residents_meeting',
      name: '甲一社区居民会议',
      ownerKind: 'community',
      ownerId: w.a1.id,
    });
    const m = await meetingFor(admin, b.body.id, 'residents_meeting', 100);
    const half = await admin('PUT', `/api/v1/governance/meetings/${m.id}/attendance`, {
      personIds: [],
      presentCount: 50,
      version: m.version,
    });
    expect(half.body.quorumMet).toBe(false);
    const no = await admin('POST', `/api/v1/governance/meetings/${m.id}/decisions`, {
      text: '增设充电桩',
      votesFor: 40,
    });
    expect(no.status).toBe(409);
    expect(no.body.code).toBe('governance.quorum_not_met');
    const ok = await admin('PUT', `/api/v1/governance/meetings/${m.id}/attendance`, {
      personIds: [],
      presentCount: 51,
      version: half.body.version,
    });
    expect(ok.body.quorumMet).toBe(true);
    const yes = await admin('POST', `/api/v1/governance/meetings/${m.id}/decisions`, {
      text: '增设充电桩',
      votesFor: 26,
    });
    expect(yes.body.decisions[0].adopted).toBe(true);
    const lost = await admin('POST', `/api/v1/governance/meetings/${m.id}/decisions`, {
      text: '拆除花坛',
      votesFor: 25,
    });
    expect(lost.body.decisions[1].adopted).toBe(false);
    const tooMany = await admin('POST', `/api/v1/governance/meetings/${m.id}/decisions`, {
      text: 'x',
      votesFor: 60,
    });
    expect(tooMany.status).toBe(400);
  });
});

describe('property company', () => {
  it('a property-service issue in a closed compound goes to its property company', async () => {
    const k = await makeCompound(ta.deps, w.a1, { kind: 'closed_modern' });
    const patch = await caller(ta.app, w.cookies.platform_admin)(
      'PATCH',
      `/api/v1/territory/compounds/${k.id}`,
      {
        propertyCompany: '碧桂园物业',
        version: k.version,
      },
    );
    expect(patch.status).toBe(200);
    const bld = await makeBuilding(ta.deps, k, '9');
    const prop = await categoryId(admin, w.tenantA.id, 'property_service');
    const i = await report(
      admin,
      { tenantId: w.tenantA.id, buildingId: bld.id, categoryId: prop },
      '电梯停运',
    );
    expect(i.assignedTo).toBe('碧桂园物业');
    expect(i.trail.map((e) => e.kind)).toEqual(['reported', 'assigned']);
    const other = await report(admin, { tenantId: w.tenantA.id, buildingId: bld.id, categoryId: safety });
    const r = await admin('POST', `/api/v1/governance/issues/${other.id}/assign-property`, {
      version: other.version,
    });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('governance.no_property_company');
  });
});
