import { z } from 'zod';
import { Id, IdParams, IsoDate, IsoDateTime, PageQuery, page, ref, route, text, Version } from './common';

const TAG = 'governance';
const BASE = '/api/v1/governance';

/** The four levels an issue climbs: building → compound → community → subdistrict. */
export const IssueLevel = z.enum(['building', 'compound', 'community', 'subdistrict']);
export type IssueLevel = z.infer<typeof IssueLevel>;
export const ISSUE_LEVELS = IssueLevel.options;

export const IssueStatus = z.enum([
  'reported',
  'accepted',
  'rejected',
  'merged',
  'in_deliberation',
  'action_underway',
  'resolved',
  'confirmed',
  'reopened',
]);
export type IssueStatus = z.infer<typeof IssueStatus>;

/**
 * The issue workflow. Anything not listed is refused with 409 governance.illegal_transition.
 * `reporter` moves are the reporter's own (confirm, reopen); a handler may reopen too.
 */
export const ISSUE_TRANSITIONS: Record<IssueStatus, readonly IssueStatus[]> = {
  reported: ['accepted', 'rejected', 'merged'],
  accepted: ['in_deliberation', 'action_underway'],
  rejected: [],
  merged: [],
  in_deliberation: ['action_underway'],
  action_underway: ['resolved'],
  resolved: ['confirmed', 'reopened'],
  confirmed: [],
  reopened: ['in_deliberation', 'action_underway'],
};
/** Statuses that still wait for someone at the current level: the deadline sweep escalates these. */
export const ESCALATABLE: readonly IssueStatus[] = ['reported', 'accepted', 'in_deliberation', 'reopened'];
export const CLOSED_STATUSES: readonly IssueStatus[] = ['rejected', 'merged', 'confirmed'];

export const BodyKind = z.enum([
  'building_leaders',
  'compound_council',
  'think_tank',
  'residents_meeting',
  'org_board',
  'org_supervisory',
  'org_committee',
]);
export type BodyKind = z.infer<typeof BodyKind>;
/** A body belongs to a place or (later) to an organization. */
export const OwnerKind = z.enum(['building', 'compound', 'community', 'tenant', 'organization']);
export type OwnerKind = z.infer<typeof OwnerKind>;
export const Position = z.enum(['chair', 'vice_chair', 'secretary', 'member', 'building_leader']);
export const MeetingKind = z.enum([
  'building_deliberation',
  'council_meeting',
  'think_tank_forum',
  'residents_meeting',
]);
export type MeetingKind = z.infer<typeof MeetingKind>;
export const MeetingStatus = z.enum(['planned', 'held', 'cancelled']);

const Days = z.number().int().min(1).max(365);

export const Category = z.object({
  id: Id,
  tenantId: Id,
  code: z.string(),
  name: z.string(),
  deadlineDays: z.object({ building: z.number(), compound: z.number(), community: z.number() }),
  propertyService: z.boolean(),
  active: z.boolean(),
  version: Version,
});
export type Category = z.infer<typeof Category>;
export const CategoryUpdate = z.object({
  name: text(30).optional(),
  deadlineDays: z.strictObject({ building: Days, compound: Days, community: Days }).partial().optional(),
  active: z.boolean().optional(),
  version: Version,
});
export const TenantQuery = z.object({ tenantId: Id });

/** Where an issue, body or notice sits: exactly one of building, compound or community. */
export const PlaceRef = z
  .object({
    buildingId: ref('building').optional(),
    compoundId: ref('compound').optional(),
    communityId: ref('community').optional(),
  })
  .refine((p) => !!(p.buildingId || p.compoundId || p.communityId), {
    message: '须指定楼栋、小区或社区',
    path: ['buildingId'],
  });

export const IssueEvent = z.object({
  id: Id,
  at: IsoDateTime,
  kind: z.string(),
  actorName: z.string().nullable(),
  fromStatus: IssueStatus.nullable(),
  toStatus: IssueStatus.nullable(),
  fromLevel: IssueLevel.nullable(),
  toLevel: IssueLevel.nullable(),
  note: z.string().nullable(),
});

