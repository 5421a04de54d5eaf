import { z } from 'zod';
import { Id, IdParams, IsoDate, IsoDateTime, PageQuery, page, ref, route, text, Version } from './common';
import { BIRTH_YEAR_MIN, IdType, PersonName, shanghaiDate } from './identifiers';

const TAG = 'people';

/**
 * Fields that are personal information under PIPL and DOMAIN.md. Every person-shaped response
 * carries them masked unless the caller revealed them (permission + stated purpose, logged).
 */
export const SENSITIVE_PERSON_FIELDS = [
  'name',
  'idNumber',
  'phone',
  'birthDate',
  'room',
  'addressFree',
  'partyMember',
  'disabilityCertNo',
  'notes',
] as const;
export const SensitivePersonField = z.enum(SENSITIVE_PERSON_FIELDS);
export type SensitivePersonField = z.infer<typeof SensitivePersonField>;

export const Gender = z.enum(['male', 'female', 'unknown']);
export const PersonStatus = z.enum(['active', 'moved_out', 'deceased', 'anonymized']);
export const AgeBand = z.enum(['0-13', '14-17', '18-59', '60-79', '80+', 'unknown']);
export type AgeBand = z.infer<typeof AgeBand>;

/** What a masked field looks like: the masked text, or null when nothing is recorded. */
const Masked = z.string().nullable();

export const PersonTag = z.object({
  code: z.string(),
  name: z.string(),
  detail: z.record(z.string(), z.string()).nullable(),
});

export const Person = z.object({
  id: Id,
  tenantId: Id,
  name: z.string(),
  gender: Gender,
  ageBand: AgeBand,
  /** Under 14: everything about the person needs the minor permission and a guardian's consent. */
  minor: z.boolean(),
  birthDate: Masked,
  idType: IdType.nullable(),
  idNumber: Masked,
  phone: Masked,
  ethnicity: z.string().nullable(),
  communityId: Id.nullable(),
  compoundId: Id.nullable(),
  buildingId: Id.nullable(),
  unit: z.string().nullable(),
  room: Masked,
  addressFree: Masked,
  householdId: Id.nullable(),
  partyMember: z.union([z.boolean(), z.literal('***')]).nullable(),
  disabilityCertNo: Masked,
  guardianId: Id.nullable(),
  notes: Masked,
  tags: z.array(PersonTag),
  status: PersonStatus,
  /** Which sensitive fields this response shows in the clear. */
  revealed: z.array(SensitivePersonField),
  version: Version,
  updatedAt: IsoDateTime,
});
export type Person = z.infer<typeof Person>;

const Room = z.string().trim().min(1).max(20);
const TagInput = z.object({
  code: z.string().max(40),
  detail: z.record(z.string(), z.string().max(60)).nullable().default(null),
});

/**
 * A birth date from 1900-01-01 up to today (Asia/Shanghai), the range an ID number's birth date
 * must fall in too: 9999-12-31 was accepted and turned an adult into a child (under-14 rules).
 */
const BirthDate = IsoDate.refine(
  (d) => d >= `${BIRTH_YEAR_MIN}-01-01`,
  `出生日期不能早于 ${BIRTH_YEAR_MIN} 年`,
).refine((d) => d <= shanghaiDate(new Date()), '出生日期不能晚于今天');

/** Every editable field once, without defaults: an update sends only what changes. */
const personFields = {
  name: PersonName,
  gender: Gender,
  birthDate: BirthDate.nullable(),
  idType: IdType.nullable(),
  idNumber: z.string().trim().max(40).nullable(),
  phone: z.string().trim().max(30).nullable(),
  ethnicity: text(20).nullable(),
  buildingId: ref('building').nullable(),
  unit: z.string().trim().max(10).nullable(),
  room: Room.nullable(),
  /** An address outside the territory (or not yet mapped to a building). */
  addressFree: text(200).nullable(),
  partyMember: z.boolean().nullable(),
  disabilityCertNo: text(40).nullable(),
  guardianId: ref('person').nullable(),
  notes: text(2000).nullable(),
  tags: z.array(TagInput).max(30),
};
const placeFields = {
  buildingId: personFields.buildingId.default(null),
  unit: personFields.unit.default(null),
  room: personFields.room.default(null),
  addressFree: personFields.addressFree.default(null),
};

