import { z } from 'zod';
import {
  Id,
  IdParams,
  IsoDate,
  IsoDateTime,
  Money,
  PageQuery,
  page,
  ref,
  route,
  text,
  Version,
} from './common';

const TAG = 'cases';

/**
 * Case stages (MZ/T 094-2017 plus practice, DOMAIN.md). `closed` is 结案.
 * The transition table below is the only source of which moves are legal; a move marked
 * `approval` waits for the case's supervisor (开案 and 结案 sign-off).
 */
export const CASE_STAGES = [
  'intake',
  'assessment',
  'plan',
  'intervention',
  'evaluation',
  'closed',
  'not_opened',
  'referred_out',
  'follow_up',
  'reopened',
] as const;
export const CaseStage = z.enum(CASE_STAGES);
export type CaseStage = z.infer<typeof CaseStage>;

export const CASE_STAGE_LABELS: Record<CaseStage, { zh: string; en: string }> = {
  intake: { zh: '接案', en: 'Intake' },
  assessment: { zh: '预估', en: 'Assessment' },
  plan: { zh: '计划', en: 'Plan' },
  intervention: { zh: '介入', en: 'Intervention' },
  evaluation: { zh: '评估', en: 'Evaluation' },
  closed: { zh: '结案', en: 'Closed' },
  not_opened: { zh: '不开案', en: 'Not opened' },
  referred_out: { zh: '转介', en: 'Referred out' },
  follow_up: { zh: '跟进回访', en: 'Follow-up' },
  reopened: { zh: '重新开案', en: 'Reopened' },
};

export type TransitionKind = 'direct' | 'approval';
export const CASE_TRANSITIONS: Record<CaseStage, Partial<Record<CaseStage, TransitionKind>>> = {
  intake: { assessment: 'approval', not_opened: 'direct', referred_out: 'direct' },
  assessment: { plan: 'direct', referred_out: 'direct', closed: 'approval' },
  plan: { intervention: 'direct', assessment: 'direct', referred_out: 'direct', closed: 'approval' },
  intervention: { evaluation: 'direct', plan: 'direct', referred_out: 'direct', closed: 'approval' },
  evaluation: { closed: 'approval', intervention: 'direct', plan: 'direct' },
  closed: { follow_up: 'direct', reopened: 'direct' },
  follow_up: { closed: 'direct', reopened: 'direct' },
  reopened: { assessment: 'direct', closed: 'approval' },
  not_opened: {},
  referred_out: { reopened: 'direct' },
};
/** Stages in which the case is being worked (counted on boards, due for contact). */
export const ACTIVE_STAGES: readonly CaseStage[] = [
  'intake',
  'assessment',
  'plan',
  'intervention',
  'evaluation',
  'follow_up',
  'reopened',
];

export const RiskLevel = z.enum(['low', 'medium', 'high', 'critical']);
export const RISK_LABELS = {
  low: { zh: '低', en: 'Low' },
  medium: { zh: '中', en: 'Medium' },
  high: { zh: '高', en: 'High' },
  critical: { zh: '紧急', en: 'Critical' },
} as const;

export const ReferralSource = z.enum([
  'self',
  'community_worker',
  'building_leader',
  'hospital',
  'school',
  'police',
  'organization',
  'other',
]);
export const REFERRAL_LABELS = {
  self: { zh: '本人求助', en: 'Self' },
  community_worker: { zh: '社区工作者', en: 'Community worker' },
  building_leader: { zh: '楼长', en: 'Building leader' },
  hospital: { zh: '医院', en: 'Hospital' },
  school: { zh: '学校', en: 'School' },
  police: { zh: '公安', en: 'Police' },
  organization: { zh: '其他组织', en: 'Another organization' },
  other: { zh: '其他', en: 'Other' },
} as const;

