import type { FastifyInstance } from 'fastify';
import type { Category, Issue, IssueStatus, Meeting } from '../../../contracts/governance';

/** A JSON caller for one session: returns status and body. */
export function caller(app: FastifyInstance, cookie: string | undefined) {
  return async (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) => {
    const res = await app.inject({
      method,
      url,
      headers: cookie ? { cookie } : {},
      ...(payload !== undefined ? { payload } : {}),
    });
    return {
      status: res.statusCode,
      body: res.body ? res.json() : null,
      queries: Number(res.headers['x-db-queries'] ?? 0),
    };
  };
}
export type Caller = ReturnType<typeof caller>;

export async function categories(call: Caller, tenantId: string): Promise<Category[]> {
  const r = await call('GET', `/api/v1/governance/categories?tenantId=${tenantId}`);
  if (r.status !== 200) throw new Error(`categories: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function categoryId(call: Caller, tenantId: string, code: string): Promise<string> {
  return (await categories(call, tenantId)).find((c) => c.code === code)!.id;
}

export async function report(
  call: Caller,
  input: {
    tenantId: string;
    categoryId: string;
    buildingId?: string;
    compoundId?: string;
    communityId?: string;
  },
  title = '楼道堆物',
): Promise<Issue> {
  const r = await call('POST', '/api/v1/governance/issues', {
    title,
    description: '三楼楼道堆放纸箱和旧家具,影响通行和消防安全',
    ...input,
  });
  if (r.status !== 201) throw new Error(`report: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function move(
  call: Caller,
  issue: { id: string },
  to: IssueStatus,
  extra: object = {},
): Promise<{ status: number; body: Issue & { code?: string } }> {
  const cur = await call('GET', `/api/v1/governance/issues/${issue.id}`);
  return call('POST', `/api/v1/governance/issues/${issue.id}/transition`, {
    to,
    version: cur.body.version,
    ...extra,
  });
}

export async function meetingFor(
  call: Caller,
  bodyId: string,
  kind: Meeting['kind'] = 'council_meeting',
  entitledCount?: number,
): Promise<Meeting> {
  const r = await call('POST', '/api/v1/governance/meetings', {
    bodyId,
    kind,
    title: '楼长议事会',
    startsAt: '2026-12-01T11:00:00.000Z',
    location: '西湖花园党群服务站',
    materials: '诉求清单与现场照片',
    ...(entitledCount ? { entitledCount } : {}),
  });
  if (r.status !== 201) throw new Error(`meeting: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
