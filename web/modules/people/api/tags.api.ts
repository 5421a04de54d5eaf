import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BodyOf } from '../../../../contracts/common';
import { peopleTagRoutes as tr } from '../../../../contracts/people';
import { api } from '../../../lib/api';
import { peopleKeys } from './people.api';

type In<D> = BodyOf<D, 'in'>;

/** Adds a local tag to the tenant's catalog. */
export function useCreateTag() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: In<typeof tr.createTag>) => api(tr.createTag, { body }),
    onSuccess: (_t, body) => void qc.invalidateQueries({ queryKey: peopleKeys.tags(body.tenantId) }),
  });
}

/** Renames, changes sensitivity, or retires / restores a tag. */
export function useUpdateTag(tenantId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: In<typeof tr.updateTag> }) =>
      api(tr.updateTag, { params: { code }, query: { tenantId }, body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: peopleKeys.tags(tenantId) }),
  });
}