/** Need domains an assessment codes needs in; matching resources keys on them. */
export const NeedDomain = z.enum([
  'mental_health',
  'physical_health',
  'daily_care',
  'economic',
  'housing',
  'family',
  'social_support',
  'education',
  'employment',
  'safety',
  'legal',
]);
export type NeedDomain = z.infer<typeof NeedDomain>;
export const NEED_LABELS: Record<NeedDomain, { zh: string; en: string }> = {
  mental_health: { zh: '心理情绪', en: 'Mental health' },
  physical_health: { zh: '身体健康', en: 'Physical health' },
  daily_care: { zh: '生活照料', en: 'Daily care' },
  economic: { zh: '经济困难', en: 'Economic' },
  housing: { zh: '居住环境', en: 'Housing' },
  family: { zh: '家庭关系', en: 'Family relations' },
  social_support: { zh: '社会支持', en: 'Social support' },
  education: { zh: '学业教育', en: 'Education' },
  employment: { zh: '就业', en: 'Employment' },
  safety: { zh: '人身安全', en: 'Safety' },
  legal: { zh: '法律事务', en: 'Legal' },
};

export const TeamRole = z.enum(['lead_worker', 'co_worker', 'volunteer', 'org_contact', 'other']);
export const TEAM_ROLE_LABELS = {
  lead_worker: { zh: '主责社工', en: 'Lead worker' },
  co_worker: { zh: '协同社工', en: 'Co-worker' },
  volunteer: { zh: '志愿者', en: 'Volunteer' },
  org_contact: { zh: '组织联络人', en: 'Organization contact' },
  other: { zh: '其他', en: 'Other' },
} as const;

export const ClosureReason = z.enum([
  'goals_met',
  'client_request',
  'moved_away',
  'deceased',
  'referred',
  'no_contact',
  'other',
]);
export const CLOSURE_LABELS = {
  goals_met: { zh: '目标达成', en: 'Goals met' },
  client_request: { zh: '服务对象要求', en: 'Client’s request' },
  moved_away: { zh: '迁出辖区', en: 'Moved away' },
  deceased: { zh: '服务对象去世', en: 'Deceased' },
  referred: { zh: '已转介', en: 'Referred' },
  no_contact: { zh: '失去联系', en: 'Lost contact' },
  other: { zh: '其他', en: 'Other' },
} as const;

/** A service type is a code and a label; the list is a per-tenant setting. */
export const ServiceType = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, '代码须为小写字母开头的字母、数字或下划线(2–32 位)'),
  name: text(20),
  active: z.boolean().default(true),
});
export const DEFAULT_SERVICE_TYPES = [
  { code: 'psych_support', name: '心理支持', active: true },
  { code: 'home_visit', name: '入户探访', active: true },
  { code: 'phone_check', name: '电话关怀', active: true },
  { code: 'resource_link', name: '资源链接', active: true },
  { code: 'accompaniment', name: '陪同就医/办事', active: true },
  { code: 'group_work', name: '小组活动', active: true },
  { code: 'family_mediation', name: '家庭调解', active: true },
];

/** `{yyyy}` `{yy}` `{mm}` `{seq}` or `{seq:N}` (zero-padded), `{community}` (last 3 digits of its code). */
export const NumberPattern = text(40).refine(
  (s) => /\{seq(:[1-9])?\}/.test(s) && !/\{(?!yyyy\}|yy\}|mm\}|seq\}|seq:[1-9]\}|community\})/.test(s),
  '须包含 {seq},且只能使用 {yyyy} {yy} {mm} {seq} {seq:N} {community}',
);