export const IssueSummary = z.object({
  id: Id,
  tenantId: Id,
  number: z.string(),
  title: z.string(),
  categoryId: Id,
  categoryName: z.string(),
  status: IssueStatus,
  level: IssueLevel,
  placeName: z.string(),
  communityId: Id.nullable(),
  compoundId: Id.nullable(),
  buildingId: Id.nullable(),
  levelDeadlineAt: IsoDateTime.nullable(),
  assignedTo: z.string().nullable(),
  /** Masked, or 匿名 when the reporter chose to stay anonymous to the public. */
  reporterName: z.string(),
  mine: z.boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
});
export type IssueSummary = z.infer<typeof IssueSummary>;
export const Issue = IssueSummary.extend({
  description: z.string(),
  anonymous: z.boolean(),
  source: z.enum(['web', 'open311']),
  duplicateOf: Id.nullable(),
  rejectReason: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  address: z.string().nullable(),
  trail: z.array(IssueEvent),
  actions: z.array(
    z.object({ id: Id, title: z.string(), ownerName: z.string(), dueOn: IsoDate, status: z.string() }),
  ),
  /** What the caller may do now (drives the buttons). */
  can: z.object({
    transitions: z.array(IssueStatus),
    escalate: z.boolean(),
    assignProperty: z.boolean(),
    rate: z.boolean(),
  }),
});
export type Issue = z.infer<typeof Issue>;

export const IssueCreate = z
  .object({
    tenantId: ref('tenant'),
    buildingId: ref('building').optional(),
    compoundId: ref('compound').optional(),
    communityId: ref('community').optional(),
    categoryId: ref('category'),
    title: text(60),
    description: text(2000),
    anonymous: z.boolean().default(false),
  })
  .refine((p) => !!(p.buildingId || p.compoundId || p.communityId), {
    message: '须指定楼栋、小区或社区',
    path: ['buildingId'],
  });

export const IssueBoardQuery = PageQuery.extend({
  tenantId: Id,
  view: z.enum(['mine', 'building', 'compound', 'community', 'all']).default('all'),
  placeId: Id.optional(),
  status: IssueStatus.optional(),
  level: IssueLevel.optional(),
  categoryId: Id.optional(),
  open: z.enum(['true', 'false']).optional(),
});
export const DuplicateQuery = z.object({
  tenantId: Id,
  categoryId: Id,
  buildingId: Id.optional(),
  compoundId: Id.optional(),
  communityId: Id.optional(),
});
export const IssueTransition = z.object({
  to: IssueStatus,
  reason: text(500).optional(),
  duplicateOf: ref('issue').optional(),
  version: Version,
});
export const IssueEscalate = z.object({ reason: text(500), version: Version });
export const VersionBody = z.object({ version: Version });
export const IssueRate = z.object({ rating: z.number().int().min(1).max(5), comment: text(500).optional() });

