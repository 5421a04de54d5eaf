import type { FastifyInstance } from 'fastify';
import { IMPORT_COLUMNS, type ImportColumn, type Job } from '../../../contracts/people-io';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A CSV import file: the template's header row, then one line per row (missing columns empty). */
export function csvFile(rows: Partial<Record<ImportColumn, string>>[], bom = true): Buffer {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [
    IMPORT_COLUMNS.join(','),
    ...rows.map((r) => IMPORT_COLUMNS.map((c) => quote(r[c] ?? '')).join(',')),
  ];
  return Buffer.from(`${bom ? '\ufeff' : ''}${lines.join('\r\n')}\r\n`, 'utf8');
}

/** Polls a job until it has finished (the runner works after the request returns). */
export async function waitForJob(app: FastifyInstance, cookie: string, jobId: string): Promise<Job> {
  for (let i = 0; i < 500; i++) {
    const res = await app.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}`, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`job poll: ${res.statusCode} ${res.body}`);
    const job = res.json() as Job;
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('job did not finish');
}

/** Uploads a file for import and waits for its job. */
export async function importFile(
  app: FastifyInstance,
  cookie: string,
  tenantId: string,
  file: Buffer,
  type = 'text/csv',
): Promise<{ status: number; job: Job | null; body: unknown }> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/people/imports?tenantId=${tenantId}`,
    headers: { cookie, 'content-type': type },
    payload: file,
  });
  if (res.statusCode !== 202) return { status: res.statusCode, job: null, body: res.json() };
  return { status: 202, job: await waitForJob(app, cookie, res.json().jobId), body: res.json() };
}
