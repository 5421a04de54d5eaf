import { type CaseFile, type CaseStage, DEFAULT_SERVICE_TYPES } from '../../contracts/cases';
import { staffMember } from '../modules/accounts/index';
import {
  addConference,
  addMandatoryReport,
  addRecord,
  addService,
  createCase,
  decideApproval,
  moveCase,
  requestFunding,
  saveCaseSettings,
} from '../modules/cases/index';
import { saveVolunteer } from '../modules/people/index';
import { clock } from '../platform/clock';
import { RequestContext, systemContext } from '../platform/context';
import type { Deps } from '../platform/deps';

/** A demo resident as the loader keeps it. */
export interface DemoResident {
  id: string;
  communityId: string | null;
  tags: string[];
  minor: boolean;
  age: string;
}

/** Acting as a demo account, so the timeline and audit name real (demo) people. */
async function as(deps: Deps, userId: string): Promise<RequestContext> {
  const u = await staffMember(deps, userId);
  if (!u) throw new Error(`demo user ${userId} missing`);
  const ctx = new RequestContext('demo', '127.0.0.1');
  ctx.principal = {
    userId: u.id,
    displayName: u.name,
    homeTenantId: u.homeTenantId,
    sessionId: '',
    grants: u.grants,
  };
  return ctx;
}