export const PublicIssue = z.object({
  id: Id,
  number: z.string(),
  title: z.string(),
  categoryName: z.string(),
  status: IssueStatus,
  level: IssueLevel,
  placeName: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export const PublicIssueQuery = PageQuery.extend({ tenantId: Id, status: IssueStatus.optional() });

export const Member = z.object({
  id: Id,
  personId: Id,
  name: z.string(),
  position: Position,
  positionNote: z.string().nullable(),
  termStart: IsoDate,
  termEnd: IsoDate.nullable(),
  leftOn: IsoDate.nullable(),
  leftReason: z.string().nullable(),
});
export const GovBody = z.object({
  id: Id,
  tenantId: Id,
  kind: BodyKind,
  name: z.string(),
  ownerKind: OwnerKind,
  ownerId: Id,
  placeName: z.string(),
  propertyCompany: z.string().nullable(),
  memberCount: z.number().int(),
  version: Version,
});
export const GovBodyDetail = GovBody.extend({ members: z.array(Member), history: z.array(Member) });
export const BodyCreate = z.object({
  tenantId: ref('tenant'),
  kind: BodyKind,
  name: text(60),
  ownerKind: z.enum(['building', 'compound', 'community', 'tenant']),
  /** The building, compound, community or tenant named by ownerKind. */
  ownerId: ref('building').meta({ 'x-ref-kind-from': 'ownerKind' }),
});
export const BodyQuery = PageQuery.extend({ tenantId: Id, kind: BodyKind.optional() });
export const MemberCreate = z.object({
  personId: ref('person'),
  position: Position,
  positionNote: text(40).optional(),
  termStart: IsoDate,
  termEnd: IsoDate.optional(),
});
export const MemberEnd = z.object({ leftOn: IsoDate, reason: text(200) });

export const MeetingSummary = z.object({
  id: Id,
  tenantId: Id,
  bodyId: Id,
  bodyName: z.string(),
  kind: MeetingKind,
  title: z.string(),
  startsAt: IsoDateTime,
  location: z.string(),
  status: MeetingStatus,
  version: Version,
});
export const Meeting = MeetingSummary.extend({
  materials: z.string().nullable(),
  minutes: z.string().nullable(),
  entitledCount: z.number().int().nullable(),
  presentCount: z.number().int().nullable(),
  quorumMet: z.boolean().nullable(),
  attendees: z.array(z.object({ personId: Id, name: z.string() })),
  agenda: z.array(
    z.object({
      id: Id,
      issueId: Id.nullable(),
      issueTitle: z.string().nullable(),
      topic: z.string(),
      sort: z.number().int(),
    }),
  ),
  decisions: z.array(
    z.object({
      id: Id,
      agendaItemId: Id.nullable(),
      text: z.string(),
      votesFor: z.number().int().nullable(),
      votesAgainst: z.number().int().nullable(),
      votesAbstain: z.number().int().nullable(),
      adopted: z.boolean(),
    }),
  ),
  actions: z.array(
    z.object({
      id: Id,
      decisionId: Id.nullable(),
      issueId: Id.nullable(),
      title: z.string(),
      ownerName: z.string(),
      dueOn: IsoDate,
      status: z.enum(['open', 'done']),
      doneAt: IsoDateTime.nullable(),
      doneNote: z.string().nullable(),
    }),
  ),
});
export type Meeting = z.infer<typeof Meeting>;
export const MeetingCreate = z.object({
  bodyId: ref('body'),
  kind: MeetingKind,
  title: text(80),
  startsAt: IsoDateTime,
  location: text(80),
  materials: text(4000).optional(),
  entitledCount: z.number().int().min(1).max(100_000).optional(),
});
export const MeetingQuery = PageQuery.extend({ tenantId: Id, bodyId: Id.optional() });
export const AgendaCreate = z
  .object({ issueId: ref('issue').optional(), topic: text(200).optional() })
  .refine((a) => !!(a.issueId || a.topic), { message: '须关联诉求或填写议题', path: ['topic'] });
export const AttendanceSet = z.object({
  personIds: z.array(ref('person')).max(500),
  presentCount: z.number().int().min(0).max(100_000).optional(),
  entitledCount: z.number().int().min(1).max(100_000).optional(),
  version: Version,
});
export const MinutesSet = z.object({ minutes: text(20_000), version: Version });
export const DecisionCreate = z.object({
  agendaItemId: ref('agenda_item').optional(),
  text: text(2000),
  votesFor: z.number().int().min(0).max(100_000).optional(),
  votesAgainst: z.number().int().min(0).max(100_000).optional(),
  votesAbstain: z.number().int().min(0).max(100_000).optional(),
});
export const ActionCreate = z.object({
  decisionId: ref('decision').optional(),
  issueId: ref('issue').optional(),
  title: text(200),
  ownerName: text(40),
  dueOn: IsoDate,
});
export const ActionDone = z.object({ note: text(500).optional() });

export const Notice = z.object({
  id: Id,
  tenantId: Id,
  title: z.string(),
  body: z.string(),
  placeName: z.string(),
  issueId: Id.nullable(),
  meetingId: Id.nullable(),
  visibleFrom: IsoDate,
  visibleUntil: IsoDate,
  createdAt: IsoDateTime,
});
export const NoticeCreate = z.object({
  tenantId: ref('tenant'),
  buildingId: ref('building').optional(),
  compoundId: ref('compound').optional(),
  communityId: ref('community').optional(),
  title: text(80),
  body: text(4000),
  issueId: ref('issue').optional(),
  meetingId: ref('meeting').optional(),
  visibleFrom: IsoDate,
  visibleUntil: IsoDate,
});
export const NoticeQuery = PageQuery.extend({ tenantId: Id });

const GovBodyDetailParams = IdParams;

export const governanceRoutes = {
  listCategories: route({
    method: 'GET',
    path: `${BASE}/categories`,
    tag: TAG,
    summary: '诉求类别及各级办理时限',
    query: TenantQuery,
    response: z.array(Category),
  }),
  updateCategory: route({
    method: 'PATCH',
    path: `${BASE}/categories/:id`,
    tag: TAG,
    summary: '修改诉求类别或时限',
    params: IdParams,
    body: CategoryUpdate,
    response: Category,
  }),
  listIssues: route({
    method: 'GET',
    path: `${BASE}/issues`,
    tag: TAG,
    summary: '诉求看板(我的/本楼/本小区/本社区)',
    query: IssueBoardQuery,
    response: page(IssueSummary),
  }),
  duplicates: route({
    method: 'GET',
    path: `${BASE}/issues/duplicates`,
    tag: TAG,
    summary: '可能重复的诉求(同一地点同一类别,近30天)',
    query: DuplicateQuery,
    response: z.array(PublicIssue),
  }),
  reportIssue: route({
    method: 'POST',
    path: `${BASE}/issues`,
    tag: TAG,
    summary: '反映诉求',
    body: IssueCreate,
    response: Issue,
    status: 201,
  }),
  getIssue: route({
    method: 'GET',
    path: `${BASE}/issues/:id`,
    tag: TAG,
    summary: '诉求详情与流转记录',
    params: IdParams,
    response: Issue,
  }),
  transitionIssue: route({
    method: 'POST',
    path: `${BASE}/issues/:id/transition`,
    tag: TAG,
    summary: '诉求流转(受理/驳回/合并/议事/办理/办结/确认/重新打开)',
    params: IdParams,
    body: IssueTransition,
    response: Issue,
  }),
  escalateIssue: route({
    method: 'POST',
    path: `${BASE}/issues/:id/escalate`,
    tag: TAG,
    summary: '提级办理',
    params: IdParams,
    body: IssueEscalate,
    response: Issue,
  }),
  assignProperty: route({
    method: 'POST',
    path: `${BASE}/issues/:id/assign-property`,
    tag: TAG,
    summary: '交由小区物业办理',
    params: IdParams,
    body: VersionBody,
    response: Issue,
  }),
  rateIssue: route({
    method: 'POST',
    path: `${BASE}/issues/:id/rating`,
    tag: TAG,
    summary: '居民评价办理结果',
    params: IdParams,
    body: IssueRate,
    response: Issue,
  }),
  publicIssues: route({
    method: 'GET',
    path: `${BASE}/public/issues`,
    tag: TAG,
    summary: '公开的诉求(不含反映人)',
    query: PublicIssueQuery,
    response: page(PublicIssue),
  }),
  listBodies: route({
    method: 'GET',
    path: `${BASE}/bodies`,
    tag: TAG,
    summary: '议事机构',
    query: BodyQuery,
    response: page(GovBody),
  }),
  createBody: route({
    method: 'POST',
    path: `${BASE}/bodies`,
    tag: TAG,
    summary: '设立议事机构',
    body: BodyCreate,
    response: GovBodyDetail,
    status: 201,
  }),
  getBody: route({
    method: 'GET',
    path: `${BASE}/bodies/:id`,
    tag: TAG,
    summary: '议事机构及成员(含历任)',
    params: GovBodyDetailParams,
    response: GovBodyDetail,
  }),
  addMember: route({
    method: 'POST',
    path: `${BASE}/bodies/:id/members`,
    tag: TAG,
    summary: '增补成员',
    params: IdParams,
    body: MemberCreate,
    response: GovBodyDetail,
    status: 201,
  }),
  endMember: route({
    method: 'POST',
    path: `${BASE}/members/:id/end`,
    tag: TAG,
    summary: '成员卸任(保留历史)',
    params: IdParams,
    body: MemberEnd,
    response: GovBodyDetail,
  }),
  listMeetings: route({
    method: 'GET',
    path: `${BASE}/meetings`,
    tag: TAG,
    summary: '会议',
    query: MeetingQuery,
    response: page(MeetingSummary),
  }),
  createMeeting: route({
    method: 'POST',
    path: `${BASE}/meetings`,
    tag: TAG,
    summary: '召集会议',
    body: MeetingCreate,
    response: Meeting,
    status: 201,
  }),
  getMeeting: route({
    method: 'GET',
    path: `${BASE}/meetings/:id`,
    tag: TAG,
    summary: '会议:议程、出席、纪要、决议、行动',
    params: IdParams,
    response: Meeting,
  }),
  addAgendaItem: route({
    method: 'POST',
    path: `${BASE}/meetings/:id/agenda`,
    tag: TAG,
    summary: '增加议题(关联诉求或自由议题)',
    params: IdParams,
    body: AgendaCreate,
    response: Meeting,
    status: 201,
  }),
  setAttendance: route({
    method: 'PUT',
    path: `${BASE}/meetings/:id/attendance`,
    tag: TAG,
    summary: '登记出席',
    params: IdParams,
    body: AttendanceSet,
    response: Meeting,
  }),
  setMinutes: route({
    method: 'PUT',
    path: `${BASE}/meetings/:id/minutes`,
    tag: TAG,
    summary: '会议纪要(会议即为已召开)',
    params: IdParams,
    body: MinutesSet,
    response: Meeting,
  }),
  addDecision: route({
    method: 'POST',
    path: `${BASE}/meetings/:id/decisions`,
    tag: TAG,
    summary: '记录决议(含表决票数)',
    params: IdParams,
    body: DecisionCreate,
    response: Meeting,
    status: 201,
  }),
  addAction: route({
    method: 'POST',
    path: `${BASE}/meetings/:id/actions`,
    tag: TAG,
    summary: '分派行动事项',
    params: IdParams,
    body: ActionCreate,
    response: Meeting,
    status: 201,
  }),
  completeAction: route({
    method: 'POST',
    path: `${BASE}/actions/:id/done`,
    tag: TAG,
    summary: '行动事项完成(关联诉求的全部事项完成即办结)',
    params: IdParams,
    body: ActionDone,
    response: Meeting,
  }),
  listNotices: route({
    method: 'GET',
    path: `${BASE}/notices`,
    tag: TAG,
    summary: '公示(在公示期内)',
    query: NoticeQuery,
    response: page(Notice),
  }),
  createNotice: route({
    method: 'POST',
    path: `${BASE}/notices`,
    tag: TAG,
    summary: '发布公示(向居民反馈)',
    body: NoticeCreate,
    response: Notice,
    status: 201,
  }),
} as const;

export const ApiKey = z.object({
  id: Id,
  tenantId: Id,
  name: z.string(),
  prefix: z.string(),
  createdAt: IsoDateTime,
  revokedAt: IsoDateTime.nullable(),
});
export const ApiKeyCreated = ApiKey.extend({ key: z.string() });
export const ApiKeyCreate = z.object({ tenantId: ref('tenant'), name: text(60) });

export const interopRoutes = {
  listApiKeys: route({
    method: 'GET',
    path: '/api/v1/interop/api-keys',
    tag: 'interop',
    summary: 'Open311 接口密钥',
    query: TenantQuery,
    response: z.array(ApiKey),
  }),
  createApiKey: route({
    method: 'POST',
    path: '/api/v1/interop/api-keys',
    tag: 'interop',
    summary: '新建 Open311 接口密钥(明文只显示一次)',
    body: ApiKeyCreate,
    response: ApiKeyCreated,
    status: 201,
  }),
  revokeApiKey: route({
    method: 'POST',
    path: '/api/v1/interop/api-keys/:id/revoke',
    tag: 'interop',
    summary: '停用接口密钥',
    params: IdParams,
    response: ApiKey,
  }),
} as const;
