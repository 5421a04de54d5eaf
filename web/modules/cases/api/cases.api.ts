import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { accountsRoutes } from '../../../../contracts/accounts';
import { type CaseFile, caseRoutes as r } from '../../../../contracts/cases';
import type { BodyOf, QueryOf, ResponseOf } from '../../../../contracts/common';
import { peopleRoutes } from '../../../../contracts/people';
import { territoryRoutes } from '../../../../contracts/territory';
import { ApiError, api } from '../../../lib/api';

export const casesKeys = {
  all: ['cases'] as const,
  list: ['cases', 'list'] as const,
  file: (id: string) => ['cases', 'file', id] as const,
  matches: (id: string) => ['cases', 'matches', id] as const,
  settings: (tenantId?: string) => ['cases', 'settings', tenantId ?? null] as const,
  tasks: ['cases', 'tasks'] as const,
  approvals: ['cases', 'approvals'] as const,
  overdue: ['cases', 'overdue'] as const,
};

type In<D> = BodyOf<D, 'in'>;
export type CaseFilters = Omit<NonNullable<QueryOf<typeof r.list, 'in'>>, 'cursor' | 'limit'>;
export type Funding = ResponseOf<typeof r.requestFunding>;
export type CaseAction = ResponseOf<typeof r.completeAction>;

/** Caseload, keyset-paged (one query per board column). */
export const casesQuery = (filters: CaseFilters, limit = 20) =>
  infiniteQueryOptions({
    queryKey: [...casesKeys.list, filters, limit],
    queryFn: ({ pageParam, signal }) =>
      api(r.list, { query: { ...filters, limit, cursor: pageParam ?? undefined } }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });

/**
 * The case file. Each fetch writes one access-log row on the server, so it is fetched once per
 * visit and then kept fresh from the mutations' answers (no refetch on focus or remount).
 */
export const caseFileQuery = (id: string) =>
  queryOptions({
    queryKey: casesKeys.file(id),
    queryFn: ({ signal }) => api(r.get, { params: { id } }, signal),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false,
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });

export const matchesQuery = (id: string) =>
  queryOptions({
    queryKey: casesKeys.matches(id),
    queryFn: ({ signal }) => api(r.matches, { params: { id } }, signal),
  });

export const settingsQuery = (tenantId?: string) =>
  queryOptions({
    queryKey: casesKeys.settings(tenantId),
    queryFn: ({ signal }) => api(r.settings, { query: { tenantId } }, signal),
    staleTime: 5 * 60_000,
  });

export const myTasksQuery = queryOptions({
  queryKey: casesKeys.tasks,
  queryFn: ({ signal }) => api(r.myTasks, {}, signal),
});

export const myApprovalsQuery = queryOptions({
  queryKey: casesKeys.approvals,
  queryFn: ({ signal }) => api(r.myApprovals, {}, signal),
});

export const overdueQuery = (q: { tenantId?: string; communityId?: string }) =>
  queryOptions({
    queryKey: [...casesKeys.overdue, q],
    queryFn: ({ signal }) => api(r.overdue, { query: { ...q, limit: 200 } }, signal),
  });

/** Communities of the tenant, for the filters. */
export const communitiesQuery = (tenantId?: string) =>
  queryOptions({
    queryKey: ['cases', 'communities', tenantId ?? null],
    queryFn: ({ signal }) => api(territoryRoutes.listCommunities, { query: { tenantId } }, signal),
    staleTime: 10 * 60_000,
  });

/** Staff by name or username, for the supervisor, team and action-owner pickers. */
export const staffQuery = (tenantId: string | undefined, q: string) =>
  queryOptions({
    queryKey: ['cases', 'staff', tenantId ?? null, q],
    queryFn: ({ signal }) =>
      api(
        accountsRoutes.listUsers,
        { query: { tenantId, q: q || undefined, status: 'active', limit: 30 } },
        signal,
      ),
    staleTime: 60_000,
  });

/** Residents by name or pinyin initials (masked), for the subject and volunteer pickers. */
export const residentsQuery = (tenantId: string | undefined, name: string) =>
  queryOptions({
    queryKey: ['cases', 'residents', tenantId ?? null, name],
    queryFn: ({ signal }) => api(peopleRoutes.search, { query: { tenantId, name, limit: 20 } }, signal),
    enabled: name.length > 0,
    staleTime: 30_000,
  });

type QC = ReturnType<typeof useQueryClient>;

/** A write that answers with the whole file: cache it, and drop lists that may have changed. */
const afterFileWrite = (qc: QC, f: CaseFile) => {
  qc.setQueryData(casesKeys.file(f.id), f);
  void qc.invalidateQueries({ queryKey: casesKeys.list });
  void qc.invalidateQueries({ queryKey: casesKeys.tasks });
  void qc.invalidateQueries({ queryKey: casesKeys.approvals });
  void qc.invalidateQueries({ queryKey: casesKeys.overdue });
};

/** One funding request changed: put it into the cached file. */
const patchFunding = (qc: QC, fu: Funding) => {
  qc.setQueryData<CaseFile>(casesKeys.file(fu.caseId), (f) => {
    if (!f) return f;
    const has = f.funding.some((x) => x.id === fu.id);
    return {
      ...f,
      funding: has ? f.funding.map((x) => (x.id === fu.id ? fu : x)) : [...f.funding, fu],
    };
  });
  void qc.invalidateQueries({ queryKey: casesKeys.approvals });
};

function useFileMutation<V>(fn: (v: V) => Promise<CaseFile>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: (f) => afterFileWrite(qc, f) });
}

