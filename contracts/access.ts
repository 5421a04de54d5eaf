import { z } from 'zod';

/**
 * The permission catalog. `reach` says how far a grant carries the permission:
 * - `subtree`: the grant's node and everything under it (the default rule);
 * - `tenant`: the whole tenant of the grant (reference data everyone in the tenant reads).
 * `appointed` marks a permission that is granted by appointment (see isAppointed).
 * Region grants only ever read; platform grants reach everything.
 */
export const Permissions = {
  'territory.read': { reach: 'tenant', zh: '查看辖区', en: 'View territory' },
  'territory.write': { reach: 'subtree', zh: '维护辖区', en: 'Edit territory' },
  'platform.manage': { reach: 'subtree', zh: '管理区划与街道', en: 'Manage regions and tenants' },
  'users.read': { reach: 'tenant', zh: '查看人员', en: 'View staff' },
  'users.manage': { reach: 'subtree', zh: '管理人员', en: 'Manage staff' },
  'roles.grant': { reach: 'subtree', zh: '授予角色', en: 'Grant roles' },
  'audit.read': { reach: 'subtree', zh: '查看审计日志', en: 'Read audit log' },
  'audit.verify': { reach: 'subtree', zh: '校验审计链', en: 'Verify audit chain' },
  'people.read': { reach: 'subtree', zh: '查看居民(脱敏)', en: 'View residents (masked)' },
  'people.write': { reach: 'subtree', zh: '登记与更正居民信息', en: 'Register and correct residents' },
  'people.reveal': { reach: 'subtree', zh: '查看居民敏感信息明文', en: 'Reveal residents’ sensitive data' },
  'people.reveal_minor': {
    reach: 'subtree',
    zh: '查看未满14周岁儿童信息',
    en: 'Reveal data of children under 14',
  },
  'people.export': { reach: 'subtree', zh: '导出居民名单', en: 'Export resident lists' },
  'people.erase': {
    reach: 'subtree',
    zh: '删除个人信息与设置保存期限',
    en: 'Erase personal data, set retention',
  },
  'cases.read': { reach: 'subtree', zh: '查看个案概况(编号与阶段)', en: 'See cases exist (number, stage)' },
  'cases.open': { reach: 'subtree', zh: '接案与个案工作', en: 'Open and work cases', appointed: true },
  'cases.file_any': {
    reach: 'subtree',
    zh: '查看辖区内全部个案档案',
    en: 'Open any case file in scope',
    appointed: true,
  },
  'cases.supervise': {
    reach: 'subtree',
    zh: '督导个案(审批开案与结案)',
    en: 'Supervise cases',
    appointed: true,
  },
  'cases.fund_approve': { reach: 'subtree', zh: '审批个案资助', en: 'Approve case funding' },
  'cases.settings': { reach: 'subtree', zh: '个案设置', en: 'Case settings' },
  'cases.export_children': {
    reach: 'subtree',
    zh: '导出涉及儿童的个案',
    en: 'Export cases about children',
    appointed: true,
  },
  'governance.public': {
    reach: 'tenant',
    zh: '查看公示与公开诉求',
    en: 'View public notices and issues',
  },
  'governance.report': { reach: 'subtree', zh: '反映诉求', en: 'Report issues' },
  'governance.read': { reach: 'subtree', zh: '查看诉求与议事', en: 'View issues and deliberation' },
  'governance.handle': { reach: 'subtree', zh: '受理与流转诉求', en: 'Handle and escalate issues' },
  'governance.meet': {
    reach: 'subtree',
    zh: '管理议事机构与会议',
    en: 'Manage bodies and meetings',
  },
  'governance.configure': {
    reach: 'subtree',
    zh: '配置诉求类别与接口密钥',
    en: 'Configure categories and API keys',
  },
} as const satisfies Record<
  string,
  { reach: 'subtree' | 'tenant'; zh: string; en: string; appointed?: true }
>;

/**
 * Permissions an administrator appoints others to without holding them (separation of duties:
 * the subdistrict appoints the station head and supervisors, but does not read case files).
 * Granting a role that carries one the granter lacks is allowed to others, never to oneself.
 */
export const isAppointed = (p: Permission): boolean => 'appointed' in Permissions[p];

export type Permission = keyof typeof Permissions;
export const PermissionCode = z.enum(Object.keys(Permissions) as [Permission, ...Permission[]]);

