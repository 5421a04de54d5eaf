/**
 * The seed's red-steward story in the Fengcheng demo, loaded through the governance module's own
 * use cases (validated, audited, every move on the issues' trails): the 西湖花园 buildings 4–6
 * council of 9 building leaders and its three solved issues (corridor clutter, rooftop gates, the
 * septic-tank leak), the fire-safety and anti-fraud campaigns, the five compound councils of the
 * June 2021 pilot, the 西门塘 think tank of 15 members with its 27 forums, and a few open issues.
 * Past events are dated in the past by moving the clock back while they are written.
 */
import type { IssueStatus } from '../../contracts/governance';
import {
  addAction,
  addAgendaItem,
  addDecision,
  addMember,
  categoriesOf,
  completeAction,
  createBody,
  createIssue,
  createMeeting,
  createNotice,
  escalateIssue,
  getIssue,
  getMeeting,
  setAttendance,
  setMinutes,
  transitionIssue,
} from '../modules/governance/index';
import { residentsAt } from '../modules/people/index';
import { clock } from '../platform/clock';
import type { RequestContext } from '../platform/context';
import type { Deps } from '../platform/deps';
import { COMPOUNDS } from './fengcheng.data';

interface Places {
  tenantId: string;
  communities: Map<string, string>;
  compounds: Map<string, string>;
  buildings: Map<string, string>;
}

/** Runs `fn` with the clock set to `iso` (Beijing time given), then puts the clock back. */
async function at<T>(iso: string, fn: () => Promise<T>): Promise<T> {
  clock.reset();
  clock.advance(Date.parse(iso) - Date.now());
  try {
    return await fn();
  } finally {
    clock.reset();
  }
}

const SOLVED = [
  {
    building: '4',
    category: 'public_space',
    title: '4栋2单元楼道堆物堵塞通道',
    description: '4栋2单元一至三楼楼道长期堆放纸箱、旧家具和电动车,晚上看不清容易绊倒,也堵住了消防通道。',
    reportedAt: '2021-04-06T09:20:00+08:00',
    meetingAt: '2021-04-12T19:30:00+08:00',
    decision: '楼长逐户上门动员,一周内自行清理;清理后由各楼栋议定《楼道公约》,张贴在单元门口。',
    actions: [
      { title: '逐户上门动员清理楼道堆物', owner: '4栋楼长', due: '2021-04-19' },
      { title: '议定并张贴《楼道公约》', owner: '议事会召集人', due: '2021-04-26' },
    ],
    notice: '4栋楼道堆物已全部清理,《楼道公约》已张贴。请各户保持楼道畅通,电动车请到车棚停放充电。',
  },
  {
    building: '5',
    category: 'safety',
    title: '5栋天台门锁损坏,孩子能上天台',
    description: '5栋天台门锁坏了一个多月,常有小孩跑上天台玩,女儿墙很矮,非常危险。',
    reportedAt: '2021-05-10T18:05:00+08:00',
    meetingAt: '2021-05-14T19:30:00+08:00',
    decision: '更换天台防盗门锁,钥匙由5栋楼长和一楼住户各保管一把;门上张贴安全提示。',
    actions: [
      { title: '采购并更换天台门锁', owner: '5栋楼长', due: '2021-05-21' },
      { title: '张贴天台安全提示', owner: '5栋楼长', due: '2021-05-21' },
    ],
    notice: '5栋天台门锁已更换,钥匙由楼长和一楼住户保管,如需上天台请联系楼长。',
  },
  {
    building: '6',
    category: 'facilities',
    title: '6栋旁化粪池渗漏,污水外溢',
    description: '6栋东侧化粪池井盖周边渗漏,雨天污水外溢到通道,气味很大,已持续两周。',
    reportedAt: '2021-06-02T08:40:00+08:00',
    meetingAt: '2021-06-09T19:30:00+08:00',
    escalate: '化粪池属三栋共用设施,需小区层面协调维修资金',
    decision: '申请社区微改造资金维修,不足部分由4—6栋住户按户分摊;维修费用明细张榜公示。',
    actions: [
      { title: '联系施工队检修化粪池并更换井盖', owner: '议事会召集人', due: '2021-06-25' },
      { title: '公示维修费用明细', owner: '6栋楼长', due: '2021-06-30' },
    ],
    notice: '6栋化粪池已完成检修并更换井盖,维修费用明细已在公告栏公示,感谢各户支持。',
  },
] as const;