const day = (offset: number) =>
  new Date(clock.now().getTime() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/** The stage each demo case is taken to, in order; 36 cases across every stage. */
const PLAN: CaseStage[] = [
  'intake',
  'intake',
  'intake',
  'intake',
  'assessment',
  'assessment',
  'assessment',
  'assessment',
  'plan',
  'plan',
  'plan',
  'plan',
  'intervention',
  'intervention',
  'intervention',
  'intervention',
  'intervention',
  'intervention',
  'intervention',
  'intervention',
  'evaluation',
  'evaluation',
  'evaluation',
  'closed',
  'closed',
  'closed',
  'closed',
  'closed',
  'follow_up',
  'follow_up',
  'not_opened',
  'referred_out',
  'referred_out',
  'intervention',
  'plan',
  'assessment',
];
const ORDER: CaseStage[] = [
  'intake',
  'assessment',
  'plan',
  'intervention',
  'evaluation',
  'closed',
  'follow_up',
];

const PROBLEMS: Record<string, string> = {
  elderly_alone: '独居老人,近期跌倒一次,子女在外地,楼长反映情绪低落、很少出门',
  elderly_empty_nest: '空巢老人夫妇,老伴患慢性病,照护压力大',
  elderly_advanced: '高龄老人行动不便,需要助餐与定期探访',
  child_left_behind: '留守儿童,由祖辈照看,学校反映近期情绪与学业下滑',
  disabled: '残疾人家庭,无障碍改造与康复资源缺乏',
  dibao: '低保家庭,主要劳动力失业,子女上学开支困难',
  serious_illness: '重病患者家庭,医疗支出大,家属情绪压力大',
};
const NEEDS: Record<string, { domain: string; level: 'low' | 'medium' | 'high' }[]> = {
  elderly_alone: [
    { domain: 'social_support', level: 'high' },
    { domain: 'mental_health', level: 'medium' },
  ],
  elderly_empty_nest: [
    { domain: 'daily_care', level: 'medium' },
    { domain: 'physical_health', level: 'medium' },
  ],
  elderly_advanced: [
    { domain: 'daily_care', level: 'high' },
    { domain: 'social_support', level: 'medium' },
  ],
  child_left_behind: [
    { domain: 'education', level: 'medium' },
    { domain: 'mental_health', level: 'medium' },
  ],
  disabled: [
    { domain: 'housing', level: 'medium' },
    { domain: 'physical_health', level: 'high' },
  ],
  dibao: [
    { domain: 'economic', level: 'high' },
    { domain: 'employment', level: 'medium' },
  ],
  serious_illness: [
    { domain: 'economic', level: 'high' },
    { domain: 'mental_health', level: 'medium' },
  ],
};
const VOLUNTEER_SKILLS = [
  ['心理疏导', '倾听陪伴'],
  ['陪伴聊天', '读报'],
  ['课业辅导', '阅读'],
  ['家电维修', '水电'],
  ['护理', '康复指导'],
  ['助餐配送', '照料'],
  ['法律咨询', '调解'],
  ['就业指导', '电商技能'],
];

/**
 * The Firefly center's demo caseload: 36 cases of Fengcheng residents across every stage, worked
 * by each community's social worker under the station's supervisor, through the module's own use
 * cases (so numbers, timelines, approvals and audit rows are what real use leaves), and eight
 * resident volunteers whose skills the matching can find.
 */
export async function loadDemoCases(
  deps: Deps,
  opts: {
    tenantId: string;
    supervisorId: string;
    stationHeadId: string;
    workers: Map<string, string>;
    xihuCommunityId: string;
    residents: DemoResident[];
  },
): Promise<number> {
  const sys = systemContext();
  await saveCaseSettings(deps, sys, {
    tenantId: opts.tenantId,
    numberPattern: 'FC-{yyyy}-{seq:4}',
    serviceTypes: DEFAULT_SERVICE_TYPES,
    fundingPerRequestFen: 500_000,
    fundingPerCaseYearFen: 1_000_000,
    fundingApproverIds: [],
    version: 1,
  });
  const adults = opts.residents.filter((r) => !r.minor && r.communityId && opts.workers.has(r.communityId));
  const volunteers = adults
    .filter((r) => r.tags.length === 0 && r.age === '18-59')
    .slice(0, VOLUNTEER_SKILLS.length);
  for (const [i, v] of volunteers.entries()) {
    await saveVolunteer(deps, sys, v.id, {
      registeredOn: '2025-03-05',
      skills: VOLUNTEER_SKILLS[i]!,
      availability: i % 2 ? ['weekend'] : ['weekday_evening', 'weekend'],
      insuranceUntil: '2026-12-31',
      status: 'active',
    });
  }
  // Subjects: residents with a vulnerability tag, 西湖社区 first (sw-xihu's caseload), then others.
  const tagged = opts.residents.filter(
    (r) => r.communityId && opts.workers.has(r.communityId) && r.tags.some((t) => PROBLEMS[t]),
  );
  const subjects = [
    ...tagged.filter((r) => r.communityId === opts.xihuCommunityId),
    ...tagged.filter((r) => r.communityId !== opts.xihuCommunityId),
  ].slice(0, PLAN.length);
  const supervisor = await as(deps, opts.supervisorId);
  const stationHead = await as(deps, opts.stationHeadId);
  let made = 0;
  for (const [i, s] of subjects.entries()) {
    const target = PLAN[i]!;
    const workerId = opts.workers.get(s.communityId!)!;
    const worker = await as(deps, workerId);
    const tag = s.tags.find((t) => PROBLEMS[t])!;
    const intakeOn = day(-150 + i * 3);
    let c = (await createCase(deps, worker, {
      subjectKind: 'person',
      personId: s.id,
      householdId: null,
      referralSource: (['building_leader', 'community_worker', 'self', 'hospital', 'school'] as const)[
        i % 5
      ]!,
      referralDetail: null,
      presentingProblem: PROBLEMS[tag]!,
      riskLevel: (['medium', 'high', 'low', 'medium', 'critical'] as const)[i % 5]!,
      childAtRisk: s.minor && tag === 'child_left_behind',
      intakeOn,
      supervisorId: opts.supervisorId,
      nextContactOn: day(-20 + (i % 9) * 4),
    })) as CaseFile;
    made++;
    const go = async (to: CaseStage, extra: Partial<Parameters<typeof moveCase>[3]> = {}) => {
      c = (await moveCase(deps, worker, c.id, {
        to,
        comment: null,
        closure: null,
        version: c.version,
        ...extra,
      })) as CaseFile;
    };
    if (target === 'not_opened') {
      await go('not_opened', { comment: '经评估不符合开案条件,已转社区跟进' });
      continue;
    }
    if (target === 'intake') {
      // One waits for the supervisor's sign-off; the others are fresh intakes.
      if (i % 2 === 1) await go('assessment');
      continue;
    }
    if (c.childAtRisk)
      c = (await addMandatoryReport(deps, worker, c.id, {
        reportedTo: '凤城派出所',
        reportedAt: `${intakeOn}T03:00:00.000Z`,
        reportedBy: worker.displayName ?? '社工',
        channel: 'in_person',
        reference: null,
      })) as CaseFile;
    await go('assessment');
    c = (await decideApproval(deps, supervisor, c.id, c.pendingApproval!.id, {
      decision: 'approve',
      comment: '同意开案',
    })) as CaseFile;
    if (target === 'referred_out') {
      await go('referred_out', { comment: '转介至区残联康复中心' });
      continue;
    }
    const upTo = ORDER.indexOf(target);
    if (upTo >= ORDER.indexOf('plan')) {
      c = (await addRecord(deps, worker, c.id, {
        kind: 'assessment',
        needs: (NEEDS[tag] ?? NEEDS.elderly_alone!).map((n) => ({ ...n, note: null })) as never,
        riskLevel: c.riskLevel ?? 'medium',
        strengths: '有邻里支持,楼长熟悉情况,本人愿意配合',
        summary: `${PROBLEMS[tag]}。经入户评估,需求如上。`,
      })) as CaseFile;
      await go('plan');
    }
    if (upTo >= ORDER.indexOf('intervention')) {
      c = (await addRecord(deps, worker, c.id, {
        kind: 'plan',
        goals: [
          {
            goal: '建立稳定的探访与联系',
            measure: '每两周至少一次联系',
            interventions: ['入户探访', '电话关怀'],
          },
          { goal: '链接社区资源', measure: '至少链接一项资源', interventions: ['资源链接', '志愿者陪伴'] },
        ],
        reviewOn: day(30),
        summary: null,
      })) as CaseFile;
      await go('intervention');
      for (let k = 0; k < 3; k++) {
        c = (await addService(deps, worker, c.id, {
          type: (['home_visit', 'phone_check', 'resource_link'] as const)[k]!,
          date: day(-150 + i * 3 + 10 + k * 15),
          durationMin: [60, 15, 45][k]!,
          notes: ['入户探访,了解近况并讲解服务内容', '电话问候,情绪较上周平稳', '链接长者饭堂与志愿者陪伴'][
            k
          ]!,
          nextContactOn: day(-12 + (i % 7) * 4),
        })) as CaseFile;
      }
      if (i % 4 === 0) {
        c = (await addConference(deps, worker, c.id, {
          heldOn: day(-40 + i),
          internalAttendeeIds: [workerId, opts.supervisorId],
          externalAttendees: [{ name: '社区居委会主任', organization: '居委会' }],
          discussion: '讨论服务对象近况与家属支持',
          decisions: '增加志愿者陪伴频次,联系家属每月回访',
          actions: [{ title: '联系家属确认每月回访安排', ownerId: workerId, dueOn: day(-3 + (i % 10)) }],
        })) as CaseFile;
      }
      if (i % 5 === 2) {
        const f = await requestFunding(deps, worker, c.id, {
          amountFen: 80_000 + i * 1_000,
          purpose: '购置助行器与防滑垫',
          justification: '服务对象行动不便,居家有跌倒风险',
        });
        void f;
        void stationHead;
      }
    }
    if (upTo >= ORDER.indexOf('evaluation')) {
      await go('evaluation');
      c = (await addRecord(deps, worker, c.id, {
        kind: 'evaluation',
        goalsMet: 'partly',
        summary: '联系稳定,情绪改善',
      })) as CaseFile;
      if (target === 'evaluation' && i % 2 === 0)
        await go('closed', { closure: { reason: 'goals_met', outcome: '目标基本达成,转入社区常规关怀' } });
    }
    if (upTo >= ORDER.indexOf('closed')) {
      await go('closed', { closure: { reason: 'goals_met', outcome: '服务目标达成,服务对象生活稳定' } });
      c = (await decideApproval(deps, supervisor, c.id, c.pendingApproval!.id, {
        decision: 'approve',
        comment: '同意结案',
      })) as CaseFile;
    }
    if (target === 'follow_up') await go('follow_up', { comment: '结案后三个月回访' });
  }
  return made;
}
