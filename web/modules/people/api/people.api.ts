import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../../contracts/common';
import { type Person, peopleRoutes as r } from '../../../../contracts/people';
import { api } from '../../../lib/api';

export const peopleKeys = {
  all: ['people'] as const,
  list: ['people', 'list'] as const,
  person: (id: string) => ['people', 'person', id] as const,
  consents: (id: string) => ['people', 'person', id, 'consents'] as const,
  household: (id: string) => ['people', 'household', id] as const,
  tags: (tenantId?: string) => ['people', 'tags', tenantId ?? null] as const,
};

export type PersonFilters = Omit<NonNullable<QueryOf<typeof r.search, 'in'>>, 'cursor' | 'limit'>;

/** Residents, masked as the server sends them, keyset-paged. */
export const peopleQuery = (filters: PersonFilters) =>
  infiniteQueryOptions({
    queryKey: [...peopleKeys.list, filters],
    queryFn: ({ pageParam, signal }) =>
      api(r.search, { query: { ...filters, limit: 30, cursor: pageParam ?? undefined } }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

/** One resident, masked. Revealed values never go through this cache (see useReveal). */
export const personQuery = (id: string) =>
  queryOptions({
    queryKey: peopleKeys.person(id),
    queryFn: ({ signal }) => api(r.get, { params: { id } }, signal),
  });

export const consentsQuery = (personId: string) =>
  queryOptions({
    queryKey: peopleKeys.consents(personId),
    queryFn: ({ signal }) => api(r.listConsents, { params: { id: personId } }, signal),
  });

export const householdQuery = (id: string) =>
  queryOptions({
    queryKey: peopleKeys.household(id),
    queryFn: ({ signal }) => api(r.getHousehold, { params: { id } }, signal),
  });

export const tagsQuery = (tenantId?: string) =>
  queryOptions({
    queryKey: peopleKeys.tags(tenantId),
    queryFn: ({ signal }) => api(r.tags, { query: { tenantId } }, signal),
    staleTime: 5 * 60_000,
  });

type In<D> = BodyOf<D, 'in'>;

/** A write answers with the masked person: put it in the cache and drop the lists. */
const afterPersonWrite = (qc: ReturnType<typeof useQueryClient>, p: Person) => {
  qc.setQueryData(peopleKeys.person(p.id), p.revealed.length ? undefined : p);
  if (p.revealed.length) void qc.invalidateQueries({ queryKey: peopleKeys.person(p.id), exact: true });
  void qc.invalidateQueries({ queryKey: peopleKeys.list });
  if (p.householdId) void qc.invalidateQueries({ queryKey: peopleKeys.household(p.householdId) });
};

export function useCreatePerson() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: In<typeof r.create>) => api(r.create, { body }),
    onSuccess: (p) => afterPersonWrite(qc, p),
    gcTime: 0,
  });
}

export function useUpdatePerson(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: In<typeof r.update>) => api(r.update, { params: { id }, body }),
    onSuccess: (p) => afterPersonWrite(qc, p),
    gcTime: 0,
  });
}

export function useChangeStatus(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: In<typeof r.changeStatus>) => api(r.changeStatus, { params: { id }, body }),
    onSuccess: (p) => afterPersonWrite(qc, p),
    gcTime: 0,
  });
}

/**
 * Asks the server for clear values (it writes the access log). Deliberately not a query or a
 * mutation: the answer lives only in the calling component's state, never in the TanStack
 * caches, so it is gone as soon as the page is left.
 */
export const revealPerson = (id: string, body: In<typeof r.reveal>) =>
  api(r.reveal, { params: { id }, body });

export function useAddConsent(personId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: In<typeof r.addConsent>) => api(r.addConsent, { params: { id: personId }, body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: peopleKeys.consents(personId) }),
  });
}

export function useWithdrawConsent(personId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (consentId: string) => api(r.withdrawConsent, { params: { id: consentId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: peopleKeys.consents(personId) }),
  });
}

export function useCreateHousehold() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: In<typeof r.createHousehold>) => api(r.createHousehold, { body }),
    onSuccess: (h) => qc.setQueryData(peopleKeys.household(h.id), h),
  });
}

/** Moving someone into a household changes their page, their old household and the new one. */
export function useAddHouseholdMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ householdId, ...body }: In<typeof r.addHouseholdMember> & { householdId: string }) =>
      api(r.addHouseholdMember, { params: { id: householdId }, body }),
    onSuccess: (h) => {
      qc.setQueryData(peopleKeys.household(h.id), h);
      void qc.invalidateQueries({ queryKey: ['people', 'household'] });
      void qc.invalidateQueries({ queryKey: ['people', 'person'] });
      void qc.invalidateQueries({ queryKey: peopleKeys.list });
    },
  });
}