const THINK_TANK_TOPICS = [
  '老旧小区微改造',
  '社区居家养老服务',
  '垃圾分类与楼道环境',
  '停车难与电动车充电',
  '社区儿童托管',
  '邻里互助与志愿服务',
  '红色管家楼长制',
  '社区基金与公益创投',
  '消防安全与防汛',
  '反诈宣传进社区',
  '社区文化活动',
];

/** Loads the governance demo into the Fengcheng tenant. Returns counts for the console line. */
export async function loadGovernance(deps: Deps, ctx: RequestContext, p: Places) {
  const cats = new Map((await categoriesOf(deps, p.tenantId)).map((c) => [c.code, c.id]));
  const xihu = p.compounds.get('西湖花园')!;
  const b = (n: string) => p.buildings.get(`西湖花园${n}`)!;
  const used = new Set<string>();
  const pick = async (buildingIds: string[] | null, n: number) => {
    const rows = (await residentsAt(deps, p.tenantId, buildingIds, 400)).filter((r) => !used.has(r.id));
    const out = rows.slice(0, n);
    for (const r of out) used.add(r.id);
    return out;
  };

  // The 西湖花园 buildings 4–6 council: 9 building leaders, three for each building.
  const council = await at('2021-03-01T10:00:00+08:00', () =>
    createBody(deps, ctx, {
      tenantId: p.tenantId,
      kind: 'building_leaders',
      name: '西湖花园4—6栋楼长议事会',
      ownerKind: 'compound',
      ownerId: xihu,
    }),
  );
  const leaders: { id: string; name: string }[] = [];
  for (const n of ['4', '5', '6']) {
    for (const [i, r] of (await pick([b(n)], 3)).entries()) {
      leaders.push(r);
      await at('2021-03-01T10:00:00+08:00', () =>
        addMember(deps, ctx, council.id, {
          personId: r.id,
          position: leaders.length === 1 ? 'chair' : 'building_leader',
          positionNote: leaders.length === 1 ? `议事会召集人、${n}栋楼长` : `${n}栋${i + 1}单元楼长`,
          termStart: '2021-03-01',
          termEnd: '2024-02-29',
        }),
      );
    }
  }
  const attendees = leaders.map((l) => l.id);

  let issues = 0;
  let meetings = 0;
  for (const s of SOLVED) {
    const reporter = (await pick([b(s.building)], 1))[0];
    const issue = await at(s.reportedAt, () =>
      createIssue(
        deps,
        ctx,
        {
          tenantId: p.tenantId,
          buildingId: b(s.building),
          categoryId: cats.get(s.category)!,
          title: s.title,
          description: s.description,
          anonymous: false,
          reporterName: reporter?.name ?? '',
        },
        () => {},
      ),
    );
    issues++;
    let v = issue.version;
    const move = async (to: IssueStatus, when: string, reason?: string) => {
      v = (await at(when, () => transitionIssue(deps, ctx, issue.id, { to, version: v, reason }))).version;
    };
    await move('accepted', s.reportedAt.replace(/T\d\d/, 'T20'));
    if ('escalate' in s) {
      v = (
        await at(s.reportedAt.replace(/T\d\d/, 'T21'), () =>
          escalateIssue(deps, ctx, issue.id, { reason: s.escalate, version: v }),
        )
      ).version;
    }
    const m = await at(s.meetingAt, async () => {
      const made = await createMeeting(deps, ctx, {
        bodyId: council.id,
        kind: 'building_deliberation',
        title: `楼长议事会:${s.title.slice(0, 12)}`,
        startsAt: new Date(s.meetingAt).toISOString(),
        location: '西湖社区党群服务站',
        materials: `诉求原文、现场照片说明:${s.description}`,
      });
      const ag = await addAgendaItem(deps, ctx, made.id, { issueId: issue.id });
      const att = await setAttendance(deps, ctx, made.id, { personIds: attendees, version: ag.version });
      const dec = await addDecision(deps, ctx, made.id, {
        agendaItemId: ag.agenda[0]!.id,
        text: s.decision,
        votesFor: attendees.length,
        votesAgainst: 0,
        votesAbstain: 0,
      });
      let last = att;
      for (const a of s.actions)
        last = await addAction(deps, ctx, made.id, {
          decisionId: dec.decisions[0]!.id,
          issueId: issue.id,
          title: a.title,
          ownerName: a.owner,
          dueOn: a.due,
        });
      await setMinutes(deps, ctx, made.id, {
        minutes: `应到${attendees.length}人,实到${attendees.length}人。议题:${s.title}。经讨论一致同意:${s.decision}`,
        version: last.version,
      });
      return made;
    });
    meetings++;
    const dueLast = s.actions[s.actions.length - 1]!.due;
    for (const a of s.actions) {
      const item = (await getMeeting(deps, ctx, m.id)).actions.find(
        (x) => x.title === a.title && x.status === 'open',
      );
      if (item)
        await at(`${a.due}T17:00:00+08:00`, () => completeAction(deps, ctx, item.id, `${a.owner}已按期完成`));
    }
    const issueNow = await getIssue(deps, ctx, issue.id);
    v = issueNow.version;
    await move('confirmed', `${dueLast}T20:00:00+08:00`);
    await at(`${dueLast}T20:30:00+08:00`, () =>
      createNotice(deps, ctx, {
        tenantId: p.tenantId,
        compoundId: xihu,
        title: `办结公示:${s.title}`,
        body: s.notice,
        issueId: issue.id,
        meetingId: m.id,
        visibleFrom: dueLast,
        visibleUntil: `${dueLast.slice(0, 4)}-12-31`,
      }),
    );
  }

  // The fire-safety and anti-fraud campaigns: council sessions and current notices to residents.
  for (const [when, topic, text] of [
    [
      '2021-11-09T19:30:00+08:00',
      '消防安全宣传月',
      '楼长逐户发放消防安全告知书,检查楼道电动车充电和灭火器。',
    ],
    [
      '2022-03-15T19:30:00+08:00',
      '反诈宣传进楼栋',
      '楼长在楼栋群转发反诈提示,重点提醒独居老人,协助安装国家反诈中心App。',
    ],
  ] as const) {
    await at(when, async () => {
      const made = await createMeeting(deps, ctx, {
        bodyId: council.id,
        kind: 'building_deliberation',
        title: topic,
        startsAt: new Date(when).toISOString(),
        location: '西湖社区党群服务站',
        materials: text,
      });
      const ag = await addAgendaItem(deps, ctx, made.id, { topic });
      const dec = await addDecision(deps, ctx, made.id, { agendaItemId: ag.agenda[0]!.id, text });
      await setMinutes(deps, ctx, made.id, { minutes: `议定:${text}`, version: dec.version });
    });
    meetings++;
  }
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const inDays = (n: number) =>
    new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
  for (const [title, body] of [
    ['消防安全提示', '冬季用电高峰,请勿在楼道、室内给电动车充电;楼道杂物请及时清理,保持消防通道畅通。'],
    [
      '防范电信诈骗提示',
      '凡是自称公检法要求转账的、网上刷单返利的、冒充客服退款的,都是诈骗!有疑问请拨打96110。',
    ],
  ] as const)
    await createNotice(deps, ctx, {
      tenantId: p.tenantId,
      communityId: p.communities.get('西湖社区')!,
      title,
      body,
      visibleFrom: today,
      visibleUntil: inDays(60),
    });

  // The June 2021 pilot: a council in each of the five closed compounds, with their property company.
  let councils = 1;
  for (const k of COMPOUNDS.filter((c) => c.kind === 'closed_modern')) {
    const body = await at('2021-06-18T10:00:00+08:00', () =>
      createBody(deps, ctx, {
        tenantId: p.tenantId,
        kind: 'compound_council',
        name: `${k.name}小区理事会`,
        ownerKind: 'compound',
        ownerId: p.compounds.get(k.name)!,
      }),
    );
    councils++;
    const ids = k.buildings.map((x) => p.buildings.get(`${k.name}${x.number}`)!);
    for (const [i, r] of (await pick(ids, 5)).entries())
      await at('2021-06-18T10:00:00+08:00', () =>
        addMember(deps, ctx, body.id, {
          personId: r.id,
          position: i === 0 ? 'chair' : i === 1 ? 'secretary' : 'member',
          termStart: '2021-06-18',
        }),
      );
  }

  // The 西门塘 think tank: 15 members, 27 forums since July 2021.
  const tank = await at('2021-07-01T10:00:00+08:00', () =>
    createBody(deps, ctx, {
      tenantId: p.tenantId,
      kind: 'think_tank',
      name: '西门塘社区智库',
      ownerKind: 'community',
      ownerId: p.communities.get('西门塘社区')!,
    }),
  );
  const experts = await pick(null, 15);
  for (const [i, r] of experts.entries())
    await at('2021-07-01T10:00:00+08:00', () =>
      addMember(deps, ctx, tank.id, {
        personId: r.id,
        position: i === 0 ? 'chair' : i === 1 ? 'vice_chair' : i === 2 ? 'secretary' : 'member',
        termStart: '2021-07-01',
      }),
    );
  for (let f = 0; f < 27; f++) {
    const d = new Date(Date.UTC(2021, 6 + f, 15, 11, 0, 0));
    const topic = THINK_TANK_TOPICS[f % THINK_TANK_TOPICS.length]!;
    await at(d.toISOString(), async () => {
      const made = await createMeeting(deps, ctx, {
        bodyId: tank.id,
        kind: 'think_tank_forum',
        title: `第${f + 1}期智库论坛:${topic}`,
        startsAt: d.toISOString(),
        location: '西门塘社区党群服务中心',
      });
      const ag = await addAgendaItem(deps, ctx, made.id, { topic });
      const att = await setAttendance(deps, ctx, made.id, {
        personIds: experts.slice(0, 9 + (f % 6)).map((e) => e.id),
        version: ag.version,
      });
      await setMinutes(deps, ctx, made.id, {
        minutes: `围绕"${topic}"开展讨论,形成建议若干,报社区党委参考。`,
        version: att.version,
      });
    });
    meetings++;
  }

  // Open issues, so the boards are not empty: waiting at the building, under deliberation, and a
  // property-service issue handed to a closed compound's property company.
  const open: [string, string, string, string, IssueStatus[]][] = [
    [
      '西湖花园7',
      'facilities',
      '7栋楼道声控灯不亮',
      '7栋1单元三楼到六楼的声控灯都不亮了,老人晚上上楼很不方便。',
      [],
    ],
    [
      '西湖花园8',
      'sanitation',
      '8栋门口垃圾清运不及时',
      '8栋门口的垃圾桶经常满溢,夏天气味很大。',
      ['accepted'],
    ],
    [
      '雅悦花园2',
      'property_service',
      '2栋电梯经常停运',
      '2栋1号电梯这个月停了三次,有住户被困。',
      ['accepted'],
    ],
  ];
  for (const [place, cat, title, description, moves] of open) {
    const reporter = (await pick([p.buildings.get(place)!], 1))[0];
    const made = await createIssue(
      deps,
      ctx,
      {
        tenantId: p.tenantId,
        buildingId: p.buildings.get(place)!,
        categoryId: cats.get(cat)!,
        title,
        description,
        anonymous: false,
        reporterName: reporter?.name ?? '',
      },
      () => {},
    );
    issues++;
    let v = made.version;
    for (const to of moves) v = (await transitionIssue(deps, ctx, made.id, { to, version: v })).version;
  }
  return { issues, meetings, councils, thinkTankMembers: experts.length };
}