export const ScopeKind = z.enum([
  'platform',
  'region',
  'tenant',
  'station',
  'community',
  'compound',
  'building',
]);
export type ScopeKind = z.infer<typeof ScopeKind>;

const READ_ONLY: Permission[] = [
  'territory.read',
  'users.read',
  'audit.read',
  'audit.verify',
  'people.read',
  'governance.public',
  'governance.read',
];
/** Who works issues and meetings at their place (building, compound, community, tenant). */
const GOV_WORK: Permission[] = [
  'governance.public',
  'governance.report',
  'governance.read',
  'governance.handle',
  'governance.meet',
];
const PEOPLE_ALL: Permission[] = [
  'people.read',
  'people.write',
  'people.reveal',
  'people.reveal_minor',
  'people.erase',
];

/** Roles: what each may do, and at which kinds of node it may be granted. */
export const Roles = {
  platform_admin: {
    zh: '平台管理员',
    en: 'Platform administrator',
    scopes: ['platform'],
    permissions: Object.keys(Permissions) as Permission[],
  },
  region_viewer: {
    zh: '区域督查(民政局)',
    en: 'Region viewer (civil affairs)',
    scopes: ['region'],
    permissions: READ_ONLY,
  },
  tenant_admin: {
    zh: '街道管理员',
    en: 'Subdistrict administrator',
    scopes: ['tenant'],
    permissions: [
      'territory.read',
      'territory.write',
      'users.read',
      'users.manage',
      'roles.grant',
      'audit.read',
      'audit.verify',
      ...PEOPLE_ALL,
      'people.export',
      'cases.read',
      'cases.settings',
      'cases.fund_approve',
      ...GOV_WORK,
      'governance.configure',
    ],
  },
  subdistrict_officer: {
    zh: '街道干部',
    en: 'Subdistrict officer',
    scopes: ['tenant'],
    permissions: ['territory.read', 'users.read', 'people.read', 'cases.read', ...GOV_WORK],
  },
  station_head: {
    zh: '社工站站长',
    en: 'Station head',
    scopes: ['station', 'tenant'],
    permissions: [
      'territory.read',
      'users.read',
      'people.read',
      'people.reveal',
      'cases.read',
      'cases.open',
      'cases.file_any',
      'cases.supervise',
      'cases.fund_approve',
      'cases.export_children',
      'governance.public',
      'governance.read',
    ],
  },
  supervisor: {
    zh: '督导',
    en: 'Supervisor',
    scopes: ['station', 'tenant'],
    permissions: [
      'territory.read',
      'users.read',
      'people.read',
      'people.reveal',
      'people.reveal_minor',
      'cases.read',
      'cases.supervise',
      'governance.public',
      'governance.read',
    ],
  },
  social_worker: {
    zh: '社工',
    en: 'Social worker',
    scopes: ['community', 'station'],
    permissions: [
      'territory.read',
      'users.read',
      'people.read',
      'people.write',
      'people.reveal',
      'cases.read',
      'cases.open',
      ...GOV_WORK,
    ],
  },
  community_worker: {
    zh: '社区工作者',
    en: 'Community worker',
    scopes: ['community'],
    permissions: [
      'territory.read',
      'territory.write',
      'users.read',
      ...PEOPLE_ALL,
      'people.export',
      'cases.read',
      ...GOV_WORK,
    ],
  },
  building_leader: {
    zh: '楼长',
    en: 'Building leader',
    scopes: ['building', 'compound'],
    permissions: ['territory.read', 'people.read', ...GOV_WORK],
  },
  volunteer: {
    zh: '志愿者',
    en: 'Volunteer',
    scopes: ['tenant', 'community'],
    permissions: ['territory.read', 'governance.public'],
  },
  resident: {
    zh: '居民',
    en: 'Resident',
    scopes: ['tenant', 'community', 'compound', 'building'],
    permissions: ['territory.read', 'governance.public', 'governance.report'],
  },
} as const satisfies Record<
  string,
  { zh: string; en: string; scopes: readonly ScopeKind[]; permissions: readonly Permission[] }
>;

export type Role = keyof typeof Roles;
export const RoleCode = z.enum(Object.keys(Roles) as [Role, ...Role[]]);

/** The role granted at a community that counts for 一社区一社工 coverage. */
export const COVERAGE_ROLE: Role = 'social_worker';
