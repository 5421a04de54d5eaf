import { ISSUE_TRANSITIONS, type IssueLevel, type IssueStatus } from '../../contracts/governance';
import { DEFAULT_CATEGORIES } from '../../server/modules/governance/index';
import { EPOCH_MS, type Step, type StepContext, type TenantRef } from '../lib/context';
import { personName } from '../lib/names';
import type { Rng } from '../lib/random';

/**
 * Governance (issue 5): per tenant 20,000 issues over the generated buildings, each with a trail
 * that replays to its status (every event a legal move), a council in every compound and a think
 * tank in every community (5 members each, drawn from the generated residents), and 2,000 meetings
 * with agenda items, attendance, a decision and an action item linked to a deliberated issue.
 * Issues are spread over the two years before 2026-01-01; the board's newest-first index does the
 * work (the load test's issue-board target reads its first page).
 */
const ISSUES_PER_TENANT = 20_000;
const MEETINGS_PER_TENANT = 2_000;
const DAY = 86_400_000;
const CHUNK = 2_000;

/** Final statuses with their shares, and the path of moves that reaches each. */
const FINAL: [IssueStatus, number][] = [
  ['reported', 0.1],
  ['accepted', 0.1],
  ['in_deliberation', 0.08],
  ['action_underway', 0.12],
  ['resolved', 0.12],
  ['confirmed', 0.38],
  ['rejected', 0.05],
  ['merged', 0.02],
  ['reopened', 0.03],
];
const PATH: Record<IssueStatus, IssueStatus[]> = {
  reported: [],
  accepted: ['accepted'],
  rejected: ['rejected'],
  merged: ['merged'],
  in_deliberation: ['accepted', 'in_deliberation'],
  action_underway: ['accepted', 'in_deliberation', 'action_underway'],
  resolved: ['accepted', 'in_deliberation', 'action_underway', 'resolved'],
  confirmed: ['accepted', 'in_deliberation', 'action_underway', 'resolved', 'confirmed'],
  reopened: ['accepted', 'in_deliberation', 'action_underway', 'resolved', 'reopened'],
};
// The paths are legal moves of the workflow (checked once here, so a workflow change fails loudly).
for (const [to, path] of Object.entries(PATH))
  path.reduce<IssueStatus>((from, next) => {
    if (!ISSUE_TRANSITIONS[from].includes(next)) throw new Error(`bench path to ${to}: ${from} → ${next}`);
    return next;
  }, 'reported');

function finalStatus(rng: Rng): IssueStatus {
  let r = rng.next();
  for (const [s, share] of FINAL) {
    if (r < share) return s;
    r -= share;
  }
  return 'confirmed';
}

const TITLES = [
  '楼道堆物',
  '天台门损坏',
  '化粪池渗漏',
  '路灯不亮',
  '垃圾清运不及时',
  '电梯停运',
  '漏水',
  '噪音扰民',
  '停车占道',
  '绿化带毁损',
];

