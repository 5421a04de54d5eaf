import { z } from 'zod';
import { PermissionCode, RoleCode, ScopeKind } from './access';
import { Id, IdParams, IsoDateTime, Ok, PageQuery, page, ref, route, text, Version } from './common';

const TAG = 'accounts';

export const StaffKind = z.enum([
  'social_worker',
  'supervisor',
  'community_worker',
  'subdistrict_cadre',
  'building_leader',
  'volunteer',
  'resident',
  'organization_staff',
  'other',
]);
export type StaffKind = z.infer<typeof StaffKind>;
/** How a social worker's post is paid for: 自聘 / 双百 / 物业购买. */
export const FundingSource = z.enum(['self_hired', 'shuangbai', 'property_funded']);
export const CertificateLevel = z.enum(['none', 'assistant', 'intermediate', 'senior']);

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{2,31}$/, '3–32位小写字母、数字、点、下划线或连字符');
/** ASVS 6.2: at least 10 characters, no composition rules, at most 128. */
export const NewPassword = z.string().min(10, '密码至少10位').max(128);
export const Mobile = z.string().regex(/^1[3-9]\d{9}$/, '须为11位手机号');

export const Grant = z.object({
  id: Id,
  userId: Id,
  role: RoleCode,
  scopeKind: ScopeKind,
  scopeId: Id.nullable(),
  scopeName: z.string(),
  tenantId: Id.nullable(),
  grantedAt: IsoDateTime,
  grantedBy: Id.nullable(),
});
export type Grant = z.infer<typeof Grant>;

export const User = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  /** Masked (138****1234) unless the caller may manage users. */
  phone: z.string().nullable(),
  staffKind: StaffKind,
  fundingSource: FundingSource.nullable(),
  certificateLevel: CertificateLevel.nullable(),
  homeTenantId: Id.nullable(),
  status: z.enum(['active', 'disabled']),
  lastLoginAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  version: Version,
});
export type User = z.infer<typeof User>;

export const UserDetail = User.extend({ grants: z.array(Grant) });

export const UserCreate = z.object({
  username: Username,
  displayName: text(40),
  phone: Mobile.nullable().default(null),
  staffKind: StaffKind,
  fundingSource: FundingSource.nullable().default(null),
  certificateLevel: CertificateLevel.nullable().default(null),
  homeTenantId: ref('tenant'),
  password: NewPassword,
});
export const UserUpdate = z.object({
  displayName: text(40).optional(),
  phone: Mobile.nullable().optional(),
  staffKind: StaffKind.optional(),
  fundingSource: FundingSource.nullable().optional(),
  certificateLevel: CertificateLevel.nullable().optional(),
  status: z.enum(['active', 'disabled']).optional(),
  version: Version,
});
export const UserListQuery = PageQuery.extend({
  tenantId: Id.optional(),
  q: z.string().trim().max(40).optional(),
  staffKind: StaffKind.optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
export const ResetPassword = z.object({ password: NewPassword });

export const GrantCreate = z.object({
  role: RoleCode,
  scopeKind: ScopeKind,
  /** The region, tenant, station, community, compound or building named by scopeKind. */
  scopeId: ref('tenant').meta({ 'x-ref-kind-from': 'scopeKind' }).nullable().default(null),
});

export const Me = z.object({
  user: User,
  grants: z.array(Grant),
  /** Permissions the user holds somewhere (for the menu; the server still checks each request). */
  permissions: z.array(PermissionCode),
  tenants: z.array(z.object({ id: Id, name: z.string() })),
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const Login = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
});
export const ChangePassword = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: NewPassword,
});
export const Setup = z.object({
  secret: z.string().min(1).max(200),
  username: Username,
  displayName: text(40),
  password: NewPassword,
});

export const Catalog = z.object({
  permissions: z.array(z.object({ code: z.string(), reach: z.string(), zh: z.string(), en: z.string() })),
  roles: z.array(
    z.object({
      code: RoleCode,
      zh: z.string(),
      en: z.string(),
      scopes: z.array(ScopeKind),
      permissions: z.array(z.string()),
    }),
  ),
});

export const accountsRoutes = {
  setupStatus: route({
    method: 'GET',
    path: '/api/v1/setup',
    tag: TAG,
    summary: '是否需要初始化',
    response: z.object({ needed: z.boolean() }),
  }),
  setup: route({
    method: 'POST',
    path: '/api/v1/setup',
    tag: TAG,
    summary: '用一次性初始化口令创建首个管理员',
    body: Setup,
    response: Me,
    status: 201,
  }),
  login: route({
    method: 'POST',
    path: '/api/v1/auth/login',
    tag: TAG,
    summary: '登录',
    body: Login,
    response: Me,
  }),
  logout: route({ method: 'POST', path: '/api/v1/auth/logout', tag: TAG, summary: '退出', response: Ok }),
  me: route({ method: 'GET', path: '/api/v1/auth/me', tag: TAG, summary: '当前用户', response: Me }),
  changePassword: route({
    method: 'POST',
    path: '/api/v1/auth/password',
    tag: TAG,
    summary: '修改密码',
    body: ChangePassword,
    response: Ok,
  }),
  catalog: route({
    method: 'GET',
    path: '/api/v1/access/catalog',
    tag: TAG,
    summary: '角色与权限目录',
    response: Catalog,
  }),
  listUsers: route({
    method: 'GET',
    path: '/api/v1/users',
    tag: TAG,
    summary: '人员列表',
    query: UserListQuery,
    response: page(User),
  }),
  getUser: route({
    method: 'GET',
    path: '/api/v1/users/:id',
    tag: TAG,
    summary: '人员详情',
    params: IdParams,
    response: UserDetail,
  }),
  createUser: route({
    method: 'POST',
    path: '/api/v1/users',
    tag: TAG,
    summary: '新建人员账号',
    body: UserCreate,
    response: UserDetail,
    status: 201,
  }),
  updateUser: route({
    method: 'PATCH',
    path: '/api/v1/users/:id',
    tag: TAG,
    summary: '修改人员资料或停用',
    params: IdParams,
    body: UserUpdate,
    response: UserDetail,
  }),
  resetPassword: route({
    method: 'POST',
    path: '/api/v1/users/:id/password',
    tag: TAG,
    summary: '重置密码',
    params: IdParams,
    body: ResetPassword,
    response: Ok,
  }),
  createGrant: route({
    method: 'POST',
    path: '/api/v1/users/:id/grants',
    tag: TAG,
    summary: '授予角色',
    params: IdParams,
    body: GrantCreate,
    response: Grant,
    status: 201,
  }),
  revokeGrant: route({
    method: 'POST',
    path: '/api/v1/grants/:id/revoke',
    tag: TAG,
    summary: '收回角色',
    params: IdParams,
    response: Ok,
  }),
} as const;