export const useCreateCase = () => useFileMutation((body: In<typeof r.create>) => api(r.create, { body }));

export const useUpdateCase = (id: string) =>
  useFileMutation((body: In<typeof r.update>) => api(r.update, { params: { id }, body }));

export const useTransition = (id: string) =>
  useFileMutation((body: In<typeof r.transition>) => api(r.transition, { params: { id }, body }));

export const useDecide = (id: string) =>
  useFileMutation(({ approvalId, ...body }: In<typeof r.decide> & { approvalId: string }) =>
    api(r.decide, { params: { id, approvalId }, body }),
  );

export const useAddRecord = (id: string) =>
  useFileMutation((body: In<typeof r.addRecord>) => api(r.addRecord, { params: { id }, body }));

export const useAddMandatoryReport = (id: string) =>
  useFileMutation((body: In<typeof r.addMandatoryReport>) =>
    api(r.addMandatoryReport, { params: { id }, body }),
  );

export const useAddService = (id: string) =>
  useFileMutation((body: In<typeof r.addService>) => api(r.addService, { params: { id }, body }));

export const useAddMember = (id: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: In<typeof r.addMember>) => api(r.addMember, { params: { id }, body }),
    onSuccess: (f) => {
      afterFileWrite(qc, f);
      void qc.invalidateQueries({ queryKey: casesKeys.matches(id) });
    },
  });
};

export const useRemoveMember = (id: string) =>
  useFileMutation((memberId: string) => api(r.removeMember, { params: { id, memberId } }));

export const useAddConference = (id: string) =>
  useFileMutation((body: In<typeof r.addConference>) => api(r.addConference, { params: { id }, body }));

export function useRequestFunding(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: In<typeof r.requestFunding>) => api(r.requestFunding, { params: { id }, body }),
    onSuccess: (fu) => patchFunding(qc, fu),
  });
}

/** Uploads one file as the raw request body (the server seals it). */
export async function uploadAttachment(fundingId: string, file: File): Promise<Funding> {
  const res = await fetch(
    `${r.addAttachment.path.replace(':id', encodeURIComponent(fundingId))}?name=${encodeURIComponent(file.name.slice(0, 100))}`,
    {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': file.type || 'application/octet-stream' },
      body: file,
    },
  );
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    throw new ApiError(
      data && typeof data === 'object' && 'code' in data
        ? data
        : {
            statusCode: res.status,
            code: 'platform.internal',
            error: res.statusText,
            message: res.statusText,
          },
    );
  }
  return data as Funding;
}

export function useUploadAttachment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ fundingId, file }: { fundingId: string; file: File }) => uploadAttachment(fundingId, file),
    onSuccess: (fu) => patchFunding(qc, fu),
  });
}

export const attachmentUrl = (fundingId: string, attachmentId: string) =>
  r.getAttachment.path
    .replace(':id', encodeURIComponent(fundingId))
    .replace(':attachmentId', encodeURIComponent(attachmentId));

export function useDecideFunding() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ fundingId, ...body }: In<typeof r.decideFunding> & { fundingId: string }) =>
      api(r.decideFunding, { params: { id: fundingId }, body }),
    onSuccess: (fu) => patchFunding(qc, fu),
  });
}

export function useCompleteAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (actionId: string) => api(r.completeAction, { params: { id: actionId } }),
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: casesKeys.tasks });
      qc.setQueryData<CaseFile>(casesKeys.file(a.caseId), (f) =>
        f
          ? {
              ...f,
              conferences: f.conferences.map((c) => ({
                ...c,
                actions: c.actions.map((x) => (x.id === a.id ? a : x)),
              })),
            }
          : f,
      );
    },
  });
}

export function useSaveSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: In<typeof r.saveSettings>) => api(r.saveSettings, { body }),
    onSuccess: (s) => qc.setQueryData(casesKeys.settings(s.tenantId), s),
  });
}

/** Names of the given users (for pickers whose value was saved as ids). */
export const userNameQuery = (id: string) =>
  queryOptions({
    queryKey: ['cases', 'user', id],
    queryFn: ({ signal }) => api(accountsRoutes.getUser, { params: { id } }, signal),
    staleTime: 10 * 60_000,
  });