async function tenantGovernance(ctx: StepContext, t: TenantRef) {
  const { rng, ids } = ctx;
  const iso = (ms: number) => new Date(ms).toISOString();
  const created = EPOCH_MS - 730 * DAY;

  const categories = DEFAULT_CATEGORIES.map((c, i) => ({
    tenant_id: t.id,
    id: ids.next(),
    code: c.code,
    name: c.name,
    days_building: c.days[0],
    days_compound: c.days[1],
    days_community: c.days[2],
    property_service: c.property ? 1 : 0,
    active: 1,
    sort: i,
    created_at: iso(created),
    updated_at: iso(created),
    version: 1,
  }));
  await ctx.insert('gov_category', categories);

  const compoundName = new Map(t.compounds.map((k) => [k.id, k.name]));
  const communityName = new Map(t.communities.map((c) => [c.id, c.name]));
  const residents = (
    await ctx.db
      .selectFrom('person')
      .select('id')
      .where('tenant_id', '=', t.id)
      .orderBy('id')
      .limit(5 * (t.compounds.length + t.communities.length))
      .execute()
  ).map((r: { id: string }) => r.id);

  // Bodies: a council per compound, a think tank per community; five members each.
  const bodies: { id: string; community_id: string; compound_id: string | null; place_name: string }[] = [];
  const bodyRows: Record<string, unknown>[] = [];
  const memberRows: Record<string, unknown>[] = [];
  const bodyMembers = new Map<string, string[]>();
  let r = 0;
  const addBody = (
    kind: string,
    ownerKind: string,
    ownerId: string,
    communityId: string,
    compoundId: string | null,
    name: string,
    placeName: string,
  ) => {
    const id = ids.next();
    bodies.push({ id, community_id: communityId, compound_id: compoundId, place_name: placeName });
    bodyRows.push({
      tenant_id: t.id,
      id,
      kind,
      name,
      owner_kind: ownerKind,
      owner_id: ownerId,
      community_id: communityId,
      compound_id: compoundId,
      building_id: null,
      place_name: placeName,
      status: 'active',
      created_at: iso(created),
      updated_at: iso(created),
      version: 1,
    });
    const members: string[] = [];
    for (let i = 0; i < 5 && residents.length; i++) {
      const personId = residents[r++ % residents.length]!;
      members.push(personId);
      memberRows.push({
        tenant_id: t.id,
        id: ids.next(),
        body_id: id,
        person_id: personId,
        position: i === 0 ? 'chair' : i === 1 ? 'secretary' : 'member',
        position_note: null,
        term_start: '2024-01-01',
        term_end: null,
        left_on: null,
        left_reason: null,
        created_at: iso(created),
      });
    }
    bodyMembers.set(id, members);
  };
  for (const k of t.compounds)
    addBody('compound_council', 'compound', k.id, k.communityId, k.id, `${k.name}小区理事会`, k.name);
  for (const c of t.communities)
    addBody('think_tank', 'community', c.id, c.id, null, `${c.name}智库`, c.name);
  await ctx.insert('gov_body', bodyRows);
  await ctx.insert('gov_member', memberRows);

  // Issues and their trails, in chunks.
  const deliberated: {
    id: string;
    status: IssueStatus;
    community_id: string;
    compound_id: string | null;
    title: string;
  }[] = [];
  let issues: Record<string, unknown>[] = [];
  let events: Record<string, unknown>[] = [];
  const flush = async () => {
    await ctx.insert('gov_issue', issues);
    await ctx.insert('gov_issue_event', events);
    issues = [];
    events = [];
  };
  for (let n = 0; n < ISSUES_PER_TENANT; n++) {
    const b = t.buildings[rng.int(0, t.buildings.length - 1)]!;
    const cat = categories[rng.int(0, categories.length - 1)]!;
    const status = finalStatus(rng);
    const at0 = created + Math.floor((n / ISSUES_PER_TENANT) * 730 * DAY) + rng.int(0, 3_600_000);
    const id = ids.next();
    const placeName = `${b.compoundId ? compoundName.get(b.compoundId) : communityName.get(b.communityId)}${(n % 30) + 1}栋`;
    let level: IssueLevel = 'building';
    let clockMs = at0;
    const ev = (
      kind: string,
      from: IssueStatus | null,
      to: IssueStatus | null,
      fromLevel: IssueLevel | null,
      toLevel: IssueLevel | null,
    ) => {
      clockMs += rng.int(3_600_000, 5 * DAY);
      events.push({
        tenant_id: t.id,
        id: ids.next(),
        issue_id: id,
        at: iso(kind === 'reported' ? at0 : clockMs),
        kind,
        actor_user_id: null,
        actor_name: kind === 'reported' ? null : '楼长',
        from_status: from,
        to_status: to,
        from_level: fromLevel,
        to_level: toLevel,
        note: null,
      });
    };
    ev('reported', null, 'reported', null, 'building');
    let cur: IssueStatus = 'reported';
    for (const next of PATH[status]) {
      // About one issue in six climbs a level while it waits.
      if (next === 'in_deliberation' && rng.chance(0.17)) {
        const to: IssueLevel = b.compoundId ? 'compound' : 'community';
        ev('escalated_deadline', null, null, level, to);
        level = to;
      }
      ev(next, cur, next, null, null);
      cur = next;
    }
    const title = `${TITLES[n % TITLES.length]}(${n + 1})`;
    issues.push({
      tenant_id: t.id,
      id,
      number: `${iso(at0).slice(0, 10).replace(/-/g, '')}-${n.toString(16).toUpperCase().padStart(6, '0')}`,
      category_id: cat.id,
      title,
      description: `${title}:合成数据,用于性能测试。`,
      community_id: b.communityId,
      compound_id: b.compoundId,
      building_id: b.id,
      place_name: placeName,
      level,
      status,
      level_deadline_at: iso(clockMs + cat.days_building * DAY),
      reporter_user_id: null,
      reporter_name: personName(rng),
      anonymous: rng.chance(0.2) ? 1 : 0,
      source: 'web',
      source_token: null,
      address: null,
      duplicate_of: null,
      reject_reason: status === 'rejected' ? '不属于社区事务,已告知反映人' : null,
      assigned_to: null,
      rating: status === 'confirmed' && rng.chance(0.6) ? rng.int(3, 5) : null,
      rating_comment: null,
      created_at: iso(at0),
      updated_at: iso(clockMs),
      version: 1 + PATH[status].length,
    });
    if (['in_deliberation', 'action_underway', 'resolved', 'confirmed', 'reopened'].includes(status))
      deliberated.push({ id, status, community_id: b.communityId, compound_id: b.compoundId, title });
    if (issues.length >= CHUNK) await flush();
  }
  await flush();

  // Meetings of the bodies, each deliberating one issue of its place where there is one.
  const byCompound = new Map<string, typeof deliberated>();
  const byCommunity = new Map<string, typeof deliberated>();
  for (const d of deliberated) {
    if (d.compound_id) byCompound.set(d.compound_id, [...(byCompound.get(d.compound_id) ?? []), d]);
    byCommunity.set(d.community_id, [...(byCommunity.get(d.community_id) ?? []), d]);
  }
  const rows: Record<string, Record<string, unknown>[]> = {
    gov_meeting: [],
    gov_agenda_item: [],
    gov_attendance: [],
    gov_decision: [],
    gov_action_item: [],
  };
  for (let n = 0; n < MEETINGS_PER_TENANT; n++) {
    const body = bodies[n % bodies.length]!;
    const at = iso(created + Math.floor((n / MEETINGS_PER_TENANT) * 730 * DAY));
    const id = ids.next();
    rows.gov_meeting!.push({
      tenant_id: t.id,
      id,
      body_id: body.id,
      kind: body.compound_id ? 'council_meeting' : 'think_tank_forum',
      title: `${body.place_name}议事会(${n + 1})`,
      starts_at: at,
      location: `${body.place_name}党群服务站`,
      materials: null,
      minutes: '合成纪要',
      entitled_count: null,
      present_count: (bodyMembers.get(body.id) ?? []).length,
      status: 'held',
      community_id: body.community_id,
      compound_id: body.compound_id,
      building_id: null,
      place_name: body.place_name,
      created_at: at,
      updated_at: at,
      version: 5,
    });
    for (const personId of bodyMembers.get(body.id) ?? [])
      rows.gov_attendance!.push({ tenant_id: t.id, id: ids.next(), meeting_id: id, person_id: personId });
    const pool = body.compound_id ? byCompound.get(body.compound_id) : byCommunity.get(body.community_id);
    const issue = pool?.length ? pool[n % pool.length] : undefined;
    const agendaId = ids.next();
    rows.gov_agenda_item!.push({
      tenant_id: t.id,
      id: agendaId,
      meeting_id: id,
      issue_id: issue?.id ?? null,
      topic: issue?.title ?? '社区议事',
      sort: 1,
    });
    const decisionId = ids.next();
    rows.gov_decision!.push({
      tenant_id: t.id,
      id: decisionId,
      meeting_id: id,
      agenda_item_id: agendaId,
      text: '议定由楼长牵头办理',
      votes_for: 5,
      votes_against: 0,
      votes_abstain: 0,
      adopted: 1,
      created_at: at,
    });
    const done = issue ? ['resolved', 'confirmed', 'reopened'].includes(issue.status) : true;
    rows.gov_action_item!.push({
      tenant_id: t.id,
      id: ids.next(),
      meeting_id: id,
      decision_id: decisionId,
      issue_id: issue && issue.status !== 'in_deliberation' ? issue.id : null,
      title: '落实议定事项',
      owner_name: '楼长',
      due_on: at.slice(0, 10),
      status: done ? 'done' : 'open',
      done_at: done ? at : null,
      done_note: null,
      created_at: at,
    });
  }
  for (const [table, list] of Object.entries(rows)) await ctx.insert(table, list);
  return { issues: ISSUES_PER_TENANT, meetings: MEETINGS_PER_TENANT };
}

export const governanceStep: Step = {
  name: 'governance',
  async run(ctx) {
    for (const t of ctx.world.tenants) {
      const made = await tenantGovernance(ctx, t);
      if (ctx.world.tenants.length <= 3)
        ctx.log(`${t.name}: ${made.issues} issues, ${made.meetings} meetings`);
    }
  },
};
