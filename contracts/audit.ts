import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, page, route } from './common';

const TAG = 'audit';

export const AuditEvent = z.object({
  chain: z.string(),
  seq: z.number().int(),
  at: IsoDateTime,
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  tenantId: Id.nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AccessEvent = z.object({
  id: Id,
  at: IsoDateTime,
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  tenantId: Id.nullable(),
  subjectKind: z.string(),
  subjectId: z.string(),
  fields: z.array(z.string()),
  purpose: z.string(),
});
export type AccessEvent = z.infer<typeof AccessEvent>;

const Filters = PageQuery.extend({
  tenantId: Id.optional(),
  actorId: Id.optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
});
export const AuditQuery = Filters.extend({
  entity: z.string().max(60).optional(),
  entityId: z.string().max(60).optional(),
  action: z.string().max(60).optional(),
});
export const AccessQuery = Filters.extend({
  subjectKind: z.string().max(60).optional(),
  subjectId: z.string().max(60).optional(),
});

export const VerifyResult = z.object({
  chain: z.string(),
  ok: z.boolean(),
  checked: z.number().int(),
  brokenAtSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type VerifyResult = z.infer<typeof VerifyResult>;

export const auditRoutes = {
  events: route({
    method: 'GET',
    path: '/api/v1/audit/events',
    tag: TAG,
    summary: '审计日志',
    query: AuditQuery,
    response: page(AuditEvent),
  }),
  access: route({
    method: 'GET',
    path: '/api/v1/audit/access',
    tag: TAG,
    summary: '敏感数据访问日志',
    query: AccessQuery,
    response: page(AccessEvent),
  }),
  verify: route({
    method: 'GET',
    path: '/api/v1/audit/verify',
    tag: TAG,
    summary: '校验审计哈希链',
    query: z.object({ tenantId: Id.optional() }),
    response: VerifyResult,
  }),
} as const;