export const CaseSettings = z.object({
  tenantId: Id,
  numberPattern: z.string(),
  serviceTypes: z.array(ServiceType),
  /** Ceiling per funding request, fen; null = no ceiling. */
  fundingPerRequestFen: Money.nullable(),
  /** Ceiling of approved funding per case per calendar year, fen; null = none. */
  fundingPerCaseYearFen: Money.nullable(),
  /** Who approves funding requests; empty = anyone holding cases.fund_approve at the case. */
  fundingApproverIds: z.array(Id),
  version: Version,
});
export const CaseSettingsSave = z.object({
  tenantId: ref('tenant'),
  numberPattern: NumberPattern,
  serviceTypes: z
    .array(ServiceType)
    .min(1, '至少一个服务类型')
    .max(40)
    .refine((a) => new Set(a.map((t) => t.code)).size === a.length, '服务类型代码不能重复'),
  fundingPerRequestFen: Money.min(1).nullable(),
  fundingPerCaseYearFen: Money.min(1).nullable(),
  fundingApproverIds: z.array(ref('user')).max(20),
  version: Version,
});

/** Who a case is about: a person, or a household (with its head person for display). */
export const CaseSubject = z.object({
  kind: z.enum(['person', 'household']),
  personId: Id.nullable(),
  householdId: Id.nullable(),
  /** Masked (张*华). */
  name: z.string(),
  ageBand: z.string().nullable(),
  minor: z.boolean(),
});

const UserRef = z.object({ id: Id, name: z.string() });

/**
 * A case as a list shows it. Someone who may not open the file (a community worker outside
 * the care team) sees only that it exists, its stage and where: `restricted` is true and the
 * subject, worker and risk are null.
 */
export const CaseSummary = z.object({
  id: Id,
  tenantId: Id,
  number: z.string(),
  stage: CaseStage,
  pending: z.enum(['open', 'close']).nullable(),
  communityId: Id.nullable(),
  communityName: z.string().nullable(),
  openedOn: IsoDate,
  restricted: z.boolean(),
  subject: CaseSubject.nullable(),
  riskLevel: RiskLevel.nullable(),
  childAtRisk: z.boolean().nullable(),
  worker: UserRef.nullable(),
  supervisor: UserRef.nullable(),
  nextContactOn: IsoDate.nullable(),
  updatedAt: IsoDateTime,
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseListQuery = PageQuery.extend({
  tenantId: Id.optional(),
  stage: CaseStage.optional(),
  communityId: Id.optional(),
  /** Only cases whose care team I am on, or that I supervise. */
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  riskLevel: RiskLevel.optional(),
});

export const CaseCreate = z
  .object({
    subjectKind: z.enum(['person', 'household']),
    personId: ref('person').nullable().default(null),
    householdId: ref('household').nullable().default(null),
    referralSource: ReferralSource,
    referralDetail: text(200).nullable().default(null),
    /** 求助/转介的主要问题 (sensitive: sealed at rest, never in lists). */
    presentingProblem: text(2000),
    riskLevel: RiskLevel,
    childAtRisk: z.boolean().default(false),
    intakeOn: IsoDate,
    workerId: ref('user').optional(),
    supervisorId: ref('user'),
    nextContactOn: IsoDate.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.subjectKind === 'person' && !v.personId)
      ctx.addIssue({ code: 'custom', path: ['personId'], message: '请选择服务对象' });
    if (v.subjectKind === 'household' && !v.householdId)
      ctx.addIssue({ code: 'custom', path: ['householdId'], message: '请选择家庭' });
  });

export const CaseUpdate = z.object({
  riskLevel: RiskLevel.optional(),
  childAtRisk: z.boolean().optional(),
  workerId: ref('user').optional(),
  supervisorId: ref('user').optional(),
  nextContactOn: IsoDate.nullable().optional(),
  version: Version,
});

export const Closure = z.object({ reason: ClosureReason, outcome: text(2000) });

export const TransitionRequest = z.object({
  to: CaseStage,
  comment: text(500).nullable().default(null),
  /** Required when moving to `closed`. */
  closure: Closure.nullable().default(null),
  version: Version,
});

export const ApprovalDecision = z.object({
  decision: z.enum(['approve', 'return']),
  comment: text(500).nullable().default(null),
});
export const ApprovalParams = z.object({ id: Id, approvalId: Id });

export const Need = z.object({
  domain: NeedDomain,
  level: z.enum(['low', 'medium', 'high']),
  note: text(500).nullable().default(null),
});
export const Goal = z.object({
  goal: text(200),
  measure: text(200).nullable().default(null),
  interventions: z.array(text(200)).max(10).default([]),
});
export const CaseRecordInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('assessment'),
    needs: z.array(Need).min(1, '至少记录一项需求').max(11),
    riskLevel: RiskLevel,
    strengths: text(2000),
    summary: text(4000),
  }),
  z.object({
    kind: z.literal('plan'),
    goals: z.array(Goal).min(1, '至少一个目标').max(10),
    reviewOn: IsoDate,
    summary: text(2000).nullable().default(null),
  }),
  z.object({
    kind: z.literal('evaluation'),
    goalsMet: z.enum(['all', 'partly', 'none']),
    summary: text(4000),
  }),
]);
export const CaseRecord = z.object({
  id: Id,
  kind: z.enum(['intake', 'assessment', 'plan', 'evaluation', 'closure']),
  body: z.record(z.string(), z.unknown()),
  createdBy: UserRef.nullable(),
  createdAt: IsoDateTime,
});

