import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, ErrorBody } from '../../../../contracts/common';
import { peopleRightsRoutes as pr } from '../../../../contracts/people';
import { ApiError, api, isApiError } from '../../../lib/api';
import { peopleKeys } from './people.api';

type In<D> = BodyOf<D, 'in'>;

export const rightsKeys = {
  volunteer: (personId: string) => ['people', 'person', personId, 'volunteer'] as const,
  retention: (tenantId: string | undefined) => ['people', 'retention', tenantId ?? null] as const,
};

/** The person's volunteer profile, or null when they are not registered as a volunteer. */
export const volunteerQuery = (personId: string) =>
  queryOptions({
    queryKey: rightsKeys.volunteer(personId),
    queryFn: async ({ signal }) => {
      try {
        return await api(pr.getVolunteer, { params: { id: personId } }, signal);
      } catch (e) {
        if (isApiError(e, 'platform.not_found')) return null;
        throw e;
      }
    },
  });

export function useSaveVolunteer(personId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: In<typeof pr.saveVolunteer>) =>
      api(pr.saveVolunteer, { params: { id: personId }, body }),
    onSuccess: (v) => qc.setQueryData(rightsKeys.volunteer(personId), v),
  });
}

/** Everything held about the person as an xlsx (the server logs the access with the purpose). */
export async function downloadSubjectExport(personId: string, purpose: string): Promise<void> {
  const res = await fetch(pr.subjectExportXlsx.path.replace(':id', encodeURIComponent(personId)), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ purpose }),
  });
  if (!res.ok) {
    const data: unknown = await res.json().catch(() => null);
    throw new ApiError(
      data && typeof data === 'object' && 'code' in data
        ? (data as ErrorBody)
        : {
            statusCode: res.status,
            code: 'platform.internal',
            error: res.statusText,
            message: res.statusText,
          },
    );
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `subject-${personId}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Erasure answers with the anonymized person: it replaces the cached one. */
export function useErasePerson(personId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: In<typeof pr.erase>) => api(pr.erase, { params: { id: personId }, body }),
    onSuccess: (p) => {
      qc.setQueryData(peopleKeys.person(p.id), p);
      void qc.invalidateQueries({ queryKey: peopleKeys.list });
      void qc.invalidateQueries({ queryKey: rightsKeys.volunteer(p.id) });
      if (p.householdId) void qc.invalidateQueries({ queryKey: peopleKeys.household(p.householdId) });
    },
  });
}

export const retentionQuery = (tenantId: string | undefined) =>
  queryOptions({
    queryKey: rightsKeys.retention(tenantId),
    queryFn: ({ signal }) => api(pr.getRetention, { query: { tenantId: tenantId! } }, signal),
    enabled: !!tenantId,
  });

export function useSetRetention() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: In<typeof pr.setRetention>) => api(pr.setRetention, { body }),
    onSuccess: (rows, body) => qc.setQueryData(rightsKeys.retention(body.tenantId), rows),
  });
}

export function usePurge() {
  return useMutation({ mutationFn: (tenantId: string) => api(pr.purge, { body: { tenantId } }) });
}