export const PersonCreate = z.object({
  tenantId: ref('tenant'),
  name: personFields.name,
  gender: personFields.gender.default('unknown'),
  birthDate: personFields.birthDate.default(null),
  idType: personFields.idType.default(null),
  idNumber: personFields.idNumber.default(null),
  phone: personFields.phone.default(null),
  ethnicity: personFields.ethnicity.default(null),
  ...placeFields,
  partyMember: personFields.partyMember.default(null),
  disabilityCertNo: personFields.disabilityCertNo.default(null),
  guardianId: personFields.guardianId.default(null),
  notes: personFields.notes.default(null),
  tags: personFields.tags.default([]),
});
export const PersonUpdate = z.object(personFields).partial().extend({ version: Version });
export const PersonStatusChange = z.object({
  status: PersonStatus.exclude(['anonymized']),
  version: Version,
  note: text(200).optional(),
});

export const Reveal = z.object({
  fields: z.array(SensitivePersonField).min(1),
  /** Why the caller needs the clear values; kept in the access log. */
  purpose: text(200),
});

export const PersonSearch = PageQuery.extend({
  tenantId: Id.optional(),
  name: z.string().trim().min(1).max(20).optional(),
  phoneLast4: z
    .string()
    .regex(/^\d{4}$/, '须为手机号后4位')
    .optional(),
  tag: z.string().max(40).optional(),
  ageBand: AgeBand.exclude(['unknown']).optional(),
  communityId: Id.optional(),
  compoundId: Id.optional(),
  buildingId: Id.optional(),
  status: PersonStatus.default('active'),
});
/** Exact ID-number lookup goes in a POST body, never in a URL (it would land in logs). */
export const IdLookup = z.object({
  tenantId: ref('tenant'),
  idType: IdType,
  idNumber: z.string().trim().min(1).max(40),
});

export const ConsentPurpose = z.enum(['processing', 'sharing', 'publishing', 'minor_processing']);
export const Consent = z.object({
  id: Id,
  personId: Id,
  purpose: ConsentPurpose,
  /** Who gave it: the person, or their guardian (for a minor). */
  givenBy: z.enum(['self', 'guardian']),
  guardianId: Id.nullable(),
  scope: z.string().nullable(),
  givenAt: IsoDateTime,
  withdrawnAt: IsoDateTime.nullable(),
  recordedBy: Id.nullable(),
});
export const ConsentCreate = z.object({
  purpose: ConsentPurpose,
  givenBy: z.enum(['self', 'guardian']),
  guardianId: ref('person').nullable().default(null),
  /** What exactly was agreed (e.g. the body data is shared with, the list published). */
  scope: text(200).nullable().default(null),
  givenAt: IsoDateTime.optional(),
});

export const TagDefinition = z.object({
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  sensitive: z.boolean(),
  /** Detail fields the tag takes (e.g. disability category and level). */
  detailKeys: z.array(z.string()),
  active: z.boolean(),
});

export const Household = z.object({
  id: Id,
  tenantId: Id,
  communityId: Id.nullable(),
  buildingId: Id.nullable(),
  unit: z.string().nullable(),
  room: Masked,
  addressFree: Masked,
  members: z.array(z.object({ personId: Id, name: z.string(), relation: z.string(), isHead: z.boolean() })),
  version: Version,
});
export const HouseholdCreate = z.object({ tenantId: ref('tenant'), ...placeFields });
export const HouseholdMemberAdd = z.object({
  personId: ref('person'),
  /** Relation to the head: 户主, 配偶, 子女, 父母, 孙子女, 兄弟姐妹, 其他. */
  relation: z.enum(['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other']),
});