export const MandatoryReportInput = z.object({
  /** 公安机关、民政部门、教育部门… */
  reportedTo: text(100),
  reportedAt: IsoDateTime,
  reportedBy: text(50),
  channel: z.enum(['phone', 'in_person', 'written', 'online']),
  reference: text(100).nullable().default(null),
});
export const MandatoryReport = MandatoryReportInput.extend({
  id: Id,
  recordedBy: UserRef.nullable(),
  recordedAt: IsoDateTime,
});

export const ServiceRecordInput = z.object({
  type: z.string().min(1).max(32),
  date: IsoDate,
  durationMin: z
    .number()
    .int()
    .min(1, '至少 1 分钟')
    .max(24 * 60),
  notes: text(4000),
  nextContactOn: IsoDate.nullable().default(null),
});
export const ServiceRecord = z.object({
  id: Id,
  type: z.string(),
  typeName: z.string(),
  date: IsoDate,
  durationMin: z.number().int(),
  worker: UserRef.nullable(),
  notes: z.string(),
  nextContactOn: IsoDate.nullable(),
  createdAt: IsoDateTime,
});

export const TeamMemberInput = z
  .object({
    kind: z.enum(['user', 'person', 'external']),
    userId: ref('user').nullable().default(null),
    personId: ref('person').nullable().default(null),
    name: text(50).nullable().default(null),
    organization: text(100).nullable().default(null),
    role: TeamRole,
    /** A volunteer found by matching is invited first. */
    invited: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'user' && !v.userId)
      ctx.addIssue({ code: 'custom', path: ['userId'], message: '请选择工作人员' });
    if (v.kind === 'person' && !v.personId)
      ctx.addIssue({ code: 'custom', path: ['personId'], message: '请选择居民' });
    if (v.kind === 'external' && !v.name)
      ctx.addIssue({ code: 'custom', path: ['name'], message: '请填写姓名' });
    if (v.role === 'lead_worker')
      ctx.addIssue({ code: 'custom', path: ['role'], message: '主责社工通过修改个案指定' });
  });
export const TeamMember = z.object({
  id: Id,
  kind: z.enum(['user', 'person', 'external']),
  userId: Id.nullable(),
  personId: Id.nullable(),
  name: z.string(),
  organization: z.string().nullable(),
  role: TeamRole,
  status: z.enum(['invited', 'active', 'removed']),
  addedAt: IsoDateTime,
  removedAt: IsoDateTime.nullable(),
});
export const TeamMemberParams = z.object({ id: Id, memberId: Id });

