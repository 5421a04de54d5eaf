import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../../contracts/common';
import { interopRoutes as io, governanceRoutes as r } from '../../../../contracts/governance';
import { api } from '../../../lib/api';

export const govKeys = {
  all: ['governance'] as const,
  categories: (tenantId?: string) => ['governance', 'categories', tenantId ?? null] as const,
  issues: (q: object) => ['governance', 'issues', q] as const,
  issue: (id: string) => ['governance', 'issue', id] as const,
  duplicates: (q: object) => ['governance', 'duplicates', q] as const,
  bodies: (tenantId?: string) => ['governance', 'bodies', tenantId ?? null] as const,
  body: (id: string) => ['governance', 'body', id] as const,
  meetings: (q: object) => ['governance', 'meetings', q] as const,
  meeting: (id: string) => ['governance', 'meeting', id] as const,
  notices: (tenantId?: string) => ['governance', 'notices', tenantId ?? null] as const,
  publicIssues: (tenantId?: string) => ['governance', 'public', tenantId ?? null] as const,
};

export type IssueBoardFilters = QueryOf<typeof r.listIssues, 'in'>;

export const categoriesQuery = (tenantId?: string) =>
  queryOptions({
    queryKey: govKeys.categories(tenantId),
    queryFn: ({ signal }) => api(r.listCategories, { query: { tenantId: tenantId! } }, signal),
    enabled: !!tenantId,
    staleTime: 60_000,
  });

export const issuesQuery = (q: IssueBoardFilters) =>
  infiniteQueryOptions({
    queryKey: govKeys.issues(q),
    queryFn: ({ pageParam, signal }) =>
      api(r.listIssues, { query: { ...q, limit: 20, cursor: pageParam ?? undefined } }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: !!q.tenantId,
  });

export const issueQuery = (id: string) =>
  queryOptions({
    queryKey: govKeys.issue(id),
    queryFn: ({ signal }) => api(r.getIssue, { params: { id } }, signal),
  });

export const duplicatesQuery = (q: QueryOf<typeof r.duplicates, 'in'> | null) =>
  queryOptions({
    queryKey: govKeys.duplicates(q ?? {}),
    queryFn: ({ signal }) => api(r.duplicates, { query: q! }, signal),
    enabled: !!q,
  });

export const publicIssuesQuery = (tenantId?: string) =>
  queryOptions({
    queryKey: govKeys.publicIssues(tenantId),
    queryFn: ({ signal }) => api(r.publicIssues, { query: { tenantId: tenantId!, limit: 50 } }, signal),
    enabled: !!tenantId,
  });

export const bodiesQuery = (tenantId?: string) =>
  queryOptions({
    queryKey: govKeys.bodies(tenantId),
    queryFn: ({ signal }) => api(r.listBodies, { query: { tenantId: tenantId!, limit: 200 } }, signal),
    enabled: !!tenantId,
  });

export const bodyQuery = (id: string) =>
  queryOptions({
    queryKey: govKeys.body(id),
    queryFn: ({ signal }) => api(r.getBody, { params: { id } }, signal),
  });

export const meetingsQuery = (tenantId: string | undefined, bodyId?: string) =>
  queryOptions({
    queryKey: govKeys.meetings({ tenantId, bodyId }),
    queryFn: ({ signal }) =>
      api(r.listMeetings, { query: { tenantId: tenantId!, bodyId, limit: 100 } }, signal),
    enabled: !!tenantId,
  });

export const meetingQuery = (id: string) =>
  queryOptions({
    queryKey: govKeys.meeting(id),
    queryFn: ({ signal }) => api(r.getMeeting, { params: { id } }, signal),
  });

export const noticesQuery = (tenantId?: string) =>
  queryOptions({
    queryKey: govKeys.notices(tenantId),
    queryFn: ({ signal }) => api(r.listNotices, { query: { tenantId: tenantId!, limit: 50 } }, signal),
    enabled: !!tenantId,
  });

/** Every governance write refreshes every governance read (issues, meetings and bodies touch each other). */
function useGov<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: govKeys.all }) });
}
type In<D> = BodyOf<D, 'in'>;

export const useReportIssue = () => useGov((body: In<typeof r.reportIssue>) => api(r.reportIssue, { body }));
export const useTransition = () =>
  useGov(({ id, ...body }: { id: string } & In<typeof r.transitionIssue>) =>
    api(r.transitionIssue, { params: { id }, body }),
  );
export const useEscalate = () =>
  useGov(({ id, ...body }: { id: string } & In<typeof r.escalateIssue>) =>
    api(r.escalateIssue, { params: { id }, body }),
  );
export const useAssignProperty = () =>
  useGov(({ id, version }: { id: string; version: number }) =>
    api(r.assignProperty, { params: { id }, body: { version } }),
  );
export const useRate = () =>
  useGov(({ id, ...body }: { id: string } & In<typeof r.rateIssue>) =>
    api(r.rateIssue, { params: { id }, body }),
  );
export const useCreateBody = () => useGov((body: In<typeof r.createBody>) => api(r.createBody, { body }));
export const useAddMember = () =>
  useGov(({ id, ...body }: { id: string } & In<typeof r.addMember>) =>
    api(r.addMember, { params: { id }, body }),
  );
export const useEndMember = () =>
  useGov(({ id, ...body }: { id: string } & In<typeof r.endMember>) =>
    api(r.endMember, { params: { id }, body }),
  );
export const useCreateMeeting = () =>
  useGov((body: In<typeof r.createMeeting>) => api(r.createMeeting, { body }));
export const useAddAgenda = () =>
  useGov(({ id, ...body }: { id: string } & In<typeof r.addAgendaItem>) =>
    api(r.addAgendaItem, { params: { id }, body }),
  );
export const useSetAttendance = () =>
  useGov(({ id, ...body }: { id: string } & In<typeof r.setAttendance>) =>
    api(r.setAttendance, { params: { id }, body }),
  );
export const useSetMinutes = () =>
  useGov(({ id, ...body }: { id: string } & In<typeof r.setMinutes>) =>
    api(r.setMinutes, { params: { id }, body }),
  );
export const useAddDecision = () =>
  useGov(({ id, ...body }: { id: string } & In<typeof r.addDecision>) =>
    api(r.addDecision, { params: { id }, body }),
  );
export const useAddAction = () =>
  useGov(({ id, ...body }: { id: string } & In<typeof r.addAction>) =>
    api(r.addAction, { params: { id }, body }),
  );
export const useCompleteAction = () =>
  useGov(({ id, ...body }: { id: string } & In<typeof r.completeAction>) =>
    api(r.completeAction, { params: { id }, body }),
  );
export const useCreateNotice = () =>
  useGov((body: In<typeof r.createNotice>) => api(r.createNotice, { body }));

export const useUpdateCategory = () =>
  useGov(({ id, ...body }: { id: string } & In<typeof r.updateCategory>) =>
    api(r.updateCategory, { params: { id }, body }),
  );

export const apiKeysQuery = (tenantId?: string) =>
  queryOptions({
    queryKey: ['governance', 'api-keys', tenantId ?? null] as const,
    queryFn: ({ signal }) => api(io.listApiKeys, { query: { tenantId: tenantId! } }, signal),
    enabled: !!tenantId,
  });
export const useCreateApiKey = () =>
  useGov((body: In<typeof io.createApiKey>) => api(io.createApiKey, { body }));
export const useRevokeApiKey = () => useGov((id: string) => api(io.revokeApiKey, { params: { id } }));