export const peopleRoutes = {
  search: route({
    method: 'GET',
    path: '/api/v1/people',
    tag: TAG,
    summary: '居民查询(脱敏)',
    query: PersonSearch,
    response: page(Person),
  }),
  lookupById: route({
    method: 'POST',
    path: '/api/v1/people/lookup',
    tag: TAG,
    summary: '按证件号精确查找(号码放在请求体中)',
    body: IdLookup,
    response: z.array(Person),
  }),
  get: route({
    method: 'GET',
    path: '/api/v1/people/:id',
    tag: TAG,
    summary: '居民详情(脱敏)',
    params: IdParams,
    response: Person,
  }),
  create: route({
    method: 'POST',
    path: '/api/v1/people',
    tag: TAG,
    summary: '登记居民',
    body: PersonCreate,
    response: Person,
    status: 201,
  }),
  update: route({
    method: 'PATCH',
    path: '/api/v1/people/:id',
    tag: TAG,
    summary: '更正居民信息',
    params: IdParams,
    body: PersonUpdate,
    response: Person,
  }),
  changeStatus: route({
    method: 'POST',
    path: '/api/v1/people/:id/status',
    tag: TAG,
    summary: '迁出/去世/恢复',
    params: IdParams,
    body: PersonStatusChange,
    response: Person,
  }),
  reveal: route({
    method: 'POST',
    path: '/api/v1/people/:id/reveal',
    tag: TAG,
    summary: '查看明文(须说明用途,记入访问日志)',
    params: IdParams,
    body: Reveal,
    response: Person,
  }),
  listConsents: route({
    method: 'GET',
    path: '/api/v1/people/:id/consents',
    tag: TAG,
    summary: '同意记录',
    params: IdParams,
    response: z.array(Consent),
  }),
  addConsent: route({
    method: 'POST',
    path: '/api/v1/people/:id/consents',
    tag: TAG,
    summary: '登记同意',
    params: IdParams,
    body: ConsentCreate,
    response: Consent,
    status: 201,
  }),
  withdrawConsent: route({
    method: 'POST',
    path: '/api/v1/consents/:id/withdraw',
    tag: TAG,
    summary: '撤回同意',
    params: IdParams,
    response: Consent,
  }),
  tags: route({
    method: 'GET',
    path: '/api/v1/people-tags',
    tag: TAG,
    summary: '人群标签目录',
    query: z.object({ tenantId: Id.optional() }),
    response: z.array(TagDefinition),
  }),
  createHousehold: route({
    method: 'POST',
    path: '/api/v1/households',
    tag: TAG,
    summary: '新建户',
    body: HouseholdCreate,
    response: Household,
    status: 201,
  }),
  getHousehold: route({
    method: 'GET',
    path: '/api/v1/households/:id',
    tag: TAG,
    summary: '户详情',
    params: IdParams,
    response: Household,
  }),
  addHouseholdMember: route({
    method: 'POST',
    path: '/api/v1/households/:id/members',
    tag: TAG,
    summary: '入户(从原户迁出)',
    params: IdParams,
    body: HouseholdMemberAdd,
    response: Household,
  }),
} as const;

export const VolunteerAvailability = z.enum([
  'weekday_day',
  'weekday_evening',
  'weekend',
  'holiday',
  'on_call',
]);
export const VolunteerProfile = z.object({
  personId: Id,
  registeredOn: IsoDate,
  /** Real-name registration (志愿服务条例): the person's identity number is on record. */
  realNameVerified: z.boolean(),
  skills: z.array(z.string()),
  availability: z.array(VolunteerAvailability),
  insuranceUntil: IsoDate.nullable(),
  status: z.enum(['active', 'paused', 'left']),
  version: Version,
});
export const VolunteerProfileSave = z.object({
  registeredOn: IsoDate,
  skills: z.array(text(20)).max(20).default([]),
  availability: z.array(VolunteerAvailability).max(5).default([]),
  insuranceUntil: IsoDate.nullable().default(null),
  status: z.enum(['active', 'paused', 'left']).default('active'),
  /** Omit to register; the current version to change an existing profile. */
  version: Version.optional(),
});

/** Everything held about one person (PIPL right of access and copy), in the clear. */
export const SubjectExport = z.object({
  exportedAt: IsoDateTime,
  person: z.record(z.string(), z.unknown()),
  tags: z.array(z.record(z.string(), z.unknown())),
  consents: z.array(z.record(z.string(), z.unknown())),
  households: z.array(z.record(z.string(), z.unknown())),
  volunteer: z.record(z.string(), z.unknown()).nullable(),
  accessLog: z.array(z.record(z.string(), z.unknown())),
  auditTrail: z.array(z.record(z.string(), z.unknown())),
});
export const SubjectExportRequest = z.object({ purpose: text(200) });
export const Erase = z.object({
  /** Why: the person's request, the purpose ended, the retention period passed. */
  reason: text(200),
  version: Version,
});