export const ActionInput = z.object({
  title: text(200),
  ownerId: ref('user'),
  dueOn: IsoDate,
});
export const ConferenceInput = z.object({
  heldOn: IsoDate,
  internalAttendeeIds: z.array(ref('user')).max(30).default([]),
  externalAttendees: z
    .array(z.object({ name: text(50), organization: text(100).nullable().default(null) }))
    .max(30)
    .default([]),
  discussion: text(4000),
  decisions: text(4000),
  actions: z.array(ActionInput).max(20).default([]),
});
export const CaseAction = z.object({
  id: Id,
  caseId: Id,
  caseNumber: z.string(),
  conferenceId: Id,
  title: z.string(),
  owner: UserRef.nullable(),
  dueOn: IsoDate,
  doneAt: IsoDateTime.nullable(),
  overdue: z.boolean(),
  /**
   * On the owner's own task list only: whom the task is for (masked name) and where (building,
   * else compound or community) — all a volunteer helper, who never opens the file, needs to go.
   */
  visit: z.object({ client: z.string(), place: z.string().nullable() }).nullable(),
});
export const Conference = z.object({
  id: Id,
  heldOn: IsoDate,
  internalAttendees: z.array(UserRef),
  externalAttendees: z.array(z.object({ name: z.string(), organization: z.string().nullable() })),
  discussion: z.string(),
  decisions: z.string(),
  actions: z.array(CaseAction),
  createdBy: UserRef.nullable(),
  createdAt: IsoDateTime,
});

export const FundingStatus = z.enum(['submitted', 'approved', 'rejected', 'paid']);
export const FUNDING_STATUS_LABELS = {
  submitted: { zh: '待审批', en: 'Submitted' },
  approved: { zh: '已批准,待拨付', en: 'Approved, awaiting payment' },
  rejected: { zh: '未批准', en: 'Rejected' },
  paid: { zh: '已拨付', en: 'Paid' },
} as const;
export const FundingInput = z.object({
  amountFen: Money.min(1, '金额须大于 0'),
  purpose: text(100),
  justification: text(2000),
});
export const Attachment = z.object({
  id: Id,
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedAt: IsoDateTime,
});
export const Funding = z.object({
  id: Id,
  caseId: Id,
  caseNumber: z.string(),
  amountFen: Money,
  purpose: z.string(),
  justification: z.string(),
  status: FundingStatus,
  requestedBy: UserRef.nullable(),
  requestedAt: IsoDateTime,
  decidedBy: UserRef.nullable(),
  decidedAt: IsoDateTime.nullable(),
  decisionComment: z.string().nullable(),
  /** Set by the fund when it pays (a later module). */
  paymentRef: z.string().nullable(),
  attachments: z.array(Attachment),
  version: Version,
});
export const FundingDecision = z.object({
  decision: z.enum(['approve', 'reject']),
  comment: text(500).nullable().default(null),
  version: Version,
});
export const AttachmentQuery = z.object({ name: text(100) });
export const AttachmentParams = z.object({ id: Id, attachmentId: Id });

export const CaseEvent = z.object({
  id: Id,
  at: IsoDateTime,
  kind: z.string(),
  actor: UserRef.nullable(),
  /** Short, non-sensitive text (stage names, service type, amount). */
  summary: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
});

export const Approval = z.object({
  id: Id,
  caseId: Id,
  kind: z.enum(['open', 'close']),
  to: CaseStage,
  requestedBy: UserRef.nullable(),
  requestedAt: IsoDateTime,
  comment: z.string().nullable(),
  closure: Closure.nullable(),
});

/** The whole file: opening it writes one access-log row. */
export const CaseFile = CaseSummary.extend({
  referralSource: ReferralSource,
  referralDetail: z.string().nullable(),
  presentingProblem: z.string(),
  intakeOn: IsoDate,
  closedOn: IsoDate.nullable(),
  version: Version,
  allowedMoves: z.array(z.object({ to: CaseStage, kind: z.enum(['direct', 'approval']) })),
  pendingApproval: Approval.nullable(),
  /** Can I write to it (care-team worker, supervisor, station head)? */
  canWrite: z.boolean(),
  /** Can I decide the pending approval? */
  canApprove: z.boolean(),
  records: z.array(CaseRecord),
  mandatoryReports: z.array(MandatoryReport),
  team: z.array(TeamMember),
  services: z.array(ServiceRecord),
  conferences: z.array(Conference),
  funding: z.array(Funding),
  timeline: z.array(CaseEvent),
});
export type CaseFile = z.infer<typeof CaseFile>;

