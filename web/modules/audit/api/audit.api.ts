import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { accountsRoutes } from '../../../../contracts/accounts';
import { auditRoutes as r } from '../../../../contracts/audit';
import type { QueryOf } from '../../../../contracts/common';
import { api } from '../../../lib/api';

export type AuditFilters = Omit<NonNullable<QueryOf<typeof r.events, 'in'>>, 'cursor' | 'limit'>;
export type AccessFilters = Omit<NonNullable<QueryOf<typeof r.access, 'in'>>, 'cursor' | 'limit'>;

export const auditEventsQuery = (f: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: ['audit', 'events', f],
    queryFn: ({ pageParam, signal }) =>
      api(r.events, { query: { ...f, limit: 30, cursor: pageParam ?? undefined } }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 0,
  });

export const accessEventsQuery = (f: AccessFilters) =>
  infiniteQueryOptions({
    queryKey: ['audit', 'access', f],
    queryFn: ({ pageParam, signal }) =>
      api(r.access, { query: { ...f, limit: 30, cursor: pageParam ?? undefined } }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 0,
  });

export const verifyQuery = (tenantId?: string) =>
  queryOptions({
    queryKey: ['audit', 'verify', tenantId ?? null],
    queryFn: ({ signal }) => api(r.verify, { query: { tenantId } }, signal),
    enabled: false,
    staleTime: 0,
    retry: false,
  });

/** Staff of the tenant, for the "actor" filter (first 200 by the list's order). */
export const actorOptionsQuery = (tenantId?: string) =>
  queryOptions({
    queryKey: ['audit', 'actors', tenantId ?? null],
    queryFn: ({ signal }) => api(accountsRoutes.listUsers, { query: { tenantId, limit: 200 } }, signal),
    staleTime: 300_000,
  });
