import { queryOptions, useMutation } from '@tanstack/react-query';
import type { ErrorBody } from '../../../../contracts/common';
import { peopleIoRoutes as io, type Job } from '../../../../contracts/people-io';
import { ApiError, api } from '../../../lib/api';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const jobKeys = { job: (id: string) => ['jobs', id] as const };

/** The import template for a tenant (a plain link: the browser downloads it with the session cookie). */
export const templateUrl = (tenantId: string | undefined) =>
  `${io.importTemplate.path}${tenantId ? `?tenantId=${encodeURIComponent(tenantId)}` : ''}`;

/** The job's file: the import error report or the export. */
export const jobFileUrl = (jobId: string) => io.jobFile.path.replace(':id', encodeURIComponent(jobId));

export const isJobDone = (j: Job | undefined) => j?.status === 'succeeded' || j?.status === 'failed';

/** A job's progress, polled every second until it has finished. */
export const jobQuery = (id: string) =>
  queryOptions({
    queryKey: jobKeys.job(id),
    queryFn: ({ signal }) => api(io.getJob, { params: { id } }, signal),
    refetchInterval: (q) => (isJobDone(q.state.data) ? false : 1000),
    gcTime: 0,
  });

/** The import's body is the file itself, with its own content type. */
async function uploadImport(tenantId: string, file: File): Promise<{ jobId: string }> {
  const type = /\.csv$/i.test(file.name) ? 'text/csv' : XLSX_TYPE;
  const res = await fetch(`${io.startImport.path}?tenantId=${encodeURIComponent(tenantId)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'content-type': type },
    body: file,
  });
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const body =
      data && typeof data === 'object' && 'code' in data
        ? (data as ErrorBody)
        : {
            statusCode: res.status,
            code: 'platform.internal',
            error: res.statusText,
            message: res.statusText,
          };
    throw new ApiError(body);
  }
  return data as { jobId: string };
}

export function useStartImport() {
  return useMutation({
    mutationFn: ({ tenantId, file }: { tenantId: string; file: File }) => uploadImport(tenantId, file),
  });
}
