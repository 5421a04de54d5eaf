import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { accountsRoutes as r } from '../../../../contracts/accounts';
import type { BodyOf, QueryOf } from '../../../../contracts/common';
import { ApiError, api } from '../../../lib/api';

export const accountsKeys = {
  me: ['accounts', 'me'] as const,
  setup: ['accounts', 'setup'] as const,
  catalog: ['accounts', 'catalog'] as const,
  users: ['accounts', 'users'] as const,
  user: (id: string) => ['accounts', 'users', 'detail', id] as const,
};

/** The signed-in user, or null when there is no session (the app then shows the login page). */
export const meQuery = queryOptions({
  queryKey: accountsKeys.me,
  queryFn: async ({ signal }) => {
    try {
      return await api(r.me, {}, signal);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  staleTime: 60_000,
});

export const setupStatusQuery = queryOptions({
  queryKey: accountsKeys.setup,
  queryFn: ({ signal }) => api(r.setupStatus, {}, signal),
  staleTime: Number.POSITIVE_INFINITY,
});

export const catalogQuery = queryOptions({
  queryKey: accountsKeys.catalog,
  queryFn: ({ signal }) => api(r.catalog, {}, signal),
  staleTime: Number.POSITIVE_INFINITY,
});

export type UserFilters = Omit<NonNullable<QueryOf<typeof r.listUsers, 'in'>>, 'cursor' | 'limit'>;

export const usersQuery = (filters: UserFilters) =>
  infiniteQueryOptions({
    queryKey: [...accountsKeys.users, 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      api(r.listUsers, { query: { ...filters, limit: 30, cursor: pageParam ?? undefined } }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const userQuery = (id: string) =>
  queryOptions({
    queryKey: accountsKeys.user(id),
    queryFn: ({ signal }) => api(r.getUser, { params: { id } }, signal),
  });

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof r.login, 'in'>) => api(r.login, { body }),
    onSuccess: (me) => {
      qc.clear();
      qc.setQueryData(accountsKeys.me, me);
    },
  });
}

export function useSetup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof r.setup, 'in'>) => api(r.setup, { body }),
    onSuccess: (me) => {
      qc.clear();
      qc.setQueryData(accountsKeys.me, me);
      qc.setQueryData(accountsKeys.setup, { needed: false });
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api(r.logout),
    onSettled: () => {
      qc.clear();
      qc.setQueryData(accountsKeys.me, null);
    },
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof r.changePassword, 'in'>) => api(r.changePassword, { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountsKeys.me }),
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof r.createUser, 'in'>) => api(r.createUser, { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountsKeys.users }),
  });
}

export function useUpdateUser(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof r.updateUser, 'in'>) => api(r.updateUser, { params: { id }, body }),
    onSuccess: (u) => {
      qc.setQueryData(accountsKeys.user(id), u);
      void qc.invalidateQueries({ queryKey: [...accountsKeys.users, 'list'] });
    },
  });
}

export function useResetPassword(id: string) {
  return useMutation({
    mutationFn: (body: BodyOf<typeof r.resetPassword, 'in'>) =>
      api(r.resetPassword, { params: { id }, body }),
  });
}

/** Grants change coverage and community worker lists too, so those caches are dropped. */
const afterGrantChange = (qc: ReturnType<typeof useQueryClient>, userId: string) => {
  void qc.invalidateQueries({ queryKey: accountsKeys.user(userId) });
  void qc.invalidateQueries({ queryKey: accountsKeys.me });
  void qc.invalidateQueries({ queryKey: ['territory'] });
};

export function useCreateGrant(userId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof r.createGrant, 'in'>) =>
      api(r.createGrant, { params: { id: userId }, body }),
    onSuccess: () => afterGrantChange(qc, userId),
  });
}

export function useRevokeGrant(userId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (grantId: string) => api(r.revokeGrant, { params: { id: grantId } }),
    onSuccess: () => afterGrantChange(qc, userId),
  });
}
