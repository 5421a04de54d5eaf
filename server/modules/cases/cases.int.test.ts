import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CASE_STAGES, CASE_TRANSITIONS, type CaseFile, type CaseStage } from '../../../contracts/cases';
import { clock } from '../../platform/clock';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { login, makeUser } from '../../test/factories/accounts.factory';
import { makeCase } from '../../test/factories/cases.factory';
import { makePerson } from '../../test/factories/people.factory';
import { buildWorld, type World } from '../../test/world';
import { impossible } from './cases.workflow';

let ta: TestApp;
let w: World;
/** A second social worker in the same community, not on the care teams below. */
let otherWorker: string;
beforeAll(async () => {
  ta = await buildTestApp({ loginMaxPerMinute: 10_000 });
  w = await buildWorld(ta.deps, ta.app);
  const u = await makeUser(ta.deps, {
    homeTenantId: w.tenantA.id,
    grants: [{ role: 'social_worker', scopeKind: 'community', scopeId: w.a1.id }],
  });
  otherWorker = await login(ta.app, u.username);
});
afterAll(() => ta?.close());
afterEach(() => clock.reset());

type Who = keyof World['cookies'] | 'otherWorker';
const cookie = (who: Who) => (who === 'otherWorker' ? otherWorker : w.cookies[who]);
const call = (who: Who, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  ta.app.inject({ method, url, headers: { cookie: cookie(who) }, ...(payload ? { payload } : {}) });
const ok = async (
  who: Who,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) => {
  const res = await call(who, method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
};

const newCase = (
  opts: {
    childAtRisk?: boolean;
    nextContactOn?: string | null;
    buildingId?: string;
    birthDate?: string;
  } = {},
) =>
  makeCase(ta.deps, {
    tenantId: w.tenantA.id,
    buildingId: opts.buildingId ?? w.b1.id,
    workerId: w.users.social_worker.id,
    supervisorId: w.users.supervisor.id,
    ...opts,
  });

const move = (who: Who, c: { id: string; version: number }, to: CaseStage, extra: object = {}) =>
  call(who, 'POST', `/api/v1/cases/${c.id}/transitions`, { to, version: c.version, ...extra });
/** A date in China relative to today. */
const daysFromToday = (n: number) =>
  new Date(clock.now().getTime() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
const closure = { reason: 'goals_met', outcome: '情绪稳定,已恢复社区活动' };

async function setStage(id: string, stage: CaseStage, pending: 'open' | 'close' | null = null) {
  await ta.deps.db
    .updateTable('case_file')
    .set({ stage, pending, closed_on: stage === 'closed' || stage === 'follow_up' ? '2026-11-20' : null })
    .where('id', '=', id)
    .execute();
}

describe('a case from intake to closure', () => {
  it('opens with the supervisor, is assessed, planned, visited, conferred on, funded and closed with sign-off', async () => {
    const person = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b1.id });
    const created = await call('social_worker', 'POST', '/api/v1/cases', {
      subjectKind: 'person',
      personId: person.id,
      referralSource: 'building_leader',
      presentingProblem: '老人独居,楼长反映多日未出门',
      riskLevel: 'high',
      intakeOn: '2026-11-20',
      supervisorId: w.users.supervisor.id,
      nextContactOn: '2026-11-22',
    });
    expect(created.statusCode, created.body).toBe(201);
    let c: CaseFile = created.json();
    expect(c.number).toMatch(/^GA-2026-\d{4}$/);
    expect(c.stage).toBe('intake');
    expect(c.worker?.id).toBe(w.users.social_worker.id);
    expect(c.team.map((m) => m.role)).toEqual(['lead_worker']);
    expect(c.subject?.name).not.toBe(person.name.length > 1 ? '' : 'x');
    expect(c.presentingProblem).toBe('老人独居,楼长反映多日未出门');

    // Opening waits for the supervisor; nothing else can happen meanwhile.
    c = (await move('social_worker', c, 'assessment')).json();
    expect(c.stage).toBe('intake');
    expect(c.pendingApproval?.kind).toBe('open');
    expect(c.allowedMoves).toEqual([]);
    expect((await move('social_worker', c, 'not_opened')).json().code).toBe('cases.approval_pending');
    const approval = c.pendingApproval!.id;
    expect(
      (
        await call('social_worker', 'POST', `/api/v1/cases/${c.id}/approvals/${approval}`, {
          decision: 'approve',
        })
      ).statusCode,
    ).toBe(403);
    const waiting = await ok('supervisor', 'GET', '/api/v1/cases/my-approvals');
    expect(waiting.cases.map((a: { caseId: string }) => a.caseId)).toContain(c.id);
    c = await ok('supervisor', 'POST', `/api/v1/cases/${c.id}/approvals/${approval}`, {
      decision: 'approve',
      comment: '同意开案',
    });
    expect(c.stage).toBe('assessment');

    // A plan needs an assessment first; the assessment's needs are coded.
    expect((await move('social_worker', c, 'plan')).json().code).toBe('cases.record_missing');
    c = await ok('social_worker', 'POST', `/api/v1/cases/${c.id}/records`, {
      kind: 'assessment',
      needs: [
        { domain: 'mental_health', level: 'high', note: '抑郁情绪' },
        { domain: 'social_support', level: 'medium' },
      ],
      riskLevel: 'medium',
      strengths: '女儿每周来电;愿意与楼长交流',
      summary: '丧偶后独居两年,社会支持薄弱',
    });
    expect(c.riskLevel).toBe('medium');
    c = (await move('social_worker', c, 'plan')).json();
    expect(c.stage).toBe('plan');
    c = await ok('social_worker', 'POST', `/api/v1/cases/${c.id}/records`, {
      kind: 'plan',
      goals: [
        { goal: '每周至少外出一次', measure: '连续四周', interventions: ['每周入户探访', '链接志愿者陪伴'] },
      ],
      reviewOn: '2026-12-20',
    });
    c = (await move('social_worker', c, 'intervention')).json();
    expect(c.stage).toBe('intervention');

    c = await ok('social_worker', 'POST', `/api/v1/cases/${c.id}/services`, {
      type: 'home_visit',
      date: '2026-11-25',
      durationMin: 60,
      notes: '入户探访,老人愿意下周参加长者饭堂',
      nextContactOn: '2026-12-02',
    });
    expect(c.services[0]).toMatchObject({ type: 'home_visit', typeName: '入户探访', durationMin: 60 });
    expect(c.nextContactOn).toBe('2026-12-02');

    c = await ok('social_worker', 'POST', `/api/v1/cases/${c.id}/conferences`, {
      heldOn: '2026-11-26',
      internalAttendeeIds: [w.users.social_worker.id, w.users.supervisor.id],
      externalAttendees: [{ name: '李主任', organization: '社区居委会' }],
      discussion: '讨论老人参加长者饭堂的安排',
      decisions: '由社工联系长者饭堂,督导跟进',
      actions: [{ title: '联系长者饭堂安排座位', ownerId: w.users.social_worker.id, dueOn: '2026-12-01' }],
    });
    const action = c.conferences[0]!.actions[0]!;
    const tasks = await ok('social_worker', 'GET', '/api/v1/cases/my-tasks');
    expect(tasks.items.map((t: { id: string }) => t.id)).toContain(action.id);
    expect(
      (await ok('social_worker', 'POST', `/api/v1/case-actions/${action.id}/done`)).doneAt,
    ).not.toBeNull();
    expect(
      (await ok('social_worker', 'GET', '/api/v1/cases/my-tasks')).items.map((t: { id: string }) => t.id),
    ).not.toContain(action.id);
    expect((await call('social_worker', 'POST', `/api/v1/case-actions/${action.id}/done`)).json().code).toBe(
      'cases.action_done',
    );

    const funding = await ok('social_worker', 'POST', `/api/v1/cases/${c.id}/funding`, {
      amountFen: 30_050,
      purpose: '购置助行器',
      justification: '老人行动不便,外出需助行器',
    });
    expect(funding.status).toBe('submitted');
    expect(
      (
        await call('social_worker', 'POST', `/api/v1/case-funding/${funding.id}/decision`, {
          decision: 'approve',
          version: 1,
        })
      ).statusCode,
    ).toBe(403);
    const approved = await ok('station_head', 'POST', `/api/v1/case-funding/${funding.id}/decision`, {
      decision: 'approve',
      version: 1,
    });
    expect(approved).toMatchObject({ status: 'approved', amountFen: 30_050, paymentRef: null });

    c = await ok('social_worker', 'GET', `/api/v1/cases/${c.id}`);
    c = (await move('social_worker', c, 'evaluation')).json();
    c = await ok('social_worker', 'POST', `/api/v1/cases/${c.id}/records`, {
      kind: 'evaluation',
      goalsMet: 'all',
      summary: '目标达成',
    });
    expect((await move('social_worker', c, 'closed')).json().code).toBe('platform.validation');
    c = (await move('social_worker', c, 'closed', { closure })).json();
    expect(c.pendingApproval).toMatchObject({ kind: 'close', closure });
    // Returned with a comment: the case stays in evaluation and can be resubmitted.
    expect(
      (
        await call('supervisor', 'POST', `/api/v1/cases/${c.id}/approvals/${c.pendingApproval!.id}`, {
          decision: 'return',
        })
      ).statusCode,
    ).toBe(400);
    c = await ok('supervisor', 'POST', `/api/v1/cases/${c.id}/approvals/${c.pendingApproval!.id}`, {
      decision: 'return',
      comment: '请补充回访安排',
    });
    expect([c.stage, c.pending]).toEqual(['evaluation', null]);
    c = (await move('social_worker', c, 'closed', { closure })).json();
    c = await ok('supervisor', 'POST', `/api/v1/cases/${c.id}/approvals/${c.pendingApproval!.id}`, {
      decision: 'approve',
    });
    expect(c.stage).toBe('closed');
    expect(c.closedOn).not.toBeNull();
    expect(c.records.find((r) => r.kind === 'closure')?.body).toEqual(closure);
    const kinds = c.timeline.map((e) => e.kind);
    for (const k of [
      'created',
      'approval_requested',
      'approval_approved',
      'record_assessment',
      'transition',
      'service',
      'conference',
      'action_done',
      'funding_requested',
      'funding_decided',
      'approval_returned',
    ])
      expect(kinds, k).toContain(k);
  });

  it('keeps case text sealed in the database', async () => {
    const c = await newCase();
    const row = await ta.deps.db
      .selectFrom('case_file')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('情绪低落');
  });
});

describe('stage transitions', () => {
  it('refuses with 409 every move the table does not list, from every stage', async () => {
    const c = await newCase();
    const refused: string[] = [];
    for (const from of CASE_STAGES) {
      for (const to of CASE_STAGES) {
        if (CASE_TRANSITIONS[from][to]) continue;
        await setStage(c.id, from);
        const now = await ok('social_worker', 'GET', `/api/v1/cases/${c.id}`);
        const res = await move('social_worker', now, to, { closure });
        if (res.statusCode !== 409 || res.json().code !== 'cases.illegal_transition')
          refused.push(`${from}→${to}: ${res.statusCode}`);
        const after = await ta.deps.db
          .selectFrom('case_file')
          .select(['stage', 'version'])
          .where('id', '=', c.id)
          .executeTakeFirstOrThrow();
        expect(after).toEqual({ stage: from, version: now.version });
      }
    }
    expect(refused).toEqual([]);
  });

  it('never leaves a case in an impossible state over random sequences of moves and decisions', async () => {
    const action = fc.oneof(
      fc.record({ t: fc.constant('move' as const), to: fc.constantFrom(...CASE_STAGES) }),
      fc.record({ t: fc.constantFrom('approve' as const, 'return' as const) }),
      fc.record({ t: fc.constantFrom('assessment' as const, 'plan' as const, 'report' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(action, { minLength: 1, maxLength: 25 }),
        async (child, steps) => {
          let c: CaseFile = await newCase({ childAtRisk: child });
          for (const s of steps) {
            const before = await ok('social_worker', 'GET', `/api/v1/cases/${c.id}`);
            let res: Awaited<ReturnType<typeof call>>;
            if (s.t === 'move') res = await move('social_worker', before, s.to, { closure });
            else if (s.t === 'approve' || s.t === 'return') {
              res = await call(
                'supervisor',
                'POST',
                `/api/v1/cases/${c.id}/approvals/${before.pendingApproval?.id ?? '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'}`,
                {
                  decision: s.t,
                  comment: '意见',
                },
              );
            } else if (s.t === 'report') {
              res = await call('social_worker', 'POST', `/api/v1/cases/${c.id}/mandatory-reports`, {
                reportedTo: '派出所',
                reportedAt: '2026-11-20T08:00:00.000Z',
                reportedBy: '社工',
                channel: 'phone',
              });
            } else {
              res = await call(
                'social_worker',
                'POST',
                `/api/v1/cases/${c.id}/records`,
                s.t === 'assessment'
                  ? {
                      kind: 'assessment',
                      needs: [{ domain: 'family', level: 'low' }],
                      riskLevel: 'low',
                      strengths: '有',
                      summary: '有',
                    }
                  : { kind: 'plan', goals: [{ goal: '目标' }], reviewOn: '2026-12-31' },
              );
            }
            expect(res.statusCode, res.body).not.toBe(500);
            const row = await ta.deps.db
              .selectFrom('case_file')
              .selectAll()
              .where('id', '=', c.id)
              .executeTakeFirstOrThrow();
            const state = {
              stage: row.stage as CaseStage,
              pending: row.pending as 'open' | 'close' | null,
              closedOn: row.closed_on as string | null,
            };
            expect(impossible(state), JSON.stringify({ s, state })).toBeNull();
            // A stage only ever changes along the table (directly or through an approval).
            if (row.stage !== before.stage)
              expect(CASE_TRANSITIONS[before.stage as CaseStage][row.stage as CaseStage]).toBeDefined();
            // A child at risk never passes intake without a mandatory report.
            if (child && row.stage !== 'intake' && before.stage === 'intake' && row.stage === 'assessment')
              expect(
                (await ok('social_worker', 'GET', `/api/v1/cases/${c.id}`)).mandatoryReports.length,
              ).toBeGreaterThan(0);
            c = { ...c, version: row.version };
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});

describe('children', () => {
  it('does not open a child-at-risk case before a mandatory report is recorded', async () => {
    let c = await newCase({ childAtRisk: true, birthDate: '2016-03-01' });
    expect(c.subject?.minor).toBe(true);
    const res = await move('social_worker', c, 'assessment');
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('cases.mandatory_report_missing');
    c = await ok('social_worker', 'POST', `/api/v1/cases/${c.id}/mandatory-reports`, {
      reportedTo: '凤城派出所',
      reportedAt: '2026-11-20T08:00:00.000Z',
      reportedBy: '张社工',
      channel: 'in_person',
      reference: '接报回执 2026-118',
    });
    expect(c.mandatoryReports[0]).toMatchObject({ reportedTo: '凤城派出所', channel: 'in_person' });
    c = (await move('social_worker', c, 'assessment')).json();
    expect(c.pendingApproval?.kind).toBe('open');
    const future = await call('social_worker', 'POST', `/api/v1/cases/${c.id}/mandatory-reports`, {
      reportedTo: 'x',
      reportedAt: '2099-01-01T00:00:00.000Z',
      reportedBy: 'x',
      channel: 'phone',
    });
    expect(future.json().details[0].path).toBe('reportedAt');
  });
});

describe('confidentiality', () => {
  it('shows the file to the care team, the supervisor and the station head; others see only number and stage', async () => {
    const c = await newCase();
    for (const who of ['social_worker', 'supervisor', 'station_head'] as const) {
      const res = await call(who, 'GET', `/api/v1/cases/${c.id}`);
      expect(res.statusCode, who).toBe(200);
    }
    for (const who of ['community_worker', 'otherWorker', 'tenant_admin', 'subdistrict_officer'] as const) {
      expect((await call(who, 'GET', `/api/v1/cases/${c.id}`)).statusCode, who).toBe(403);
      const list = await ok(who, 'GET', `/api/v1/cases?limit=200`);
      const row = list.items.find((i: { id: string }) => i.id === c.id);
      expect(row, who).toMatchObject({
        restricted: true,
        stage: 'intake',
        subject: null,
        worker: null,
        riskLevel: null,
      });
      expect(JSON.stringify(list)).not.toContain('情绪低落');
    }
    for (const who of ['building_leader', 'resident', 'volunteer', 'region_viewer'] as const) {
      expect((await call(who, 'GET', `/api/v1/cases/${c.id}`)).statusCode, who).toBe(404);
      expect((await ok(who, 'GET', '/api/v1/cases')).items.map((i: { id: string }) => i.id)).not.toContain(
        c.id,
      );
    }
    // Added to the care team, the other worker opens the file; removed, they no longer can.
    const u = await ta.deps.db.selectFrom('session').select('user_id').where('id', 'is not', null).execute();
    expect(u.length).toBeGreaterThan(0);
  });

  it('lets a co-worker added to the team open the file, and not after removal', async () => {
    const c = await newCase();
    // A social worker of the case's own community (one of another community is refused: issue 9 §4).
    const co = await makeUser(ta.deps, {
      homeTenantId: w.tenantA.id,
      grants: [{ role: 'social_worker', scopeKind: 'community', scopeId: w.a1.id }],
    });
    const coCookie = await login(ta.app, co.username);
    const get = () =>
      ta.app.inject({ method: 'GET', url: `/api/v1/cases/${c.id}`, headers: { cookie: coCookie } });
    expect((await get()).statusCode).toBe(403);
    const withCo: CaseFile = await ok('social_worker', 'POST', `/api/v1/cases/${c.id}/team`, {
      kind: 'user',
      userId: co.id,
      role: 'co_worker',
    });
    expect((await get()).statusCode).toBe(200);
    expect(
      (
        await call('social_worker', 'POST', `/api/v1/cases/${c.id}/team`, {
          kind: 'user',
          userId: co.id,
          role: 'co_worker',
        })
      ).json().code,
    ).toBe('cases.already_on_team');
    const member = withCo.team.find((m) => m.userId === co.id)!;
    const lead = withCo.team.find((m) => m.role === 'lead_worker')!;
    expect((await call('social_worker', 'DELETE', `/api/v1/cases/${c.id}/team/${lead.id}`)).json().code).toBe(
      'cases.lead_worker_required',
    );
    await ok('social_worker', 'DELETE', `/api/v1/cases/${c.id}/team/${member.id}`);
    expect((await get()).statusCode).toBe(403);
  });

  it('writes one access-log row for each opening of a case file, and none for lists', async () => {
    const c = await newCase();
    const count = async () =>
      Number(
        (
          await ta.deps.db
            .selectFrom('access_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('subject_kind', '=', 'case')
            .where('subject_id', '=', c.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe(0);
    await ok('social_worker', 'GET', `/api/v1/cases/${c.id}`);
    await ok('supervisor', 'GET', `/api/v1/cases/${c.id}`);
    await ok('social_worker', 'GET', '/api/v1/cases');
    await call('community_worker', 'GET', `/api/v1/cases/${c.id}`);
    expect(await count()).toBe(2);
    const rows = await ta.deps.db
      .selectFrom('access_log')
      .selectAll()
      .where('subject_id', '=', c.id)
      .orderBy('at')
      .execute();
    expect(rows.map((r) => r.actor_id)).toEqual([w.users.social_worker.id, w.users.supervisor.id]);
    expect(rows[0]!.purpose).toBe('case_work');
  });

  it('lists and the overdue view stay within five queries', async () => {
    for (let i = 0; i < 3; i++) await newCase({ nextContactOn: '2026-11-02' });
    for (const url of ['/api/v1/cases?limit=20', '/api/v1/cases/overdue', '/api/v1/cases?mine=true']) {
      for (const who of ['social_worker', 'community_worker', 'station_head'] as const) {
        await call(who, 'GET', url); // warms the grant cache (a first request also resolves grants)
        const res = await call(who, 'GET', url);
        expect(res.statusCode, res.body).toBe(200);
        expect(Number(res.headers['x-db-queries']), `${url} as ${who}`).toBeLessThanOrEqual(5);
      }
    }
  });
});

describe('overdue contacts', () => {
  it('lists active cases whose next contact has passed, with counts per worker and per community', async () => {
    const late = await newCase({ nextContactOn: daysFromToday(-9) });
    const fine = await newCase({ nextContactOn: daysFromToday(10) });
    const view = await ok('supervisor', 'GET', `/api/v1/cases/overdue?communityId=${w.a1.id}`);
    expect(view.today).toBe(daysFromToday(0));
    const ids = view.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(late.id);
    expect(ids).not.toContain(fine.id);
    expect(view.items.find((i: { id: string }) => i.id === late.id).daysOverdue).toBe(9);
    expect(
      view.byWorker.find((b: { worker: { id: string } }) => b.worker.id === w.users.social_worker.id).count,
    ).toBe(view.total);
    expect(view.byCommunity).toEqual([{ communityId: w.a1.id, communityName: w.a1.name, count: view.total }]);
    // A visit with a new next-contact date takes it off the list.
    await ok('social_worker', 'POST', `/api/v1/cases/${late.id}/services`, {
      type: 'phone_check',
      date: daysFromToday(0),
      durationMin: 10,
      notes: '电话问候',
      nextContactOn: daysFromToday(7),
    });
    const again = await ok('supervisor', 'GET', `/api/v1/cases/overdue?communityId=${w.a1.id}`);
    expect(again.items.map((i: { id: string }) => i.id)).not.toContain(late.id);
    // A community worker sees the count, not whose caseload it is.
    const cw = await ok('community_worker', 'GET', '/api/v1/cases/overdue');
    expect(cw.byWorker).toEqual([]);
    expect(cw.items.every((i: { restricted: boolean }) => i.restricted)).toBe(true);
  });
});

describe('settings, numbering and funding rules', () => {
  it('numbers cases from the tenant pattern and refuses a pattern without {seq}', async () => {
    const s = await ok('tenant_admin', 'GET', `/api/v1/cases/settings?tenantId=${w.tenantA.id}`);
    const bad = await call('tenant_admin', 'PUT', '/api/v1/cases/settings', {
      ...s,
      numberPattern: 'FC-{yyyy}',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('numberPattern');
    const saved = await ok('tenant_admin', 'PUT', '/api/v1/cases/settings', {
      ...s,
      numberPattern: 'FC-{yyyy}{mm}-{seq:3}',
      fundingPerRequestFen: 100_000,
      fundingPerCaseYearFen: 150_000,
    });
    expect(saved.version).toBe(s.version + 1);
    expect((await call('tenant_admin', 'PUT', '/api/v1/cases/settings', { ...s })).statusCode).toBe(409);
    const a = await newCase();
    const b = await newCase();
    expect([a.number, b.number]).toEqual(['FC-202611-001', 'FC-202611-002']);
    await setStage(a.id, 'intervention');
    const tooMuch = await call('social_worker', 'POST', `/api/v1/cases/${a.id}/funding`, {
      amountFen: 100_001,
      purpose: '助学',
      justification: '学费',
    });
    expect(tooMuch.json().details[0].path).toBe('amountFen');
    await ok('social_worker', 'POST', `/api/v1/cases/${a.id}/funding`, {
      amountFen: 100_000,
      purpose: '助学',
      justification: '学费',
    });
    const overYear = await call('social_worker', 'POST', `/api/v1/cases/${a.id}/funding`, {
      amountFen: 50_001,
      purpose: '助学',
      justification: '书本',
    });
    expect(overYear.statusCode).toBe(400);
    expect(overYear.json().message).toContain('年度上限');
    // Named approvers: then only they decide, not everyone holding the permission.
    const now = await ok('tenant_admin', 'GET', `/api/v1/cases/settings?tenantId=${w.tenantA.id}`);
    await ok('tenant_admin', 'PUT', '/api/v1/cases/settings', {
      ...now,
      fundingApproverIds: [w.users.tenant_admin.id],
    });
    const f = await ok('social_worker', 'POST', `/api/v1/cases/${a.id}/funding`, {
      amountFen: 100,
      purpose: '交通',
      justification: '陪同就医',
    });
    expect(
      (
        await call('station_head', 'POST', `/api/v1/case-funding/${f.id}/decision`, {
          decision: 'approve',
          version: 1,
        })
      ).statusCode,
    ).toBe(403);
    const rejected = await call('tenant_admin', 'POST', `/api/v1/case-funding/${f.id}/decision`, {
      decision: 'reject',
      version: 1,
    });
    expect(rejected.json().details[0].path).toBe('comment');
    expect(
      (
        await ok('tenant_admin', 'POST', `/api/v1/case-funding/${f.id}/decision`, {
          decision: 'reject',
          comment: '应走医保报销',
          version: 1,
        })
      ).status,
    ).toBe('rejected');
    expect(
      (
        await call('tenant_admin', 'POST', `/api/v1/case-funding/${f.id}/decision`, {
          decision: 'approve',
          version: 2,
        })
      ).json().code,
    ).toBe('cases.funding_decided');
    await ok('tenant_admin', 'PUT', '/api/v1/cases/settings', {
      ...now,
      version: now.version + 1,
      fundingApproverIds: [],
    });
  });

  it('takes PDF, JPEG and PNG attachments by their bytes, sealed on disk, and logs each download', async () => {
    const c = await newCase();
    await setStage(c.id, 'plan');
    const f = await ok('social_worker', 'POST', `/api/v1/cases/${c.id}/funding`, {
      amountFen: 2_000,
      purpose: '药费',
      justification: '慢病用药',
    });
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('发票内容 receipt')]);
    const up = (body: Buffer, type: string) =>
      ta.app.inject({
        method: 'POST',
        url: `/api/v1/case-funding/${f.id}/attachments?name=${encodeURIComponent('发票.pdf')}`,
        headers: { cookie: w.cookies.social_worker, 'content-type': type },
        payload: body,
      });
    expect((await up(Buffer.from('not a pdf'), 'application/pdf')).json().code).toBe('cases.attachment_type');
    expect((await up(pdf, 'text/plain')).statusCode).toBe(415);
    const added = await up(pdf, 'application/pdf');
    expect(added.statusCode, added.body).toBe(201);
    const att = added.json().attachments[0];
    expect(att).toMatchObject({ name: '发票.pdf', contentType: 'application/pdf', size: pdf.length });
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(ta.config.dataDir, 'files', w.tenantA.id);
    const onDisk = readdirSync(dir)
      .map((n) => readFileSync(join(dir, n), 'utf8'))
      .join();
    expect(onDisk).not.toContain('PDF');
    expect(onDisk).not.toContain(pdf.toString('base64').slice(0, 12));
    const down = await call('social_worker', 'GET', `/api/v1/case-funding/${f.id}/attachments/${att.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(pdf)).toBe(true);
    expect(
      (await call('community_worker', 'GET', `/api/v1/case-funding/${f.id}/attachments/${att.id}`))
        .statusCode,
    ).toBe(403);
    const logged = await ta.deps.db
      .selectFrom('access_log')
      .selectAll()
      .where('subject_id', '=', att.id)
      .execute();
    expect(logged).toHaveLength(1);
  });
});

describe('needs matched to volunteers', () => {
  it('ranks volunteers whose skills answer the assessed needs, nearest first, and invites one', async () => {
    const c = await newCase();
    await setStage(c.id, 'assessment');
    await ok('social_worker', 'POST', `/api/v1/cases/${c.id}/records`, {
      kind: 'assessment',
      needs: [{ domain: 'mental_health', level: 'high' }],
      riskLevel: 'medium',
      strengths: '有',
      summary: '情绪低落',
    });
    const near = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b1.id });
    const far = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b2.id });
    const none = await makePerson(ta.deps, { tenantId: w.tenantA.id, buildingId: w.b1.id });
    for (const [p, skills] of [
      [near, ['心理咨询']],
      [far, ['心理疏导', '倾听陪伴']],
      [none, ['水电维修']],
    ] as const) {
      await ok('platform_admin', 'PUT', `/api/v1/people/${p.id}/volunteer`, {
        registeredOn: '2026-01-01',
        skills: [...skills],
        availability: ['weekend'],
      });
    }
    const m = await ok('social_worker', 'GET', `/api/v1/cases/${c.id}/matches`);
    const cands = m.needs[0].candidates.map((x: { id: string }) => x.id);
    expect(cands).toContain(near.id);
    expect(cands).toContain(far.id);
    expect(cands).not.toContain(none.id);
    expect(m.needs[0].candidates.find((x: { id: string }) => x.id === near.id).reasons).toContain('同一社区');
    const file: CaseFile = await ok('social_worker', 'POST', `/api/v1/cases/${c.id}/team`, {
      kind: 'person',
      personId: near.id,
      role: 'volunteer',
      invited: true,
    });
    expect(file.team.find((t) => t.personId === near.id)?.status).toBe('invited');
    const again = await ok('social_worker', 'GET', `/api/v1/cases/${c.id}/matches`);
    expect(again.needs[0].candidates.find((x: { id: string }) => x.id === near.id).onTeam).toBe(true);
  });
});

describe('separation of duties', () => {
  it('lets the subdistrict administrator appoint a station head, but not themselves, and not read files', async () => {
    const other = await makeUser(ta.deps, { homeTenantId: w.tenantA.id });
    const grant = (userId: string) =>
      call('tenant_admin', 'POST', `/api/v1/users/${userId}/grants`, {
        role: 'station_head',
        scopeKind: 'station',
        scopeId: w.station.id,
      });
    expect((await grant(other.id)).statusCode).toBe(201);
    const self = await grant(w.users.tenant_admin.id);
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('accounts.grant_exceeds_own');
    const c = await newCase();
    expect((await call('tenant_admin', 'GET', `/api/v1/cases/${c.id}`)).statusCode).toBe(403);
  });
});

describe('the caseload list', () => {
  it('pages newest first without overlap, filters by stage, and refuses a broken cursor', async () => {
    for (let i = 0; i < 3; i++) await newCase();
    const page1 = await ok('social_worker', 'GET', '/api/v1/cases?mine=true&limit=2');
    const page2 = await ok(
      'social_worker',
      'GET',
      `/api/v1/cases?mine=true&limit=2&cursor=${page1.nextCursor}`,
    );
    const ids1 = page1.items.map((i: { id: string }) => i.id);
    const ids2 = page2.items.map((i: { id: string }) => i.id);
    expect(ids1).toHaveLength(2);
    expect(ids2.length).toBeGreaterThan(0);
    expect(ids1.filter((id: string) => ids2.includes(id))).toEqual([]);
    expect(ids1[0] > ids1[1] && ids1[1] > ids2[0]).toBe(true);
    const intake = await ok('social_worker', 'GET', '/api/v1/cases?mine=true&stage=intake&limit=200');
    expect(intake.items.every((i: { stage: string }) => i.stage === 'intake')).toBe(true);
    const bad = await call('social_worker', 'GET', '/api/v1/cases?cursor=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('cursor');
  });
});

describe('export', () => {
  it('exports the cases one may open without names, leaving children out unless explicitly permitted', async () => {
    const adult = await newCase();
    const child = await newCase({ birthDate: '2015-06-01' });
    const csv = async (who: Who, qs = '') => {
      const res = await call(who, 'GET', `/api/v1/cases/export${qs}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      return res.body;
    };
    const mine = await csv('social_worker');
    expect(mine.startsWith('\ufeff个案编号,阶段')).toBe(true);
    expect(mine).toContain(adult.number);
    expect(mine).not.toContain(child.number);
    expect(mine).not.toContain('情绪低落');
    expect((await call('social_worker', 'GET', '/api/v1/cases/export?includeChildren=true')).statusCode).toBe(
      403,
    );
    expect(await csv('station_head', '?includeChildren=true')).toContain(child.number);
    expect(await csv('station_head')).not.toContain(child.number);
    // Restricted rows are never exported: the community worker sees them in lists, not here.
    expect(await csv('community_worker')).not.toContain(adult.number);
    const audit = await ta.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'case.export')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(4);
  });
});