export const RetentionRecordType = z.enum(['person_moved_out', 'person_deceased', 'access_log']);
export const RetentionSetting = z.object({
  recordType: RetentionRecordType,
  keepDays: z.number().int(),
  minDays: z.number().int(),
  isDefault: z.boolean(),
});
export const RetentionUpdate = z.object({
  tenantId: ref('tenant'),
  settings: z
    .array(z.object({ recordType: RetentionRecordType, keepDays: z.number().int().min(1).max(36_500) }))
    .min(1),
});
export const PurgeResult = z.object({
  anonymizedPeople: z.number().int(),
  deletedAccessLog: z.number().int(),
  /** Export files and import error reports deleted: expired, or made before an erasure. */
  deletedJobFiles: z.number().int(),
});

export const peopleRightsRoutes = {
  getVolunteer: route({
    method: 'GET',
    path: '/api/v1/people/:id/volunteer',
    tag: TAG,
    summary: '志愿者档案',
    params: IdParams,
    response: VolunteerProfile,
  }),
  saveVolunteer: route({
    method: 'PUT',
    path: '/api/v1/people/:id/volunteer',
    tag: TAG,
    summary: '志愿者实名登记或更新',
    params: IdParams,
    body: VolunteerProfileSave,
    response: VolunteerProfile,
  }),
  subjectExport: route({
    method: 'POST',
    path: '/api/v1/people/:id/subject-export',
    tag: TAG,
    summary: '导出本人全部信息(JSON;个人信息查阅复制权)',
    params: IdParams,
    body: SubjectExportRequest,
    response: SubjectExport,
  }),
  subjectExportXlsx: route({
    method: 'POST',
    path: '/api/v1/people/:id/subject-export.xlsx',
    tag: TAG,
    summary: '导出本人全部信息(xlsx)',
    params: IdParams,
    body: SubjectExportRequest,
    response: z.unknown().describe('xlsx file'),
  }),
  erase: route({
    method: 'POST',
    path: '/api/v1/people/:id/erase',
    tag: TAG,
    summary: '删除个人信息(去标识化,保留无身份的记录)',
    params: IdParams,
    body: Erase,
    response: Person,
  }),
  getRetention: route({
    method: 'GET',
    path: '/api/v1/retention',
    tag: TAG,
    summary: '各类记录保存期限',
    query: z.object({ tenantId: Id }),
    response: z.array(RetentionSetting),
  }),
  setRetention: route({
    method: 'PUT',
    path: '/api/v1/retention',
    tag: TAG,
    summary: '设置保存期限',
    body: RetentionUpdate,
    response: z.array(RetentionSetting),
  }),
  purge: route({
    method: 'POST',
    path: '/api/v1/retention/purge',
    tag: TAG,
    summary: '立即清理过期记录',
    body: z.object({ tenantId: ref('tenant') }),
    response: PurgeResult,
  }),
} as const;

const TagCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, '2–40位小写字母、数字或下划线,以字母开头');
export const TagCreate = z.object({
  tenantId: ref('tenant'),
  code: TagCode,
  name: text(20),
  parentCode: TagCode.nullable().default(null),
  /** Health, disability, income and the like: shown only to those who may reveal. */
  sensitive: z.boolean(),
  detailKeys: z
    .array(z.string().regex(/^[a-z][a-z0-9_]{0,19}$/))
    .max(5)
    .default([]),
});
export const TagUpdate = z.object({
  name: text(20).optional(),
  sensitive: z.boolean().optional(),
  detailKeys: z
    .array(z.string().regex(/^[a-z][a-z0-9_]{0,19}$/))
    .max(5)
    .optional(),
  /** Tags are retired, never deleted: people keep the tags they had. */
  active: z.boolean().optional(),
});

export const peopleTagRoutes = {
  createTag: route({
    method: 'POST',
    path: '/api/v1/people-tags',
    tag: TAG,
    summary: '新增人群标签',
    body: TagCreate,
    response: TagDefinition,
    status: 201,
  }),
  updateTag: route({
    method: 'PATCH',
    path: '/api/v1/people-tags/:code',
    tag: TAG,
    summary: '修改或停用人群标签',
    params: z.object({ code: TagCode }),
    query: z.object({ tenantId: Id }),
    body: TagUpdate,
    response: TagDefinition,
  }),
} as const;