export const OverdueQuery = z.object({
  tenantId: Id.optional(),
  communityId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const OverdueView = z.object({
  today: IsoDate,
  total: z.number().int(),
  items: z.array(CaseSummary.extend({ daysOverdue: z.number().int() })),
  byWorker: z.array(z.object({ worker: UserRef.nullable(), count: z.number().int() })),
  byCommunity: z.array(
    z.object({ communityId: Id.nullable(), communityName: z.string().nullable(), count: z.number().int() }),
  ),
});

export const MyApprovals = z.object({
  cases: z.array(Approval.extend({ caseNumber: z.string(), subjectName: z.string() })),
  funding: z.array(Funding),
});

export const MatchCandidate = z.object({
  kind: z.enum(['volunteer', 'organization', 'fund_program']),
  id: Id,
  name: z.string(),
  /** Why it fits: the matched skills, place and availability. */
  reasons: z.array(z.string()),
  score: z.number(),
  communityId: Id.nullable(),
  onTeam: z.boolean(),
});
export const CaseMatches = z.object({
  needs: z.array(Need.extend({ candidates: z.array(MatchCandidate) })),
});

export const TenantQuery = z.object({ tenantId: Id.optional() });

export const CaseExportQuery = z.object({
  tenantId: Id.optional(),
  /** Cases about children are left out unless asked for by someone holding cases.export_children. */
  includeChildren: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
});

export const caseRoutes = {
  settings: route({
    method: 'GET',
    path: '/api/v1/cases/settings',
    tag: TAG,
    summary: '个案设置(编号规则、服务类型、资助规则)',
    query: TenantQuery,
    response: CaseSettings,
  }),
  saveSettings: route({
    method: 'PUT',
    path: '/api/v1/cases/settings',
    tag: TAG,
    summary: '修改个案设置',
    body: CaseSettingsSave,
    response: CaseSettings,
  }),
  list: route({
    method: 'GET',
    path: '/api/v1/cases',
    tag: TAG,
    summary: '个案列表(非服务团队成员只见编号与阶段)',
    query: CaseListQuery,
    response: page(CaseSummary),
  }),
  create: route({
    method: 'POST',
    path: '/api/v1/cases',
    tag: TAG,
    summary: '接案:为居民或家庭建立个案',
    body: CaseCreate,
    response: CaseFile,
    status: 201,
  }),
  get: route({
    method: 'GET',
    path: '/api/v1/cases/:id',
    tag: TAG,
    summary: '打开个案档案(写入查阅日志)',
    params: IdParams,
    response: CaseFile,
  }),
  update: route({
    method: 'PATCH',
    path: '/api/v1/cases/:id',
    tag: TAG,
    summary: '修改风险等级、主责社工、督导、下次联系日期',
    params: IdParams,
    body: CaseUpdate,
    response: CaseFile,
  }),
  transition: route({
    method: 'POST',
    path: '/api/v1/cases/:id/transitions',
    tag: TAG,
    summary: '推进阶段(开案与结案提交督导审批)',
    params: IdParams,
    body: TransitionRequest,
    response: CaseFile,
  }),
  decide: route({
    method: 'POST',
    path: '/api/v1/cases/:id/approvals/:approvalId',
    tag: TAG,
    summary: '督导审批开案/结案:批准或退回',
    params: ApprovalParams,
    body: ApprovalDecision,
    response: CaseFile,
  }),
  addRecord: route({
    method: 'POST',
    path: '/api/v1/cases/:id/records',
    tag: TAG,
    summary: '填写预估、计划或评估',
    params: IdParams,
    body: CaseRecordInput,
    response: CaseFile,
    status: 201,
  }),
  addMandatoryReport: route({
    method: 'POST',
    path: '/api/v1/cases/:id/mandatory-reports',
    tag: TAG,
    summary: '登记强制报告(未成年人)',
    params: IdParams,
    body: MandatoryReportInput,
    response: CaseFile,
    status: 201,
  }),
  addService: route({
    method: 'POST',
    path: '/api/v1/cases/:id/services',
    tag: TAG,
    summary: '记录一次服务',
    params: IdParams,
    body: ServiceRecordInput,
    response: CaseFile,
    status: 201,
  }),
  addMember: route({
    method: 'POST',
    path: '/api/v1/cases/:id/team',
    tag: TAG,
    summary: '加入服务团队',
    params: IdParams,
    body: TeamMemberInput,
    response: CaseFile,
    status: 201,
  }),
  removeMember: route({
    method: 'DELETE',
    path: '/api/v1/cases/:id/team/:memberId',
    tag: TAG,
    summary: '移出服务团队(保留记录)',
    params: TeamMemberParams,
    response: CaseFile,
  }),
  addConference: route({
    method: 'POST',
    path: '/api/v1/cases/:id/conferences',
    tag: TAG,
    summary: '记录个案沟通会议与行动事项',
    params: IdParams,
    body: ConferenceInput,
    response: CaseFile,
    status: 201,
  }),
  matches: route({
    method: 'GET',
    path: '/api/v1/cases/:id/matches',
    tag: TAG,
    summary: '按需求匹配志愿者等资源',
    params: IdParams,
    response: CaseMatches,
  }),
  requestFunding: route({
    method: 'POST',
    path: '/api/v1/cases/:id/funding',
    tag: TAG,
    summary: '提出资金资助申请',
    params: IdParams,
    body: FundingInput,
    response: Funding,
    status: 201,
  }),
  addAttachment: route({
    method: 'POST',
    path: '/api/v1/case-funding/:id/attachments',
    tag: TAG,
    summary: '上传资助申请附件(PDF、JPEG、PNG,≤5 MB,加密保存)',
    params: IdParams,
    query: AttachmentQuery,
    response: Funding,
    status: 201,
  }),
  getAttachment: route({
    method: 'GET',
    path: '/api/v1/case-funding/:id/attachments/:attachmentId',
    tag: TAG,
    summary: '下载资助申请附件',
    params: AttachmentParams,
    response: z.any(),
  }),
  decideFunding: route({
    method: 'POST',
    path: '/api/v1/case-funding/:id/decision',
    tag: TAG,
    summary: '审批资助申请',
    params: IdParams,
    body: FundingDecision,
    response: Funding,
  }),
  completeAction: route({
    method: 'POST',
    path: '/api/v1/case-actions/:id/done',
    tag: TAG,
    summary: '完成行动事项',
    params: IdParams,
    response: CaseAction,
  }),
  myTasks: route({
    method: 'GET',
    path: '/api/v1/cases/my-tasks',
    tag: TAG,
    summary: '我的待办行动事项',
    response: z.object({ items: z.array(CaseAction) }),
  }),
  myApprovals: route({
    method: 'GET',
    path: '/api/v1/cases/my-approvals',
    tag: TAG,
    summary: '等我审批的开案、结案与资助申请',
    response: MyApprovals,
  }),
  exportCsv: route({
    method: 'GET',
    path: '/api/v1/cases/export',
    tag: TAG,
    summary: '导出个案统计表(CSV,无姓名;涉及儿童的个案默认不导出)',
    query: CaseExportQuery,
    response: z.string(),
  }),
  overdue: route({
    method: 'GET',
    path: '/api/v1/cases/overdue',
    tag: TAG,
    summary: '逾期未联系的个案(按社工、按社区)',
    query: OverdueQuery,
    response: OverdueView,
  }),
} as const;
